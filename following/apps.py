from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Celery beat: decisions falling due told to their LGIs' staff at half past six, then the email
# digests at seven, Dhaka time (weekly ones go on the seventh day after the last).
BEAT_SCHEDULE = {
    "following-decisions-falling-due": {
        "task": "following.tasks.decisions_falling_due",
        "schedule": {"minute": "30", "hour": "6"},
    },
    "following-send-digests": {
        "task": "following.tasks.send_digests",
        "schedule": {"minute": "0", "hour": "7"},
    },
}


class FollowingConfig(AppConfig):
    name = "following"
    verbose_name = _("Following and notifications")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.celery import add_beat_entries

        from . import signals  # noqa: F401 (they connect)

        add_beat_entries(BEAT_SCHEDULE)
