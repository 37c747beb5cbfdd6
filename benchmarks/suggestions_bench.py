""" "What could it copy next?" suggestions (dashboards.suggestions) judged by leave-one-out over
the practices demo: for each LGI with at least two replications (planned, ongoing or completed),
its latest one (by end date, else by when it was recorded) is hidden, ten practices are suggested
from the data without it, and it is a hit when the hidden practice is among the ten.

| metric | what it is |
|---|---|
| hit@10 | share of LGIs whose hidden practice is among the ten suggestions |
| baseline | the same with the ten most replicated practices the LGI has not replicated |
| ratio | hit@10 over the baseline: times better |

Weights (not tuned on this benchmark): neighbours 0.35 (3 per LGI of the same upazila, 1 per
other LGI of the same district), LGIs that replicated the same practices 0.30, popularity 0.15
(log of the LGIs that replicated it), best practice 0.10, a theme it has worked on 0.10.
The demo's replications spread from a practice's union, likelier to the unions of its upazila
(12 to 1) and district (4 to 1) than elsewhere (practices.demo._spread): an assumption about
how exposure visits spread practices, which real replications will confirm or not.
Up to BENCH_SUGGESTIONS_LGIS LGIs (500) are sampled with a fixed seed.
Run alone with `python -m benchmarks.suggestions_bench`.
"""

import io
import os
import random
import time

from . import create_scratch_database

SAMPLE = int(os.environ.get("BENCH_SUGGESTIONS_LGIS", "500"))
SEED = 20
TOP = 10
TARGET = 1.3


def _prepare():
    from django.core.management import call_command

    from practices import demo as practices_demo

    quiet = {"verbosity": 0, "stdout": io.StringIO()}
    call_command("load_geography", **quiet)
    call_command("sync_roles", **quiet)
    practices_demo.load()


class _Lgi:
    def __init__(self, pk, upazila_id, district_id):
        self.pk, self.upazila_id, self.district_id = pk, upazila_id, district_id


def _evaluate():
    from dashboards.suggestions import DID, HAS, PracticeFacts, rank
    from practices.models import PracticePage, Replication, ReplicationStatus

    facts = {
        pk: (theme_id, best, origin)
        for pk, theme_id, best, origin in PracticePage.objects.live().values_list(
            "pk", "theme_id", "is_best_practice", "lgi_id"
        )
    }
    rows = list(
        Replication.objects.filter(status__in=HAS, practice__live=True).values_list(
            "pk",
            "lgi_id",
            "practice_id",
            "status",
            "lgi__upazila_id",
            "lgi__district_id",
            "end_date",
            "created_at",
        )
    )
    by_lgi, by_district, by_practice, completed = {}, {}, {}, {}
    for row in rows:
        _pk, lgi, practice, status, _upazila, district, _end, _created = row
        by_lgi.setdefault(lgi, []).append(row)
        by_district.setdefault(district, set()).add(lgi)
        by_practice.setdefault(practice, set()).add(lgi)
        if status == ReplicationStatus.COMPLETED:
            completed.setdefault(practice, set()).add(lgi)

    eligible = sorted(lgi for lgi, own in by_lgi.items() if len(own) >= 2)
    rng = random.Random(SEED)
    sample = sorted(rng.sample(eligible, min(SAMPLE, len(eligible))))
    hits = baseline_hits = 0
    for lgi_id in sample:
        own = by_lgi[lgi_id]
        hidden = max(own, key=lambda r: (r[6] or r[7].date(), r[7], r[0]))
        hidden_practice = hidden[2]
        upazila_id, district_id = hidden[4], hidden[5]
        kept_own = [r for r in own if r is not hidden]
        has = {r[2] for r in kept_own}
        # Popularity as it would be without the hidden replication.
        popularity = {p: len(completed.get(p, ())) for p in facts}
        if hidden[3] == ReplicationStatus.COMPLETED and not any(
            r[2] == hidden_practice and r[3] == ReplicationStatus.COMPLETED for r in kept_own
        ):
            popularity[hidden_practice] -= 1
        practice_facts = {
            p: PracticeFacts(theme_id, best, popularity[p], origin)
            for p, (theme_id, best, origin) in facts.items()
        }
        peers = set(by_district.get(district_id, ()))
        for p in has:
            peers |= by_practice.get(p, set())
        peers.discard(lgi_id)
        scope = [r[1:6] for r in kept_own]
        scope += [r[1:6] for other in peers for r in by_lgi[other] if r[3] in DID]
        chosen = rank(_Lgi(lgi_id, upazila_id, district_id), practice_facts, scope, limit=TOP)
        hits += hidden_practice in {s.practice_id for s in chosen}
        candidates = [
            p for p, f in practice_facts.items() if p not in has and f.origin_id != lgi_id
        ]
        candidates.sort(key=lambda p: (-popularity[p], p))
        baseline_hits += hidden_practice in candidates[:TOP]
    return len(sample), len(eligible), hits, baseline_hits, len(rows)


def run():
    from django.db import connection
    from django.test.utils import override_settings

    rows = []
    original_name = connection.settings_dict["NAME"]
    create_scratch_database(connection)
    try:
        with override_settings(ELASTICSEARCH_URL=""):
            _prepare()
            started = time.perf_counter()
            sampled, eligible, hits, baseline_hits, replications = _evaluate()
            seconds = time.perf_counter() - started
        value = hits / sampled if sampled else 0.0
        baseline = baseline_hits / sampled if sampled else 0.0
        ratio = value / baseline if baseline else None
        met = "met" if ratio is not None and ratio >= TARGET else "not met"
        rows.append(
            {
                "benchmark": "suggestions",
                "metric": "hit@10 (leave-one-out)",
                "value": round(value, 3),
                "baseline": round(baseline, 3),
                "ratio": round(ratio, 2) if ratio is not None else None,
                "note": (
                    f"{sampled} of {eligible} LGIs with 2+ replications ({replications} "
                    f"replications), {seconds:.1f} s; baseline: the ten most replicated it has "
                    f"not; target ratio {TARGET}: {met}; weights: neighbours 0.35 (upazila 3, "
                    "district 1), similar LGIs 0.30, popularity 0.15, best practice 0.10, "
                    "theme 0.10"
                ),
            }
        )
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0)
    return rows


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlp_site.settings.test")
    import django

    django.setup()
    for row in run():
        print(row)
