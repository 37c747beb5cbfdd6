"""The email digest for many followers over a week of events (following.digest).

In a scratch database: BENCH_DIGEST_FOLLOWERS users (10,000), each following three of 50
practices (a few also a theme or a district) with a daily or weekly digest in Bangla or English,
and a week of 200 events (replications recorded) handed to their followers as they happen.

- digest for every follower: `send_digests()`, the queries and seconds to build and send them
  all (Django's in-memory mail backend);
- baseline: the same digests as one would first write it, each user's notifications asked for,
  and marked sent, one user at a time;
- event handed to its followers: median milliseconds of `events.record()` for one event (its
  followers found, their notifications written).

Run alone with `python -m benchmarks digest`.
"""

import os
import random
import statistics
import time

from . import create_scratch_database

FOLLOWERS = int(os.environ.get("BENCH_DIGEST_FOLLOWERS", "10000"))
SIZE = ("FOLLOWERS", "followers", "BENCH_DIGEST_FOLLOWERS", "10000")
PRACTICES = 50
EVENTS = 200
SEED = 21


def _prepare():
    import io

    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from following.models import Digest, DigestPreference, Follow
    from hlp_site.models import HomePage
    from places.models import Area
    from practices.models import PracticeIndexPage, PracticePage, Theme

    quiet = {"verbosity": 0, "stdout": io.StringIO()}
    call_command("load_geography", **quiet)
    home = HomePage.objects.get()
    index = home.add_child(instance=PracticeIndexPage(title="ভালো শিখন", slug="practices"))
    themes = [
        Theme.objects.create(name_bn=f"বিষয় {n}", name_en=f"Theme {n}", slug=f"theme-{n}")
        for n in range(5)
    ]
    lgis = list(Area.objects.lgis().order_by("pk")[:400])
    rng = random.Random(SEED)
    practices = [
        index.add_child(
            instance=PracticePage(
                title=f"ভালো শিখন {n}",
                slug=f"practice-{n}",
                summary_bn="সারসংক্ষেপ",
                theme=themes[n % len(themes)],
                lgi=lgis[n],
                year_identified=2015,
            )
        )
        for n in range(PRACTICES)
    ]
    User = get_user_model()
    User.objects.bulk_create(
        User(username=f"follower-{n}", email=f"follower-{n}@example.org") for n in range(FOLLOWERS)
    )
    users = list(User.objects.filter(username__startswith="follower-").order_by("pk"))
    follows, preferences = [], []
    for number, user in enumerate(users):
        for practice in rng.sample(practices, 3):
            follows.append(Follow(user=user, practice=practice))
        if number % 10 == 0:
            follows.append(Follow(user=user, theme=rng.choice(themes)))
        if number % 10 == 5:
            follows.append(Follow(user=user, area_id=rng.choice(lgis).district_id))
        preferences.append(
            DigestPreference(
                user=user,
                frequency=Digest.DAILY if number % 3 else Digest.WEEKLY,
                language="en" if number % 4 == 0 else "bn",
            )
        )
    Follow.objects.bulk_create(follows, batch_size=5000)
    DigestPreference.objects.bulk_create(preferences, batch_size=5000)
    return practices, lgis, rng


def _events(practices, lgis, rng):
    """A week of replications recorded, each handed to its followers; ms per event."""
    from following.events import record
    from following.models import EventKind

    times = []
    for number in range(EVENTS):
        practice = rng.choice(practices)
        started = time.perf_counter()
        record(
            EventKind.REPLICATED,
            f"bench-replicated:{number}",
            practice=practice,
            lgi=rng.choice(lgis[PRACTICES:]),
        )
        times.append((time.perf_counter() - started) * 1000)
    return times


def _naive(now):
    """Each due user's digest built and marked sent on its own."""
    from django.core.mail import get_connection

    from following import digest
    from following.events import RELATED, visible
    from following.models import DigestPreference, Notification

    sent = 0
    with get_connection() as connection:
        for preference in digest.due_preferences(now).select_related("user"):
            notes = visible(
                Notification.objects.filter(user=preference.user, emailed_at=None, read_at=None),
                through="event__",
            ).select_related(*(f"event__{name}" for name in RELATED))
            events = [note.event for note in notes.order_by("-event__created_at")]
            if events:
                connection.send_messages([digest._message(preference, events)])
                sent += 1
            notes.update(emailed_at=now)
            DigestPreference.objects.filter(pk=preference.pk).update(last_sent_at=now)
    return sent


def _reset():
    from following.models import DigestPreference, Notification

    Notification.objects.update(emailed_at=None)
    DigestPreference.objects.update(last_sent_at=None)


def _timed(function, now):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _reset()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        sent = function(now)
        seconds = time.perf_counter() - started
    return sent, len(queries), seconds


def run():
    from django.db import connection
    from django.test.utils import override_settings
    from django.utils import timezone

    from following import digest
    from following.models import Notification

    rows = []
    original_name = connection.settings_dict["NAME"]
    create_scratch_database(connection)
    try:
        with override_settings(
            ELASTICSEARCH_URL="",
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
            WAGTAILADMIN_BASE_URL="https://hlp.example.gov.bd",
        ):
            practices, lgis, rng = _prepare()
            event_ms = _events(practices, lgis, rng)
            notifications = Notification.objects.count()
            now = timezone.now()
            sent, queries, seconds = _timed(digest.send_digests, now)
            naive_sent, naive_queries, naive_seconds = _timed(_naive, now)
        assert naive_sent == sent, (naive_sent, sent)
        note = f"{sent:,} digests of {notifications:,} notifications ({EVENTS} events)"
        rows.append(
            {
                "benchmark": "digest",
                "metric": "queries for every follower's digest",
                "value": queries,
                "baseline": naive_queries,
                "ratio": round(naive_queries / queries, 1),
                "note": f"{note}; baseline: one user at a time",
            }
        )
        rows.append(
            {
                "benchmark": "digest",
                "metric": "seconds for every follower's digest",
                "value": round(seconds, 2),
                "baseline": round(naive_seconds, 2),
                "ratio": round(naive_seconds / seconds, 2),
                "note": f"{note}; {seconds / max(sent, 1) * 1000:.1f} ms a digest",
            }
        )
        rows.append(
            {
                "benchmark": "digest",
                "metric": "ms to hand an event to its followers (median)",
                "value": round(statistics.median(event_ms), 1),
                "note": (
                    f"p95 {sorted(event_ms)[int(len(event_ms) * 0.95)]:.1f} ms; about "
                    f"{notifications // EVENTS:,} followers an event"
                ),
            }
        )
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)
    return rows
