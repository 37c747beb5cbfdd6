"""Re-checks of completed replications (“does it last?”): one year and three years after a
replication ended, its UP editor or NILG looks again and records whether it is still running,
partly running or stopped.

A re-check is due on the anniversary of the end date (29 February: 1 March) and overdue
`GRACE_MONTHS` later. Once the three-year re-check is due, a one-year re-check never recorded is
no longer asked for: the later look answers the same question. A re-check may be dated from
`GRACE_MONTHS` before it is due (a field survey a little early) up to today.

Who records: NILG's curators for every LGI, an UP editor for the LGIs on their profile.
"""

import calendar
import datetime
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.images import get_image_model
from wagtail.images.fields import WagtailImageField

from portal import roles
from portal.templatetags.hlp import digits, num

from .models import (
    Recheck,
    RecheckMilestone,
    RecheckOutcome,
    Replication,
    ReplicationStatus,
)
from .permissions import lgi_ids
from .replicate import StartDateField

GRACE_MONTHS = 3
MILESTONES = tuple(RecheckMilestone.values)  # (1, 3)


def add_years(day, years):
    """The same day `years` later; 29 February becomes 1 March in a year without it."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, month=3, day=1)


def years_before(day, years):
    """The latest end date whose re-check `years` after it is due by `day` (`add_years`
    turned round)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def add_months(day, months):
    """The same day `months` later (earlier when negative), or the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def due_on(end_date, milestone):
    return add_years(end_date, milestone)


def overdue_from(end_date, milestone):
    """The first day a re-check not yet recorded is overdue."""
    return add_months(due_on(end_date, milestone), GRACE_MONTHS) + datetime.timedelta(days=1)


def earliest_date(end_date, milestone):
    """The earliest day a re-check may be dated."""
    return add_months(due_on(end_date, milestone), -GRACE_MONTHS)


class _Day:
    """A date in a message, written the active language's way when the message is shown (an
    import keeps its messages in Bangla and English)."""

    def __init__(self, day):
        self.day = day

    def __str__(self):
        return digits(date_format(self.day, "j F Y"))


def date_problem(end_date, milestone, checked_on, today=None):
    """Why a re-check cannot carry this date, as (message, params), or None."""
    today = today or timezone.localdate()
    if checked_on > today:
        return gettext_lazy("The date checked is in the future."), {}
    earliest = earliest_date(end_date, milestone)
    if checked_on < earliest:
        return gettext_lazy(
            "The replication ended on %(end)s: its re-check %(when)s cannot be dated before "
            "%(earliest)s."
        ), {
            "end": _Day(end_date),
            "when": RecheckMilestone(milestone).label,
            "earliest": _Day(earliest),
        }
    return None


@dataclass
class DueRecheck:
    """A re-check waiting to be recorded."""

    replication: Replication
    milestone: int
    due_on: datetime.date
    overdue: bool
    may_record: bool = False

    @property
    def label(self):
        return RecheckMilestone(self.milestone).label


def due_replications(today=None, lgis=None):
    """Completed replications of published practices with a re-check due and not recorded,
    longest waiting first: those that ended three years ago or more without their three-year
    re-check, and those that ended one to three years ago without their one-year re-check.
    `lgis`: only the replications of these LGIs (a queryset or ids)."""
    today = today or timezone.localdate()
    one, three = years_before(today, 1), years_before(today, 3)

    def recorded(milestone):
        return Exists(Recheck.objects.filter(replication=OuterRef("pk"), milestone=milestone))

    rows = Replication.objects.filter(
        status=ReplicationStatus.COMPLETED, end_date__isnull=False, practice__live=True
    ).filter(
        Q(end_date__lte=three) & ~recorded(3)
        | Q(end_date__gt=three, end_date__lte=one) & ~recorded(1)
    )
    if lgis is not None:
        rows = rows.filter(lgi__in=lgis)
    return rows.select_related("practice", "lgi", "lgi__upazila", "lgi__district").order_by(
        "end_date", "pk"
    )


def due_list(replications, user=None, today=None):
    """`DueRecheck`s for these replications (as `due_replications` gives them), each saying
    whether `user` may record it."""
    today = today or timezone.localdate()
    three = years_before(today, 3)
    items = []
    for replication in replications:
        milestone = 3 if replication.end_date <= three else 1
        items.append(
            DueRecheck(
                replication=replication,
                milestone=milestone,
                due_on=due_on(replication.end_date, milestone),
                overdue=today >= overdue_from(replication.end_date, milestone),
                may_record=user is not None and may_record(user, replication.lgi_id),
            )
        )
    return items


def may_record(user, lgi_id):
    """Whether `user` may record re-checks of the LGI with this primary key: a curator for
    every LGI, an UP editor for their own."""
    if not (user.is_authenticated and user.is_active):
        return False
    if not user.has_perm("practices.add_recheck"):
        return False
    if roles.is_curator(user):
        return True
    return roles.has_role(user, roles.UP_EDITOR) and lgi_id in lgi_ids(user)


def recordable(replication, milestone):
    """Whether this re-check can be recorded at all: the replication is completed, with its end
    date, and the milestone is one of the two."""
    return (
        milestone in MILESTONES
        and replication.status == ReplicationStatus.COMPLETED
        and replication.end_date is not None
    )


class RecheckForm(forms.Form):
    """One re-check of one replication, recorded from the portal's own pages on a phone."""

    outcome = forms.ChoiceField(
        label=gettext_lazy("Is it still running?"),
        choices=RecheckOutcome.choices,
        widget=forms.RadioSelect,
    )
    checked_on = StartDateField(label=gettext_lazy("Date checked"))
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("What you saw, in a sentence or two."),
    )
    photo = WagtailImageField(label=gettext_lazy("Photo (optional)"), required=False)

    def __init__(self, *args, replication, milestone, user, **kwargs):
        self.replication = replication
        self.milestone = milestone
        self.user = user
        self.existing = Recheck.objects.filter(replication=replication, milestone=milestone).first()
        if self.existing is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                "outcome": self.existing.outcome,
                "checked_on": self.existing.checked_on.isoformat(),
                "note": self.existing.note,
            }
        super().__init__(*args, **kwargs)
        self.fields["checked_on"].widget.input_type = "date"
        self.fields["checked_on"].initial = self.fields["checked_on"].initial or (
            timezone.localdate().isoformat()
        )

    def clean_checked_on(self):
        day = self.cleaned_data["checked_on"]
        if day is None:
            raise ValidationError(_("Give the date of the re-check."), code="required")
        problem = date_problem(self.replication.end_date, self.milestone, day)
        if problem:
            message, params = problem
            raise ValidationError(
                str(message) % {name: str(value) for name, value in params.items()}, code="date"
            )
        return day

    @transaction.atomic
    def save(self):
        data = self.cleaned_data
        recheck = self.existing or Recheck(replication=self.replication, milestone=self.milestone)
        recheck.outcome = data["outcome"]
        recheck.checked_on = data["checked_on"]
        recheck.note = data["note"]
        recheck.checked_by = self.user
        if data.get("photo"):
            image = get_image_model()(
                title=_("Re-check: %(practice)s, %(lgi)s")
                % {"practice": self.replication.practice.title, "lgi": self.replication.lgi.name},
                file=data["photo"],
                uploaded_by_user=self.user,
            )
            image._set_image_file_metadata()
            image.save()
            recheck.photo = image
        recheck.save()
        return recheck


def _share(part, whole):
    return f"{num(round(100 * part / whole))}%"


def sustainability(figures):
    """What a reader is told of a practice's (or a selection's) re-checks: [{"milestone",
    "checked", "running", "partly", "share", "text"}] for each milestone with any re-check.
    `figures`: an object or a dict with the fields of `SUSTAINABILITY_FIELDS`."""

    def read(name):
        return (figures.get(name) if isinstance(figures, dict) else getattr(figures, name)) or 0

    lines = []
    for milestone in MILESTONES:
        checked = read(f"checked_{milestone}y")
        if not checked:
            continue
        running, partly = read(f"running_{milestone}y"), read(f"partly_{milestone}y")
        when = _("After 1 year") if milestone == 1 else _("After 3 years")
        text = _("%(when)s: %(running)s of %(checked)s still running") % {
            "when": when,
            "running": num(running),
            "checked": num(checked),
        }
        lines.append(
            {
                "milestone": milestone,
                "checked": checked,
                "running": running,
                "partly": partly,
                "share": _share(running, checked),
                "text": text,
            }
        )
    return lines
