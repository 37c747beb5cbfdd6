"""The email digest: each user's notifications not yet read or emailed, in their language, with a
one-click unsubscribe, sent daily or weekly as they chose.

Built for everyone due at once with a fixed number of queries (the users due, their
notifications with what each names, two updates), never one per user, and sent over one
connection of Django's email framework.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Max, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .events import RELATED, describe, page_of, visible
from .models import Digest, DigestPreference, Event, Notification
from .views import unsubscribe_token

# A digest lists the newest this many; the rest are counted, and read in the portal.
MOST = 30
# A day's digest goes a little early rather than a day late if the beat task drifts.
PERIODS = {Digest.DAILY: datetime.timedelta(hours=23), Digest.WEEKLY: datetime.timedelta(days=7)}


def due_preferences(now):
    condition = Q()
    for frequency, period in PERIODS.items():
        condition |= Q(frequency=frequency) & (
            Q(last_sent_at=None) | Q(last_sent_at__lte=now - period + datetime.timedelta(hours=1))
        )
    return DigestPreference.objects.filter(condition, user__is_active=True).exclude(user__email="")


def _absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def build(now=None):
    """The preferences of everyone due a digest; [(preference, message)] for those with
    something new; and their notifications up to now, as a queryset to mark emailed."""
    now = now or timezone.now()
    due = due_preferences(now)
    preferences = list(due.select_related("user"))
    last = Event.objects.filter(created_at__lte=now).aggregate(last=Max("pk"))["last"] or 0
    # Without joins, so that marking them emailed is one plain UPDATE (a notification of a page
    # now hidden is marked too: it was not news to email).
    pending = Notification.objects.filter(
        user_id__in=due.values("user_id"),
        emailed_at=None,
        read_at=None,  # read in the portal already
        event_id__lte=last,
    )
    shown = visible(pending, through="event__").select_related(
        *(f"event__{name}" for name in RELATED)
    )
    by_user = defaultdict(list)
    for note in shown.order_by("user_id", "-event__created_at", "-event_id"):
        by_user[note.user_id].append(note.event)
    messages = []
    for preference in preferences:
        events = by_user.get(preference.user_id)
        if events:
            messages.append((preference, _message(preference, events)))
    return due, messages, pending


def _message(preference, events):
    user = preference.user
    with translation.override(preference.language):
        items = []
        for event in events[:MOST]:
            page = page_of(event)
            items.append({"text": describe(event), "url": _absolute(page.url) if page else ""})
        unsubscribe = _absolute(reverse("following_unsubscribe", args=[unsubscribe_token(user)]))
        context = {
            "user": user,
            "items": items,
            "more": len(events) - len(items),
            "frequency": preference.get_frequency_display(),
            "unsubscribe_url": unsubscribe,
            "settings_url": _absolute(reverse("following_notifications")),
        }
        subject = " ".join(
            render_to_string("following/digest_subject.txt", {"count": len(events)}).split()
        )
        body = render_to_string("following/digest.txt", context)
        html = render_to_string("following/digest.html", context)
    message = EmailMultiAlternatives(
        subject,
        body,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": preference.language,
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def send_digests(now=None):
    """Send every digest due now; returns how many were sent."""
    now = now or timezone.now()
    due, messages, pending = build(now)
    if messages:
        with get_connection() as connection:
            connection.send_messages([message for _preference, message in messages])
    with transaction.atomic():
        pending.update(emailed_at=now)
        DigestPreference.objects.filter(pk__in=due.values("pk")).update(last_sent_at=now)
    return len(messages)
