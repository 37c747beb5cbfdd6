"""Admin forms that keep an UP editor's choices inside the LGIs on their profile."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from places.models import Area
from portal import roles
from portal.slugs import ReadableSlugFormMixin


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
    one_union = field.queryset.count() == 1
    if one_union and not form.instance.pk and form.initial.get(field_name) is None:
        # Nothing to choose.
        form.initial[field_name] = field.queryset.get().pk


class PracticePageForm(ReadableSlugFormMixin, WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_lgi_field(self)
        theme = self.fields.get("theme")
        if theme is not None:
            # A few dozen themes: one choice in a list, not a chooser in a second window.
            theme.widget = forms.Select()
            theme.widget.choices = theme.choices


class LGIRecordForm(WagtailAdminModelForm):
    """Base form of replications and budget allocations: an LGI's own records."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit_lgi_field(self)


# What NILG checks on the ground when it verifies a replication. A change to any of them by
# anyone but a curator clears the verification; a curator's own edit keeps it unless unticked.
VERIFIED_FIGURES = (
    "practice_id",
    "lgi_id",
    "status",
    "start_date",
    "end_date",
    "fiscal_year",
    "households_reached",
)


class ReplicationForm(LGIRecordForm):
    verified = forms.BooleanField(
        label=_("Verified by NILG"),
        required=False,
        help_text=_("Tick when NILG has checked this replication on the ground."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.verified_figures = self._figures()
        if self.for_user is None or not roles.is_curator(self.for_user):
            del self.fields["verified"]
        else:
            self.fields["verified"].initial = bool(self.instance.verified_at)

    def _figures(self):
        return {name: getattr(self.instance, name) for name in VERIFIED_FIGURES}

    def save(self, commit=True):
        instance = self.instance
        if "verified" in self.fields:
            verified = self.cleaned_data.get("verified")
            if verified and not instance.verified_at:
                instance.verified_by = self.for_user
                instance.verified_at = timezone.now()
            elif not verified:
                instance.verified_by = None
                instance.verified_at = None
        elif instance.verified_at and self._figures() != self.verified_figures:
            # The admin tells the editor (practices.wagtail_hooks.say_verification_was_cleared).
            instance.verified_by = None
            instance.verified_at = None
            instance.verification_cleared = True
        return super().save(commit=commit)
