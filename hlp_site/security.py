"""Browser-facing protections: security headers, the admin's views of what lies beyond a
user's reach (AdminReachMiddleware, described there) and throttling of failed sign-ins.

Content-Security-Policy: public pages get a strict policy (no inline script or style, nothing
from another origin), so an injected `<script>` or `onclick=` in user content does not run.
Wagtail's and Django's admin still rely on inline scripts and styles, so paths under the admin
prefixes get a relaxed policy that keeps everything else (same origin only, no framing by others).

Sign-in throttling: after `LOGIN_THROTTLE_FAILURES` failed attempts for one username from one
address within `LOGIN_THROTTLE_WINDOW` seconds, further attempts for that pair are refused for
the rest of the window (HTTP 429 on the sign-in pages, a refused authentication everywhere else).
An address that fails for many usernames (password spraying) is paused the same way after
`LOGIN_THROTTLE_FAILURES_PER_ADDRESS`. A successful sign-in clears the pair's count. Counts live
in the default cache, so several web processes share them only when the cache is Redis.
"""

import hashlib
import math
import time
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.dispatch import receiver
from django.http import Http404
from django.shortcuts import render

from wagtail import hooks
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets.models import get_snippet_models

from portal import roles
from portal.addresses import client_address
from practices.admin_views import tag_autocomplete

# --- security headers -----------------------------------------------------------------

STRICT_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "frame-src": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

# Wagtail's admin inlines scripts and styles, shows image previews from blob: URLs and embeds
# (videos) from their providers in its preview panel, which frames the site itself.
ADMIN_POLICY = {
    **STRICT_POLICY,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "frame-src": ["'self'", "https:"],
    "frame-ancestors": ["'self'"],
}

ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# Only documents a browser renders can run script; a PDF or CSV needs no policy (and some PDF
# viewers refuse to open under `object-src 'none'`).
_POLICED_CONTENT_TYPES = ("text/html", "image/svg+xml", "application/xhtml+xml")


def _admin_origin():
    """The origin Wagtail's user bar loads its script and styles from on public pages.

    It builds absolute URLs from WAGTAILADMIN_BASE_URL, which may differ from the host the page
    was served from (e.g. a CDN-less second hostname)."""
    parts = urlsplit(getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "")
    if parts.scheme in {"http", "https"} and parts.netloc:
        return f"{parts.scheme}://{parts.netloc}"
    return None


def serialize_policy(policy):
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in policy.items())


def public_policy():
    policy = {name: list(sources) for name, sources in STRICT_POLICY.items()}
    origin = _admin_origin()
    if origin:
        policy["script-src"].append(origin)
        policy["style-src"].append(origin)
    return policy


def is_admin_path(path):
    return path.startswith(ADMIN_PATH_PREFIXES)


class SecurityHeadersMiddleware:
    """Add Content-Security-Policy and Permissions-Policy to every HTML response.

    Django's SecurityMiddleware already sends HSTS (production), nosniff, Referrer-Policy and
    Cross-Origin-Opener-Policy; XFrameOptionsMiddleware sends X-Frame-Options."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.public = serialize_policy(public_policy())
        self.admin = serialize_policy(ADMIN_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        content_type = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type in _POLICED_CONTENT_TYPES:
            policy = self.admin if is_admin_path(request.path) else self.public
            response.headers.setdefault("Content-Security-Policy", policy)
        return response


# --- the admin: what lies beyond a user's reach ----------------------------------------

# Wagtail's reports (page types usage, site history, aging and locked pages, workflows) list the
# latest edits across every LGI, unpublished titles included: they are NILG's, not an LGI's.
ADMIN_REPORTS_PREFIX = "/admin/reports/"
# Open to anyone signed in: signing in and out.
ADMIN_OPEN_PATHS = frozenset({"/admin/login/", "/admin/logout/"})

# Admin views that name a page by its latest draft and take the page from the URL without asking
# whether the user may see it: the explorer of a page, the page chooser's view of a page's
# children and its "chosen pages" answer, and the bulk actions (delete, move, publish, unpublish
# and any registered later), which list every page they are given, out of reach or not.
EXPLORER_VIEWS = frozenset({"wagtailadmin_explore", "wagtailadmin_explore_results"})
CHOOSER_BROWSE_VIEW = "wagtailadmin_choose_page_child"
CHOOSER_CHOSEN_VIEW = "wagtailadmin_choose_page_chosen_multiple"
BULK_ACTION_VIEW = "wagtail_bulk_action"
TAG_AUTOCOMPLETE_VIEWS = frozenset(
    {"wagtailadmin_tag_autocomplete", "wagtailadmin_tag_model_autocomplete"}
)
# Every other request passes without a look at the user's permissions.
REACH_VIEWS = frozenset(
    {
        *EXPLORER_VIEWS,
        *TAG_AUTOCOMPLETE_VIEWS,
        CHOOSER_BROWSE_VIEW,
        CHOOSER_CHOSEN_VIEW,
        BULK_ACTION_VIEW,
    }
)
# A snippet is in a user's reach when the user may do any of these to it (a record of another
# LGI is not, see practices.wagtail_hooks.LGIRecordPermissionPolicy).
SNIPPET_ACTIONS = ["add", "change", "delete", "view"]


class AdminReachMiddleware:
    """Keep the admin's views of what lies beyond a user's reach closed to them.

    - the admin itself: only roles with admin access (a policymaker gets the portal's 403);
    - the site-wide reports: NILG curators only (and superusers, whom `roles.is_curator` counts);
    - the explorer of a page the user may not explore (Wagtail's page policy, narrowed by
      `practices.policy`), and the page chooser's view of a page it would not list to them;
    - bulk actions on pages or snippets: any id out of reach refuses the whole request, naming
      nothing; "select all" keeps only what is in reach;
    - tag suggestions: answered by `practices.admin_views.tag_autocomplete`, which leaves out
      the tags of other unions' drafts.

    Every refusal is a plain 403 that names nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            request.path.startswith("/admin/")
            and request.path not in ADMIN_OPEN_PATHS
            and user.is_authenticated
            and not user.has_perm(roles.ADMIN_ACCESS)
        ):
            # A role without the admin (a policymaker) gets the portal's own refusal, in the
            # portal's language, with a way back, not Wagtail's English message.
            raise PermissionDenied
        if (
            request.path.startswith(ADMIN_REPORTS_PREFIX)
            and user.is_authenticated
            and not roles.is_curator(user)
        ):
            raise PermissionDenied
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or match.view_name not in REACH_VIEWS:
            return None
        user = request.user
        if not user.is_authenticated or not user.has_perm(roles.ADMIN_ACCESS):
            return None  # Wagtail sends them to sign in, or refuses them the admin
        name = match.view_name
        if name in EXPLORER_VIEWS:
            _refuse_unexplorable(user, view_kwargs.get("parent_page_id"))
        elif name == CHOOSER_BROWSE_VIEW:
            _refuse_unchoosable(request, [view_kwargs.get("parent_page_id")])
        elif name == CHOOSER_CHOSEN_VIEW:
            _refuse_unchoosable(request, request.GET.getlist("id"))
        elif name == BULK_ACTION_VIEW:
            _keep_bulk_action_in_reach(request, **view_kwargs)
        elif name in TAG_AUTOCOMPLETE_VIEWS:
            return tag_autocomplete(request, **view_kwargs)
        return None


def _page_policy():
    return policy_registry.get_by_type(Page)


def _refuse_unexplorable(user, page_id):
    if page_id is None:
        return
    if not _page_policy().explorable_instances(user).filter(pk=page_id).exists():
        raise PermissionDenied


def _refuse_unchoosable(request, page_ids):
    ids = _primary_keys(Page, page_ids)
    if not ids:
        return
    pages = Page.objects.filter(pk__in=ids)
    for hook in hooks.get_hooks("construct_page_chooser_queryset"):
        pages = hook(pages, request)
    if pages.count() != Page.objects.filter(pk__in=ids).count():
        raise PermissionDenied


def _primary_keys(model, values):
    """The values as primary keys of `model`; a value that cannot be one is a 404 (Wagtail
    would answer it with a server error)."""
    field = model._meta.pk
    try:
        return {field.to_python(value) for value in values if value is not None}
    except ValidationError as exc:
        raise Http404 from exc


def _reachable(user, model):
    """What of `model` the user may reach in the admin, or None where no reach applies."""
    if issubclass(model, Page):
        return _page_policy().explorable_instances(user)
    if model in get_snippet_models():
        return policy_registry.get_by_type(model).instances_user_has_any_permission_for(
            user, SNIPPET_ACTIONS
        )
    return None


def _keep_bulk_action_in_reach(request, app_label, model_name, action):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return  # Wagtail answers 404
    reachable = _reachable(request.user, model)
    if reachable is None:
        return
    if issubclass(model, Page) and request.method == "POST" and request.POST.get("chooser"):
        # The destination of a move is named back in the confirmation.
        _refuse_unexplorable(request.user, _primary_keys(Page, [request.POST["chooser"]]).pop())
    requested = request.GET.getlist("id")
    if "all" in requested:
        action_class = bulk_action_registry.get_bulk_action_class(app_label, model_name, action)
        if action_class is None:
            return  # Wagtail answers 404
        try:
            listed = action_class(request, model).get_all_objects_in_listing_query(
                request.GET.get("childOf")
            )
        except (ValueError, ObjectDoesNotExist) as exc:
            raise Http404 from exc  # a parent that is no page
        kept = reachable.filter(pk__in=list(listed)).values_list("pk", flat=True)
        query = request.GET.copy()
        query.setlist("id", [str(pk) for pk in kept])
        # The confirmation form posts back to the same query string.
        request.GET = query
        request.META["QUERY_STRING"] = query.urlencode()
        return
    ids = _primary_keys(model, requested)
    if reachable.filter(pk__in=ids).count() != len(ids):
        raise PermissionDenied


# --- sign-in throttling ---------------------------------------------------------------


def _setting(name, default):
    return getattr(settings, name, default)


def failures_allowed():
    return _setting("LOGIN_THROTTLE_FAILURES", 5)


def failures_allowed_per_address():
    return _setting("LOGIN_THROTTLE_FAILURES_PER_ADDRESS", 30)


def window_seconds():
    return _setting("LOGIN_THROTTLE_WINDOW", 15 * 60)


def _digest(*parts):
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def _username(username):
    return (username or "").strip().casefold()


def _keys(username, address):
    pair = _digest(_username(username), address)
    address_only = _digest("", address)
    return (
        (f"login-failures:pair:{pair}", f"login-paused:pair:{pair}", failures_allowed()),
        (
            f"login-failures:address:{address_only}",
            f"login-paused:address:{address_only}",
            failures_allowed_per_address(),
        ),
    )


def record_failure(username, address):
    now = time.time()
    window = window_seconds()
    for count_key, pause_key, limit in _keys(username, address):
        # add() starts the window at the first failure; incr() keeps that expiry.
        cache.add(count_key, 0, window)
        try:
            count = cache.incr(count_key)
        except ValueError:
            # The window expired between add() and incr().
            cache.set(count_key, 1, window)
            count = 1
        if count >= limit:
            cache.add(pause_key, now + window, window)


def clear_failures(username, address):
    pair_count, pair_pause, _limit = _keys(username, address)[0]
    cache.delete_many([pair_count, pair_pause])


def seconds_paused(username, address):
    """How long sign-in stays refused for this username from this address (0 = not paused)."""
    now = time.time()
    paused_until = [
        value
        for value in cache.get_many(
            [pause for _count, pause, _limit in _keys(username, address)]
        ).values()
        if value
    ]
    if not paused_until:
        return 0
    return max(0, math.ceil(max(paused_until) - now))


# Only attempts that arrive over HTTP are counted: code that authenticates without a request
# (management commands, the test client's login()) is not an attacker at a sign-in form.


@receiver(user_login_failed, dispatch_uid="hlp_site.security.count_failed_sign_in")
def _count_failed_sign_in(sender, credentials, request=None, **kwargs):
    if request is not None:
        record_failure(credentials.get("username", ""), client_address(request))


@receiver(user_logged_in, dispatch_uid="hlp_site.security.clear_failed_sign_ins")
def _clear_failed_sign_ins(sender, request, user, **kwargs):
    if request is not None:
        clear_failures(user.get_username(), client_address(request))


class ThrottledModelBackend(ModelBackend):
    """Django's username/password backend, refusing while a username+address pair is paused.

    This covers every caller of `authenticate()`; the sign-in pages get a clear message from
    LoginThrottleMiddleware before they get here."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(self._username_field(), "")
        if request is not None and seconds_paused(username, client_address(request)):
            raise PermissionDenied
        return super().authenticate(request, username=username, password=password, **kwargs)

    @staticmethod
    def _username_field():
        from django.contrib.auth import get_user_model

        return get_user_model().USERNAME_FIELD


LOGIN_VIEW_NAMES = frozenset(
    {"sign_in", "admin_sign_in", "wagtailadmin_login", "admin:login", "wagtailcore_login"}
)


class LoginThrottleMiddleware:
    """Answer a paused sign-in attempt with HTTP 429 and a message saying how long to wait."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method != "POST" or match is None or match.view_name not in LOGIN_VIEW_NAMES:
            return None
        wait = seconds_paused(request.POST.get("username", ""), client_address(request))
        if not wait:
            return None
        response = render(
            request,
            "hlp_site/too_many_sign_in_attempts.html",
            {"minutes": max(1, math.ceil(wait / 60))},
            status=429,
        )
        response["Retry-After"] = str(wait)
        return response
