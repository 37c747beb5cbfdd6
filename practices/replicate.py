"""“We did this too” (আমরাও করেছি): from a practice page, an UP editor records that their union
or pourashava replicated the practice, with its budget line, in one short form; NILG's curators
verify such replications on the same page.

An UP editor may record a replication only for the LGIs on their profile that have not recorded
this practice yet (never for the practice's own LGI, nor for another LGI: a request naming one is
refused). The replication and its budget line are written together or not at all.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bangla import fold_digits, to_bangla_digits
from places.models import Area
from portal import roles
from portal.forms import AmountField, BanglaDigitsIntegerField

from . import fiscal
from .models import BudgetAllocation, FundSource, Replication, ReplicationStatus

# A replication recorded from the practice page is planned, under way or done; “discontinued”
# is a change to an existing record, made in the admin.
NEW_STATUSES = [
    (status.value, status.label)
    for status in (
        ReplicationStatus.ONGOING,
        ReplicationStatus.COMPLETED,
        ReplicationStatus.PLANNED,
    )
]
_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


def recordable_lgis(user, practice):
    """The LGIs for which `user` may record a replication of `practice` from its page: the UP
    editor's own LGIs, less the practice's own and those that already recorded it."""
    if not (user.is_authenticated and user.is_active) or not roles.has_role(user, roles.UP_EDITOR):
        return Area.objects.none()
    if not user.has_perm("practices.add_replication"):
        return Area.objects.none()
    return (
        Area.objects.filter(pk__in=roles.user_lgis(user).values("pk"))
        .exclude(pk=practice.lgi_id)
        .exclude(replications__practice=practice)
        .order_by("name_bn")
    )


def may_verify(user):
    """Whether `user` verifies replications for NILG."""
    return (
        user.is_active and roles.is_curator(user) and user.has_perm("practices.change_replication")
    )


class StartDateField(forms.CharField):
    """A date as a phone's date picker sends it (2025-03-01), or typed: 01/03/2025, ০১/০৩/২০২৫."""

    def to_python(self, value):
        text = fold_digits(super().to_python(value) or "").strip()
        if not text:
            return None
        for pattern in _DATE_FORMATS:
            try:
                return datetime.datetime.strptime(text, pattern).date()
            except ValueError:
                continue
        raise ValidationError(
            _("“%(value)s” is not a date: write it as DD/MM/YYYY."),
            code="invalid",
            params={"value": value},
        )


def fiscal_year_choices(bangla_digits):
    """Fiscal years from the latest accepted back to HLP's first, newest first."""
    last = fiscal.latest_allowed().start
    return [
        (str(year), to_bangla_digits(str(year)) if bangla_digits else str(year))
        for year in (fiscal.FiscalYear(start) for start in range(last, fiscal.FIRST_YEAR - 1, -1))
    ]


class ReplicationReportForm(forms.Form):
    """One replication of a practice by one of the user's LGIs, and what it put in its budget."""

    lgi = forms.ModelChoiceField(queryset=Area.objects.none(), label=_("Union or pourashava"))
    status = forms.ChoiceField(
        label=_("Where is it now?"), choices=NEW_STATUSES, initial=ReplicationStatus.ONGOING
    )
    start_date = StartDateField(label=_("Started on"), required=False)
    fiscal_year = forms.ChoiceField(label=_("Fiscal year"))
    households_reached = BanglaDigitsIntegerField(
        label=_("Households reached"), required=False, min_value=0, max_value=10_000_000
    )
    allocated = AmountField(
        label=_("Allocated from the budget (taka)"),
        required=False,
        min_value=0,
        max_digits=14,
        decimal_places=2,
    )
    source = forms.ChoiceField(
        label=_("Source of funds"), choices=FundSource.choices, initial=FundSource.OWN_REVENUE
    )

    def __init__(self, *args, practice, lgis, bangla_digits=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.practice = practice
        self.fields["lgi"].queryset = lgis
        choices = list(lgis)
        if len(choices) == 1:
            self.fields["lgi"].initial = choices[0].pk
            self.fields["lgi"].widget = forms.HiddenInput()
            self.only_lgi = choices[0]
        else:
            self.only_lgi = None
        self.fields["fiscal_year"].choices = fiscal_year_choices(bangla_digits)
        self.fields["fiscal_year"].initial = str(fiscal.current())
        for name in ("households_reached", "allocated"):
            self.fields[name].widget.input_type = "text"
            self.fields[name].widget.attrs.update(inputmode="numeric", autocomplete="off")
        self.fields["allocated"].widget.attrs["inputmode"] = "decimal"
        self.fields["start_date"].widget.input_type = "date"

    def clean_start_date(self):
        day = self.cleaned_data["start_date"]
        if day is not None and day > timezone.localdate():
            raise ValidationError(_("The start date is in the future."), code="future")
        if day is not None and day.year < fiscal.FIRST_YEAR:
            raise ValidationError(
                _("The start date is before %(year)s.") % {"year": fiscal.FIRST_YEAR},
                code="too_early",
            )
        return day

    @transaction.atomic
    def save(self):
        """Write the replication and, when an amount is given, its budget line; returns the
        replication. Errors of either record are given back as this form's errors."""
        data = self.cleaned_data
        replication = Replication(
            practice=self.practice,
            lgi=data["lgi"],
            status=data["status"],
            start_date=data["start_date"],
            end_date=timezone.localdate()
            if data["status"] == ReplicationStatus.COMPLETED
            else None,
            fiscal_year=data["fiscal_year"],
            households_reached=data["households_reached"],
        )
        if replication.start_date and replication.end_date:
            replication.end_date = max(replication.start_date, replication.end_date)
        replication.full_clean()
        replication.save()
        if data["allocated"] is not None:
            line = BudgetAllocation(
                practice=self.practice,
                lgi=data["lgi"],
                fiscal_year=data["fiscal_year"],
                allocated=data["allocated"],
                spent=0,
                source=data["source"],
            )
            line.full_clean()
            line.save()
        return replication

    def add_model_errors(self, error):
        """Show a model's validation errors on the fields of this form that carry them."""
        for field, messages in error.message_dict.items():
            target = field if field in self.fields else None
            for message in messages:
                self.add_error(target, message)


def verify(replication, user):
    """Record that NILG checked `replication` (no change when it already was)."""
    if replication.verified_at is None:
        replication.verified_by = user
        replication.verified_at = timezone.now()
        replication.save(update_fields=["verified_by", "verified_at", "updated_at"])
    return replication
