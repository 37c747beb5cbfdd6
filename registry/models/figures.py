"""The beneficiary figures table: distinct persons and households per practice (or
programme), LGI and fiscal year. Benefits keep it up to date as they are written
(:mod:`registry.models.benefits`); :mod:`registry.aggregates` reads it."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .programmes import Programme

# The fiscal year of the figures that count all years.
ALL_YEARS = ""


class BeneficiaryAggregate(models.Model):
    """Distinct persons and households that benefited, per practice (or programme) × LGI ×
    fiscal year; `fiscal_year` "" holds the all-years figure. Kept up to date by every write of
    benefits (:mod:`registry.models.benefits`), never read from the benefit rows on a page view."""

    practice = models.ForeignKey(
        "practices.PracticePage",
        null=True,
        on_delete=models.CASCADE,
        related_name="beneficiary_aggregates",
    )
    programme = models.ForeignKey(
        Programme, null=True, on_delete=models.CASCADE, related_name="aggregates"
    )
    lgi = models.ForeignKey("places.Area", on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.CharField(max_length=7, blank=True)
    persons = models.PositiveIntegerField(default=0)
    households = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("beneficiary figure")
        verbose_name_plural = _("beneficiary figures")
        default_permissions = ("view",)
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "lgi", "fiscal_year"],
                condition=Q(practice__isnull=False),
                name="registry_aggregate_practice_key",
            ),
            models.UniqueConstraint(
                fields=["programme", "lgi", "fiscal_year"],
                condition=Q(programme__isnull=False),
                name="registry_aggregate_programme_key",
            ),
            models.CheckConstraint(
                condition=Q(practice__isnull=False, programme__isnull=True)
                | Q(practice__isnull=True, programme__isnull=False),
                name="registry_aggregate_practice_or_programme",
            ),
        ]
        indexes = [
            models.Index(fields=["practice", "fiscal_year"]),
            models.Index(fields=["programme", "fiscal_year"]),
        ]

    def __str__(self):
        return f"{self.practice_id or self.programme_id} {self.lgi_id} {self.fiscal_year}"
