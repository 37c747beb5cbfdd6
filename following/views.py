"""Following and unfollowing, the notifications page, the digest's settings and unsubscribing."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.cache import cache
from django.db.models import F, Q
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from .events import RELATED, UNREAD_KEY, describe, page_of, visible
from .follows import set_following, target_name, target_of, target_url
from .forms import DigestForm
from .models import TARGETS, Digest, DigestPreference, Follow, Notification

UNSUBSCRIBE_SALT = "following.unsubscribe"
SHOWN = 50


def _back(request, fallback):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(fallback)


@login_required
@require_POST
def follow(request, kind, pk):
    """Follow (or, with `unfollow` posted, stop following) a practice, theme, area or list."""
    target = target_of(kind, pk)
    following = "unfollow" not in request.POST
    set_following(request.user, kind, target, following)
    name = target_name(target)
    if following:
        messages.success(
            request,
            _("You follow “%(name)s”: what happens to it will be in your notifications.")
            % {"name": name},
        )
    else:
        messages.success(request, _("You no longer follow “%(name)s”.") % {"name": name})
    return _back(request, target_url(kind, target))


def unread_count(user):
    """How many notifications the user has not read (the header's figure), kept in the cache
    until an event adds one or they read them."""
    count = cache.get(UNREAD_KEY.format(user.pk))
    return recount_unread(user) if count is None else count


def recount_unread(user):
    """Count the user's unread notifications and keep the figure for the header."""
    count = visible_notifications(user).filter(read_at=None).count()
    cache.set(UNREAD_KEY.format(user.pk), count, 3600)
    return count


def visible_notifications(user):
    return visible(Notification.objects.filter(user=user), through="event__")


@login_required
def notifications(request):
    """The user's notifications, unread first marked as such; what they follow; their digest."""
    user = request.user
    preference, _created = DigestPreference.objects.get_or_create(
        user=user, defaults={"language": (request.LANGUAGE_CODE or "bn")[:2]}
    )
    form = DigestForm(request.POST or None, instance=preference)
    if request.method == "POST":
        if "read" in request.POST:
            Notification.objects.filter(user=user, read_at=None).update(read_at=timezone.now())
            cache.delete(UNREAD_KEY.format(user.pk))
            return HttpResponseRedirect(request.path)
        if form.is_valid():
            form.save()
            messages.success(request, _("Your email digest setting is saved."))
            return HttpResponseRedirect(request.path)
    shown = list(
        visible_notifications(user)
        .select_related(*(f"event__{name}" for name in RELATED))
        # Unread (no read_at) first on every database: PostgreSQL puts NULL last by default.
        .order_by(F("read_at").asc(nulls_first=True), "-event__created_at", "-pk")[:SHOWN]
    )
    unread = sum(1 for note in shown if note.read_at is None)
    if unread == SHOWN:
        # More may be unread than are listed: count them all, and set the header's figure too.
        unread = recount_unread(user)
    for note in shown:
        note.text = describe(note.event)
        page = page_of(note.event)
        note.url = page.url if page is not None else ""
    # A page taken back to draft is not named, even to those who followed it.
    follows = Follow.objects.filter(
        Q(practice=None) | Q(practice__live=True),
        Q(curated_list=None) | Q(curated_list__live=True),
        user=user,
    ).select_related(*TARGETS, "area__upazila", "area__district")  # an area's full name
    return render(
        request,
        "following/notifications.html",
        {
            "notifications": shown,
            "unread": unread,
            "more": len(shown) == SHOWN,
            "shown": len(shown),
            "follows": [_followed(item) for item in follows],
            "form": form,
        },
    )


def _followed(item):
    for kind in TARGETS:
        target = getattr(item, kind)
        if target is not None:
            name = getattr(target, "full_name", None) or target_name(target)
            return {"kind": kind, "target": target, "name": name, "url": target_url(kind, target)}
    raise ValueError(item)


def unsubscribe_token(user):
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


@csrf_exempt  # the address is the credential: a mail program posts to it with one click
def unsubscribe(request, token):
    """Stop the email digest from the link in it, without signing in: a page with one button,
    and the mail programs' one-click POST (RFC 8058)."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        raise Http404 from None
    user = get_user_model().objects.filter(pk=pk, is_active=True).first()
    if user is None:
        raise Http404
    done = False
    if request.method == "POST":
        DigestPreference.objects.update_or_create(user=user, defaults={"frequency": Digest.NONE})
        done = True
    return render(request, "following/unsubscribe.html", {"done": done})
