"""An import job: one uploaded file, its dry-run report and what its commit wrote."""

import uuid
from pathlib import Path

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .storage import private_storage


def upload_to(job, filename):
    # The stored name says nothing about the content; the user's name is kept in a field.
    suffix = Path(filename).suffix.lower()[:8]
    return f"uploads/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class ImportJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Jobs this user may see: each importer decides for its own kind."""
        from . import registry

        if not user.is_authenticated:
            return self.none()
        allowed = Q(pk__in=[])
        for importer in registry.all():
            allowed |= Q(kind=importer.kind) & importer.visible_jobs(user)
        return self.filter(allowed)


class ImportJob(models.Model):
    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("Waiting to be checked")
        VALIDATING = "validating", _("Checking")
        VALID = "valid", _("Ready to import")
        INVALID = "invalid", _("Has errors")
        COMMITTING = "committing", _("Importing")
        COMMITTED = "committed", _("Imported")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=50, db_index=True)
    file = models.FileField(_("file"), upload_to=upload_to, storage=private_storage, max_length=255)
    original_name = models.CharField(_("file name"), max_length=255)
    file_size = models.PositiveBigIntegerField(_("file size"), default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="import_jobs",
    )
    scope = models.ForeignKey(
        "places.Area",
        verbose_name=_("LGI"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    options = models.JSONField(_("options"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UPLOADED, db_index=True
    )
    report = models.JSONField(_("report"), default=dict, blank=True)
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    error_count = models.PositiveIntegerField(_("errors"), default=0)
    created_count = models.PositiveIntegerField(_("created"), default=0)
    updated_count = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_count = models.PositiveIntegerField(_("unchanged"), default=0)
    error_file = models.FileField(
        _("error report"), storage=private_storage, blank=True, max_length=255
    )
    error_message = models.TextField(_("technical error"), blank=True)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    validated_at = models.DateTimeField(_("checked at"), null=True, blank=True)
    committed_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["uploaded_by", "-created_at"])]

    def __str__(self):
        return f"{self.kind}: {self.original_name}"

    def get_absolute_url(self):
        return reverse("imports:job", kwargs={"pk": self.pk})

    @property
    def importer(self):
        from . import registry

        return registry.get(self.kind)

    @property
    def in_progress(self):
        return self.status in {
            self.Status.UPLOADED,
            self.Status.VALIDATING,
            self.Status.COMMITTING,
        }

    @property
    def committable(self):
        """A checked file without errors that has not been written yet (and is still kept)."""
        return (
            self.validated_at is not None
            and self.error_count == 0
            and bool(self.file)
            and self.status
            in {
                self.Status.VALID,
                self.Status.FAILED,
            }
        )

    @property
    def percent(self):
        """Progress of the commit in percent; None while the file is being checked."""
        if self.status == self.Status.COMMITTED:
            return 100
        if self.status != self.Status.COMMITTING or not self.rows_total:
            return None
        return min(100, self.rows_done * 100 // self.rows_total)


def delete_job_files(sender, instance, **kwargs):
    for field in (instance.file, instance.error_file):
        if field:
            field.delete(save=False)
