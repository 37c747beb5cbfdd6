"""NILG's curated lists of practices, under /practices/lists/."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable, Page

from portal.pages import BilingualIndexPage
from portal.restrictions import CheapViewRestrictions

from .practice import PracticePage, is_english


class CuratedListIndexPage(CheapViewRestrictions, BilingualIndexPage, Page):
    """Parent of NILG's curated lists, at /practices/lists/."""

    content_panels = [*Page.content_panels, *BilingualIndexPage.bilingual_panels]
    parent_page_types = ["practices.PracticeIndexPage"]
    subpage_types = ["practices.CuratedListPage"]
    max_count = 1

    class Meta:
        verbose_name = _("curated lists")

    def permissions_for_user(self, user):
        from ..permissions import curated_list_permissions

        return curated_list_permissions(user, self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["lists"] = CuratedListPage.objects.child_of(self).live().order_by("path")
        return context


class CuratedListPage(CheapViewRestrictions, Page):
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
        verbose_name_plural = _("curated lists")

    def permissions_for_user(self, user):
        from ..permissions import curated_list_permissions

        return curated_list_permissions(user, self)

    @property
    def display_title(self):
        return (self.title_en or self.title) if is_english() else self.title

    @property
    def intro(self):
        return (self.intro_en or self.intro_bn) if is_english() else self.intro_bn

    def live_items(self):
        """The list's items whose practice is published, in NILG's order, ready to render."""
        return (
            self.items.filter(practice__live=True)
            .select_related("practice", "practice__theme", "practice__lgi__district")
            .order_by("sort_order")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = list(self.live_items())
        context["items"] = items
        context["has_demo"] = any(item.practice.is_demo for item in items)
        return context


class CuratedListItem(Orderable):
    curated_list = ParentalKey(CuratedListPage, on_delete=models.CASCADE, related_name="items")
    practice = models.ForeignKey(
        PracticePage, verbose_name=_("practice"), on_delete=models.CASCADE, related_name="+"
    )
    note_bn = models.TextField(_("note (Bangla)"), blank=True)
    note_en = models.TextField(_("note (English)"), blank=True)

    panels = [FieldPanel("practice"), FieldPanel("note_bn"), FieldPanel("note_en")]

    @property
    def note(self):
        return (self.note_en or self.note_bn) if is_english() else self.note_bn
