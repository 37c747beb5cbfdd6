""" "What could it copy next?": for a union or pourashava, the published practices it has not
replicated, ranked by what its neighbours and LGIs like it did, with the reasons in counts and the
nearest LGIs that did each one (for an exposure visit).

The replications needed are read once as plain rows (those of the LGI's district, and of every
LGI that replicated one of the same practices) and scored in Python: a fixed number of queries
whatever the number of practices, replications or LGIs.

The score of a practice, between 0 and 1, is a weighted sum of five parts, each between 0 and 1:

- neighbours (0.35): 3 × the LGIs of its upazila + 1 × the other LGIs of its district that did
  it, over the largest such sum among the candidates;
- similar LGIs (0.30): the sum, over the LGIs that replicated a practice this one has and did
  this one too, of the number of practices they share with it, over the largest such sum;
- popularity (0.15): log(1 + LGIs that replicated it) over log(1 + the most any candidate has);
- best practice (0.10): 1 for a best practice;
- theme (0.10): 1 when this LGI has replicated a practice of the same theme.
"""

import math
from dataclasses import dataclass, field

from django.utils.translation import gettext, ngettext

from places.models import Area
from portal.templatetags.hlp import num
from practices.models import PracticePage, Replication, ReplicationStatus

# Replications that mean the LGI has the practice (or means to): nothing to suggest there.
HAS = (ReplicationStatus.PLANNED, ReplicationStatus.ONGOING, ReplicationStatus.COMPLETED)
# Replications that count as "did this" for a neighbour or a similar LGI.
DID = (ReplicationStatus.ONGOING, ReplicationStatus.COMPLETED)

WEIGHTS = {
    "neighbours": 0.35,
    "similar": 0.30,
    "popularity": 0.15,
    "best": 0.10,
    "theme": 0.10,
}
UPAZILA_WEIGHT = 3
DISTRICT_WEIGHT = 1
LISTED = 10
NEAREST = 3


@dataclass(frozen=True)
class PracticeFacts:
    """What the ranking reads of a practice."""

    theme_id: int | None
    is_best_practice: bool
    popularity: int  # LGIs that replicated it
    origin_id: int | None  # the LGI where it started


@dataclass
class Suggestion:
    practice_id: int
    score: float
    upazila_count: int
    district_count: int
    similar_count: int
    popularity: int
    is_best_practice: bool
    same_theme: bool
    nearest_ids: list = field(default_factory=list)
    # Filled in by `suggestions_for` for display.
    practice: object = None
    nearest: list = field(default_factory=list)

    @property
    def reasons(self):
        """Why, in the page's language, with its digits."""
        reasons = []
        if self.upazila_count:
            reasons.append(
                ngettext(
                    "%(count)s neighbouring union in the same upazila did this",
                    "%(count)s neighbouring unions in the same upazila did this",
                    self.upazila_count,
                )
                % {"count": num(self.upazila_count)}
            )
        if self.district_count:
            reasons.append(
                ngettext(
                    "%(count)s more union in the same district did this",
                    "%(count)s more unions in the same district did this",
                    self.district_count,
                )
                % {"count": num(self.district_count)}
            )
        if self.similar_count:
            reasons.append(
                ngettext(
                    "%(count)s union that replicated the same practices as this one did this",
                    "%(count)s unions that replicated the same practices as this one did this",
                    self.similar_count,
                )
                % {"count": num(self.similar_count)}
            )
        if self.is_best_practice:
            reasons.append(gettext("A best practice"))
        if self.popularity:
            reasons.append(
                ngettext(
                    "Replicated by %(count)s union or pourashava in all",
                    "Replicated by %(count)s unions and pourashavas in all",
                    self.popularity,
                )
                % {"count": num(self.popularity)}
            )
        if self.same_theme:
            reasons.append(gettext("In a theme it has worked on"))
        return reasons

    def as_data(self):
        """The suggestion as the API gives it: counts, not sentences."""
        return {
            "score": round(self.score, 4),
            "neighbours_in_upazila": self.upazila_count,
            "neighbours_in_district": self.district_count,
            "similar_lgis": self.similar_count,
            "replicated_by": self.popularity,
            "is_best_practice": self.is_best_practice,
            "same_theme": self.same_theme,
        }


def rank(lgi, facts, rows, limit=LISTED, nearest=NEAREST):
    """The `limit` best suggestions for `lgi` (an object with pk, upazila_id and district_id).

    `facts` maps every candidate practice's id to its `PracticeFacts`; `rows` are replications
    as (lgi id, practice id, status, upazila id, district id), at least those of the LGI itself,
    of its district and of every LGI that replicated one of its practices (more do no harm)."""
    has = set()
    done_by = {}  # LGI id → practices it has
    place = {}  # LGI id → (upazila id, district id)
    for lgi_id, practice_id, status, upazila_id, district_id in rows:
        if status not in HAS:
            continue
        if lgi_id == lgi.pk:
            has.add(practice_id)
            continue
        if status in DID:
            done_by.setdefault(lgi_id, set()).add(practice_id)
            place[lgi_id] = (upazila_id, district_id)
    themes = {facts[p].theme_id for p in has if p in facts} - {None}

    upazila, district, similar = {}, {}, {}
    near = {}  # practice id → [(distance, LGI id)]
    for other, practices in done_by.items():
        other_upazila, other_district = place[other]
        shared = len(practices & has)
        for practice_id in practices:
            if practice_id in has or practice_id not in facts:
                continue
            if lgi.upazila_id is not None and other_upazila == lgi.upazila_id:
                upazila[practice_id] = upazila.get(practice_id, 0) + 1
                near.setdefault(practice_id, []).append((0, other))
            elif lgi.district_id is not None and other_district == lgi.district_id:
                district[practice_id] = district.get(practice_id, 0) + 1
                near.setdefault(practice_id, []).append((1, other))
            if shared:
                similar.setdefault(practice_id, [0, 0])
                similar[practice_id][0] += shared
                similar[practice_id][1] += 1

    candidates = [
        practice_id
        for practice_id, fact in facts.items()
        if practice_id not in has and fact.origin_id != lgi.pk
    ]
    if not candidates:
        return []
    neighbour_points = {
        p: UPAZILA_WEIGHT * upazila.get(p, 0) + DISTRICT_WEIGHT * district.get(p, 0)
        for p in candidates
    }
    top_neighbours = max(neighbour_points.values()) or 1
    top_similar = max((similar.get(p, (0, 0))[0] for p in candidates), default=0) or 1
    top_popularity = math.log1p(max(facts[p].popularity for p in candidates)) or 1

    suggestions = []
    for p in candidates:
        fact = facts[p]
        same_theme = fact.theme_id in themes
        score = (
            WEIGHTS["neighbours"] * neighbour_points[p] / top_neighbours
            + WEIGHTS["similar"] * similar.get(p, (0, 0))[0] / top_similar
            + WEIGHTS["popularity"] * math.log1p(fact.popularity) / top_popularity
            + WEIGHTS["best"] * fact.is_best_practice
            + WEIGHTS["theme"] * same_theme
        )
        suggestions.append(
            Suggestion(
                practice_id=p,
                score=score,
                upazila_count=upazila.get(p, 0),
                district_count=district.get(p, 0),
                similar_count=similar.get(p, (0, 0))[1],
                popularity=fact.popularity,
                is_best_practice=fact.is_best_practice,
                same_theme=same_theme,
            )
        )
    suggestions.sort(key=lambda s: (-s.score, -s.popularity, s.practice_id))
    chosen = suggestions[:limit]
    for suggestion in chosen:
        suggestion.nearest_ids = [
            other for _distance, other in sorted(near.get(suggestion.practice_id, ()))[:nearest]
        ]
    return chosen


# --- reading the data --------------------------------------------------------------------------


def _facts():
    return {
        pk: PracticeFacts(theme_id, best, count, origin)
        for pk, theme_id, best, count, origin in PracticePage.objects.live().values_list(
            "pk", "theme_id", "is_best_practice", "replication_count", "lgi_id"
        )
    }


def _rows(lgi):
    """Replications of the LGI, of its district, and of every LGI that shares a practice with
    it, as plain rows: one query."""
    from django.db.models import Q

    peers = Replication.objects.filter(
        practice__in=Replication.objects.filter(lgi=lgi, status__in=HAS).values("practice")
    ).values("lgi")
    scope = Q(lgi=lgi) | Q(lgi__in=peers)
    if lgi.district_id is not None:
        scope |= Q(lgi__district_id=lgi.district_id)
    return list(
        Replication.objects.filter(scope, status__in=HAS, practice__live=True).values_list(
            "lgi_id", "practice_id", "status", "lgi__upazila_id", "lgi__district_id"
        )
    )


def suggestions_for(lgi, limit=LISTED, nearest=NEAREST):
    """The ranked suggestions for an LGI area, with their practice pages and nearest LGIs: four
    queries (practices' facts, replication rows, the chosen pages, the nearest LGIs)."""
    if not lgi.is_lgi:
        return []
    chosen = rank(lgi, _facts(), _rows(lgi), limit=limit, nearest=nearest)
    if not chosen:
        return []
    pages = (
        PracticePage.objects.live()
        .select_related("theme")
        .defer_streamfields()
        .in_bulk([s.practice_id for s in chosen])
    )
    areas = Area.objects.in_bulk({pk for s in chosen for pk in s.nearest_ids})
    result = []
    for suggestion in chosen:
        suggestion.practice = pages.get(suggestion.practice_id)
        if suggestion.practice is None:
            continue
        suggestion.nearest = [areas[pk] for pk in suggestion.nearest_ids if pk in areas]
        result.append(suggestion)
    return result
