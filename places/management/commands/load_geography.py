from django.core.management.base import BaseCommand, CommandError

from places.loader import DATA_DIR, GeographyFileError, load


class Command(BaseCommand):
    help = "Load Bangladesh's divisions, districts, upazilas and unions (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--data-dir", default=str(DATA_DIR))

    def handle(self, *args, data_dir, **options):
        try:
            result = load(data_dir)
        except GeographyFileError as exc:
            raise CommandError(f"Geography not loaded, nothing changed: {exc}") from exc
        self.stdout.write(f"Geography: {result.summary()}")
