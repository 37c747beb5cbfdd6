"""What every app shares: the portal's settings and what the portal knows of each user."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


@register_setting(icon="cog")
class PortalSettings(BaseGenericSetting):
    """Settings NILG changes in the admin without a deployment."""

    best_practice_threshold = models.PositiveIntegerField(
        _("best-practice threshold"),
        default=50,
        validators=[MinValueValidator(1)],
        help_text=_("A practice replicated by this many different LGIs is a best practice."),
    )
    bdt_per_usd = models.DecimalField(
        _("taka per US dollar"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("110.00"),
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Rate used to show budget figures in US dollars."),
    )

    best_practice_excludes_stopped = models.BooleanField(
        _("best practice counts only replications still running"),
        default=False,
        help_text=_(
            "When ticked, a completed replication whose latest re-check (one or three years "
            "after it ended) found it stopped no longer counts towards the best-practice "
            "threshold."
        ),
    )

    panels = [
        FieldPanel("best_practice_threshold"),
        FieldPanel("best_practice_excludes_stopped"),
        FieldPanel("bdt_per_usd"),
    ]

    class Meta:
        verbose_name = _("portal settings")


class UserProfile(models.Model):
    """What the portal knows of a user beyond Django's user: the LGIs they work for."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hlp_profile"
    )
    lgis = models.ManyToManyField(
        "places.Area",
        verbose_name=_("LGIs"),
        blank=True,
        limit_choices_to={"level__in": ["union", "pourashava"]},
        related_name="staff_profiles",
        help_text=_("Union parishads or pourashavas this user edits or holds records for."),
    )
    national_scope = models.BooleanField(
        _("national scope"),
        default=False,
        help_text=_("NILG staff whose registry role covers every LGI."),
    )

    class Meta:
        verbose_name = _("user profile")

    def __str__(self):
        return str(self.user)
