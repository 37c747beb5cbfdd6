"""Admin forms that keep an UP editor's choices inside the LGIs on their profile."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from places.models import Area
from portal import roles


def limit_lgi_field(form, field_name="lgi"):
    """For anyone but a curator, offer only the user's own LGIs, in a plain select: an UP editor
    works for one or two unions, and the server refuses any other."""
    user = form.for_user
    field = form.fields.get(field_name)
    if field is None or user is None or roles.is_curator(user):
        return
    field.queryset = Area.objects.filter(pk__in=roles.user_lgis(user).values("pk")).order_by(
        "name_bn"
    )
    field.widget = forms.Select()
    field.widget.choices = field.choices


class PracticePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_lgi_field(self)


class LGIRecordForm(WagtailAdminModelForm):
    """Base form of replications and budget allocations: an LGI's own records."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_lgi_field(self)


class ReplicationForm(LGIRecordForm):
    verified = forms.BooleanField(
        label=_("Verified by NILG"),
        required=False,
        help_text=_("Tick when NILG has checked this replication on the ground."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is None or not roles.is_curator(self.for_user):
            del self.fields["verified"]
        else:
            self.fields["verified"].initial = bool(self.instance.verified_at)

    def save(self, commit=True):
        if "verified" in self.fields:
            verified = self.cleaned_data.get("verified")
            if verified and not self.instance.verified_at:
                self.instance.verified_by = self.for_user
                self.instance.verified_at = timezone.now()
            elif not verified:
                self.instance.verified_by = None
                self.instance.verified_at = None
        return super().save(commit=commit)
