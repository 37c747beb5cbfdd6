"""The admin's forms for workshops and exposure visits: the checks that span a page and its
inline rows (decisions, visiting LGIs, commitments)."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from places.models import LGI_LEVELS
from portal import roles
from portal.slugs import ReadableSlugFormMixin


def _kept_rows(formset):
    """The cleaned rows of an inline formset that are not being deleted."""
    if formset is None:
        return []
    formset.is_valid()
    return [
        form
        for form in formset.forms
        if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
    ]


class WorkshopPageForm(ReadableSlugFormMixin, WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        self._check_nominations()
        return cleaned_data

    def _check_nominations(self):
        from practices.models import CircularStatus
        from practices.pipeline import allowed_next

        nominated = set()
        for form in _kept_rows(self.formsets.get("decisions")):
            if not form.cleaned_data.get("nominates_for_circular"):
                continue
            practice = form.cleaned_data.get("practice")
            if practice is None:
                form.add_error(
                    "practice", _("Choose the practice this decision nominates for a circular.")
                )
                continue
            practice = practice.specific
            if practice.pk in nominated:
                form.add_error(
                    "nominates_for_circular",
                    _("Another decision of this workshop already nominates “%(practice)s”.")
                    % {"practice": practice.title},
                )
                continue
            nominated.add(practice.pk)
            instance = form.instance
            recorded = instance.nomination_id and instance.practice_id == practice.pk
            if not recorded and CircularStatus.NOMINATED not in allowed_next(
                practice.circular_status
            ):
                form.add_error(
                    "nominates_for_circular",
                    _(
                        "“%(practice)s” cannot be nominated now: its circular status is "
                        "“%(status)s”."
                    )
                    % {
                        "practice": practice.title,
                        "status": CircularStatus(practice.circular_status).label,
                    },
                )


class ExposureVisitForm(WagtailAdminModelForm):
    def clean(self):
        cleaned_data = super().clean()
        host = cleaned_data.get("host_lgi")
        if host is not None and host.level not in LGI_LEVELS:
            self.add_error("host_lgi", _("The host must be a union parishad or a pourashava."))
        visiting = self._check_visiting_lgis(host)
        seen = {
            form.cleaned_data["practice"].pk
            for form in _kept_rows(self.formsets.get("practices_seen"))
            if form.cleaned_data.get("practice")
        }
        for form in _kept_rows(self.formsets.get("commitments")):
            lgi, practice = form.cleaned_data.get("lgi"), form.cleaned_data.get("practice")
            if lgi is not None and lgi.pk not in visiting:
                form.add_error("lgi", _("Only a visiting LGI can commit to replicate."))
            if practice is not None and practice.pk not in seen:
                form.add_error("practice", _("Add this practice to the practices seen first."))
        self._check_reach(host, visiting)
        return cleaned_data

    def _check_visiting_lgis(self, host):
        visiting = set()
        for form in _kept_rows(self.formsets.get("visiting_lgis")):
            lgi = form.cleaned_data.get("lgi")
            if lgi is None:
                continue
            if lgi.level not in LGI_LEVELS:
                form.add_error("lgi", _("Choose a union parishad or a pourashava."))
            elif host is not None and lgi.pk == host.pk:
                form.add_error("lgi", _("The host LGI does not visit itself."))
            elif lgi.pk in visiting:
                form.add_error("lgi", _("This LGI is listed twice."))
            visiting.add(lgi.pk)
        return visiting

    def _check_reach(self, host, visiting):
        user = self.for_user
        if user is None or roles.is_curator(user):
            return
        involved = set(visiting) | ({host.pk} if host is not None else set())
        if not roles.user_lgis(user).filter(pk__in=involved).exists():
            self.add_error(
                None,
                _(
                    "You can record exposure visits of your own LGIs only: make one of them "
                    "the host or a visiting LGI."
                ),
            )

    def save(self, commit=True):
        if self.instance.pk is None and self.for_user is not None:
            self.instance.created_by = self.for_user
        return super().save(commit=commit)
