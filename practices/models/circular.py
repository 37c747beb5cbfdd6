"""Government circulars (পরিপত্র) and the dated history of each practice's circular status."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from portal import pagecontext
from portal.pages import BilingualIndexPage
from portal.restrictions import CheapViewRestrictions

from .practice import BilingualMixin, CircularStatus, PracticePage


class CircularIndexPage(CheapViewRestrictions, BilingualIndexPage, Page):
    """Government circulars (পরিপত্র), at /circulars/: searchable, filterable, paginated."""

    content_panels = [*Page.content_panels, *BilingualIndexPage.bilingual_panels]
    subpage_types = ["practices.CircularPage"]
    max_count = 1

    class Meta:
        verbose_name = _("circulars index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(pagecontext.build(request, self))
        return context


class CircularState(models.TextChoices):
    ISSUED = "issued", _("Issued")
    AMENDED = "amended", _("Amended")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class CircularPage(CheapViewRestrictions, BilingualMixin, Page):
    """A government circular (পরিপত্র) that institutionalises one or more practices."""

    memo_number = models.CharField(_("memo number (স্মারক নং)"), max_length=120)
    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    date_issued = models.DateField(_("date issued"), db_index=True)
    issuing_authority = models.CharField(_("issuing authority"), max_length=200, db_index=True)
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
    is_demo = models.BooleanField(
        _("demo content"),
        default=False,
        help_text=_("Generated to show how the portal works; memo number and date are not real."),
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
    settings_panels = [*Page.settings_panels, FieldPanel("is_demo")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("title_en", boost=2),
        index.AutocompleteField("title_en"),
        index.SearchField("memo_number", boost=2),
        index.AutocompleteField("memo_number"),
        index.SearchField("issuing_authority"),
        index.SearchField("summary_bn"),
        index.SearchField("summary_en"),
        index.FilterField("state"),
        index.FilterField("date_issued"),
        index.FilterField("has_unpublished_changes"),
    ]
    parent_page_types = ["practices.CircularIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("circular")
        verbose_name_plural = _("circulars")

    def clean(self):
        super().clean()
        errors = {}
        if self.document_id and not self.document.file.name.lower().endswith(".pdf"):
            errors["document"] = _("A circular's document must be its PDF.")
        if self.supersedes_id and self.supersedes_id == self.pk:
            errors["supersedes"] = _("A circular cannot supersede itself.")
        elif self.supersedes_id and self.pk and self._supersession_loops():
            errors["supersedes"] = _(
                "This would make a loop: the chosen circular already comes after this one."
            )
        if errors:
            raise ValidationError(errors)

    def _supersession_loops(self):
        seen, current = {self.pk}, self.supersedes
        while current is not None:
            if current.pk in seen:
                return True
            seen.add(current.pk)
            current = current.supersedes
        return False

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(pagecontext.build(request, self))
        return context


class CircularStatusChange(models.Model):
    """One dated step of a practice's policy pipeline, with who moved it and why.

    `cause` is the page that caused the step: a workshop page (the workshops app) or a circular.
    Steps are made by `practices.pipeline.move`, which checks that the step is allowed.
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
        verbose_name_plural = _("circular status changes")

    def __str__(self):
        return f"{self.practice}: {self.from_status} → {self.to_status}"
