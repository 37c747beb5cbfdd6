"""`manage.py search_index rebuild|reconcile`: rebuild the search indexes or fix their drift."""

import json

from django.core.management.base import BaseCommand, CommandError

import search
from search.backends import BackendUnavailable


class Command(BaseCommand):
    help = (
        "rebuild: build every search index afresh from the published content (Elasticsearch "
        "behind an alias swap, without downtime). reconcile: find and fix documents that are "
        "missing, stale or no longer published."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["rebuild", "reconcile"])
        parser.add_argument("--no-progress", action="store_true", help="Do not draw progress bars.")

    def handle(self, *args, action, no_progress, **options):
        try:
            if action == "rebuild":
                report = search.rebuild(show_progress=not no_progress and options["verbosity"] > 0)
            else:
                report = search.reconcile()
        except BackendUnavailable as exc:
            raise CommandError(
                f"Elasticsearch did not answer ({exc}). The database index is up to date; "
                "run the command again when Elasticsearch is back."
            ) from exc
        self.stdout.write(self.style.SUCCESS(f"search_index {action}: ") + json.dumps(report))
