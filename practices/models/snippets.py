"""Theme: NILG's curated list of the themes practices are filed under; TagName: a tag's name on
English pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from taggit.models import Tag
from wagtail.search import index

from portal.pages import is_english


class Theme(index.Indexed, models.Model):
    """A theme NILG files practices under (governance and UDCC, disability inclusion, …)."""

    name_bn = models.CharField(_("name (Bangla)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    slug = models.SlugField(_("slug"), unique=True, allow_unicode=False)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    search_fields = [
        index.SearchField("name_bn", boost=2),
        index.SearchField("name_en", boost=2),
        index.AutocompleteField("name_bn"),
        index.AutocompleteField("name_en"),
        index.FilterField("sort_order"),
        index.FilterField("name_bn"),
        index.FilterField("name_en"),
    ]

    class Meta:
        ordering = ["sort_order", "name_en"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name

    @property
    def name(self):
        return self.name_en if is_english() else self.name_bn


class TagName(models.Model):
    """The English name of a tag. Editors tag practices in Bangla; NILG gives a tag its English
    name here, and English pages show it (the Bangla name until then)."""

    tag = models.OneToOneField(
        Tag,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="english",
        verbose_name=_("tag"),
    )
    name_en = models.CharField(_("name (English)"), max_length=100)

    class Meta:
        ordering = ["tag__name"]
        verbose_name = _("tag's English name")
        verbose_name_plural = _("tags' English names")

    def __str__(self):
        return f"{self.tag.name} — {self.name_en}"


def tag_label(tag):
    """(name, language) of `tag` as the page's language shows it: its English name on English
    pages where it has one, else its Bangla name, marked as Bangla."""
    if is_english():
        try:
            return tag.english.name_en, "en"
        except TagName.DoesNotExist:
            return tag.name, "bn"
    return tag.name, "bn"
