"""Disclosure control (portal.disclosure): for random nested tables, no withheld count can be
worked out from the published ones.

The check does not trust the routine's own certificates: for every withheld cell it searches,
by constraint propagation and backtracking over whole numbers, for a table that keeps every
published value, every relation and every withheld cell within what its mark tells a reader
(1–4 for "<5", at least 5 for a complement of 5 or more, at least 1 for a small count held back
without its mark), and differs from the true table in that cell."""

import itertools
from datetime import timedelta

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from portal.disclosure import SMALL, WITHHELD, domain, protect

from .conftest import FEW, SOME

# The attacker's search is exhaustive: a table with many withheld cells takes seconds.
SLOW = settings(FEW, deadline=timedelta(seconds=30))
FALLBACK = settings(FEW, max_examples=60, deadline=timedelta(seconds=30))

WINDOW = 3  # how far above its value the search looks for a withheld cell without a ceiling


# --- an independent attacker ---------------------------------------------------------------


def _equations(values, relations, withheld):
    """Each relation as ({withheld cell: coefficient}, constant): Σ coefficient·x = constant."""
    equations = []
    for parent, children in relations:
        coefficients, constant = {}, 0
        for cell, sign in [(parent, 1), *((child, -1) for child in children)]:
            if cell in withheld:
                coefficients[cell] = coefficients.get(cell, 0) + sign
            else:
                constant -= sign * values.get(cell, 0)
        equations.append((coefficients, constant))
    return equations


def _propagate(low, high, equations):
    changed = True
    while changed:
        changed = False
        for coefficients, constant in equations:
            least = sum(min(a * low[c], a * high[c]) for c, a in coefficients.items())
            most = sum(max(a * low[c], a * high[c]) for c, a in coefficients.items())
            if least > constant or most < constant:
                return False
            for cell, a in coefficients.items():
                rest_least = least - min(a * low[cell], a * high[cell])
                rest_most = most - max(a * low[cell], a * high[cell])
                # a·x lies in [constant − rest_most, constant − rest_least]
                bounds = sorted(((constant - rest_most) / a, (constant - rest_least) / a))
                new_low = max(low[cell], -(-bounds[0] // 1))
                new_high = min(high[cell], bounds[1] // 1)
                if new_low > new_high:
                    return False
                if (new_low, new_high) != (low[cell], high[cell]):
                    low[cell], high[cell] = int(new_low), int(new_high)
                    changed = True
    return True


def _feasible(low, high, equations):
    low, high = dict(low), dict(high)
    if not _propagate(low, high, equations):
        return False
    open_cells = [cell for cell in low if low[cell] < high[cell]]
    if not open_cells:
        return True
    cell = min(open_cells, key=lambda c: high[c] - low[c])
    for value in range(low[cell], high[cell] + 1):
        low2, high2 = dict(low), dict(high)
        low2[cell] = high2[cell] = value
        if _feasible(low2, high2, equations):
            return True
    return False


def determined(values, relations, protection):
    """The withheld cells a reader can compute exactly."""
    withheld = protection.withheld
    equations = _equations(values, relations, withheld)
    low, high = {}, {}
    for cell, state in withheld.items():
        value = values.get(cell, 0)
        lowest, highest = domain(value, state, protection.threshold)
        low[cell], high[cell] = lowest, value + WINDOW if highest is None else highest
    assert _feasible(low, high, equations), "the true table itself does not fit"
    found = []
    for cell in withheld:
        value = values.get(cell, 0)
        below = _feasible(low, {**high, cell: value - 1}, equations)
        above = below or _feasible({**low, cell: value + 1}, high, equations)
        if not (below or above):
            found.append(cell)
    return found


def check(values, relations, threshold=5, budget=None):
    options = {} if budget is None else {"budget": budget}
    protection = protect(values, relations, threshold=threshold, **options)
    withheld = protection.withheld
    for cell, value in values.items():
        if 0 < value < threshold:
            assert cell in withheld, f"{cell!r} = {value} is published"
        if value == 0:
            assert cell not in withheld, f"{cell!r} is 0 and withheld"
        if withheld.get(cell) == SMALL:
            assert 0 < value < threshold
    for certificate in protection.certificates:
        assert all(cell in withheld for cell in certificate)
        for parent, children in relations:
            assert certificate.get(parent, 0) == sum(certificate.get(c, 0) for c in children)
        for cell, move in certificate.items():
            lowest, highest = domain(values.get(cell, 0), withheld[cell], threshold)
            moved = values.get(cell, 0) + move
            assert moved >= lowest and (highest is None or moved <= highest)
    assert determined(values, relations, protection) == []
    return protection


# --- tables ---------------------------------------------------------------------------------


def tree(shape, name):
    """{node: [children]} of a tree: `shape` lists the number of children of each child of
    the root (0: a leaf)."""
    nodes = {name: []}
    for i, count in enumerate(shape):
        child = f"{name}{i}"
        nodes[name].append(child)
        nodes[child] = [f"{child}.{j}" for j in range(count)]
        for grandchild in nodes[child]:
            nodes[grandchild] = []
    return nodes


def leaves_of(nodes, node):
    if not nodes[node]:
        return [node]
    return [leaf for child in nodes[node] for leaf in leaves_of(nodes, child)]


def two_way(areas, categories, leaf_values):
    """Values and relations of the table areas × categories, both nested."""
    area_leaves = leaves_of(areas, "A")
    category_leaves = leaves_of(categories, "C")
    leaf = dict(zip(itertools.product(area_leaves, category_leaves), leaf_values, strict=False))
    values = {}
    for a in areas:
        for c in categories:
            values[(a, c)] = sum(
                leaf.get((x, y), 0) for x in leaves_of(areas, a) for y in leaves_of(categories, c)
            )
    relations = []
    for a, kids in areas.items():
        for c in categories:
            if kids:
                relations.append(((a, c), [(k, c) for k in kids]))
    for c, kids in categories.items():
        for a in areas:
            if kids:
                relations.append(((a, c), [(a, k) for k in kids]))
    return values, relations


COUNTS = st.sampled_from([0, 0, 0, 1, 1, 2, 3, 4, 5, 5, 6, 7, 9, 12, 30])
shapes = st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=3)


@SLOW
@given(shapes, shapes, st.lists(COUNTS, min_size=81, max_size=81))
@example([2, 2], [2, 0], [1, 1, 1, 1] + [9] * 77)
@example([3], [3], [1] * 81)
def test_no_withheld_count_of_a_two_way_nested_table_can_be_worked_out(
    area_shape, category_shape, counts
):
    values, relations = two_way(tree(area_shape, "A"), tree(category_shape, "C"), counts)
    check(values, relations)


@FALLBACK
@given(shapes, shapes, st.lists(COUNTS, min_size=81, max_size=81))
def test_the_fallback_protects_as_well(area_shape, category_shape, counts):
    values, relations = two_way(tree(area_shape, "A"), tree(category_shape, "C"), counts)
    protection = check(values, relations, budget=0)
    assert protection.fallbacks == len(protection.certificates)


@SLOW
@given(shapes, st.lists(COUNTS, min_size=81, max_size=81))
def test_a_table_refined_at_its_top_only_is_protected(area_shape, counts):
    """Areas × themes, and the national figure of each theme split by practice (what the
    dashboards publish): the practices' relation hangs off the national row only."""
    categories = {"C": ["C0", "C1"], "C0": [], "C1": []}
    values, relations = two_way(tree(area_shape, "A"), categories, counts[:27])
    for theme, shares in (("C0", counts[27:30]), ("C1", counts[30:33])):
        total = values[("A", theme)]
        parts = [min(share, total) for share in shares[:-1]]
        while sum(parts) > total:
            parts[parts.index(max(parts))] -= 1
        parts.append(total - sum(parts))
        practices = [("A", f"{theme}/p{i}") for i in range(len(parts))]
        values.update(zip(practices, parts, strict=True))
        relations.append((("A", theme), practices))
    check(values, relations)


@SOME
@given(shapes, st.lists(COUNTS, min_size=9, max_size=9))
def test_no_withheld_count_of_a_one_way_nested_table_can_be_worked_out(shape, counts):
    areas = tree(shape, "A")
    leaves = leaves_of(areas, "A")
    leaf = dict(zip(leaves, counts, strict=False))
    values = {a: sum(leaf.get(x, 0) for x in leaves_of(areas, a)) for a in areas}
    relations = [(a, kids) for a, kids in areas.items() if kids]
    check(values, relations)


def test_a_district_minus_its_visible_upazilas_no_longer_gives_the_hidden_one():
    values = {"district": 53, "u1": 3, "u2": 20, "u3": 30}
    relations = [("district", ["u1", "u2", "u3"])]
    protection = check(values, relations)
    assert protection.state("u1") == SMALL
    assert protection.state("u2") == WITHHELD  # the smallest that can serve
    assert protection.state("u3") is None and protection.state("district") is None


def test_a_complement_of_exactly_five_cannot_hide_a_one():
    # 1 + 5 = 6: a reader who knows "<5" and "5 or more" has both; another cell must go.
    values = {"total": 20, "a": 1, "b": 5, "c": 14}
    protection = check(values, [("total", ["a", "b", "c"])])
    assert protection.state("c") == WITHHELD or protection.state("total") == WITHHELD


def test_four_ones_under_a_four_lose_their_mark():
    # Four cells shown "<5" under a parent shown "<5" would each be exactly 1.
    values = {"all": 24, "x": 4, "y": 20, **{f"x{i}": 1 for i in range(4)}, "y0": 20}
    relations = [("all", ["x", "y"]), ("x", [f"x{i}" for i in range(4)]), ("y", ["y0"])]
    protection = check(values, relations)
    assert protection.state("x") == WITHHELD


def test_a_rectangle_protects_a_small_cell_of_a_two_way_table():
    areas = {"A": ["A0", "A1", "A2"], "A0": [], "A1": [], "A2": []}
    categories = {"C": ["C0", "C1", "C2"], "C0": [], "C1": [], "C2": []}
    counts = [2, 40, 50, 60, 70, 80, 90, 100, 110]
    values, relations = two_way(areas, categories, counts)
    protection = check(values, relations)
    withheld = {cell for cell, state in protection.withheld.items()}
    assert withheld == {("A0", "C0"), ("A0", "C1"), ("A1", "C0"), ("A1", "C1")}


def test_relations_that_do_not_add_up_are_refused():
    with pytest.raises(ValueError, match="add up"):
        protect({"total": 10, "a": 3, "b": 3}, [("total", ["a", "b"])])
