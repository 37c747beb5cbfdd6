from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# What a user can follow: the field of `Follow` that names it, and the model it points at.
TARGETS = {
    "practice": "practices.PracticePage",
    "theme": "practices.Theme",
    "area": "places.Area",
    "curated_list": "practices.CuratedListPage",
}


class Follow(models.Model):
    """A user follows exactly one practice, theme, area (division to union) or curated list."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows"
    )
    practice = models.ForeignKey(
        TARGETS["practice"], null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    theme = models.ForeignKey(
        TARGETS["theme"], null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    area = models.ForeignKey(
        TARGETS["area"], null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    curated_list = models.ForeignKey(
        TARGETS["curated_list"], null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                name="follow_exactly_one_target",
                condition=(
                    Q(practice__isnull=False, theme=None, area=None, curated_list=None)
                    | Q(practice=None, theme__isnull=False, area=None, curated_list=None)
                    | Q(practice=None, theme=None, area__isnull=False, curated_list=None)
                    | Q(practice=None, theme=None, area=None, curated_list__isnull=False)
                ),
            ),
            *[
                models.UniqueConstraint(
                    fields=["user", field],
                    condition=Q(**{f"{field}__isnull": False}),
                    name=f"follow_once_{field}",
                )
                for field in TARGETS
            ],
        ]

    def __str__(self):
        target = next(getattr(self, field) for field in TARGETS if getattr(self, f"{field}_id"))
        return f"{self.user} → {target}"


class EventKind(models.TextChoices):
    PUBLISHED = "published", _("A practice was published")
    REPLICATED = "replicated", _("A replication was recorded")
    VERIFIED = "verified", _("A replication was verified by NILG")
    HALFWAY = "halfway", _("A practice is halfway to best practice")
    BEST_PRACTICE = "best_practice", _("A practice became a best practice")
    CIRCULAR_ISSUED = "circular_issued", _("A circular was issued")
    CIRCULAR_SUPERSEDED = "circular_superseded", _("A circular was superseded")
    DECISION = "decision", _("A workshop decided about a practice")
    DECISION_DUE = "decision_due", _("A decision your LGI is responsible for falls due")
    DECISION_OVERDUE = "decision_overdue", _("A decision your LGI is responsible for is overdue")


# Told to the staff of the LGI responsible, not to followers, and left out of the feeds.
FOR_THE_LGI = (EventKind.DECISION_DUE, EventKind.DECISION_OVERDUE)


class Event(models.Model):
    """Something that happened to public things, recorded once (`key` keeps it once: a practice
    becomes a best practice once, however often its figures are recomputed)."""

    kind = models.CharField(max_length=24, choices=EventKind.choices)
    key = models.CharField(max_length=80, unique=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    practice = models.ForeignKey(
        "practices.PracticePage", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # The LGI where it happened (the practice's own, or the replicating one).
    lgi = models.ForeignKey(
        "places.Area", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    circular = models.ForeignKey(
        "practices.CircularPage", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    decision = models.ForeignKey(
        "workshops.Decision", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # A count the message names (replications so far), as it was when it happened.
    number = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return self.key


class Notification(models.Model):
    """An event handed to one follower; unread until they open their notifications."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="notifications")
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-event__created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "event"], name="notify_once_per_event")
        ]
        indexes = [
            models.Index(fields=["user", "read_at"]),
            models.Index(fields=["emailed_at", "user"]),
        ]

    def __str__(self):
        return f"{self.user_id}: {self.event_id}"


class Digest(models.TextChoices):
    NONE = "none", _("No email")
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class DigestPreference(models.Model):
    """How often a user wants their notifications by email, and in which language."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_preference"
    )
    frequency = models.CharField(
        _("how often"), max_length=8, choices=Digest.choices, default=Digest.WEEKLY
    )
    language = models.CharField(
        _("language"), max_length=2, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("email digest preference")

    def __str__(self):
        return f"{self.user}: {self.frequency}, {self.language}"
