from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from portal.fields import CountField


class ParticipantCounts(models.Model):
    """Who took part, counted by category; a blank count means it was not recorded."""

    up_chairs = CountField(_("UP chairs"), null=True, blank=True)
    secretaries = CountField(_("secretaries"), null=True, blank=True)
    women_members = CountField(_("women members"), null=True, blank=True)
    officials = CountField(_("government officials"), null=True, blank=True)
    partners = CountField(_("development partners"), null=True, blank=True)
    others = CountField(_("others"), null=True, blank=True)

    PARTICIPANT_FIELDS = (
        "up_chairs",
        "secretaries",
        "women_members",
        "officials",
        "partners",
        "others",
    )

    class Meta:
        abstract = True

    @classmethod
    def participant_panel(cls, heading=None):
        fields = cls.PARTICIPANT_FIELDS
        return MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel(name) for name in fields[:3]]),
                FieldRowPanel([FieldPanel(name) for name in fields[3:]]),
            ],
            heading=heading or _("Participants"),
        )

    def participant_rows(self):
        """(category, count) for each category that was recorded."""
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in self.PARTICIPANT_FIELDS
            if getattr(self, name) is not None
        ]

    @property
    def participants_total(self):
        counts = [getattr(self, name) for name in self.PARTICIPANT_FIELDS]
        recorded = [count for count in counts if count is not None]
        return sum(recorded) if recorded else None
