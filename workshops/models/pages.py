from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from places.models import Level
from portal import pagecontext, restrictions
from portal.pages import BilingualIndexPage, in_page_language
from portal.restrictions import CheapViewRestrictions

from ..admin_forms import WorkshopPageForm
from .attendance import ParticipantCounts
from .decisions import OPEN_STATUSES, Decision

WORKSHOP_AREA_LEVELS = (Level.DIVISION, Level.DISTRICT, Level.UPAZILA)
MINUTES_FEATURES = ["bold", "italic", "ol", "ul", "link"]


class WorkshopKind(models.TextChoices):
    DISTRICT_THEMATIC = "district_thematic", _("District thematic workshop")
    UPAZILA_ORIENTATION = "upazila_orientation", _("Upazila orientation workshop")
    DISTRICT_ORIENTATION = "district_orientation", _("District orientation workshop")
    DIVISIONAL = "divisional", _("Divisional workshop")
    NATIONAL_SHARING = "national_sharing", _("National sharing workshop")
    OTHER = "other", _("Other meeting")


class WorkshopIndexPage(CheapViewRestrictions, BilingualIndexPage, Page):
    """Workshops and meetings, at /workshops/: upcoming first, then the past, filterable."""

    intro = RichTextField(_("introduction"), blank=True, features=MINUTES_FEATURES)
    intro_en = RichTextField(_("introduction (English)"), blank=True, features=MINUTES_FEATURES)

    content_panels = [*Page.content_panels, *BilingualIndexPage.bilingual_panels]
    subpage_types = ["workshops.WorkshopPage"]
    max_count = 1

    PER_PAGE = 20
    UPCOMING_ON_FIRST_PAGE = 10

    class Meta:
        verbose_name = _("workshops index")

    def workshops(self):
        return (
            restrictions.public(WorkshopPage.objects.live())
            .descendant_of(self)
            .select_related("area")
            .annotate(
                decision_count=Count("decisions", distinct=True),
                open_decision_count=Count(
                    "decisions", filter=Q(decisions__status__in=OPEN_STATUSES), distinct=True
                ),
            )
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(pagecontext.build(request, self))
        return context


class WorkshopPage(CheapViewRestrictions, ParticipantCounts, Page):
    """A workshop or meeting: who met where, which practices were presented, the minutes and
    the numbered decisions (ক, খ, গ …) with their follow-up."""

    kind = models.CharField(
        _("kind"), max_length=24, choices=WorkshopKind.choices, default=WorkshopKind.OTHER
    )
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=255)
    area = models.ForeignKey(
        "places.Area",
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="workshops",
        limit_choices_to={"level__in": WORKSHOP_AREA_LEVELS},
        help_text=_("The upazila, district or division; leave blank for a national meeting."),
    )
    organiser = models.CharField(_("organiser"), max_length=255, blank=True)
    chair_name = models.CharField(_("chair"), max_length=200, blank=True)
    chair_post = models.CharField(_("chair's post"), max_length=255, blank=True)
    attendance_note = models.CharField(
        _("attendance note"),
        max_length=255,
        blank=True,
        help_text=_("For example where the list of those present is annexed."),
    )
    summary = models.TextField(_("summary"), blank=True)
    agenda = RichTextField(_("agenda"), blank=True, features=MINUTES_FEATURES)
    minutes = RichTextField(
        _("minutes"),
        blank=True,
        features=MINUTES_FEATURES,
        help_text=_(
            "The discussion, one paragraph per point, numbered as in the signed minutes "
            "(০২। …) or as a numbered list."
        ),
    )
    decisions_intro = models.TextField(
        _("before the decisions"),
        blank=True,
        help_text=_("The sentence that introduces the decisions, with its paragraph number."),
    )
    closing = RichTextField(_("after the decisions"), blank=True, features=MINUTES_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldPanel("title_en"),
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("venue"),
                FieldPanel("area"),
                FieldPanel("organiser"),
                FieldRowPanel([FieldPanel("chair_name"), FieldPanel("chair_post")]),
            ],
            heading=_("When and where"),
        ),
        ParticipantCounts.participant_panel(),
        FieldPanel("attendance_note"),
        FieldPanel("summary"),
        InlinePanel("presented_practices", heading=_("Practices presented"), label=_("practice")),
        FieldPanel("agenda"),
        FieldPanel("minutes"),
        FieldPanel("decisions_intro"),
        InlinePanel("decisions", heading=_("Decisions"), label=_("decision")),
        FieldPanel("closing"),
        InlinePanel("attachments", heading=_("Attachments"), label=_("attachment")),
    ]
    parent_page_types = ["workshops.WorkshopIndexPage"]
    subpage_types = []
    base_form_class = WorkshopPageForm
    search_fields = [
        *Page.search_fields,
        index.SearchField("title_en", boost=2),
        index.AutocompleteField("title_en"),
        index.SearchField("venue"),
        index.SearchField("place_names"),
        index.SearchField("organiser"),
        index.SearchField("chair_name"),
        index.SearchField("summary"),
        index.SearchField("agenda"),
        index.SearchField("minutes"),
        index.SearchField("decision_texts"),
        index.FilterField("kind"),
        index.FilterField("area"),
        index.FilterField("starts_at"),
        index.FilterField("has_unpublished_changes"),
    ]

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")

    def place_names(self):
        """Both names of the workshop's area and of the places it lies in, for search."""
        return self.area.search_names() if self.area_id else ""

    def decision_texts(self):
        """The decisions' texts in both languages, for search."""
        return [f"{d.text_bn} {d.text_en}" for d in self.decisions.all()]

    @property
    def display_title(self):
        return in_page_language(self.title, self.title_en)

    @property
    def date(self):
        return timezone.localtime(self.starts_at).date()

    @property
    def is_upcoming(self):
        return self.starts_at >= timezone.now()

    def clean(self):
        super().clean()
        errors = {}
        if self.area_id and self.area.level not in WORKSHOP_AREA_LEVELS:
            errors["area"] = _("Choose an upazila, a district or a division.")
        if self.ends_at and self.starts_at and self.ends_at < self.starts_at:
            errors["ends_at"] = _("A workshop cannot end before it starts.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        result = super().save(*args, **kwargs)
        self.renumber_decisions()
        return result

    def renumber_decisions(self):
        """Keep the decisions' sort_order 0, 1, 2 … so that a decision's letter is its place."""
        rows = Decision.objects.filter(workshop_id=self.pk).order_by("sort_order", "pk")
        for position, (pk, sort_order) in enumerate(rows.values_list("pk", "sort_order")):
            if sort_order != position:
                Decision.objects.filter(pk=pk).update(sort_order=position)

    def with_content_json(self, content):
        # A decision's status and recorded nomination belong to its follow-up, not to the
        # revision: keep the live values when an older revision is published or previewed.
        obj = super().with_content_json(content)
        live = {
            pk: (status, changed_on, nomination_id)
            for pk, status, changed_on, nomination_id in Decision.objects.filter(
                workshop_id=self.pk
            ).values_list("pk", "status", "status_changed_on", "nomination_id")
        }
        for decision in obj.decisions.all():
            if decision.pk in live:
                decision.status, decision.status_changed_on, decision.nomination_id = live[
                    decision.pk
                ]
        return obj

    def decision_list(self, request=None):
        """The decisions in order, with what a page shows of them, in few queries."""
        if request is not None and getattr(request, "is_preview", False):
            return list(self.decisions.all())
        return list(
            Decision.objects.filter(workshop_id=self.pk)
            .select_related("practice")
            .prefetch_related("responsible_bodies", "follow_ups")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        preview = getattr(request, "is_preview", False)
        context["decisions"] = self.decision_list(request)
        if preview:
            context["presented"] = list(self.presented_practices.all())
            context["attachments"] = list(self.attachments.all())
        else:
            context["presented"] = list(
                self.presented_practices.select_related("practice", "practice__lgi")
            )
            context["attachments"] = list(self.attachments.select_related("document"))
        return context

    def pdf_url(self):
        """The minutes as PDF (`views.minutes_pdf`), beside the page in the page's language."""
        return f"{self.url}minutes.pdf"


class WorkshopPractice(Orderable):
    """A practice presented at the workshop."""

    workshop = ParentalKey(
        WorkshopPage, on_delete=models.CASCADE, related_name="presented_practices"
    )
    practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="workshop_presentations",
    )
    presented_by = models.CharField(_("presented by"), max_length=255, blank=True)

    panels = [FieldPanel("practice"), FieldPanel("presented_by")]

    class Meta(Orderable.Meta):
        verbose_name = _("practice presented")


class WorkshopAttachment(Orderable):
    workshop = ParentalKey(WorkshopPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
