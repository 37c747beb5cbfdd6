from django.core.management.base import BaseCommand

from dashboards import aggregates


class Command(BaseCommand):
    help = "Recompute the dashboard's figure tables from replications and budget lines."

    def handle(self, *args, **options):
        rows = aggregates.refresh(None)
        self.stdout.write(self.style.SUCCESS(f"{rows} figure rows written"))
