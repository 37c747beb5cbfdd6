"""Recording what happened, handing it to its followers, and putting it in words.

`record()` writes an event once (by its key) and, in the same transaction, one unread
notification for each user who follows what it concerns: the practice, its theme, a curated list
holding it, or the area of the LGI where it happened or any area above it. Finding them is one
query and writing their notifications one insert, however many they are.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from portal.models import UserProfile
from portal.templatetags.hlp import digits, num

from .models import FOR_THE_LGI, Event, EventKind, Follow, Notification

UNREAD_KEY = "following:unread:{}"
FOLLOWS_KEY = "following:follows:{}"


def forget_counts(user_ids):
    """The header's unread counts of these users are worked out again on their next page."""
    keys = [UNREAD_KEY.format(pk) for pk in user_ids]
    if keys:
        cache.delete_many(keys)
        # And once more after the commit, in case a page read the old count in between.
        transaction.on_commit(lambda: cache.delete_many(keys))


def _area_ids(lgi):
    if lgi is None:
        return []
    return [pk for pk in (lgi.pk, lgi.upazila_id, lgi.district_id, lgi.division_id) if pk]


def followers_of(practices=(), lgi=None):
    """The ids of the users who follow any of these practices, their themes or curated lists,
    or the LGI's area or any area above it."""
    practices = [practice for practice in practices if practice is not None]
    condition = Q(area_id__in=_area_ids(lgi))
    if practices:
        ids = [practice.pk for practice in practices]
        condition |= (
            Q(practice_id__in=ids)
            | Q(theme_id__in={practice.theme_id for practice in practices if practice.theme_id})
            | Q(curated_list__items__practice_id__in=ids)
        )
    return set(Follow.objects.filter(condition).values_list("user_id", flat=True))


def staff_of(lgi):
    """The ids of the users who work for this LGI (on their profile)."""
    return set(
        UserProfile.objects.filter(lgis=lgi, user__is_active=True).values_list("user_id", flat=True)
    )


def record(kind, key, practices=(), **fields):
    """The event of this key, written and handed to its followers (to the staff of its LGI for
    a decision falling due); None if it was already."""
    with transaction.atomic():
        event, created = Event.objects.get_or_create(key=key, defaults={"kind": kind, **fields})
        if not created:
            return None
        if kind in FOR_THE_LGI:
            users = staff_of(fields["lgi"])
        else:
            users = followers_of(practices or [fields.get("practice")], fields.get("lgi"))
        Notification.objects.bulk_create(
            [Notification(user_id=pk, event=event) for pk in users], ignore_conflicts=True
        )
    forget_counts(users)
    return event


# --- what an event says -----------------------------------------------------------------

RELATED = (
    "practice",
    "practice__lgi",
    "lgi",
    "circular",
    "circular__supersedes",
    "decision",
    "decision__workshop",
)


def visible(rows, through=""):
    """Only events about published pages: a practice, circular or workshop taken back to draft
    (or never published) is not mentioned to anyone. `through` is the path to the event from
    the rows' model ("event__" for notifications)."""
    p = through
    return rows.filter(
        Q(**{f"{p}practice": None}) | Q(**{f"{p}practice__live": True}),
        Q(**{f"{p}circular": None}) | Q(**{f"{p}circular__live": True}),
        Q(**{f"{p}decision": None}) | Q(**{f"{p}decision__workshop__live": True}),
    )


def _title(page):
    return page.display_title if hasattr(page, "display_title") else page.title


def _lgi(event):
    lgi = event.lgi or (event.practice.lgi if event.practice else None)
    return lgi.name if lgi is not None else ""


def describe(event):
    """One sentence in the active language."""
    practice = _title(event.practice) if event.practice else ""
    circular = _title(event.circular) if event.circular else ""
    number = event.number or 0
    if event.kind == EventKind.PUBLISHED:
        return _("New practice published: “%(practice)s” (%(lgi)s)") % {
            "practice": practice,
            "lgi": _lgi(event),
        }
    if event.kind == EventKind.REPLICATED and event.number:
        return _("%(number)s replications of “%(practice)s” were recorded from a list") % {
            "number": number_text(number),
            "practice": practice,
        }
    if event.kind == EventKind.REPLICATED:
        return _("%(lgi)s recorded a replication of “%(practice)s”") % {
            "lgi": _lgi(event),
            "practice": practice,
        }
    if event.kind == EventKind.VERIFIED:
        return _("NILG verified the replication of “%(practice)s” in %(lgi)s") % {
            "practice": practice,
            "lgi": _lgi(event),
        }
    if event.kind == EventKind.HALFWAY:
        return _(
            "“%(practice)s” has been replicated in %(number)s places: halfway to best practice"
        ) % {
            "practice": practice,
            "number": number_text(number),
        }
    if event.kind == EventKind.BEST_PRACTICE:
        return _("“%(practice)s” is now a best practice: replicated in %(number)s places") % {
            "practice": practice,
            "number": number_text(number),
        }
    if event.kind == EventKind.CIRCULAR_ISSUED:
        return _("Circular issued: “%(circular)s”") % {"circular": circular}
    if event.kind == EventKind.CIRCULAR_SUPERSEDED:
        old = event.circular.supersedes if event.circular else None
        return _("Circular “%(old)s” is superseded by “%(circular)s”") % {
            "old": _title(old) if old else "",
            "circular": circular,
        }
    if event.kind == EventKind.DECISION:
        decision = event.decision
        return _("Workshop “%(workshop)s” decided about “%(practice)s”: %(text)s") % {
            "workshop": _title(decision.workshop) if decision else "",
            "practice": practice,
            "text": digits(decision.text) if decision else "",
        }
    if event.kind in FOR_THE_LGI:
        decision = event.decision
        values = {
            "letter": decision.letter if decision else "",
            "workshop": _title(decision.workshop) if decision else "",
            "lgi": _lgi(event),
            "date": digits(date_format(decision.due_date, "j F Y")) if decision else "",
            "text": digits(decision.text) if decision else "",
        }
        if event.kind == EventKind.DECISION_DUE:
            return (
                _(
                    "Decision %(letter)s of “%(workshop)s”, for %(lgi)s, falls due on %(date)s: "
                    "%(text)s"
                )
                % values
            )
        return (
            _(
                "Decision %(letter)s of “%(workshop)s”, for %(lgi)s, was due on %(date)s and is "
                "still open: %(text)s"
            )
            % values
        )
    return event.get_kind_display()


def number_text(number):
    return num(number)


def page_of(event):
    """The page the event is about: the decision's workshop, the circular, or the practice."""
    if event.decision is not None:
        return event.decision.workshop
    return event.circular or event.practice
