"""Bangladesh's administrative geography: division → district → upazila → union / pourashava."""

import uuid

from django.db import models, transaction
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.search import index


class Level(models.TextChoices):
    DIVISION = "division", _("Division")
    DISTRICT = "district", _("District")
    UPAZILA = "upazila", _("Upazila")
    UNION = "union", _("Union")
    POURASHAVA = "pourashava", _("Pourashava")


LGI_LEVELS = (Level.UNION, Level.POURASHAVA)
PARENT_LEVEL = {
    Level.DISTRICT: Level.DIVISION,
    Level.UPAZILA: Level.DISTRICT,
    Level.UNION: Level.UPAZILA,
    Level.POURASHAVA: Level.UPAZILA,
}
KEY_PREFIX = {Level.UNION: "UN", Level.POURASHAVA: "PS"}


class AreaQuerySet(models.QuerySet):
    def lgis(self):
        return self.filter(level__in=LGI_LEVELS)

    def of_level(self, level):
        return self.filter(level=level)

    def within(self, area):
        """Areas at or below `area` in the hierarchy."""
        if area.level in LGI_LEVELS:
            return self.filter(pk=area.pk)
        return self.filter(models.Q(pk=area.pk) | models.Q(**{area.level: area}))


class Area(index.Indexed, models.Model):
    """An administrative area; an LGI (local government institution) is a union or pourashava.

    `division`, `district` and `upazila` point at the area's ancestors (or itself), so figures
    roll up to any level with one join instead of a walk up the tree.
    """

    level = models.CharField(_("level"), max_length=12, choices=Level.choices, db_index=True)
    key = models.CharField(
        _("key"),
        max_length=20,
        unique=True,
        help_text=_("Stable identifier used in addresses: the P-code, or UN/PS plus a number."),
    )
    code = models.CharField(_("P-code"), max_length=12, blank=True, db_index=True)
    source_id = models.PositiveIntegerField(
        _("id in the geography files"), null=True, blank=True, editable=False
    )
    name_bn = models.CharField(_("name (Bangla)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    division = models.ForeignKey(
        "self", null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="+"
    )
    district = models.ForeignKey(
        "self", null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="+"
    )
    upazila = models.ForeignKey(
        "self", null=True, blank=True, editable=False, on_delete=models.PROTECT, related_name="+"
    )

    objects = AreaQuerySet.as_manager()

    # The admin's area chooser and listing find an area by either name, in any of their
    # spellings, or by the names of the places it lies in (সুবিল দেবিদ্বার).
    search_fields = [
        index.SearchField("name_bn", boost=2),
        index.SearchField("name_en", boost=2),
        index.AutocompleteField("name_bn"),
        index.AutocompleteField("name_en"),
        index.SearchField("code"),
        index.SearchField("key"),
        index.SearchField("ancestor_names"),
        index.FilterField("level"),
        index.FilterField("name_bn"),
        index.FilterField("name_en"),
        index.FilterField("code"),
        index.FilterField("parent"),
        index.FilterField("division"),
        index.FilterField("district"),
        index.FilterField("upazila"),
    ]

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["level", "name_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["level", "source_id"], name="area_unique_source_id_per_level"
            ),
        ]
        indexes = [models.Index(fields=["parent", "name_en"])]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.set_ancestors()
        if not self.key and (self.code or self.source_id):
            self.key = self.code or f"{KEY_PREFIX.get(self.level, 'AR')}{self.source_id}"
        if self.key:
            return super().save(*args, **kwargs)
        # An LGI added in the admin (pourashavas have no file): its key is made from its pk.
        with transaction.atomic(using=kwargs.get("using")):
            self.key = f"new-{uuid.uuid4().hex[:12]}"
            super().save(*args, **kwargs)
            # "UN<n>" belongs to the file's ids, so admin-made unions get their own prefix.
            self.key = f"{'PS' if self.level == Level.POURASHAVA else 'AR'}{self.pk}"
            super().save(update_fields=["key"], using=kwargs.get("using"))

    def get_absolute_url(self):
        return reverse("area_detail", kwargs={"key": self.key})

    @property
    def name(self):
        if (get_language() or "bn").startswith("en"):
            return self.name_en
        return self.name_bn

    @property
    def is_lgi(self):
        return self.level in LGI_LEVELS

    def full_name(self):
        """The name with its upazila and district, as people tell same-named unions apart."""
        parts = [self.name]
        for ancestor in (self.upazila, self.district):
            if ancestor is not None and ancestor.pk != self.pk:
                parts.append(ancestor.name)
        return ", ".join(parts)

    def ancestors(self):
        """The upazila, district and division the area lies in, nearest first."""
        return [
            ancestor
            for ancestor in (self.upazila, self.district, self.division)
            if ancestor is not None and ancestor.pk != self.pk
        ]

    def ancestor_names(self):
        """Both names of every place the area lies in, for search."""
        return " ".join(f"{area.name_bn} {area.name_en}" for area in self.ancestors())

    def search_names(self):
        """Both names of the area and of every place it lies in, for search."""
        return f"{self.name_bn} {self.name_en} {self.ancestor_names()}"

    def path_label(self):
        """The name with the upazila and district it lies in, as the area chooser shows it:
        "সুবিল · দেবিদ্বার · কুমিল্লা"."""
        parts = [self.name, *(area.name for area in self.ancestors() if area.level != "division")]
        return " · ".join(parts)

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().select_related("upazila", "district", "division")

    def clean(self):
        from django.core.exceptions import ValidationError

        expected = PARENT_LEVEL.get(self.level)
        if expected is None and self.parent_id:
            raise ValidationError({"parent": _("A division has no parent.")})
        if expected is not None and (self.parent is None or self.parent.level != expected):
            raise ValidationError(
                {
                    "parent": _("A %(level)s belongs to a %(parent)s.")
                    % {"level": self.get_level_display(), "parent": Level(expected).label}
                }
            )

    def set_ancestors(self):
        """Fill division/district/upazila from the parent chain (the parent's are already set)."""
        self.division_id = self.district_id = self.upazila_id = None
        parent = self.parent
        if parent is not None:
            self.division_id = parent.division_id
            self.district_id = parent.district_id
            self.upazila_id = parent.upazila_id
            setattr(self, f"{parent.level}_id", parent.pk)


def headline_figures():
    """The home page's count of union parishads and pourashavas."""
    return {"lgis": Area.objects.lgis().count()}
