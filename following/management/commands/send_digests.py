from django.core.management.base import BaseCommand

from following.digest import send_digests


class Command(BaseCommand):
    help = "Send the notification digests due now (celery beat does this each morning)."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_digests()} digests sent")
