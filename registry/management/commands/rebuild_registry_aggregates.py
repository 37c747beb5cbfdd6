from django.core.management.base import BaseCommand

from registry.aggregates import rebuild


class Command(BaseCommand):
    help = "Recompute the registry's beneficiary figures from the benefit rows (a repair)."

    def handle(self, *args, **options):
        self.stdout.write(self.style.SUCCESS(f"{rebuild()} beneficiary figures rebuilt"))
