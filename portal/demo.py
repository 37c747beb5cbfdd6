"""Demo sign-ins, one for each role, all with the same password."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from . import roles
from .models import UserProfile

# Demo sign-ins, one per role; the password is printed by `make run` and in the README.
DEMO_PASSWORD = "hlp-demo-2026"
DEMO_USERS = [
    ("curator", roles.NILG_CURATOR, False, ["UN1"]),
    ("up-editor", roles.UP_EDITOR, False, ["UN1"]),
    ("registry-officer", roles.REGISTRY_OFFICER, False, ["UN1"]),
    ("policymaker", roles.POLICYMAKER, False, []),
]


def load():
    users = 0
    User = get_user_model()
    for username, role, staff, lgi_keys in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org", "is_staff": staff}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            users += 1
        user.groups.add(Group.objects.get(name=role))
        profile, _created = UserProfile.objects.get_or_create(user=user)
        profile.lgis.add(*profile.lgis.model.objects.filter(key__in=lgi_keys))
    admin, created = User.objects.get_or_create(
        username="admin", defaults={"is_superuser": True, "is_staff": True}
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
        users += 1
    return f"{users} demo accounts created"
