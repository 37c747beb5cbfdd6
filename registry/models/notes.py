"""What checking a registry import noticed without refusing it: household codes that look as
if a spreadsheet had removed their leading zeros. Shown on the import's page before it is
committed (:meth:`registry.importers.RegistryImporter.job_viewed`); they hold row numbers and
household codes, never a name or an identity number."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NoteKind(models.TextChoices):
    CODE_STRIPPED = "code_stripped", _("Household code found only without its leading zeros")
    CODE_SHORTER = "code_shorter", _("Household code shorter than the file's zero-padded codes")
    MORE = "more", _("More rows like these")


class ImportNote(models.Model):
    """A warning about one row of a registry import (by the import job's id)."""

    job_id = models.PositiveBigIntegerField(_("import"), db_index=True)
    row = models.PositiveIntegerField(_("row"), null=True, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=NoteKind.choices)
    params = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["job_id", "row", "pk"]
        verbose_name = _("import note")
        verbose_name_plural = _("import notes")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.job_id}: {self.row})"
