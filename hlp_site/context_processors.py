from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

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


def account(request):
    """The links of the signed-in user's work, each only for a role that may use it."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    links = []
    if roles.has_role(user, roles.UP_EDITOR) or roles.is_curator(user):
        links.append({"url": reverse("my_work"), "label": _("My work")})
    if user.has_perm(roles.ADMIN_ACCESS):
        links.append({"url": reverse("wagtailadmin_home"), "label": _("Admin")})
    uses_registry = bool(Reach(user))
    if uses_registry:
        links.append({"url": reverse("registry:index"), "label": _("Registry")})
    if roles.can_export_aggregates(user):
        links.append({"url": reverse("data_package"), "label": _("Downloads")})
    # The registry's own menu lists its lists and imports only for those who may open them.
    return {"account_links": links, "uses_registry": uses_registry}
