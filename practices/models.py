"""Good practices (ভালো শিখন), their replications, union budget allocations, circulars (পরিপত্র),
each practice's circular status (policy pipeline) and NILG's curated lists."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page

from hlp_site.fields import AmountBDTField, CountField

from .blocks import PracticeBodyBlock


class Theme(models.Model):
    """A theme NILG files practices under (governance and UDCC, disability inclusion, …)."""

    name_bn = models.CharField(_("name (Bangla)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    slug = models.SlugField(_("slug"), unique=True, allow_unicode=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["sort_order", "name_en"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        from django.utils.translation import get_language

        return self.name_en if (get_language() or "bn").startswith("en") else self.name_bn


class HowIdentified(models.TextChoices):
    APPRECIATIVE_INQUIRY = "appreciative_inquiry", _("Appreciative Inquiry")
    SHARING_WORKSHOP = "sharing_workshop", _("Sharing workshop")
    EXPOSURE_VISIT = "exposure_visit", _("Exposure visit")
    IDENTIFICATION_WORKSHOP = "identification_workshop", _("Good-practice identification workshop")
    OTHER = "other", _("Other")


class CircularStatus(models.TextChoices):
    """The policy pipeline of a practice."""

    NONE = "none", _("None")
    NOMINATED = "nominated", _("Nominated at a workshop")
    PRESENTED = "presented", _("Presented to policymakers")
    UNDER_REVIEW = "under_review", _("Under review")
    CIRCULAR_ISSUED = "circular_issued", _("Circular issued")
    NOT_ADOPTED = "not_adopted", _("Not adopted")


class PracticeTag(TaggedItemBase):
    content_object = ParentalKey(
        "practices.PracticePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class PracticeIndexPage(Page):
    """The catalogue of practices, at /practices/."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["practices.PracticePage", "practices.CuratedListIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("practice catalogue")


class PracticePage(Page):
    """A good practice (ভালো শিখন) of a union parishad or pourashava.

    `replication_count`, `ongoing_count`, `is_best_practice`, `best_practice_since`,
    `budget_allocated`, `budget_spent` and `circular_status` are kept up to date from
    replications, budget allocations and status changes, so lists filter and sort on columns.
    """

    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    summary_bn = models.TextField(_("summary (Bangla)"))
    summary_en = models.TextField(_("summary (English)"), blank=True)
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="practices"
    )
    tags = ClusterTaggableManager(through=PracticeTag, blank=True)
    lgi = models.ForeignKey(
        "places.Area",
        verbose_name=_("originating LGI"),
        on_delete=models.PROTECT,
        related_name="originated_practices",
        limit_choices_to={"level__in": ["union", "pourashava"]},
    )
    year_identified = models.PositiveSmallIntegerField(_("year identified"))
    how_identified = models.CharField(
        _("how identified"),
        max_length=32,
        choices=HowIdentified.choices,
        default=HowIdentified.APPRECIATIVE_INQUIRY,
    )
    body = StreamField(PracticeBodyBlock(), verbose_name=_("story"), blank=True)
    contact = models.TextField(_("contact"), blank=True)

    replication_count = models.PositiveIntegerField(_("replications"), default=0, editable=False)
    ongoing_count = models.PositiveIntegerField(
        _("ongoing replications"), default=0, editable=False
    )
    is_best_practice = models.BooleanField(_("best practice"), default=False, editable=False)
    best_practice_since = models.DateField(_("best practice since"), null=True, editable=False)
    budget_allocated = AmountBDTField(_("budget allocated"), default=0, editable=False)
    budget_spent = AmountBDTField(_("budget spent"), default=0, editable=False)
    circular_status = models.CharField(
        _("circular status"),
        max_length=20,
        choices=CircularStatus.choices,
        default=CircularStatus.NONE,
        editable=False,
        db_index=True,
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("title_en"),
        FieldPanel("summary_bn"),
        FieldPanel("summary_en"),
        MultiFieldPanel(
            [
                FieldPanel("theme"),
                FieldPanel("tags"),
                FieldPanel("lgi"),
                FieldPanel("year_identified"),
                FieldPanel("how_identified"),
            ],
            heading=_("About the practice"),
        ),
        FieldPanel("body"),
        FieldPanel("contact"),
    ]
    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        indexes = [
            models.Index(fields=["is_best_practice", "replication_count"]),
            models.Index(fields=["replication_count"]),
        ]


class ReplicationStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    COMPLETED = "completed", _("Completed")
    DISCONTINUED = "discontinued", _("Discontinued")


class Replication(models.Model):
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
    fiscal_year = models.CharField(_("fiscal year"), max_length=7, blank=True)
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


class FundSource(models.TextChoices):
    OWN_REVENUE = "own_revenue", _("Own revenue")
    BLOCK_GRANT = "block_grant", _("Block grant")
    PROJECT = "project", _("Project")
    OTHER = "other", _("Other")


class BudgetVersion(models.TextChoices):
    ORIGINAL = "original", _("Original")
    REVISED = "revised", _("Revised")


class BudgetAllocation(models.Model):
    """What an LGI put into a practice in one fiscal year (July–June, written 2023-24)."""

    lgi = models.ForeignKey(
        "places.Area",
        verbose_name=_("LGI"),
        on_delete=models.PROTECT,
        related_name="budget_allocations",
        limit_choices_to={"level__in": ["union", "pourashava"]},
    )
    fiscal_year = models.CharField(_("fiscal year"), max_length=7, db_index=True)
    practice = models.ForeignKey(
        PracticePage,
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="budget_allocations",
    )
    allocated = AmountBDTField(_("allocated (BDT)"))
    spent = AmountBDTField(_("spent (BDT)"), default=0)
    source = models.CharField(
        _("source of funds"),
        max_length=12,
        choices=FundSource.choices,
        default=FundSource.OWN_REVENUE,
    )
    version = models.CharField(
        _("budget"), max_length=8, choices=BudgetVersion.choices, default=BudgetVersion.ORIGINAL
    )

    class Meta:
        verbose_name = _("budget allocation")
        verbose_name_plural = _("budget allocations")
        constraints = [
            models.UniqueConstraint(
                fields=["lgi", "fiscal_year", "practice", "source", "version"],
                name="budget_allocation_unique_line",
            )
        ]

    def __str__(self):
        return f"{self.lgi} {self.fiscal_year} {self.practice}"


class CircularIndexPage(Page):
    """Government circulars (পরিপত্র), at /circulars/."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["practices.CircularPage"]
    max_count = 1

    class Meta:
        verbose_name = _("circulars index")


class CircularState(models.TextChoices):
    ISSUED = "issued", _("Issued")
    AMENDED = "amended", _("Amended")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CircularPage(Page):
    """A government circular (পরিপত্র) that institutionalises one or more practices."""

    memo_number = models.CharField(_("memo number (স্মারক নং)"), max_length=120)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    date_issued = models.DateField(_("date issued"))
    issuing_authority = models.CharField(_("issuing authority"), max_length=200)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("PDF"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary_bn = models.TextField(_("summary (Bangla)"))
    summary_en = models.TextField(_("summary (English)"), blank=True)
    state = models.CharField(
        _("status"), max_length=10, choices=CircularState.choices, default=CircularState.ISSUED
    )
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("supersedes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="superseded_by",
    )
    practices = models.ManyToManyField(
        PracticePage, verbose_name=_("practices"), blank=True, related_name="circulars"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("title_en"),
        FieldPanel("memo_number"),
        FieldPanel("date_issued"),
        FieldPanel("issuing_authority"),
        FieldPanel("document"),
        FieldPanel("summary_bn"),
        FieldPanel("summary_en"),
        FieldPanel("state"),
        FieldPanel("supersedes"),
        FieldPanel("practices"),
    ]
    parent_page_types = ["practices.CircularIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("circular")
        verbose_name_plural = _("circulars")


class CircularStatusChange(models.Model):
    """One dated step of a practice's policy pipeline, with who moved it and why.

    `cause` is the page that caused the step: a workshop page (the workshops app) or a circular.
    """

    practice = models.ForeignKey(
        PracticePage, on_delete=models.CASCADE, related_name="circular_status_history"
    )
    from_status = models.CharField(max_length=20, choices=CircularStatus.choices)
    to_status = models.CharField(max_length=20, choices=CircularStatus.choices)
    date = models.DateField(_("date"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)
    cause = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("workshop or circular"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "created_at"]
        verbose_name = _("circular status change")

    def __str__(self):
        return f"{self.practice}: {self.from_status} → {self.to_status}"


class CuratedListIndexPage(Page):
    """Parent of NILG's curated lists, at /practices/lists/."""

    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = ["practices.CuratedListPage"]
    max_count = 1

    class Meta:
        verbose_name = _("curated lists")


class CuratedListPage(Page):
    """NILG's ordered selection of practices, with a note per item."""

    intro_bn = models.TextField(_("introduction (Bangla)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    show_on_home_page = models.BooleanField(_("show on the home page"), default=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("title_en"),
        FieldPanel("intro_bn"),
        FieldPanel("intro_en"),
        FieldPanel("show_on_home_page"),
        InlinePanel("items", label=_("practices")),
    ]
    parent_page_types = ["practices.CuratedListIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("curated list")


class CuratedListItem(Orderable):
    curated_list = ParentalKey(CuratedListPage, on_delete=models.CASCADE, related_name="items")
    practice = models.ForeignKey(
        PracticePage, verbose_name=_("practice"), on_delete=models.CASCADE, related_name="+"
    )
    note_bn = models.TextField(_("note (Bangla)"), blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)

    panels = [FieldPanel("practice"), FieldPanel("note_bn"), FieldPanel("note_en")]
