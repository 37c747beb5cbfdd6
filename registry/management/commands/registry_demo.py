"""Replace the demo registry with one of another size, e.g. millions of persons on PostgreSQL."""

import time

from django.core.management.base import BaseCommand

from registry import demo
from registry.cycle import open_cycle


class Command(BaseCommand):
    help = "Replace the synthetic demo registry with one of about --scale persons."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=demo.DEFAULT_PERSONS,
            help=f"Number of persons (default {demo.DEFAULT_PERSONS:,}).",
        )

    def handle(self, *args, scale, **options):
        started = time.monotonic()
        demo.remove()
        self.stdout.write(f"Previous demo registry removed ({time.monotonic() - started:.1f} s)")

        def progress(done):
            rate = done / max(time.monotonic() - started, 0.001)
            self.stdout.write(f"  {done:,} persons ({rate:,.0f}/s)")

        summary = demo.generate(scale, progress=progress if options["verbosity"] > 1 else None)
        open_cycle()
        self.stdout.write(self.style.SUCCESS(f"{summary} in {time.monotonic() - started:.1f} s"))
