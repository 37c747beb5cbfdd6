from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable
from wagtail.search import index

from places.models import LGI_LEVELS
from portal.templatetags.hlp import digits

from ..admin_forms import ExposureVisitForm
from .attendance import ParticipantCounts

# A commitment not turned into a replication this many months after the visit is followed up.
COMMITMENT_GRACE_MONTHS = 6


class ExposureVisit(index.Indexed, ParticipantCounts, ClusterableModel):
    """An exposure visit (অভিজ্ঞতা বিনিময় সফর): people of other LGIs come to a host LGI to see its
    practices, and each visiting LGI may commit to replicate one."""

    host_lgi = models.ForeignKey(
        "places.Area",
        verbose_name=_("host LGI"),
        on_delete=models.PROTECT,
        related_name="hosted_exposure_visits",
        limit_choices_to={"level__in": LGI_LEVELS},
    )
    starts_on = models.DateField(_("date"), db_index=True)
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    organiser = models.CharField(_("organiser"), max_length=255, blank=True)
    summary_bn = models.TextField(_("what was seen (Bangla)"), blank=True)
    summary_en = models.TextField(_("what was seen (English)"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("host_lgi"),
                FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
                FieldPanel("organiser"),
            ],
            heading=_("Visit"),
        ),
        InlinePanel("visiting_lgis", heading=_("Visiting LGIs"), label=_("visiting LGI")),
        InlinePanel("practices_seen", heading=_("Practices seen"), label=_("practice")),
        ParticipantCounts.participant_panel(heading=_("Participants by role")),
        FieldPanel("summary_bn"),
        FieldPanel("summary_en"),
        InlinePanel("commitments", heading=_("Commitments to replicate"), label=_("commitment")),
    ]

    base_form_class = ExposureVisitForm
    search_fields = [
        index.SearchField("host_names", boost=2),
        index.AutocompleteField("host_names"),
        index.SearchField("summary_bn"),
        index.SearchField("summary_en"),
        index.SearchField("organiser"),
        index.FilterField("host_lgi"),
        index.FilterField("starts_on"),
        # Staff of a visiting LGI reach the visit too (`ExposureVisitPermissionPolicy`).
        index.RelatedFields("visiting_lgis", [index.FilterField("lgi")]),
    ]

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("exposure visit")
        verbose_name_plural = _("exposure visits")

    def __str__(self):
        day = digits(formats.date_format(self.starts_on, "j F Y")) if self.starts_on else ""
        return _("Exposure visit: %(host)s, %(date)s") % {
            "host": self.host_lgi.name if self.host_lgi_id else "—",
            "date": day,
        }

    def host_names(self):
        """Both names of the host LGI and of the places it lies in, for search."""
        return self.host_lgi.search_names() if self.host_lgi_id else ""

    @property
    def summary(self):
        if (get_language() or "bn").startswith("en") and self.summary_en:
            return self.summary_en
        return self.summary_bn

    @property
    def is_upcoming(self):
        return self.starts_on >= timezone.localdate()

    def get_absolute_url(self):
        return reverse("workshops_visit_detail", kwargs={"pk": self.pk})

    def lgi_ids(self):
        """The host and every visiting LGI: whose staff may record this visit."""
        return {self.host_lgi_id, *(v.lgi_id for v in self.visiting_lgis.all())}


class VisitingLGI(Orderable):
    visit = ParentalKey(ExposureVisit, on_delete=models.CASCADE, related_name="visiting_lgis")
    lgi = models.ForeignKey(
        "places.Area",
        verbose_name=_("LGI"),
        on_delete=models.PROTECT,
        related_name="exposure_visits_made",
        limit_choices_to={"level__in": LGI_LEVELS},
    )

    panels = [FieldPanel("lgi")]

    class Meta(Orderable.Meta):
        verbose_name = _("visiting LGI")
        constraints = [
            models.UniqueConstraint(fields=["visit", "lgi"], name="visiting_lgi_once_per_visit")
        ]


class VisitPractice(Orderable):
    visit = ParentalKey(ExposureVisit, on_delete=models.CASCADE, related_name="practices_seen")
    practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="exposure_visits",
    )

    panels = [FieldPanel("practice")]

    class Meta(Orderable.Meta):
        verbose_name = _("practice seen")


class ReplicationCommitment(Orderable):
    """A visiting LGI's commitment to replicate a practice it saw, until it becomes a
    replication (one per practice and LGI, like replications themselves)."""

    visit = ParentalKey(ExposureVisit, on_delete=models.CASCADE, related_name="commitments")
    lgi = models.ForeignKey(
        "places.Area",
        verbose_name=_("visiting LGI"),
        on_delete=models.PROTECT,
        related_name="replication_commitments",
        limit_choices_to={"level__in": LGI_LEVELS},
    )
    practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="replication_commitments",
    )
    owner = models.CharField(
        _("owner"), max_length=255, help_text=_("Who in the LGI sees it through (name, post).")
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    replication = models.ForeignKey(
        "practices.Replication",
        verbose_name=_("replication"),
        null=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="commitments",
    )

    panels = [
        FieldRowPanel([FieldPanel("lgi"), FieldPanel("practice")]),
        FieldRowPanel([FieldPanel("owner"), FieldPanel("due_date")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("commitment to replicate")
        verbose_name_plural = _("commitments to replicate")

    def __str__(self):
        return f"{self.lgi} — {self.practice}"

    def follow_up_from(self):
        """The day from which a commitment still without a replication is followed up."""
        return add_months(self.visit.starts_on, COMMITMENT_GRACE_MONTHS)


def add_months(day, months):
    """The same day `months` later, or the month's last day when it has fewer days."""
    import calendar

    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )
