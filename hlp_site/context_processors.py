from django.conf import settings
from django.utils.translation import get_language


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
