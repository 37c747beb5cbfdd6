"""Small counts cannot be recovered by subtraction: the open data API, its CSV download, the
dashboard, area pages and fact sheets publish each beneficiary figure from one protected table,
so a district minus its visible upazilas, a division minus its visible districts, or an area's
all themes minus its visible themes never gives a withheld count.

The registry's figures are written as the registry keeps them (per practice, LGI and fiscal
year) and copied the way the beat task copies them."""

import csv
import io
import json
from collections import defaultdict

import pytest

from dashboards import aggregates, areas, factsheet
from dashboards.figures import DashboardFigures
from dashboards.presentation import read_selection
from places.models import Area
from portal.disclosure import SMALL, WITHHELD, Protection
from tests.properties.test_disclosure import determined

from .conftest import registry_installed
from .factories import PracticePageFactory, ThemeFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not registry_installed(), reason="the registry app is not installed"),
]

YEAR, NEXT_YEAR = "2019-20", "2020-21"

# Persons per upazila and theme in YEAR: one upazila of Cumilla has 3 for water, the case of
# the finding ("district minus the visible upazilas gives the hidden one"); others are small
# for sanitation, or for a practice. Households: a third of the persons, at least 1.
FIGURES = {
    # district code: {upazila index: {theme: persons}}
    "BD2019": {
        0: {"water": 3, "sanitation": 20},
        1: {"water": 40, "sanitation": 30},
        2: {"water": 25, "sanitation": 8},
    },
    "BD2013": {0: {"water": 12, "sanitation": 2}, 1: {"water": 9, "sanitation": 15}},
    "BD3026": {0: {"water": 30, "sanitation": 11}, 1: {"water": 7, "sanitation": 50}},
}
# The next year: larger counts only, in two upazilas of Cumilla.
NEXT = {"BD2019": {1: {"water": 10}, 2: {"water": 6}}}
# Of water's 30 persons in Dhaka's first upazila, 3 came through a second water practice.
SECOND_PRACTICE = ("BD3026", 0, 3)


def households_of(persons):
    return max(1, persons // 3)


@pytest.fixture
def registry(small_tree):
    """Practices of two themes and the registry's figures above, copied to the dashboards."""
    from registry.models import BeneficiaryAggregate

    practice_index, _circulars = small_tree
    themes = {
        "water": ThemeFactory(slug="water", name_en="Water", name_bn="পানি"),
        "sanitation": ThemeFactory(slug="sanitation", name_en="Sanitation", name_bn="স্যানিটেশন"),
    }
    practices = {
        slug: PracticePageFactory(parent=practice_index, theme=theme, slug=f"{slug}-practice")
        for slug, theme in themes.items()
    }
    second = PracticePageFactory(parent=practice_index, theme=themes["water"], slug="water-two")
    upazilas = {}
    truth = defaultdict(int)  # (year, area pk or None, theme slug or None): persons
    rows = []

    def add(year, district_code, index, theme, persons, practice=None):
        upazila = upazila_of(district_code, index)
        upazilas[(district_code, index)] = upazila
        lgi = Area.objects.lgis().filter(upazila=upazila).order_by("pk").first()
        rows.append(
            BeneficiaryAggregate(
                practice=practice or practices[theme],
                lgi=lgi,
                fiscal_year=year,
                persons=persons,
                households=households_of(persons),
            )
        )
        for area in (None, upazila.division_id, upazila.district_id, upazila.pk):
            for slug in (None, theme):
                truth[(year, area, slug)] += persons

    for year, figures in ((YEAR, FIGURES), (NEXT_YEAR, NEXT)):
        for district_code, by_upazila in figures.items():
            for index, by_theme in by_upazila.items():
                for theme, persons in by_theme.items():
                    code, at, moved = SECOND_PRACTICE
                    if (district_code, index, theme, year) == (code, at, "water", YEAR):
                        add(year, district_code, index, theme, persons - moved)
                        add(year, district_code, index, theme, moved, practice=second)
                    else:
                        add(year, district_code, index, theme, persons)
    # All years: each person counted once; here nobody benefited in both years.
    all_years = defaultdict(lambda: [0, 0])
    for row in rows:
        total = all_years[(row.practice, row.lgi)]
        total[0] += row.persons
        total[1] += row.households
    rows += [
        BeneficiaryAggregate(
            practice=practice, lgi=lgi, fiscal_year="", persons=persons, households=households
        )
        for (practice, lgi), (persons, households) in all_years.items()
    ]
    for (_year, area, slug), persons in list(truth.items()):
        truth[("", area, slug)] += persons
    BeneficiaryAggregate.objects.bulk_create(rows)
    aggregates.refresh(None)
    return {
        "themes": themes,
        "practices": practices,
        "second": second,
        "upazilas": upazilas,
        "truth": dict(truth),
    }


def upazila_of(district_code, index):
    with_unions = (
        Area.objects.of_level("upazila")
        .filter(district__code=district_code, pk__in=Area.objects.lgis().values("upazila"))
        .order_by("code")
    )
    return with_unions[index]


def impact(client, **params):
    response = client.get("/api/v1/impact/", {"page_size": 1000, **params})
    assert response.status_code == 200, response.content[:300]
    return json.loads(response.content)["results"]


def published_cells(client, theme_slugs, **params):
    """{(level, area key, fiscal year, theme slug or None): persons or None} from the API."""
    cells = {}
    for theme in [None, *theme_slugs]:
        for level in ("division", "district", "upazila"):
            query = {"level": level, **params, **({"theme": theme} if theme else {})}
            for row in impact(client, **query):
                cells[(level, row["area"], row["fiscal_year"], theme)] = row["beneficiaries"]
    return cells


def subtractions(cells):
    """Every count a reader recovers by subtracting visible figures from a published total:
    [(what, the withheld cell, the value recovered)]."""
    areas_by_key = {area.key: area for area in Area.objects.filter(key__in={k[1] for k in cells})}
    found = []
    groups = defaultdict(list)  # (parent cell) -> children cells
    for level, child_level in (("division", "district"), ("district", "upazila")):
        for cell in cells:
            if cell[0] != child_level:
                continue
            area = areas_by_key[cell[1]]
            parent = getattr(area, level)
            groups[(level, parent.key, cell[2], cell[3])].append(cell)
    for cell in cells:  # an area's all themes = the sum of its themes
        if cell[3] is not None:
            groups[(cell[0], cell[1], cell[2], None)].append(cell)
    for parent, children in groups.items():
        total = cells.get(parent, 0)
        hidden = [child for child in children if cells[child] is None]
        if total is None or len(hidden) != 1:
            continue
        recovered = total - sum(cells[child] for child in children if cells[child] is not None)
        found.append((parent, hidden[0], recovered))
    return found


def true_value(registry, cell):
    _level, key, year, theme = cell
    area = Area.objects.get(key=key)
    return registry["truth"].get((year, area.pk, theme), 0)


def assert_nothing_recovered(registry, cells):
    leaks = subtractions(cells)
    assert not leaks, [
        f"{parent} minus the visible figures gives {hidden} = {value} "
        f"(truly {true_value(registry, hidden)})"
        for parent, hidden, value in leaks
    ]


def test_a_district_minus_its_visible_upazilas_gives_no_withheld_upazila(registry, client):
    cells = published_cells(client, registry["themes"])
    cumilla_water = ("upazila", registry["upazilas"][("BD2019", 0)].key, "", "water")
    assert cells[cumilla_water] is None  # the 3 persons of the finding
    assert_nothing_recovered(registry, cells)


def test_no_withheld_count_is_determined_by_all_the_api_publishes(registry, client):
    """Beyond single subtractions: every published cell and every relation between them at
    once, with each withheld cell known to be 1–4 if it is under 5 (the pages say "<5") and at
    least 5 otherwise."""
    cells = published_cells(client, registry["themes"])
    values = {cell: true_value(registry, cell) for cell in cells}
    relations = defaultdict(list)
    areas_by_key = {area.key: area for area in Area.objects.filter(key__in={k[1] for k in cells})}
    for cell in cells:
        level, key, year, theme = cell
        if level != "division":
            parent_level = "division" if level == "district" else "district"
            parent = getattr(areas_by_key[key], parent_level)
            relations[((parent_level, parent.key, year, theme), "areas")].append(cell)
        if theme is not None:
            relations[((level, key, year, None), "themes")].append(cell)
    withheld = {
        cell: SMALL if values[cell] < 5 else WITHHELD
        for cell, published in cells.items()
        if published is None
    }
    for cell, published in cells.items():
        if published is not None:
            assert published == values[cell], cell
    assert withheld
    protection = Protection(5, withheld)
    relations = [(parent, children) for (parent, _kind), children in relations.items()]
    assert determined(values, relations, protection) == []


def test_each_fiscal_year_and_a_range_of_years_are_protected(registry, client):
    by_year = published_cells(client, registry["themes"], by_year="true")
    assert {cell[2] for cell in by_year} == {YEAR, NEXT_YEAR}
    assert_nothing_recovered(registry, by_year)
    ranged = published_cells(client, registry["themes"], year_from=YEAR, year_to=NEXT_YEAR)
    assert_nothing_recovered(registry, ranged)
    # A range's figure is the sum of its years' figures where they are all published, so a
    # reader subtracting a year from the range learns nothing a year withholds.
    for cell, value in ranged.items():
        level, key, _year, theme = cell
        parts = [by_year.get((level, key, year, theme), 0) for year in (YEAR, NEXT_YEAR)]
        if value is not None:
            assert None not in parts and value == sum(parts), cell
        elif None not in parts:
            pytest.fail(f"{cell} is withheld though its years are published")


def downloaded_cells(client, theme_slugs, **params):
    """The same cells as `published_cells`, from the CSV download of the impact table."""
    cells = {}
    for theme in [None, *theme_slugs]:
        for level in ("division", "district", "upazila"):
            query = {"level": level, **params, **({"theme": theme} if theme else {})}
            response = client.get("/en/data/impact.csv", query)
            assert response.status_code == 200
            text = b"".join(response.streaming_content).decode("utf-8-sig")
            for row in csv.DictReader(io.StringIO(text)):
                persons = row["Beneficiaries (persons)"]
                value = int(persons) if persons else None
                cells[(level, row["Area key"], row["Fiscal year"], theme)] = value
    return cells


def test_the_csv_download_gives_nothing_away_either(registry, client):
    cells = downloaded_cells(client, registry["themes"])
    assert_nothing_recovered(registry, cells)
    assert cells == published_cells(client, registry["themes"])


def test_every_output_withholds_the_same_figure(registry, client):
    """The dashboard's headline and chart, the area pages and the fact sheet read the cells the
    API reads."""
    from dashboards.cube import count_text, is_withheld

    cumilla = Area.objects.get(code="BD2019")
    district_water = {row["area"]: row["beneficiaries"] for row in impact(client, theme="water")}
    figures = DashboardFigures(read_selection({"district": "BD2019", "theme": "water"})[1])
    headline = figures.headline["beneficiaries"]
    assert (None if is_withheld(headline) else headline) == district_water[cumilla.key]

    by_theme = DashboardFigures(read_selection({"district": "BD2019"})[1]).beneficiaries_by_theme
    api_themes = {
        slug: impact(client, theme=slug, district="BD2019")[0]["beneficiaries"]
        for slug in registry["themes"]
    }
    for row in by_theme:
        shown = None if is_withheld(row["beneficiaries"]) else row["beneficiaries"]
        assert shown == api_themes[row["theme"].slug]

    for (_district, _index), upazila in registry["upazilas"].items():
        page = areas.area_context(upazila)
        api = {
            row["area"]: row["beneficiaries"]
            for row in impact(client, level="upazila", district=upazila.district.key)
        }
        shown = page["beneficiaries"]
        assert (None if is_withheld(shown) else shown) == api[upazila.key]
        text = client.get(f"/areas/{upazila.key}/").text
        assert count_text(shown) in text

    # The country's water figure is the sum of the two water practices' fact sheets: one of
    # them is 3, so either the other sheet or the country's water figure is withheld.
    country = DashboardFigures(read_selection({"theme": "water"})[1]).headline["beneficiaries"]
    sheets = [
        factsheet.practice_facts(p)["persons"]
        for p in (registry["practices"]["water"], registry["second"])
    ]
    assert is_withheld(sheets[1]) and sheets[1].small
    assert is_withheld(country) or is_withheld(sheets[0])


def test_a_practice_page_shows_the_figure_its_fact_sheet_and_the_tables_publish(registry, client):
    """A practice's page beside the other practices of its theme must not give a withheld
    count away: it shows the protected cell (the second water practice has 3 persons)."""
    from dashboards.cube import count_text

    second = registry["second"]
    sheet = factsheet.practice_facts(second)["persons"]
    page = client.get(f"/en/practices/{second.slug}/")
    shown = page.context["beneficiaries_direct"]()["persons"]
    assert shown == count_text(sheet) == "<5"
    assert 'data-figure="beneficiaries">&lt;5<' in page.text
    first = registry["practices"]["water"]
    page = client.get(f"/en/practices/{first.slug}/")
    assert page.context["beneficiaries_direct"]()["persons"] == count_text(
        factsheet.practice_facts(first)["persons"]
    )


def test_withheld_figures_are_marked_on_the_pages(registry, client):
    from dashboards.cube import is_withheld

    page = client.get("/dashboard/", {"district": "BD2019"}).text
    assert "“গোপন” চিহ্নিত" in page  # the chart's note explains the mark
    params = {"district": "BD2019", "theme": "water", "map": "beneficiaries", "level": "upazila"}
    english = client.get("/en/dashboard/", params).text
    figures = DashboardFigures(read_selection(params)[1])
    marks = {
        "withheld" if not value.small else "&lt;5"
        for _area, value in figures.area_ranking("upazila", "beneficiaries")
        if is_withheld(value)
    }
    assert marks, "the map has no withheld upazila"
    for mark in marks:
        assert mark in english
    area = client.get("/en/areas/BD2019/").text
    assert "Beneficiaries by theme" in area and "cannot be worked out" in area


def test_the_protected_tables_are_built_once_per_figures(
    registry, client, monkeypatch, django_capture_on_commit_callbacks
):
    from dashboards import cube, versions
    from practices.models import ReplicationStatus

    from .factories import ReplicationFactory

    built = []
    real_build = cube.build
    monkeypatch.setattr(cube, "build", lambda year="": built.append(year) or real_build(year))
    impact(client, level="upazila")
    impact(client, level="district", theme="water")
    assert built == [""]
    # A replication saved rewrites its practice's rows with the same counts: nothing to redo.
    before = versions.stamp()
    with django_capture_on_commit_callbacks(execute=True):
        ReplicationFactory(
            practice=registry["practices"]["water"],
            lgi=Area.objects.lgis().order_by("pk").first(),
            status=ReplicationStatus.COMPLETED,
            fiscal_year=YEAR,
        )
    assert versions.stamp() != before
    impact(client, level="upazila")
    assert built == [""]
