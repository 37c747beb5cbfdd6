"""The admin speaks the language its user reads the portal in.

The portal's addresses carry their language (`/…` Bangla, `/en/…` English); the admin's do not,
and Django gives them the default language, Bangla, whatever the browser asks for. A signed-in
user's portal pages remember their language in Django's language cookie, and the admin follows
it (unless the user chose a language in their admin account): someone who signs in from the
English portal works in the English admin."""

from django.conf import settings
from django.utils import translation

# Addresses outside the language-prefixed portal.
UNPREFIXED = ("/admin/", "/django-admin/", "/documents/", "/health/", "/favicon.ico")


class PortalLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        portal = not request.path.startswith(UNPREFIXED)
        if not portal and cookie in dict(settings.LANGUAGES):
            # Django gives every address outside the prefixed portal the default language.
            translation.activate(cookie)
            request.LANGUAGE_CODE = cookie
        response = self.get_response(request)
        language = getattr(request, "LANGUAGE_CODE", None)
        if (
            portal
            and language
            and language != cookie
            and response.status_code < 400
            and request.user.is_authenticated
        ):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
            )
        return response
