"""The yearly update cycle (হালনাগাদ); opening one and marking households verified is
:mod:`registry.cycle`."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UpdateCycle(models.Model):
    """The yearly update (হালনাগাদ) that opens each January: every household is to be
    re-verified; until it is, it is listed as stale for its union."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    opened_at = models.DateTimeField(_("opened at"), default=timezone.now)
    households_at_opening = models.PositiveIntegerField(_("households at opening"), default=0)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("update cycle")
        verbose_name_plural = _("update cycles")

    def __str__(self):
        return str(self.year)

    @classmethod
    def current(cls, today=None):
        today = today or timezone.localdate()
        return cls.objects.filter(year__lte=today.year).order_by("-year").first()
