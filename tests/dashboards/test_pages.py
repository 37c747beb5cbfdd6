"""Area pages at every level, maps and their ranked tables, a practice's spread map, the
boundary files and the open data pages."""

import gzip
import html
import json
import re

import pytest

from dashboards.opendata import TABLES
from places.models import Area
from portal.templatetags.hlp import money, num

from . import expected

pytestmark = pytest.mark.django_db

# Queries of an area page do not grow with the size of the area: a division and a union are
# answered with about as many.
AREA_PAGE_QUERIES = 40


def figure(page, key):
    match = re.search(rf'data-figure="{key}">.*?<span class="figure">([^<]*)</span>', page, re.S)
    assert match, key
    return html.unescape(match.group(1))


@pytest.mark.parametrize(
    ("key", "level"),
    [("BD30", "division"), ("BD3026", "district"), ("BD30260072", "upazila")],
)
def test_area_pages_of_every_level_show_their_figures_with_bounded_queries(
    dataset, client, django_assert_max_num_queries, key, level
):
    area = Area.objects.get(key=key)
    with django_assert_max_num_queries(AREA_PAGE_QUERIES):
        response = client.get(f"/areas/{key}/")
    assert response.status_code == 200
    page = response.text
    f = expected.Filter(**{"division" if level == "division" else "district": key})
    if level == "upazila":
        f = expected.Filter()
        f.in_area = lambda lgi_id: f.areas[lgi_id].upazila_id == area.pk
    replications = expected.replications(f)
    assert figure(page, "replications") == num(len(replications))
    assert figure(page, "lgis_reached") == num(len({row["lgi_id"] for row in replications}))
    spent = sum(line["spent"] for line in expected.effective_budget_lines(f))
    assert figure(page, "budget_spent") == money(spent)
    assert area.name_bn in page
    for child in area.children.all()[:3]:
        assert child.get_absolute_url() in page


def test_a_union_page_lists_its_replications_and_budget(
    dataset, client, django_assert_max_num_queries
):
    practice = dataset["practices"][0]
    union = practice.replications.filter(status="completed").first().lgi
    with django_assert_max_num_queries(AREA_PAGE_QUERIES):
        page = client.get(f"/areas/{union.key}/").text
    assert practice.title in page
    f = expected.Filter()
    f.in_area = lambda lgi_id: lgi_id == union.pk
    assert figure(page, "replications") == num(len(expected.replications(f)))
    spent = sum(line["spent"] for line in expected.effective_budget_lines(f))
    assert figure(page, "budget_spent") == money(spent)


def test_the_originating_union_lists_its_practice(dataset, client):
    practice = dataset["practices"][1]
    page = client.get(f"/areas/{practice.lgi.key}/").text
    assert figure(page, "originated") == num(1)
    assert practice.title in page


def test_area_pages_exist_in_english_and_unknown_areas_are_404(dataset, client):
    english = client.get("/en/areas/BD2019/")
    assert english.status_code == 200
    assert "Cumilla" in english.text and '<html lang="en">' in english.text
    assert client.get("/areas/NOWHERE/").status_code == 404


def test_the_dashboard_map_colours_districts_and_ranks_them(dataset, client):
    page = client.get("/dashboard/", {"map": "replications"}).text
    svg = re.search(r'<svg class="choropleth".*?</svg>', page, re.S).group(0)
    assert svg.count("<path ") >= 64
    f = expected.Filter()
    by_district = {}
    for row in expected.replications(f):
        district = f.areas[row["lgi_id"]].district
        by_district[district.name_bn] = by_district.get(district.name_bn, 0) + 1
    most = max(by_district.values())
    table = re.search(r'<details class="map-table".*?</details>', page, re.S).group(0)
    first_row = re.search(r"<tbody><tr>.*?</tr>", table, re.S).group(0)
    assert f'<td class="num">{num(most)}</td>' in first_row
    assert any(name in first_row for name, n in by_district.items() if n == most)
    for name, count in by_district.items():
        assert f"<title>{name}: {num(count)}</title>" in svg


def test_the_upazila_map_of_a_district_zooms_in(dataset, client):
    page = client.get("/dashboard/", {"district": "BD3026", "map": "budget"}).text
    svg = re.search(r'<svg class="choropleth".*?</svg>', page, re.S).group(0)
    assert "সাভার" in svg  # Savar upazila of Dhaka district
    assert "কুমিল্লা" not in svg


def test_a_practice_spread_map_marks_where_it_comes_from(dataset, client):
    practice = dataset["practices"][0]
    page = client.get(f"/practices/{practice.slug}/spread/").text
    assert 'class="origin"' in page
    f = expected.Filter()
    completed = [r for r in expected.replications(f) if r["practice_id"] == practice.pk]
    assert figure(page, "replications") == num(len(completed))
    districts = {f.areas[r["lgi_id"]].district_id for r in completed}
    assert figure(page, "districts") == num(len(districts))
    assert client.get(f"/practices/{dataset['hidden'].slug}/spread/").status_code == 404


def test_a_practice_page_shows_its_spread_map_its_districts_and_its_fact_sheet(dataset, client):
    from practices.models import Replication, ReplicationStatus

    practice = dataset["practices"][0]
    page = client.get(f"/practices/{practice.slug}/").text
    svg = re.search(r'<svg class="choropleth".*?</svg>', page, re.S).group(0)
    assert 'class="origin"' in svg
    completed = {}
    for name in Replication.objects.filter(
        practice=practice, status=ReplicationStatus.COMPLETED
    ).values_list("lgi__district__name_bn", flat=True):
        completed[name] = completed.get(name, 0) + 1
    assert completed
    for name, count in completed.items():
        assert re.search(rf"<title>{name}: {num(count)}( — [^<]+)?</title>", svg), name
    # The districts' table stands for the map's own: one row per district, most completed first.
    table = re.search(r'<table class="district-table">.*?</table>', page, re.S).group(0)
    rows = re.findall(
        r'<th scope="row"><a [^>]*>([^<]+)</a></th>\s*<td class="num">([^<]+)</td>', table
    )
    shown = [(name, count) for name, count in rows if count != num(0)]
    assert dict(shown) == {name: num(count) for name, count in completed.items()}
    counts = [completed[name] for name, _count in shown]
    assert counts == sorted(counts, reverse=True)
    assert "Ranked table of this map" not in page and "মানচিত্রের ক্রমতালিকা" not in page
    factsheet = f"/practices/{practice.slug}/factsheet.pdf"
    assert f'href="{factsheet}" download' in page
    response = client.get(factsheet)
    assert response["Content-Type"] == "application/pdf"
    # Read to the end, the response closes its file itself (closing the response would end the
    # request, which closes the database connection under the module's dataset).
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert f"/practices/{practice.slug}/spread/?level=upazila" in page


def test_a_practice_with_no_completed_replication_says_so_instead_of_an_empty_map(dataset, client):
    from practices.models import ReplicationStatus

    from .factories import PracticePageFactory, ReplicationFactory

    origin = dataset["practices"][0]
    practice = PracticePageFactory(
        parent=origin.get_parent(), slug="just-begun", theme=origin.theme, lgi=origin.lgi
    )
    ReplicationFactory(practice=practice, lgi=dataset["unions"]["BD3026"][1], status="ongoing")
    assert not practice.replications.filter(status=ReplicationStatus.COMPLETED).exists()
    page = client.get(f"/practices/{practice.slug}/").text
    assert '<svg class="choropleth"' not in page
    assert "এখনো কোনো পুনর্বাস্তবায়ন সম্পন্ন হয়নি" in page
    assert f"/practices/{practice.slug}/factsheet.pdf" in page


def test_boundary_files_are_served_compressed_and_cacheable(client):
    response = client.get("/geo/district.geojson", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "max-age" in response["Cache-Control"]
    body = gzip.decompress(b"".join(response.streaming_content))
    assert len(json.loads(body)["features"]) == 64
    again = client.get("/geo/district.geojson", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert client.get("/geo/union.geojson").status_code == 404


def test_the_data_page_explains_every_field_of_every_table(dataset, client):
    from portal.models import PortalSettings

    settings = PortalSettings.load()
    settings.best_practice_threshold = 35
    settings.save()
    page = client.get("/data/").text
    assert "অন্তত ৩৫টি ভিন্ন" in page
    for table in TABLES:
        assert f'id="table-{table.slug}"' in page
        for name, meaning, _unit, _source, _kind in table.fields():
            assert f"<code>{name}</code>" in page, (table.slug, name)
            assert meaning, (table.slug, name)
    package = json.loads(client.get("/data/datapackage.json").content)
    assert {resource["name"] for resource in package["resources"]} == {t.slug for t in TABLES}


def test_a_data_table_page_lists_and_filters(dataset, client):
    page = client.get("/data/replications/", {"district": "BD2019", "status": "completed"}).text
    count = int(re.search(r'data-count="(\d+)"', page).group(1))
    f = expected.Filter(district="BD2019")
    assert count == len(expected.replications(f))
    assert "/data/replications.csv?district=BD2019&amp;status=completed" in page


def test_areas_lists_every_division_and_district_linked_to_its_page(client):
    page = client.get("/areas/").text
    assert page.count('href="/areas/BD') == 8 + 64
    assert '<a href="/areas/BD2019/">কুমিল্লা</a>' in page
    english = client.get("/en/areas/").text
    assert '<a href="/en/areas/BD2019/">Cumilla</a>' in english


def test_registry_officers_of_nilg_alone_find_the_registry_breakdown_from_a_practice(
    dataset, client, django_user_model
):
    from django.contrib.auth.models import Group

    from portal import roles
    from portal.models import UserProfile

    practice = dataset["practices"][0]
    link = f'href="/registry/impact/{practice.pk}/"'

    def signed_in(name, role, national):
        user = django_user_model.objects.create_user(username=name, password="x-pass-12345")
        user.groups.add(Group.objects.get(name=role))
        profile, _created = UserProfile.objects.get_or_create(user=user)
        profile.national_scope = national
        profile.save()
        client.force_login(user)

    assert link not in client.get(practice.url).text
    signed_in("union-officer", roles.REGISTRY_OFFICER, False)
    assert link not in client.get(practice.url).text
    signed_in("policy", roles.POLICYMAKER, True)
    assert link not in client.get(practice.url).text
    signed_in("nilg-officer", roles.REGISTRY_OFFICER, True)
    page = client.get(practice.url).text
    assert link in page
    assert client.get(f"/registry/impact/{practice.pk}/").status_code == 200
