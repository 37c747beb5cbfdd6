"""The portal's roles, their permissions, and the questions views ask about a user's reach.

Groups are created and kept in step after every migration (and by `manage.py sync_roles`), so a
permission that a later migration adds reaches its role without a manual step.

| role | reach |
|---|---|
| UP editor | edits content of the LGIs on their profile only |
| NILG curator | reviews and publishes everything, curates lists, records workshops |
| Registry officer | sees personal data of the LGIs on their profile (all, with national scope) |
| Policymaker | reads, searches and exports aggregates |
"""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction

UP_EDITOR = "UP editor"
NILG_CURATOR = "NILG curator"
REGISTRY_OFFICER = "Registry officer"
POLICYMAKER = "Policymaker"

ADMIN_ACCESS = "wagtailadmin.access_admin"

# "app_label.codename" per role. An app adds the permissions of its models here as it grows;
# a name whose app is not installed is an error, caught by the roles test.
ROLE_PERMISSIONS = {
    UP_EDITOR: [
        ADMIN_ACCESS,
        "wagtailimages.add_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.choose_document",
    ],
    NILG_CURATOR: [
        ADMIN_ACCESS,
        # The best-practice threshold and the exchange rate are NILG's to set.
        "portal.change_portalsettings",
        "places.add_area",
        "places.change_area",
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
    REGISTRY_OFFICER: [ADMIN_ACCESS],
    POLICYMAKER: [],
}


def extend_role(role, *permissions):
    """Let an app add its models' permissions to a role (called from the app's `roles.py`)."""
    for permission in permissions:
        if permission not in ROLE_PERMISSIONS[role]:
            ROLE_PERMISSIONS[role].append(permission)


def _permission(dotted):
    app_label, codename = dotted.split(".", 1)
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist as exc:
        raise LookupError(
            f"Permission {dotted!r} named in ROLE_PERMISSIONS does not exist"
        ) from exc


@transaction.atomic
def sync_roles():
    """Create the role groups and give each exactly the permissions listed for it."""
    _load_app_roles()
    for role, names in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set([_permission(name) for name in names])


def _load_app_roles():
    from importlib import import_module
    from importlib.util import find_spec

    for app_config in apps.get_app_configs():
        module = f"{app_config.name}.roles"
        if app_config.name != "portal" and find_spec(module) is not None:
            import_module(module)


def sync_roles_after_migrate(sender, using="default", **kwargs):
    # Permissions of apps listed after this one are created by their own post_migrate signal,
    # which has not run yet: create them all now so every role gets its full set.
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    sync_roles()


def role_names(user):
    """The names of the user's groups (their roles), read once per user object (a request's)."""
    names = getattr(user, "_hlp_roles", None)
    if names is None:
        names = frozenset(user.groups.values_list("name", flat=True))
        user._hlp_roles = names
    return names


def has_role(user, role):
    if not user.is_authenticated:
        return False
    return user.is_superuser or role in role_names(user)


def is_curator(user):
    return has_role(user, NILG_CURATOR)


def profile_of(user):
    from .models import UserProfile

    if not user.is_authenticated:
        return None
    profile = getattr(user, "_hlp_profile", None)
    if profile is None:
        profile, _created = UserProfile.objects.get_or_create(user=user)
        user._hlp_profile = profile
    return profile


def user_lgis(user):
    """The LGIs (union or pourashava areas) a user works for, as a queryset of Area."""
    profile = profile_of(user)
    if profile is None:
        # The areas' model without importing `places`, which builds on this app.
        return apps.get_model("places", "Area").objects.none()
    return profile.lgis.all()


def can_edit_lgi(user, lgi):
    """Whether a user may create or change content that belongs to this LGI."""
    if lgi is None or not user.is_authenticated:
        return False
    if is_curator(user):
        return True
    return UP_EDITOR in role_names(user) and user_lgis(user).filter(pk=lgi.pk).exists()


def can_view_personal_data(user, lgi):
    """Whether a user may see names and identity numbers of people registered in this LGI."""
    if lgi is None or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    profile = profile_of(user)
    groups = role_names(user)
    if REGISTRY_OFFICER in groups and profile.national_scope:
        return True
    if groups & {REGISTRY_OFFICER, UP_EDITOR}:
        return user_lgis(user).filter(pk=lgi.pk).exists()
    return False


def can_export_aggregates(user):
    return any(has_role(user, role) for role in (POLICYMAKER, NILG_CURATOR, REGISTRY_OFFICER))
