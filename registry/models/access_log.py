"""The registry's access log: who saw, searched or exported personal data (written through
:func:`registry.access.log_access`), never changed or deleted once written."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("The registry's access log cannot be changed.")

    def delete(self):
        raise PermissionError("The registry's access log cannot be deleted.")


class AccessAction(models.TextChoices):
    VIEW_UNION = "view_union", _("Viewed a union's households")
    VIEW_HOUSEHOLD = "view_household", _("Viewed a household")
    VIEW_PERSON = "view_person", _("Viewed a person")
    REVEAL_ID = "reveal_id", _("Revealed an identity number")
    SEARCH = "search", _("Searched persons")
    PRIORITY_LIST = "priority_list", _("Viewed a priority list")
    EXPORT = "export", _("Exported personal data")
    DUPLICATES = "duplicates", _("Viewed duplicate flags")
    DUPLICATE_DECISION = "duplicate_decision", _("Decided on a duplicate flag")
    VERIFY = "verify", _("Verified a household")
    IMPORT = "import", _("Imported personal data")


class AccessLog(models.Model):
    """Who saw, searched or exported personal data, of which LGI, when and from where.

    Rows are only ever added: saving an existing row, deleting, and queryset updates and
    deletes are refused here, and the database refuses them too (a trigger, see the migration).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    username = models.CharField(_("user name"), max_length=150)
    action = models.CharField(_("action"), max_length=20, choices=AccessAction.choices)
    lgi = models.ForeignKey(
        "places.Area",
        verbose_name=_("union or pourashava"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    target = models.CharField(_("what"), max_length=200, blank=True)
    query = models.CharField(_("query"), max_length=500, blank=True)
    rows = models.PositiveIntegerField(_("persons shown"), default=0)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True)
    forwarded_for = models.CharField(_("forwarded for"), max_length=200, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        default_permissions = ("view",)
        indexes = [models.Index(fields=["lgi", "at"])]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionError("The registry's access log cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("The registry's access log cannot be deleted.")
