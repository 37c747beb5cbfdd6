"""Load the demo portal for the load test: what `manage.py load_demo` loads, with a registry of
LOAD_REGISTRY_PERSONS persons (default 2,000) instead of the full demo's, since visitors of
public pages never open it and a large one only makes the build slow. Then the signed-in
visitors' accounts: the demo's UP editor and NILG curator, LOAD_EDITORS more UP editors (3),
each of a union with practices of its own, and LOAD_CURATORS more curators (1), all with the
password in LOAD_PASSWORD (the runner makes one up for its throwaway database).

    python -m benchmarks.load.build
"""

import os
import sys
import time
from importlib import import_module
from importlib.util import find_spec


def accounts(password, editors, curators):
    """The UP editors and NILG curators who sign in during the run."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from portal import roles
    from portal.models import UserProfile
    from practices.models import PracticePage

    User = get_user_model()
    # Unions with practices of their own, one to each new editor (the demo's is UN1).
    lgi_ids = []
    for lgi_id in PracticePage.objects.live().order_by("pk").values_list("lgi_id", flat=True):
        if lgi_id and lgi_id not in lgi_ids:
            lgi_ids.append(lgi_id)
    wanted = [("up-editor", roles.UP_EDITOR, None), ("curator", roles.NILG_CURATOR, None)]
    wanted += [
        (f"load-editor-{n}", roles.UP_EDITOR, lgi_ids[(n - 1) % len(lgi_ids)] if lgi_ids else None)
        for n in range(1, editors + 1)
    ]
    wanted += [(f"load-curator-{n}", roles.NILG_CURATOR, None) for n in range(1, curators + 1)]
    for username, role, lgi_id in wanted:
        user, _created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        user.set_password(password)
        user.is_active = True
        user.save()
        user.groups.add(Group.objects.get(name=role))
        profile, _created = UserProfile.objects.get_or_create(user=user)
        if lgi_id is not None:
            profile.lgis.add(lgi_id)
    return f"{len(wanted)} UP editors and NILG curators to sign in"


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
    password = os.environ.get("LOAD_PASSWORD", "")
    if not password:
        raise SystemExit("set LOAD_PASSWORD: the password of the accounts that sign in")
    summary = accounts(
        password,
        editors=int(os.environ.get("LOAD_EDITORS", "3")),
        curators=int(os.environ.get("LOAD_CURATORS", "1")),
    )
    print(f"accounts: {summary}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
