"""Disclosure control for published counts of people: which cells of a table of counts to
withhold so that no count under the threshold (5) can be read, or worked out, from what is
published. Pure Python, no Django: any app may protect its own tables with it.

The table
---------
A table is a set of cells, each a count (a non-negative integer), and additive relations
between them: a parent cell is the sum of its child cells (a district is the sum of its
upazilas, all themes the sum of the themes). A reader who has a parent and all but one of its
children has the last child too; longer chains of such sums (a district, the themes of one
upazila, the upazilas of another theme…) give more. So withholding the small cells alone
(primary suppression) is not enough: other cells must be withheld with them (complementary,
or secondary, suppression).

What a reader is assumed to know
--------------------------------
Every published value exactly, every relation, and for each withheld cell what its mark
says: a cell shown "<5" is 1–4; any other withheld cell is taken, conservatively, to be at
least 5 when its value is (a complement), at least 1 when it is a small count held back
without its "<5" mark (see 3. below). Zero is published as zero.

A withheld cell is *protected* when a second table exists that agrees with everything the
reader knows and differs from the true one in that cell: the reader cannot tell the two apart,
so cannot know the value.

The method
----------
1. Primary suppression: every cell with 0 < value < threshold is withheld, marked "<5".
2. Complementary suppression by perturbation. For each withheld cell not yet protected, the
   routine looks for the cheapest perturbation: +1 or −1 on a set of cells such that every
   relation still adds up and every cell moved stays within what the reader knows of it (a
   cell shown "<5" stays within 1–4, a complement stays at or above 5). In a two-way table
   the smallest such perturbation is a rectangle (+1 −1 −1 +1 on its corners); in nested
   tables it also moves the sub-totals between the corners. Every cell it moves is withheld,
   and the perturbed table is the second table that protects each of them. This is the idea
   of the hypercube method statistics offices use for linked and hierarchical tables
   (Repsilber; Giessing, τ-ARGUS), with the perturbation searched for exactly (best first,
   over the relations the moved cells break) instead of among hypercubes only.
   The cost of a perturbation is what it newly withholds (by default each cell's value plus
   one, so totals are kept and small cells are preferred); moving a cell already withheld
   costs a little (three times the threshold), so complements are shared but the search does
   not wander along long chains of withheld cells. Small cells are taken from the most
   aggregated down; each search expands at most `budget` partial perturbations (A*, with a
   lower bound on what mending the relations they break still costs).
3. Where no perturbation keeps every "<5" cell within 1–4 (four withheld ones under a
   withheld four: each must be exactly one), a cell that would have to pass 4 is withheld
   without its "<5" mark ("upgraded"), so a reader knows only that it is at least 1.
4. If the search exceeds its budget, the fallback perturbation moves the cell by +1, then a
   parent or the largest child of each relation that no longer adds up, until all do: in
   nested tables, one nonzero leaf below the cell and every cell above that leaf up to the
   grand total, all withheld. It always exists there, and costs many cells: the search
   rarely gives up (never, in synthetic tables of 1,800 LGIs × 12 themes made of 7,000
   practice-and-LGI counts, a tenth to a third of them small).

Why not the simpler rule ("in every relation with a withheld cell, withhold at least two, not
all small, adding the smallest published cell of 5 or more")? It leaves cells that can be
worked out: a withheld 1 beside a complement of exactly 5 under a published 6 (both are
pinned), or a withheld cell that is the only link between two groups of withheld cells. On
random two-way nested tables (the property tests' tables) it left at least one cell exactly
determined in 118 of 300; in 18 of 300 even for a reader who knows nothing of a withheld cell
but that it is at least 1.

A perturbation never loses its force: cells withheld later only hide more, and an upgrade
only widens what a reader must allow. So when the routine ends every withheld cell has a
perturbation that moves it: none can be computed exactly from the published cells. The
perturbations are returned as `certificates`.

Known limits
------------
- It guards against exact disclosure only: a reader may still narrow a withheld cell to a
  short interval (two values, at worst). Offices that require a protection interval (say
  ±30 % of the value) would move cells by more than 1.
- It sees only the relations it is given. Relations between different tables (persons and
  households of the same cells; a fiscal year and a range of years; all years and the years
  one by one, which are not additive since a person counts once over all years) must be
  handled by the caller, e.g. by publishing one table only as sums of another's published
  cells.
- The result is a good pattern, not the least one: an optimal pattern is an integer
  programme (Fischetti and Salazar) this module does not solve.
- It protects one release. Two releases of the same table with different data can be
  compared by whoever kept both.
- It protects against what the tables tell, not against what a reader knows besides (their
  own household's benefits, say, which they can subtract).
"""

import heapq
import itertools
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field

THRESHOLD = 5
SMALL = "small"  # withheld, marked "<5"
WITHHELD = "withheld"  # withheld as a complement (or a small count without its mark)
BUDGET = 5_000  # states a search may expand before it falls back


@dataclass(frozen=True)
class Protection:
    """What to withhold: `withheld` maps each withheld cell to SMALL (shown "<5") or WITHHELD;
    every other cell is published. `certificates` are the perturbations that protect them
    (each a {cell: +1 or −1}); `fallbacks` counts searches that ran out of budget."""

    threshold: int
    withheld: Mapping[Hashable, str]
    certificates: tuple = field(repr=False, default=())
    fallbacks: int = 0

    def state(self, cell):
        """SMALL, WITHHELD, or None for a published cell."""
        return self.withheld.get(cell)


def protect(
    values: Mapping[Hashable, int],
    relations: Iterable[tuple[Hashable, Iterable[Hashable]]],
    *,
    threshold: int = THRESHOLD,
    cost: Callable[[Hashable, int], float] | None = None,
    budget: int = BUDGET,
) -> Protection:
    """The cells to withhold so that no count under `threshold` is published or can be worked
    out. `values` maps cells to counts (a cell missing is 0); `relations` are
    (parent, children) pairs, the parent equal to the sum of the children. `cost(cell, value)`
    is what withholding a published cell loses (default: its value plus one); `budget` bounds
    each search (past it, the fallback of the method's step 4)."""
    return _Table(values, relations, threshold, cost).protect(budget)


def domain(value, state, threshold=THRESHOLD):
    """(lowest, highest) a reader knows a cell to lie in (highest None: no bound)."""
    if state is None:
        return value, value
    if state == SMALL:
        return 1, threshold - 1
    return (threshold if value >= threshold else 1), None


class _Table:
    def __init__(self, values, relations, threshold, cost):
        if threshold < 1:
            raise ValueError("the threshold must be at least 1")
        self.threshold = threshold
        self.cells = []
        self.index = {}
        for cell in values:
            self._add(cell)
        self.parent = []
        self.children = []  # the children that can move (nonzero)
        for parent, children in relations:
            children = list(children)
            p = self._add(parent)
            kids = [self._add(child) for child in children]
            self.parent.append(p)
            self.children.append(kids)
        self.value = [int(values.get(cell, 0)) for cell in self.cells]
        for cell, value in zip(self.cells, self.value, strict=True):
            if value < 0:
                raise ValueError(f"a negative count: {cell!r} = {value}")
        self.up = [[] for _ in self.cells]  # relations a cell is a child of
        self.down = [[] for _ in self.cells]  # relations a cell is the parent of
        for r, (p, kids) in enumerate(zip(self.parent, self.children, strict=True)):
            total = sum(self.value[k] for k in kids)
            if total != self.value[p]:
                raise ValueError(
                    f"{self.cells[p]!r} is {self.value[p]}, its children add up to {total}"
                )
            self.down[p].append(r)
            for k in kids:
                self.up[k].append(r)
            self.children[r] = [k for k in kids if self.value[k]]
        self.relations_of = [tuple(self.up[i] + self.down[i]) for i in range(len(self.cells))]
        weigh = cost or (lambda _cell, value: value + 1)
        self.weight = [
            weigh(cell, value) for cell, value in zip(self.cells, self.value, strict=True)
        ]
        # Upgrading a "<5" cell costs about as much as withholding a small published cell.
        self.upgrade_cost = 2 * threshold
        self.reuse = 3 * threshold
        self.state = [SMALL if 0 < value < threshold else None for value in self.value]
        self.certificates = []
        self.fallbacks = 0

    def _add(self, cell):
        if cell not in self.index:
            self.index[cell] = len(self.cells)
            self.cells.append(cell)
        return self.index[cell]

    # --- the search -----------------------------------------------------------------------

    def protect(self, budget):
        targets = [i for i, state in enumerate(self.state) if state == SMALL]
        height = self._heights()
        targets.sort(key=lambda i: (-height[i], -self.value[i], i))
        protected = set()
        for target in targets:
            if target in protected:
                continue
            delta = self._search(target, budget)
            if delta is None:
                self.fallbacks += 1
                delta = self._fallback(target)
            self._apply(delta)
            protected.update(delta)
        withheld = {self.cells[i]: state for i, state in enumerate(self.state) if state is not None}
        certificates = tuple(
            {self.cells[i]: d for i, d in delta.items()} for delta in self.certificates
        )
        return Protection(self.threshold, withheld, certificates, self.fallbacks)

    def _heights(self):
        """How many levels of sums lie below each cell (0 for a cell that is nobody's sum)."""
        height = [None] * len(self.cells)
        for start in range(len(self.cells)):
            if height[start] is not None:
                continue
            stack = [(start, False)]
            while stack:
                i, ready = stack.pop()
                if height[i] is not None:
                    continue
                below = [k for r in self.down[i] for k in self.children[r]]
                if ready or not below:
                    height[i] = 1 + max((height[k] or 0 for k in below), default=-1)
                    continue
                stack.append((i, True))
                stack.extend((k, False) for k in below if height[k] is None)
        return height

    def _move(self, i, d):
        """The cost of moving cell i by d (None: the move is not allowed)."""
        value, state = self.value[i], self.state[i]
        new = value + d
        if value == 0:
            return None
        if state is None:
            return self.weight[i] if new >= self.threshold else None
        if state == SMALL:
            if new < 1:
                return None
            return self.reuse if new < self.threshold else self.upgrade_cost
        floor = self.threshold if value >= self.threshold else 1
        return self.reuse if new >= floor else None

    def _options(self, r, excess, delta):
        """The moves that reduce relation r's excess (parent's move minus the children's)."""
        sign = 1 if excess > 0 else -1
        options = []
        for k in self.children[r]:
            if k not in delta:
                extra = self._move(k, sign)
                if extra is not None:
                    options.append((k, sign, extra))
        p = self.parent[r]
        if p not in delta:
            extra = self._move(p, -sign)
            if extra is not None:
                options.append((p, -sign, extra))
        return options

    def _moved(self, excess, i, d):
        excess = dict(excess)
        for r in self.down[i]:
            excess[r] = excess.get(r, 0) + d
            if not excess[r]:
                del excess[r]
        for r in self.up[i]:
            excess[r] = excess.get(r, 0) - d
            if not excess[r]:
                del excess[r]
        return excess

    def _assess(self, delta, excess):
        """(a lower bound on what mending the broken relations costs, the ways to mend the
        one with the fewest), or None when one cannot be mended. A cell mends at most the
        broken relations it belongs to, so each relation is charged its cheapest mender's
        cost divided by that number."""
        bound, fewest = 0, None
        for r, e in excess.items():
            options = self._options(r, e, delta)
            if not options:
                return None
            bound += min(
                extra / sum(1 for s in self.relations_of[i] if s in excess)
                for i, _, extra in options
            )
            if fewest is None or len(options) < len(fewest):
                fewest = options
        return bound, fewest

    def _search(self, target, budget):
        """The cheapest perturbation that moves `target` (None past the budget): A* over sets
        of moved cells, branching on the broken relation with the fewest ways to mend it."""
        order = itertools.count()
        heap = []
        seen = set()
        for d in (1, -1):
            extra = self._move(target, d)
            if extra is None:
                continue
            delta = {target: d}
            excess = self._moved({}, target, d)
            assessed = self._assess(delta, excess)
            if assessed is None:
                continue
            seen.add(frozenset(delta.items()))
            heap.append((extra + assessed[0], extra, next(order), delta, excess, assessed[1]))
        heapq.heapify(heap)
        expanded = 0
        while heap:
            _, cost, _, delta, excess, options = heapq.heappop(heap)
            if not excess:
                return delta
            expanded += 1
            if expanded > budget:
                return None
            for i, d, extra in options:
                grown = {**delta, i: d}
                key = frozenset(grown.items())
                if key in seen:
                    continue
                seen.add(key)
                moved = self._moved(excess, i, d)
                assessed = self._assess(grown, moved)
                if assessed is None:
                    continue
                bound, fewest = assessed
                total = cost + extra
                heapq.heappush(heap, (total + bound, total, next(order), grown, moved, fewest))
        return None

    def _fallback(self, target):
        """+1 on `target`, then on a parent or the largest child of each relation that does not
        add up, until all do: in nested tables, a leaf below the target and every cell above
        that leaf. Moving up is always allowed (a "<5" cell at 4 loses its mark)."""
        delta = {target: 1}
        excess = self._moved({}, target, 1)
        while excess:
            r, e = next(iter(excess.items()))
            parent = self.parent[r]
            if e < 0 and parent not in delta:
                cell = parent
            elif e > 0:
                kids = [k for k in self.children[r] if k not in delta]
                if not kids:
                    raise ValueError("the relations are not nested sums: no perturbation found")
                cell = max(kids, key=lambda k: (self.value[k], -k))
            else:
                raise ValueError("the relations are not nested sums: no perturbation found")
            delta[cell] = 1
            excess = self._moved(excess, cell, 1)
        return delta

    def _apply(self, delta):
        for i, d in delta.items():
            value, state = self.value[i], self.state[i]
            if state is None:
                self.state[i] = WITHHELD
            elif state == SMALL and value + d >= self.threshold:
                self.state[i] = WITHHELD  # upgraded: withheld without its "<5" mark
        self.certificates.append(delta)
