"""Where an app's pages hang in the page tree, and what index pages share."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Site


def home_page():
    """The default site's root page (the portal's home page), or None before migrating."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.specific if site is not None else None


class BilingualIndexPage(models.Model):
    """An index page's heading and introduction in both languages: `display_title` and
    `display_intro` give the page language's, Bangla where the English is missing."""

    title_en = models.CharField(_("title (English)"), max_length=255, blank=True)
    intro = RichTextField(_("introduction"), blank=True)
    intro_en = RichTextField(_("introduction (English)"), blank=True)

    bilingual_panels = [FieldPanel("title_en"), FieldPanel("intro"), FieldPanel("intro_en")]

    class Meta:
        abstract = True

    @property
    def display_title(self):
        return in_page_language(self.title, self.title_en)

    @property
    def display_intro(self):
        return in_page_language(self.intro, self.intro_en)


def is_english():
    """Whether the page is in English (Bangla is the default)."""
    return (get_language() or "bn").startswith("en")


def in_page_language(bangla, english):
    """The English text on an English page where there is one, else the Bangla."""
    if is_english() and english:
        return english
    return bangla
