"""The national dashboard page and the small figure tables it reads.

`PracticeFigure`, `LgiReach` and `BeneficiaryFigure` are maintained aggregates of replications,
union budget lines and the registry's beneficiary figures (see `dashboards.aggregates`): one row
per practice × upazila × fiscal year (× source of funds for budget lines), with the theme and the
ancestor areas copied in, so every filter of the dashboard is a `WHERE` on one narrow table and
every chart a `GROUP BY` on it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from portal import pagecontext
from portal.fields import AmountBDTField
from portal.restrictions import CheapViewRestrictions


class DashboardPage(CheapViewRestrictions, Page):
    """The national dashboard, at /dashboard/: headline figures, charts and maps, filtered by
    division, district, theme and fiscal-year range from the address."""

    intro_bn = RichTextField(_("introduction (Bangla)"), blank=True)
    intro_en = RichTextField(_("introduction (English)"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro_bn"), FieldPanel("intro_en")]
    parent_page_types = ["hlp_site.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = _("dashboard")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(pagecontext.build(request, self))
        return context


class PracticeFigure(models.Model):
    """What one practice counts in one upazila and fiscal year.

    Rows with `source` "" carry replications; rows with a source of funds carry the effective
    budget lines of that source (a revised line supersedes the original). `fiscal_year` "" holds
    replications whose year is not known.
    """

    practice = models.ForeignKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="+"
    )
    theme = models.ForeignKey("practices.Theme", on_delete=models.CASCADE, related_name="+")
    division = models.ForeignKey(
        "places.Area", null=True, on_delete=models.CASCADE, related_name="+"
    )
    district = models.ForeignKey(
        "places.Area", null=True, on_delete=models.CASCADE, related_name="+"
    )
    upazila = models.ForeignKey(
        "places.Area", null=True, on_delete=models.CASCADE, related_name="+"
    )
    fiscal_year = models.CharField(max_length=7, blank=True)
    source = models.CharField(max_length=12, blank=True)
    completed = models.PositiveIntegerField(default=0)
    ongoing = models.PositiveIntegerField(default=0)
    households_reported = models.PositiveBigIntegerField(default=0)
    allocated = AmountBDTField(default=0)
    spent = AmountBDTField(default=0)

    class Meta:
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "upazila", "fiscal_year", "source"],
                name="dashboards_practice_figure_key",
            )
        ]
        indexes = [
            models.Index(fields=["fiscal_year", "theme"]),
            models.Index(fields=["division", "fiscal_year"]),
            models.Index(fields=["district", "fiscal_year"]),
            models.Index(fields=["upazila", "fiscal_year"]),
        ]

    def __str__(self):
        return f"{self.practice_id} {self.upazila_id} {self.fiscal_year} {self.source}"


class LgiReach(models.Model):
    """An LGI that completed a replication of a practice of `theme` in `fiscal_year`: counting
    distinct LGIs under any filter is a count over these rows."""

    lgi = models.ForeignKey("places.Area", on_delete=models.CASCADE, related_name="+")
    practice = models.ForeignKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="+"
    )
    theme = models.ForeignKey("practices.Theme", on_delete=models.CASCADE, related_name="+")
    division = models.ForeignKey(
        "places.Area", null=True, on_delete=models.CASCADE, related_name="+"
    )
    district = models.ForeignKey(
        "places.Area", null=True, on_delete=models.CASCADE, related_name="+"
    )
    upazila = models.ForeignKey(
        "places.Area", null=True, on_delete=models.CASCADE, related_name="+"
    )
    fiscal_year = models.CharField(max_length=7, blank=True)

    class Meta:
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["practice", "lgi"], name="dashboards_lgi_reach_key")
        ]
        indexes = [
            models.Index(fields=["fiscal_year", "theme"]),
            models.Index(fields=["division", "fiscal_year"]),
            models.Index(fields=["district", "fiscal_year"]),
        ]

    def __str__(self):
        return f"{self.lgi_id} {self.practice_id} {self.fiscal_year}"


class BeneficiaryFigure(models.Model):
    """The registry's beneficiary figures of one practice in one LGI: persons and households
    (each counted once per practice and LGI), per fiscal year, and over all years where
    `fiscal_year` is "". Read instead of the registry's own table so a dashboard filter needs
    no join, and so every output of a data version reads the same figures
    (`dashboards.cube` protects them)."""

    practice = models.ForeignKey(
        "practices.PracticePage", on_delete=models.CASCADE, related_name="+"
    )
    theme = models.ForeignKey("practices.Theme", on_delete=models.CASCADE, related_name="+")
    division = models.ForeignKey(
        "places.Area", null=True, on_delete=models.CASCADE, related_name="+"
    )
    district = models.ForeignKey(
        "places.Area", null=True, on_delete=models.CASCADE, related_name="+"
    )
    upazila = models.ForeignKey(
        "places.Area", null=True, on_delete=models.CASCADE, related_name="+"
    )
    # Null only on rows copied before LGIs were kept (they are copied again, see the migration).
    lgi = models.ForeignKey("places.Area", null=True, on_delete=models.CASCADE, related_name="+")
    fiscal_year = models.CharField(max_length=7, blank=True)
    persons = models.PositiveIntegerField(default=0)
    households = models.PositiveIntegerField(default=0)

    class Meta:
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["practice", "lgi", "fiscal_year"],
                name="dashboards_beneficiary_figure_lgi_key",
            )
        ]
        indexes = [
            models.Index(fields=["fiscal_year", "theme"]),
            models.Index(fields=["division", "fiscal_year"]),
            models.Index(fields=["district", "fiscal_year"]),
            models.Index(fields=["upazila", "fiscal_year"]),
        ]

    def __str__(self):
        return f"{self.practice_id} {self.lgi_id} {self.fiscal_year}"


class DataVersion(models.Model):
    """A number raised on every change of the data the dashboard shows. It is part of every
    cached fragment's key, so a change is visible on the next request in every process."""

    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)
    # What the registry's aggregates added up to when they were last copied (see aggregates).
    registry_stamp = models.CharField(max_length=80, blank=True)

    class Meta:
        default_permissions = ()

    def __str__(self):
        return str(self.version)
