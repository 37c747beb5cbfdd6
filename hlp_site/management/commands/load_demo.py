"""Make a newcomer's portal come alive: geography, then each app's demo content. Idempotent."""

import time
from importlib import import_module
from importlib.util import find_spec

from django.core.management import call_command
from django.core.management.base import BaseCommand

# In dependency order: later apps' demo content refers to earlier apps' rows.
DEMO_APPS = [
    "portal",
    "hlp_site",
    "practices",
    "workshops",
    "registry",
    "dashboards",
    "following",
    "search",
]


class Command(BaseCommand):
    help = "Load the geography and every app's demo content (safe to run again)."

    def handle(self, *args, **options):
        started = time.monotonic()
        call_command("load_geography", stdout=self.stdout)
        call_command("sync_roles", stdout=self.stdout)
        for app in DEMO_APPS:
            if find_spec(f"{app}.demo") is None:
                continue
            step = time.monotonic()
            summary = import_module(f"{app}.demo").load()
            self.stdout.write(f"{app}: {summary} ({time.monotonic() - step:.1f} s)")
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready in {time.monotonic() - started:.1f} s")
        )
