"""The portal's front page."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from portal import headlines
from portal.restrictions import CheapViewRestrictions
from portal.routing import route_in_two_queries


class HomePage(CheapViewRestrictions, Page):
    """The portal's front page: what HLP is, and live figures from the data."""

    intro_bn = RichTextField(_("introduction (Bangla)"), blank=True)
    intro_en = RichTextField(_("introduction (English)"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro_bn"), FieldPanel("intro_en")]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["figures"] = headlines.figures()
        return context

    def route(self, request, path_components):
        if path_components:
            found = route_in_two_queries(self, request, path_components)
            if found is not None:
                return found
        return super().route(request, path_components)
