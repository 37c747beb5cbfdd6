"""Replications of a practice by other LGIs, and what LGIs put into practices from their budgets."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.search import index

from portal.fields import AmountBDTField, CountField

from .. import fiscal
from .practice import PracticePage


class ReplicationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    DISCONTINUED = "discontinued", _("Discontinued")


def _clean_fiscal_year(instance, errors):
    if not instance.fiscal_year:
        return
    try:
        instance.fiscal_year = fiscal.normalize(instance.fiscal_year)
    except ValidationError as exc:
        errors["fiscal_year"] = exc.messages


# Shown when the chosen area is not an LGI (the field's choices are limited to LGIs).
LGI_ERRORS = {"invalid": _("Choose a union parishad or pourashava.")}


class LGIRecordSearch(index.Indexed, models.Model):
    """Search text of a record of a practice in an LGI (replications, budget lines)."""

    # Found in the admin's listing and chooser by the practice's titles and the LGI's names
    # (and the places it lies in).
    search_fields = [
        index.SearchField("practice_titles", boost=2),
        index.AutocompleteField("practice_titles"),
        index.SearchField("place_names"),
        index.AutocompleteField("lgi_names"),
        index.FilterField("practice"),
        index.FilterField("lgi"),
        index.FilterField("fiscal_year"),
    ]

    class Meta:
        abstract = True

    def practice_titles(self):
        return f"{self.practice.title} {self.practice.title_en}" if self.practice_id else ""

    def lgi_names(self):
        return f"{self.lgi.name_bn} {self.lgi.name_en}" if self.lgi_id else ""

    def place_names(self):
        return self.lgi.search_names() if self.lgi_id else ""

    @classmethod
    def get_indexed_objects(cls):
        return (
            super()
            .get_indexed_objects()
            .select_related("practice", "lgi__upazila", "lgi__district", "lgi__division")
        )


class Replication(LGIRecordSearch):
    """A practice taken up by another LGI. One per practice and LGI."""

    practice = models.ForeignKey(
        PracticePage,
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="replications",
    )
    lgi = models.ForeignKey(
        "places.Area",
        verbose_name=_("LGI"),
        on_delete=models.PROTECT,
        related_name="replications",
        limit_choices_to={"level__in": ["union", "pourashava"]},
        error_messages=LGI_ERRORS,
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ReplicationStatus.choices,
        default=ReplicationStatus.PLANNED,
        db_index=True,
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    fiscal_year = models.CharField(
        _("fiscal year"),
        max_length=7,
        blank=True,
        validators=[fiscal.validate],
        help_text=_("July to June, written 2023-24."),
    )
    households_reached = CountField(_("households reached"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [
        *LGIRecordSearch.search_fields,
        index.FilterField("status"),
        index.FilterField("verified_at"),
    ]

    class Meta:
        verbose_name = _("replication")
        verbose_name_plural = _("replications")
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "lgi"],
                name="replication_one_per_practice_and_lgi",
                violation_error_message=_("This LGI already has a replication of this practice."),
            )
        ]
        indexes = [models.Index(fields=["practice", "status"])]

    def __str__(self):
        return f"{self.practice} — {self.lgi}"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Moving a replication to another practice changes the figures of both.
        instance._loaded_practice_id = instance.__dict__.get("practice_id")
        return instance

    def clean(self):
        errors = {}
        _clean_fiscal_year(self, errors)
        if self.practice_id and self.lgi_id:
            if self.lgi_id == self.practice.lgi_id:
                errors["lgi"] = _(
                    "%(lgi)s is where “%(practice)s” comes from: an LGI does not replicate its "
                    "own practice."
                ) % {"lgi": self.lgi, "practice": self.practice.title}
            else:
                existing = (
                    Replication.objects.filter(practice_id=self.practice_id, lgi_id=self.lgi_id)
                    .exclude(pk=self.pk)
                    .first()
                )
                if existing is not None:
                    errors["lgi"] = _(
                        "%(lgi)s already has a replication of “%(practice)s” (%(status)s): "
                        "change that one instead of adding another."
                    ) % {
                        "lgi": self.lgi,
                        "practice": self.practice.title,
                        "status": existing.get_status_display(),
                    }
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date is before the start date.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_verified(self):
        return self.verified_at is not None


class RecheckMilestone(models.IntegerChoices):
    """When a completed replication is looked at again: years after it ended."""

    ONE_YEAR = 1, _("1 year after")
    THREE_YEARS = 3, _("3 years after")


class RecheckOutcome(models.TextChoices):
    RUNNING = "running", _("Still running")
    PARTLY = "partly", _("Partly running")
    STOPPED = "stopped", _("Stopped")


class Recheck(models.Model):
    """A look at a completed replication one or three years after it ended: is it still
    running? One per replication and milestone; recording it again changes it."""

    replication = models.ForeignKey(
        Replication,
        verbose_name=_("replication"),
        on_delete=models.CASCADE,
        related_name="rechecks",
    )
    milestone = models.PositiveSmallIntegerField(_("re-check"), choices=RecheckMilestone.choices)
    outcome = models.CharField(_("outcome"), max_length=8, choices=RecheckOutcome.choices)
    checked_on = models.DateField(_("date checked"))
    note = models.TextField(_("note"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("re-check")
        verbose_name_plural = _("re-checks")
        ordering = ["replication_id", "milestone"]
        constraints = [
            models.UniqueConstraint(
                fields=["replication", "milestone"],
                name="recheck_one_per_replication_and_milestone",
                violation_error_message=_("This re-check of the replication is already recorded."),
            )
        ]

    def __str__(self):
        return f"{self.replication} — {self.get_milestone_display()}"


class FundSource(models.TextChoices):
    OWN_REVENUE = "own_revenue", _("Own revenue")
    BLOCK_GRANT = "block_grant", _("Block grant")
    PROJECT = "project", _("Project")
    OTHER = "other", _("Other")


class BudgetVersion(models.TextChoices):
    ORIGINAL = "original", _("Original")
    REVISED = "revised", _("Revised")


class BudgetAllocation(LGIRecordSearch):
    """What an LGI put into a practice in one fiscal year (July–June, written 2023-24).

    A line is one LGI × fiscal year × practice × source of funds, as in the original budget or
    the revised one; where both exist the revised line supersedes the original in every total
    (see `practices.budget`).
    """

    lgi = models.ForeignKey(
        "places.Area",
        verbose_name=_("LGI"),
        on_delete=models.PROTECT,
        related_name="budget_allocations",
        limit_choices_to={"level__in": ["union", "pourashava"]},
        error_messages=LGI_ERRORS,
    )
    fiscal_year = models.CharField(
        _("fiscal year"),
        max_length=7,
        db_index=True,
        validators=[fiscal.validate],
        help_text=_("July to June, written 2023-24."),
    )
    practice = models.ForeignKey(
        PracticePage,
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="budget_allocations",
    )
    allocated = AmountBDTField(
        _("allocated (BDT)"),
        validators=[
            MinValueValidator(Decimal(0), message=_("The allocated amount cannot be negative."))
        ],
    )
    spent = AmountBDTField(
        _("spent (BDT)"),
        default=0,
        validators=[
            MinValueValidator(Decimal(0), message=_("The amount spent cannot be negative."))
        ],
    )
    source = models.CharField(
        _("source of funds"),
        max_length=12,
        choices=FundSource.choices,
        default=FundSource.OWN_REVENUE,
    )
    version = models.CharField(
        _("budget"), max_length=8, choices=BudgetVersion.choices, default=BudgetVersion.ORIGINAL
    )

    search_fields = [
        *LGIRecordSearch.search_fields,
        index.FilterField("source"),
        index.FilterField("version"),
    ]

    class Meta:
        verbose_name = _("budget allocation")
        verbose_name_plural = _("budget allocations")
        constraints = [
            models.UniqueConstraint(
                fields=["lgi", "fiscal_year", "practice", "source", "version"],
                name="budget_allocation_unique_line",
                violation_error_message=_(
                    "This LGI already has this budget line (fiscal year, practice, source of "
                    "funds and budget)."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(allocated__gte=0) & models.Q(spent__gte=0),
                name="budget_allocation_not_negative",
                violation_error_message=_("Budget amounts cannot be negative."),
            ),
            models.CheckConstraint(
                condition=models.Q(spent__lte=models.F("allocated")),
                name="budget_allocation_spent_within_allocated",
                violation_error_message=_("The amount spent cannot exceed the amount allocated."),
            ),
        ]
        indexes = [models.Index(fields=["practice", "fiscal_year"])]

    def __str__(self):
        return f"{self.lgi} {self.fiscal_year} {self.practice}"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_practice_id = instance.__dict__.get("practice_id")
        return instance

    def clean(self):
        errors = {}
        _clean_fiscal_year(self, errors)
        if (
            self.allocated is not None
            and self.spent is not None
            and self.spent > self.allocated >= 0
        ):
            errors["spent"] = _(
                "The amount spent (%(spent)s) is more than the amount allocated (%(allocated)s)."
            ) % {"spent": self.spent, "allocated": self.allocated}
        if self.practice_id and self.lgi_id:
            practice = self.practice
            replicates = Replication.objects.filter(practice=practice, lgi_id=self.lgi_id).exists()
            if self.lgi_id != practice.lgi_id and not replicates:
                errors["lgi"] = _(
                    "%(lgi)s has no replication of “%(practice)s”: record the replication "
                    "before its budget."
                ) % {"lgi": self.lgi, "practice": practice.title}
        if errors:
            raise ValidationError(errors)
