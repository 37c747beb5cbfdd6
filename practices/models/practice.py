"""The catalogue of good practices (ভালো শিখন) and the practice page."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal import pagecontext
from portal.fields import AmountBDTField
from portal.pages import BilingualIndexPage
from portal.restrictions import CheapViewRestrictions

from ..blocks import PracticeBodyBlock
from ..forms import PracticePageForm
from .snippets import Theme, is_english

# How many completed replications were re-checked one and three years after they ended, and how
# many of those were found still running or partly running (`practices.counts`).
SUSTAINABILITY_FIELDS = (
    "checked_1y",
    "running_1y",
    "partly_1y",
    "checked_3y",
    "running_3y",
    "partly_3y",
)


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


class BilingualMixin:
    """`display_title` and `summary` in the page language, Bangla when English is missing."""

    @property
    def display_title(self):
        return (self.title_en or self.title) if is_english() else self.title

    @property
    def summary(self):
        return (self.summary_en or self.summary_bn) if is_english() else self.summary_bn


class PracticeIndexPage(CheapViewRestrictions, BilingualIndexPage, Page):
    """The catalogue of practices, at /practices/: filters, sorting, pages of results."""

    content_panels = [*Page.content_panels, *BilingualIndexPage.bilingual_panels]
    subpage_types = ["practices.PracticePage", "practices.CuratedListIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("practice catalogue")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(pagecontext.build(request, self))
        return context


class PracticePage(CheapViewRestrictions, BilingualMixin, Page):
    """A good practice (ভালো শিখন) of a union parishad or pourashava.

    `replication_count`, `ongoing_count`, `is_best_practice`, `best_practice_since`,
    `budget_allocated`, `budget_spent`, `circular_status` and the re-check figures
    (`SUSTAINABILITY_FIELDS`) are kept up to date from replications, their re-checks, budget
    allocations and status changes (see `practices.counts` and `practices.pipeline`), so lists
    filter and sort on columns.
    """

    # Figures derived from other rows: a revision published later must not bring back the
    # values it was saved with.
    DERIVED_FIELDS = (
        "replication_count",
        "ongoing_count",
        "is_best_practice",
        "best_practice_since",
        "budget_allocated",
        "budget_spent",
        "circular_status",
        *SUSTAINABILITY_FIELDS,
    )

    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    summary_bn = models.TextField(_("summary (Bangla)"))
    summary_en = models.TextField(_("summary (English)"), blank=True)
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.PROTECT, related_name="practices"
    )
    tags = ClusterTaggableManager(through=PracticeTag, blank=True)

    # Read by the page's template on every view: joined in when the page is routed to.
    route_related = ("theme", "lgi", "lgi__upazila", "lgi__district", "lgi__division")
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
    is_demo = models.BooleanField(
        _("demo content"),
        default=False,
        help_text=_("Generated to show how the portal works; not a real record."),
    )

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
    checked_1y = models.PositiveIntegerField(
        _("re-checked after 1 year"), default=0, editable=False
    )
    running_1y = models.PositiveIntegerField(_("running after 1 year"), default=0, editable=False)
    partly_1y = models.PositiveIntegerField(
        _("partly running after 1 year"), default=0, editable=False
    )
    checked_3y = models.PositiveIntegerField(
        _("re-checked after 3 years"), default=0, editable=False
    )
    running_3y = models.PositiveIntegerField(_("running after 3 years"), default=0, editable=False)
    partly_3y = models.PositiveIntegerField(
        _("partly running after 3 years"), default=0, editable=False
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
    settings_panels = [*Page.settings_panels, FieldPanel("is_demo")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("title_en", boost=2),
        index.AutocompleteField("title_en"),
        index.SearchField("summary_bn"),
        index.SearchField("summary_en"),
        index.SearchField("body"),
        index.SearchField("tag_names"),
        index.SearchField("theme_names"),
        index.SearchField("place_names"),
        index.FilterField("lgi"),
        index.FilterField("theme"),
        index.FilterField("circular_status"),
        index.FilterField("is_best_practice"),
        index.FilterField("year_identified"),
        index.FilterField("has_unpublished_changes"),
    ]
    base_form_class = PracticePageForm
    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("practice")
        verbose_name_plural = _("practices")
        indexes = [
            models.Index(fields=["is_best_practice", "replication_count"]),
            models.Index(fields=["replication_count"]),
            models.Index(fields=["budget_allocated"]),
        ]

    def tag_names(self):
        """The practice's tags by their Bangla and English names, for search (a text field: the
        tag relation itself would be mapped as the tags' ids)."""
        names = []
        for name, english in self.tags.values_list("name", "english__name_en"):
            names += [name, english] if english else [name]
        return " ".join(names)

    def theme_names(self):
        """Both names of the practice's theme, for search."""
        return f"{self.theme.name_bn} {self.theme.name_en}" if self.theme_id else ""

    def place_names(self):
        """Both names of the originating LGI and of the places it lies in, for search."""
        return self.lgi.search_names() if self.lgi_id else ""

    def permissions_for_user(self, user):
        from ..permissions import practice_permissions

        return practice_permissions(user, self)

    def with_content_json(self, content):
        page = super().with_content_json(content)
        for name in self.DERIVED_FIELDS:
            setattr(page, name, getattr(self, name))
        return page

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(pagecontext.build(request, self))
        return context


class BestPracticeChange(models.Model):
    """A day a practice became a best practice or stopped being one, with the counts behind it:
    written by `practices.counts.recompute` whenever `is_best_practice` changes."""

    practice = models.ForeignKey(
        PracticePage, on_delete=models.CASCADE, related_name="best_practice_history"
    )
    date = models.DateField(_("date"))
    is_best_practice = models.BooleanField(_("best practice after the change"))
    completed = models.PositiveIntegerField(_("LGIs with a completed replication"))
    stopped = models.PositiveIntegerField(
        _("completed replications found stopped"),
        default=0,
        help_text=_("Completed replications whose latest re-check found them stopped."),
    )
    counted = models.PositiveIntegerField(_("replications counted"))
    threshold = models.PositiveIntegerField(_("best-practice threshold"))
    excludes_stopped = models.BooleanField(_("stopped replications not counted"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "created_at"]
        verbose_name = _("best-practice status change")
        verbose_name_plural = _("best-practice status changes")

    def __str__(self):
        return f"{self.practice_id}: {'+' if self.is_best_practice else '-'} {self.date}"

    @property
    def because_of_stops(self):
        """Whether the rule on stopped replications decided this change: counting them would
        have given the other status."""
        return (
            self.excludes_stopped
            and self.stopped > 0
            and ((self.completed >= self.threshold) != (self.counted >= self.threshold))
        )
