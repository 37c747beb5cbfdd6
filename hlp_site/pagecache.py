"""Whole pages kept in the shared cache for visitors who are not signed in.

Most of the portal's visitors read the same public pages (home, practices, circulars, the
dashboard, searches, the open data API) without signing in. Such a page is made once per data
version and language and then served from the cache until something it may show changes:
every change that can alter a public page raises the data version (`portal.public`: each app
declares there what its public pages show), and the version is part of the key, so the next
visitor gets a freshly made page.

What is never kept or served from the cache:
- any request that carries a session cookie (signed-in users, a visitor with messages or a
  password-protected page opened), or any method but GET and HEAD;
- a response other than 200, one that sets a cookie (a CSRF token for a form, a message) or
  changes the session, one marked `Cache-Control: private`, `no-cache`, `no-store` or
  `max-age=0` (the registry, imports, a search answered while Elasticsearch was down), or one
  that varies on anything but the language and cookies;
- anything under the admin prefixes or the health check.

`PAGE_CACHE_SECONDS` bounds how long a page is kept even if no version change arrives (0 turns
the cache off). Pages live in the default cache; with Redis that is shared by every web process
(give Redis a `maxmemory` with an LRU policy, since every distinct search is a page).
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import cc_delim_re, get_max_age, patch_vary_headers

from portal import public

KEY_PREFIX = "page"
SKIPPED_PREFIXES = ("/admin/", "/django-admin/", "/health/", "/static/", "/media/")
ALLOWED_VARY = {"cookie", "accept-language", "accept-encoding"}
UNCACHEABLE_DIRECTIVES = {"private", "no-cache", "no-store"}
MAX_BYTES = 1024 * 1024
HIT_HEADER = "X-Page-Cache"


def _seconds():
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0) or 0)


def cache_key(request, version):
    address = f"{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    language = getattr(request, "LANGUAGE_CODE", "") or settings.LANGUAGE_CODE
    return f"{KEY_PREFIX}:{version}:{language}:{digest}"


def _may_serve(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(SKIPPED_PREFIXES)
    )


def _may_keep(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    control = {
        part.split("=", 1)[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
        if part.strip()
    }
    if control & UNCACHEABLE_DIRECTIVES or get_max_age(response) == 0:
        return False
    vary = {
        part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part.strip()
    }
    if vary - ALLOWED_VARY:
        return False
    return len(response.content) <= MAX_BYTES


class AnonymousPageCacheMiddleware:
    """Serve and keep whole public pages for visitors without a session (see module doc).

    Sits after LocaleMiddleware (the language is part of the key) and outside everything that
    may set a cookie on the response (CSRF, messages)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = _seconds()
        if not seconds or not _may_serve(request):
            return self.get_response(request)
        version = public.version()
        if version is None:
            return self.get_response(request)
        key = cache_key(request, version)
        kept = cache.get(key)
        if kept is not None:
            response = kept
            response[HIT_HEADER] = "hit"
            # The page was made for a visitor without cookies; say so to caches downstream.
            patch_vary_headers(response, ("Cookie",))
            return response
        response = self.get_response(request)
        if request.method == "GET" and _may_keep(request, response):
            cache.set(key, response, seconds)
        response[HIT_HEADER] = "miss"
        return response
