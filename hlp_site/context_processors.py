from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _lazy

from following.views import unread_count
from portal import roles
from registry.access import Reach


def _on_this_site(path):
    # A path that starts with two slashes ("//evil.example/") is a link to another site.
    return "/" + path.lstrip("/\\")


def portal(request):
    """Language facts every template needs: the other language's address of this very page."""
    language = get_language() or settings.LANGUAGE_CODE
    path = request.get_full_path()
    if path.startswith("/en/") or path == "/en":
        bangla_path = path[3:] or "/"
        english_path = path
    else:
        bangla_path = path
        english_path = "/en" + path
    return {
        "is_bangla": not language.startswith("en"),
        "bangla_path": _on_this_site(bangla_path),
        "english_path": _on_this_site(english_path),
    }


# What a user's role lets them open, kept in their session from the moment they sign in, so
# that pages (whose query counts are measured) do not ask the database again for every header.
ACCOUNT_SESSION_KEY = "hlp_account"
LINKS = {
    "my_work": ("my_work", _lazy("My work")),
    "admin": ("wagtailadmin_home", _lazy("Admin")),
    "registry": ("registry:index", _lazy("Registry")),
    "downloads": ("data_package", _lazy("Downloads")),
}


def account_links(user):
    """The keys of LINKS the user may use, in order."""
    groups = roles.role_names(user)
    everything = user.is_superuser

    def has(*names):
        return everything or bool(groups & set(names))

    keys = []
    if has(roles.UP_EDITOR, roles.NILG_CURATOR):
        keys.append("my_work")
    if user.has_perm(roles.ADMIN_ACCESS):
        keys.append("admin")
    if Reach(user):
        keys.append("registry")
    if has(roles.POLICYMAKER, roles.NILG_CURATOR, roles.REGISTRY_OFFICER):
        keys.append("downloads")
    return keys


# What public pages offer a signed-in user beyond links (a permission each), kept beside them.
ABILITIES = {"follow_up": "workshops.add_followup"}


def abilities(user):
    return [key for key, permission in ABILITIES.items() if user.has_perm(permission)]


def _stored(user):
    return {"user": user.pk, "links": account_links(user), "abilities": abilities(user)}


def remember_account(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[ACCOUNT_SESSION_KEY] = _stored(user)


def account(request):
    """The links of the signed-in user's work, each only for a role that may use it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    stored = request.session.get(ACCOUNT_SESSION_KEY) if hasattr(request, "session") else None
    if not stored or stored.get("user") != user.pk or "abilities" not in stored:
        stored = _stored(user)
        if hasattr(request, "session"):
            request.session[ACCOUNT_SESSION_KEY] = stored
    links = [{"url": reverse(LINKS[key][0]), "label": LINKS[key][1]} for key in stored["links"]]
    # The registry's own menu lists its lists and imports only for those who may open them.
    return {
        "account_links": links,
        "uses_registry": "registry" in stored["links"],
        # A link to edit the page in the admin, in place of Wagtail's user bar (which asks the
        # database a dozen questions on every page); the admin decides who may save.
        "may_open_admin": "admin" in stored["links"],
        "may_follow_up": "follow_up" in stored["abilities"],
        # The header's count of unread notifications (kept in the cache between events).
        "unread_notifications": unread_count(user),
    }
