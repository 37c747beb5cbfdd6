"""Theme: NILG's curated list of the themes practices are filed under."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.search import index


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
        return self.name_en if (get_language() or "bn").startswith("en") else self.name_bn
