"""Suspected duplicates for review (:mod:`registry.duplicates` finds and decides them)."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from .benefits import Benefit
from .households import Person


class FlagKind(models.TextChoices):
    SAME_ID = "same_id", _("Same identity number in two households")
    REPEAT_BENEFIT = "repeat_benefit", _("Same benefit twice in one fiscal year")
    LIKELY_SAME = "likely_same", _("Likely the same person (name, date of birth, union)")
    SAME_NAME = (
        "same_name",
        _("Likely the same person (one name twice in a household, a date of birth missing)"),
    )


class FlagStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CONFIRMED = "confirmed", _("Confirmed duplicate")
    DISMISSED = "dismissed", _("Dismissed: not a duplicate")
    MERGED = "merged", _("Merged")


class DuplicateFlag(models.Model):
    """A suspected duplicate for review: two person records, or two benefit rows.

    `lgi` and `other_lgi` are the unions of the two records. A flag across two unions is shown
    only to users who may see personal data of both (NILG's registry officers): to anyone
    else its very existence would tell that the number is known, and where, and what was
    received there. `signature` keeps a pair from being flagged twice.
    """

    kind = models.CharField(_("kind"), max_length=16, choices=FlagKind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=FlagStatus.choices, default=FlagStatus.OPEN
    )
    lgi = models.ForeignKey(
        "places.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("union")
    )
    other_lgi = models.ForeignKey(
        "places.Area", on_delete=models.PROTECT, related_name="+", verbose_name=_("other union")
    )
    person_a = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    person_b = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    benefit_a = models.ForeignKey(
        Benefit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    benefit_b = models.ForeignKey(
        Benefit, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signature = models.CharField(max_length=80, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["status", "-created_at", "pk"]
        verbose_name = _("duplicate flag")
        verbose_name_plural = _("duplicate flags")
        indexes = [
            models.Index(fields=["lgi", "status"]),
            models.Index(fields=["other_lgi", "status"]),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def lgi_ids(self):
        return {self.lgi_id, self.other_lgi_id}


class Merge(models.Model):
    """What a merge decided on a flag changed, kept so that it can be undone: the removed
    person as stored (identity number as its hash and ciphertext, never in clear), the kept
    person's identity before it took the removed one's, the benefits moved (with the household
    and union they had) and those removed as the same benefit twice, and the flags that named
    the removed person. Kept for `settings.REGISTRY_MERGE_UNDO_DAYS` only: then forgotten
    (`registry.duplicates.forget_old_merges`), and the merge can no longer be undone."""

    flag = models.ForeignKey(DuplicateFlag, on_delete=models.CASCADE, related_name="merges")
    kept = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    removed_person = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    kept_identity = models.JSONField(null=True, blank=True, encoder=DjangoJSONEncoder)
    moved_benefits = models.JSONField(default=list, encoder=DjangoJSONEncoder)
    removed_benefits = models.JSONField(default=list, encoder=DjangoJSONEncoder)
    flag_links = models.JSONField(default=list)
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)
    # When what the merge changed was no longer kept (`settings.REGISTRY_MERGE_UNDO_DAYS`
    # after it): the removed person's data is gone from here, and the merge stays as made.
    forgotten_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-merged_at", "-pk"]
        verbose_name = _("merge")
        verbose_name_plural = _("merges")

    def __str__(self):
        return f"merge of flag {self.flag_id}"

    @property
    def is_undone(self):
        return self.undone_at is not None

    @property
    def is_forgotten(self):
        return self.forgotten_at is not None
