"""The beneficiary figures the portal publishes, protected so that no count under 5 can be read
or worked out from them (`portal.disclosure`), once per fiscal-year selection and data.

Persons and households are counted per practice and LGI (`BeneficiaryFigure`), so a parent
figure is the sum of its children: the country is the sum of its divisions, a district of its
upazilas and LGIs, an area's all-themes figure of its themes, the country's figure of a theme
of its practices. Every output that shows a beneficiary figure (the dashboard's headline, the
beneficiaries by theme and the map; the open data `impact` table and its downloads; area
pages; search documents; fact sheets) reads it from one protected table, a `Cube`, so the same
figure is withheld wherever it appears and a figure withheld in one place cannot be worked out
from another.

A cube holds, for persons and for households separately, the country, divisions, districts and
upazilas (and, over all years, LGIs) × all themes and each theme, and over all years the
country's figure of each practice. An LGI without an upazila is a child of its district (in
the tables without LGIs, it falls in its district's remainder); the remainder of an area no
child covers is a cell of its own, never shown and still protected, since it can be worked
out.

Fiscal years. All years is one table (a person counts once over all years, so it is not the
sum of the years), and each fiscal year is one, protected on its own. A range of years is the
sum of its years, so it is never protected on its own: a range's figure is published only when
every year's figure in it is published (it is then their sum, which tells a reader nothing the
years did not), otherwise withheld; a figure that only one year of the range contributes to is
that year's, marked as there. Comparing two ranges, or a range and a year, gives nothing new.

Each year's cubes are cached by a fingerprint of that year's figures, not by every data
version: saving a replication rewrites its practice's rows with the same counts, which keeps
them. `warm` builds them all after the registry's figures are copied again.
"""

import itertools
import logging
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property
from threading import Lock

from django.core.cache import cache
from django.db.models import Count, F, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from portal import disclosure
from portal.templatetags.hlp import small_count

from . import versions
from .models import BeneficiaryFigure

KINDS = ("persons", "households")
ALL_YEARS = ""
CACHE_SECONDS = 24 * 60 * 60
AREA_LEVELS = ("division", "district", "upazila", "lgi")
_MEMORY = OrderedDict()  # the last few cubes of this process: unpickling one takes a moment
_MEMORY_SIZE = 16
_LOCK = Lock()
logger = logging.getLogger(__name__)


# --- a figure as published ------------------------------------------------------------------


class Withheld:
    """A count that is not published: `small` when it is under 5 (shown "<5"), otherwise held
    back so that a count under 5 cannot be worked out from the others."""

    __slots__ = ("small",)

    def __init__(self, small):
        self.small = small

    def __repr__(self):
        return "<5" if self.small else "withheld"

    def __reduce__(self):
        return (_marker, (self.small,))


UNDER_FIVE = Withheld(True)
HELD_BACK = Withheld(False)


def _marker(small):
    return UNDER_FIVE if small else HELD_BACK


def is_withheld(value):
    return isinstance(value, Withheld)


def published_count(value):
    """A count about people as a download or the API gives it: None when it is withheld (or,
    for counts that no cube protects, such as households reported by replications, when it
    is under 5)."""
    if value is None or isinstance(value, Withheld):
        return None
    return None if 0 < value < disclosure.THRESHOLD else value


def count_text(value):
    """A count about people as a page shows it: "<5", "withheld" or the number."""
    if isinstance(value, Withheld):
        return small_count(1) if value.small else _("withheld")
    return small_count(value)


def chart_value(value):
    """The length of a count's bar: withheld and small counts are drawn as 0."""
    count = published_count(value)
    return count or 0


def ranked(items, value=lambda item: item[1]):
    """Items largest published count first, then the withheld ones in their given order: a
    withheld count's true size never decides its place."""
    published = [item for item in items if not isinstance(value(item), Withheld)]
    withheld = [item for item in items if isinstance(value(item), Withheld)]
    return sorted(published, key=lambda item: -(value(item) or 0)) + withheld


# --- one protected table ------------------------------------------------------------------------


def theme_key(theme_id):
    return ("theme", theme_id)


def practice_key(practice_id):
    return ("practice", practice_id)


@dataclass
class Cube:
    """One protected table of counts: cells (area, category), where area is None (the country),
    an area's pk, or ("rest", pk); category None (all themes), ("theme", pk) or
    ("practice", pk). Only published counts are kept, and the mark of each withheld cell."""

    published: dict = field(default_factory=dict)
    withheld: dict = field(default_factory=dict)
    levels: dict = field(default_factory=dict)  # area pk: level
    parents: dict = field(default_factory=dict)  # area pk: parent area key

    def value(self, area=None, category=None):
        """The count as published: a number (0 when there is none) or a `Withheld`."""
        cell = (area, category)
        state = self.withheld.get(cell)
        if state is not None:
            return _marker(state == disclosure.SMALL)
        return self.published.get(cell, 0)

    def has(self, area=None, category=None):
        cell = (area, category)
        return cell in self.withheld or cell in self.published

    def within(self, area, ancestor):
        """Whether `area` lies in `ancestor` (None: the country)."""
        if ancestor is None:
            return True
        node = area
        while node is not None:
            if node == ancestor:
                return True
            node = self.parents.get(node)
        return False

    def areas(self, level, within=None, category=None):
        """The areas of `level` inside `within` with a count (published or withheld)."""
        return [
            area
            for area, area_level in self.levels.items()
            if area_level == level and self.has(area, category) and self.within(area, within)
        ]

    def categories(self, area=None, kind="theme"):
        """The themes (or practices) with a count in `area`: their pks."""
        return sorted(pk for found, pk in self._categories.get(area, ()) if found == kind)

    @cached_property
    def _categories(self):
        index = {}
        for area, category in itertools.chain(self.published, self.withheld):
            if category is not None:
                index.setdefault(area, set()).add(category)
        return index


@dataclass
class Cubes:
    """The persons' and the households' table of one fiscal-year selection (each a `Cube`, or
    a `RangeCube` for a range of years)."""

    persons: Cube
    households: Cube


class RangeCube:
    """A range of fiscal years, read from each year's protected cube: a sum where every year's
    figure is published, the one contributing year's figure (and mark), or withheld."""

    def __init__(self, cubes):
        self.cubes = cubes

    def value(self, area=None, category=None):
        parts = [cube.value(area, category) for cube in self.cubes]
        present = [part for part in parts if part != 0]
        if not any(isinstance(part, Withheld) for part in present):
            return sum(present)
        if len(present) == 1:
            return present[0]
        return HELD_BACK

    def has(self, area=None, category=None):
        return any(cube.has(area, category) for cube in self.cubes)

    def areas(self, level, within=None, category=None):
        found = []
        for cube in self.cubes:
            found.extend(area for area in cube.areas(level, within, category) if area not in found)
        return found

    def categories(self, area=None, kind="theme"):
        return sorted({pk for cube in self.cubes for pk in cube.categories(area, kind)})


# --- building and caching --------------------------------------------------------------------


def build(fiscal_year=ALL_YEARS):
    """The protected cubes of one fiscal year ("" for all years), from `BeneficiaryFigure`."""
    lgis = fiscal_year == ALL_YEARS
    rows = BeneficiaryFigure.objects.filter(fiscal_year=fiscal_year).values_list(
        "division", "district", "upazila", "lgi", "theme", "practice", "persons", "households"
    )
    values = {kind: {} for kind in KINDS}
    levels, parents = {}, {}
    practices = {}  # theme: set of practices (the country's figures by practice)
    for division, district, upazila, lgi, theme, practice, persons, households in rows.iterator(
        chunk_size=5000
    ):
        path = _area_path((division, district, upazila, lgi if lgis else None), lgis)
        for node, parent in zip(path[1:], path, strict=False):
            parents[node] = parent
        for level, pk in zip(AREA_LEVELS, (division, district, upazila, lgi), strict=True):
            if pk is not None and pk in path:
                levels[pk] = level
        categories = (None, theme_key(theme))
        for kind, count in (("persons", persons), ("households", households)):
            table = values[kind]
            for area in path:
                for category in categories:
                    table[(area, category)] = table.get((area, category), 0) + count
            if lgis:
                cell = (None, practice_key(practice))
                table[cell] = table.get(cell, 0) + count
        if lgis:
            practices.setdefault(theme, set()).add(practice)
    weight = _weights(levels)
    cubes = {}
    for kind in KINDS:
        relations = _relations(values[kind], parents, practices)
        try:
            protection = disclosure.protect(values[kind], relations, cost=weight)
        except ValueError:
            # Areas whose recorded ancestors disagree make sums that do not add up: publish
            # none of this table's counts rather than some that might give one away.
            logger.exception("beneficiary figures of %r withheld whole", fiscal_year)
            withheld = {cell: disclosure.WITHHELD for cell, count in values[kind].items() if count}
            protection = disclosure.Protection(disclosure.THRESHOLD, withheld)
        if protection.fallbacks:
            logger.info("%s fallback perturbations for %r", protection.fallbacks, fiscal_year)
        cubes[kind] = Cube(
            published={
                cell: count
                for cell, count in values[kind].items()
                if count and cell not in protection.withheld
            },
            withheld=dict(protection.withheld),
            levels=levels,
            parents=parents,
        )
    return Cubes(**cubes)


# Withholding a broader figure loses more: the headline figures of the country, a division or
# a district, and all themes, are the last a complement is taken from.
AREA_WEIGHTS = {None: 8, "division": 4, "district": 2}
CATEGORY_WEIGHTS = {None: 2}


def _weights(levels):
    def cost(cell, value):
        area, category = cell
        level = None if area is None else levels.get(area, "rest")
        kind = None if category is None else category[0]
        return (value + 1) * AREA_WEIGHTS.get(level, 1) * CATEGORY_WEIGHTS.get(kind, 1)

    return cost


def _area_path(pks, lgis):
    """The country, then each known area of the row; a row that stops above the finest level
    ends in its last area's remainder."""
    path = [None]
    path.extend(pk for pk in pks if pk is not None)
    finest = pks[3] if lgis else pks[2]
    if finest is None:
        path.append(("rest", path[-1]))
    return path


def _relations(values, parents, practices):
    children = {}
    for node, parent in parents.items():
        children.setdefault(parent, []).append(node)
    categories = {}
    for area, category in values:
        if category is not None:
            categories.setdefault(area, []).append(category)
    relations = []
    for area, kids in children.items():
        themes = [category for category in categories.get(area, []) if category[0] == "theme"]
        for category in [None, *themes]:
            cells = [(kid, category) for kid in kids if (kid, category) in values]
            relations.append(((area, category), cells))
    for area, found in categories.items():
        themes = [category for category in found if category[0] == "theme"]
        if themes:
            relations.append(((area, None), [(area, theme) for theme in themes]))
    for theme, members in practices.items():
        relations.append(
            ((None, theme_key(theme)), [(None, practice_key(pk)) for pk in sorted(members)])
        )
    return relations


def fingerprints(stamp=None):
    """{fiscal year ("" for all years): what its beneficiary figures are, in a few numbers}:
    how many rows, their sums, and a sum weighted by where the counts are. Rewriting the same
    figures (a practice's rows are refreshed after every replication saved) keeps them; a
    changed count changes its years'. Kept per data version: a page asks once per version."""
    key = f"dashboards:cube-fingerprints:{stamp or versions.stamp()}"
    found = cache.get(key)
    if found is None:
        rows = (
            BeneficiaryFigure.objects.values("fiscal_year")
            .annotate(
                n_rows=Count("pk"),
                n_persons=Sum("persons"),
                n_households=Sum("households"),
                n_where=Sum(
                    F("persons") * Coalesce("lgi_id", "upazila_id", Value(0))
                    + F("households") * F("practice_id")
                    + F("theme_id")
                ),
            )
            .order_by("fiscal_year")
        )
        found = {
            row.pop("fiscal_year"): ":".join(str(value or 0) for value in row.values())
            for row in rows
        }
        cache.set(key, found, CACHE_SECONDS)
    return found


def cubes_of(fiscal_year=ALL_YEARS, stamp=None):
    """The protected cubes of one fiscal year ("" for all years): from this process's memory
    (per data version), the shared cache (per fingerprint of that year's figures), or built.
    `stamp`: the data version, when the caller has read it already."""
    stamp = stamp or versions.stamp()
    remembered = (stamp, fiscal_year)
    with _LOCK:
        found = _MEMORY.get(remembered)
        if found is not None:
            _MEMORY.move_to_end(remembered)
            return found
    printed = fingerprints(stamp).get(fiscal_year, "none")
    key = f"dashboards:cube:{fiscal_year or 'all'}:{printed}"
    found = cache.get(key)
    if found is None:
        found = build(fiscal_year)
        cache.set(key, found, CACHE_SECONDS)
    with _LOCK:
        _MEMORY[remembered] = found
        while len(_MEMORY) > _MEMORY_SIZE:
            _MEMORY.popitem(last=False)
    return found


def warm():
    """Build (or find) every fiscal year's cubes and all years', so no page waits for them:
    after the registry's figures are copied again."""
    stamp = versions.stamp()
    for year in [ALL_YEARS, *fiscal_years(stamp)]:
        cubes_of(year, stamp)


def fiscal_years(stamp=None):
    """The fiscal years with beneficiary figures, in order."""
    return sorted(year for year in fingerprints(stamp) if year != ALL_YEARS)


def years_in(selection, stamp=None):
    return [
        year
        for year in fiscal_years(stamp)
        if (not selection.year_from or year >= selection.year_from)
        and (not selection.year_to or year <= selection.year_to)
    ]


def yearly(selection):
    """[(fiscal year, its `Cubes`)] of the years in the selection's range, in order."""
    stamp = versions.stamp()
    return [(year, cubes_of(year, stamp)) for year in years_in(selection, stamp)]


def for_selection(selection):
    """The protected tables (`Cubes`) a selection reads: all years, one year, or a range of
    years (a `RangeCube` each)."""
    if not selection.has_years:
        return cubes_of(ALL_YEARS)
    years = [cubes for _year, cubes in yearly(selection)]
    if len(years) == 1:
        return years[0]
    return Cubes(
        RangeCube([cubes.persons for cubes in years]),
        RangeCube([cubes.households for cubes in years]),
    )
