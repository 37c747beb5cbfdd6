from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Celery beat: the email digests, each morning at seven, Dhaka time (weekly ones go on the
# seventh day after the last).
BEAT_SCHEDULE = {
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
