"""Load the demo portal for the load test: what `manage.py load_demo` loads, with a registry of
LOAD_REGISTRY_PERSONS persons (default 2,000) instead of the full demo's, since visitors of
public pages never open it and a large one only makes the build slow.

    python -m benchmarks.load.build
"""

import os
import sys
import time
from importlib import import_module
from importlib.util import find_spec


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlp_site.settings.dev")
    import django

    django.setup()
    from django.core.management import call_command

    from hlp_site.management.commands.load_demo import DEMO_APPS

    persons = int(os.environ.get("LOAD_REGISTRY_PERSONS", "2000"))
    call_command("load_geography", verbosity=0)
    call_command("sync_roles", verbosity=0)
    for app in DEMO_APPS:
        started = time.monotonic()
        if app == "registry":
            call_command("registry_demo", scale=persons, verbosity=0)
            summary = f"{persons:,} persons"
        elif find_spec(f"{app}.demo") is not None:
            summary = import_module(f"{app}.demo").load()
        else:
            continue
        print(f"{app}: {summary} ({time.monotonic() - started:.1f} s)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
