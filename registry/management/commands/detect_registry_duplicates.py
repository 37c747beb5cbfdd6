from django.core.management.base import BaseCommand

from places.models import Area
from registry.duplicates import detect


class Command(BaseCommand):
    help = "Flag duplicates in the registry for review (all unions, or those given by key)."

    def add_arguments(self, parser):
        parser.add_argument("unions", nargs="*", help="Union keys (default: all).")

    def handle(self, *args, unions, **options):
        lgis = Area.objects.filter(key__in=unions) if unions else None
        found = detect(lgis)
        for kind, count in found.items():
            self.stdout.write(f"{kind}: {count} new")
