"""The demo sign-ins follow what their work touches, and were told of recent happenings: the
UP editor their upazila and a practice, the curator a theme, the policymaker a curated list and
a division; each has an email digest setting (`manage.py send_digests` sends the ones due)."""

from django.contrib.auth import get_user_model
from django.db.models import Count

from practices.models import CircularPage, CuratedListPage, PracticePage, Replication
from workshops.models import Decision

from .events import record
from .models import Digest, DigestPreference, EventKind, Follow


def _follow(user, **target):
    if all(target.values()):
        Follow.objects.get_or_create(user=user, **target)


def load():
    users = {
        user.username: user
        for user in get_user_model().objects.filter(
            username__in=["up-editor", "curator", "policymaker"]
        )
    }
    if len(users) < 3:
        return "no demo sign-ins: nothing to follow"
    practices = PracticePage.objects.live().select_related("lgi", "theme")
    editor, curator, policymaker = users["up-editor"], users["curator"], users["policymaker"]
    union = editor.hlp_profile.lgis.first()
    popular = practices.order_by("-replication_count", "pk").first()
    busiest_theme = (
        practices.values("theme").annotate(n=Count("pk")).order_by("-n", "theme").first()
    )
    _follow(editor, area=union.upazila if union else None)
    _follow(editor, practice=popular)
    _follow(curator, theme_id=busiest_theme["theme"] if busiest_theme else None)
    _follow(policymaker, curated_list=CuratedListPage.objects.live().order_by("pk").first())
    _follow(policymaker, area=union.division if union else None)
    for user, frequency, language in (
        (editor, Digest.DAILY, "bn"),
        (curator, Digest.WEEKLY, "bn"),
        (policymaker, Digest.WEEKLY, "en"),
    ):
        DigestPreference.objects.get_or_create(
            user=user, defaults={"frequency": frequency, "language": language}
        )

    # Recent happenings, told to whoever follows what they concern (each once, by its key).
    told = 0
    for practice in practices.order_by("-first_published_at", "-pk")[:5]:
        told += bool(
            record(
                EventKind.PUBLISHED, f"published:{practice.pk}", practice=practice, lgi=practice.lgi
            )
        )
    recent = Replication.objects.filter(practice__live=True).select_related("practice", "lgi")
    mine = recent.filter(lgi__upazila=union.upazila) if union else recent.none()
    for replication in [*recent.order_by("-pk")[:12], *mine.order_by("-pk")[:4]]:
        told += bool(
            record(
                EventKind.REPLICATED,
                f"replicated:{replication.pk}",
                practice=replication.practice,
                lgi=replication.lgi,
            )
        )
    for replication in recent.exclude(verified_at=None).filter(practice=popular)[:3]:
        told += bool(
            record(
                EventKind.VERIFIED,
                f"verified:{replication.pk}",
                practice=replication.practice,
                lgi=replication.lgi,
            )
        )
    for practice in practices.filter(is_best_practice=True).order_by("-best_practice_since")[:4]:
        told += bool(
            record(
                EventKind.BEST_PRACTICE,
                f"best:{practice.pk}",
                practice=practice,
                lgi=practice.lgi,
                number=practice.replication_count,
            )
        )
    circular = CircularPage.objects.live().order_by("-date_issued").first()
    if circular is not None:
        told += bool(
            record(
                EventKind.CIRCULAR_ISSUED,
                f"circular:{circular.pk}",
                practices=list(circular.practices.live()),
                circular=circular,
            )
        )
    decisions = Decision.objects.filter(workshop__live=True, practice__live=True).select_related(
        "practice__lgi"
    )
    for decision in decisions.order_by("-workshop__starts_at", "sort_order")[:3]:
        told += bool(
            record(
                EventKind.DECISION,
                f"decision:{decision.pk}",
                practice=decision.practice,
                lgi=decision.practice.lgi,
                decision=decision,
            )
        )
    return f"{Follow.objects.count()} follows, {told} happenings told"
