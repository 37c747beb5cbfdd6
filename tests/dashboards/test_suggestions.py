""" "What could it copy next?": the ranking, its reasons and nearest LGIs, the area page's
section in Bangla and English, the UP editor's list on /my-work/, the API, and the ranking's
bounded number of queries."""

import json

from django.contrib.auth.models import Group
from django.utils import translation

import pytest

from dashboards.suggestions import suggestions_for
from places.models import Area, Level
from portal import roles
from portal.models import UserProfile
from practices.models import ReplicationStatus

from .factories import PracticePageFactory, ReplicationFactory, ThemeFactory


def _lgis_of(upazila):
    return list(Area.objects.lgis().filter(upazila=upazila).order_by("pk"))


def build_scene(practice_index):
    """A union `home` with three upazila neighbours, two district neighbours in another upazila
    and two far unions, and practices replicated among them."""
    upazilas = list(
        Area.objects.filter(level=Level.UPAZILA).order_by("pk").select_related("district")
    )
    home_upazila = next(u for u in upazilas if len(_lgis_of(u)) >= 4)
    other_upazila = next(
        u
        for u in upazilas
        if u.district_id == home_upazila.district_id
        and u.pk != home_upazila.pk
        and len(_lgis_of(u)) >= 2
    )
    far_upazila = next(
        u for u in upazilas if u.district_id != home_upazila.district_id and len(_lgis_of(u)) >= 2
    )
    home, *upazila_neighbours = _lgis_of(home_upazila)[:4]
    district_neighbours = _lgis_of(other_upazila)[:2]
    far = _lgis_of(far_upazila)[:2]
    origin = far[1]
    water = ThemeFactory(slug="water", name_en="Water", name_bn="পানি")
    other = ThemeFactory(slug="other", name_en="Other", name_bn="অন্যান্য")

    def practice(name, theme=other):
        return PracticePageFactory(
            parent=practice_index,
            title=f"ভালো শিখন {name}",
            title_en=f"Practice {name}",
            slug=f"practice-{name.lower()}",
            lgi=origin,
            theme=theme,
        )

    p = {name: practice(name) for name in ("A", "B", "C", "D", "E", "F")}
    p["W"] = practice("W", theme=water)
    for name in ("C", "E"):  # the themes it has worked on: water only
        p[name].theme = water
        p[name].save()

    def did(practice, lgi, status=ReplicationStatus.COMPLETED):
        ReplicationFactory(practice=p[practice], lgi=lgi, status=status)

    for lgi in upazila_neighbours:
        did("A", lgi)
    did("B", district_neighbours[0])
    did("C", home, ReplicationStatus.ONGOING)
    did("E", home, ReplicationStatus.PLANNED)
    did("D", home, ReplicationStatus.DISCONTINUED)
    did("D", upazila_neighbours[0])
    did("D", district_neighbours[1])
    did("C", far[0])
    did("F", far[0])
    return {
        "home": home,
        "upazila_neighbours": upazila_neighbours,
        "district_neighbours": district_neighbours,
        "far": far,
        "practices": p,
    }


@pytest.fixture
def scene(small_tree):
    practice_index, _circulars = small_tree
    return build_scene(practice_index)


def by_practice(suggestions):
    return {s.practice.slug: s for s in suggestions}


@pytest.mark.django_db
def test_practices_it_has_are_left_out_and_discontinued_ones_come_back(scene):
    found = by_practice(suggestions_for(scene["home"]))
    assert "practice-c" not in found  # ongoing
    assert "practice-e" not in found  # planned
    assert "practice-d" in found  # discontinued: it may try again
    assert {"practice-a", "practice-b", "practice-f", "practice-w"} <= set(found)


@pytest.mark.django_db
def test_reasons_count_neighbours_in_the_upazila_and_the_district(scene):
    found = by_practice(suggestions_for(scene["home"]))
    a, b, d, f, w = (found[f"practice-{x}"] for x in "abdfw")
    assert (a.upazila_count, a.district_count) == (3, 0)
    assert (b.upazila_count, b.district_count) == (0, 1)
    assert (d.upazila_count, d.district_count) == (1, 1)
    # A far union that replicated C, as this one did, also did F.
    assert f.similar_count == 1 and f.upazila_count == f.district_count == 0
    assert w.same_theme and not a.same_theme  # W shares C's theme


@pytest.mark.django_db
def test_three_upazila_neighbours_rank_above_one_district_neighbour(scene):
    order = [s.practice.slug for s in suggestions_for(scene["home"])]
    assert order.index("practice-a") < order.index("practice-b")
    assert order[0] == "practice-a"
    assert len(suggestions_for(scene["home"], limit=2)) == 2


@pytest.mark.django_db
def test_the_nearest_lgis_that_did_it_are_named_upazila_first(scene):
    found = by_practice(suggestions_for(scene["home"]))
    assert found["practice-a"].nearest == scene["upazila_neighbours"]
    assert found["practice-b"].nearest == scene["district_neighbours"][:1]
    assert found["practice-d"].nearest == [
        scene["upazila_neighbours"][0],
        scene["district_neighbours"][1],
    ]
    assert found["practice-f"].nearest == []  # far away: not for an exposure visit


@pytest.mark.django_db
def test_reasons_read_in_the_pages_language(scene):
    with translation.override("en"):
        reasons = by_practice(suggestions_for(scene["home"]))["practice-a"].reasons
        assert "3 neighbouring unions in the same upazila did this" in reasons
    with translation.override("bn"):
        reasons = by_practice(suggestions_for(scene["home"]))["practice-a"].reasons
        assert "একই উপজেলার ৩টি প্রতিবেশী ইউনিয়ন এটি করেছে" in reasons
        reasons = by_practice(suggestions_for(scene["home"]))["practice-b"].reasons
        assert "একই জেলার আরও ১টি ইউনিয়ন এটি করেছে" in reasons


@pytest.mark.django_db
def test_the_ranking_reads_a_fixed_number_of_queries(
    scene, small_tree, django_assert_max_num_queries
):
    home = Area.objects.select_related("upazila", "district").get(pk=scene["home"].pk)
    with django_assert_max_num_queries(4):
        assert len(suggestions_for(home)) == 5
    practice_index, _circulars = small_tree
    for n in range(8):
        page = PracticePageFactory(parent=practice_index, lgi=scene["far"][1], slug=f"more-{n}")
        for lgi in scene["upazila_neighbours"] + scene["district_neighbours"]:
            ReplicationFactory(practice=page, lgi=lgi)
    with django_assert_max_num_queries(4):
        assert len(suggestions_for(home)) == 10


@pytest.mark.django_db
def test_the_union_page_shows_the_section_in_bangla_and_english(scene, client):
    home = scene["home"]
    neighbour = scene["upazila_neighbours"][0]
    html = client.get(home.get_absolute_url()).content.decode()
    assert "এরপর কী পুনর্বাস্তবায়ন করা যায়?" in html
    assert "একই উপজেলার ৩টি প্রতিবেশী ইউনিয়ন এটি করেছে" in html
    assert f'href="{neighbour.get_absolute_url()}"' in html
    section = html[html.index('id="suggestions-heading"') :]
    assert section.index("ভালো শিখন A") < section.index("ভালো শিখন B")
    with translation.override("en"):
        url = home.get_absolute_url()
    assert url.startswith("/en/")
    html = client.get(url).content.decode()
    assert "What could it copy next?" in html
    assert "3 neighbouring unions in the same upazila did this" in html
    assert "Practice A" in html
    # Not on a district's page.
    district = Area.objects.get(pk=home.district_id)
    assert "suggestions-heading" not in client.get(district.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_an_up_editor_sees_the_top_five_for_their_union(
    scene, small_tree, client, django_user_model
):
    home = scene["home"]
    user = django_user_model.objects.create_user(username="up-editor", password="x-pass-12345")
    user.groups.add(Group.objects.get(name=roles.UP_EDITOR))
    profile, _created = UserProfile.objects.get_or_create(user=user)
    profile.lgis.set([home])
    practice_index, _circulars = small_tree
    for n in range(3):
        PracticePageFactory(parent=practice_index, lgi=scene["far"][1], slug=f"more-{n}")
    client.force_login(user)
    html = client.get("/my-work/").content.decode()
    assert f"{home.name_bn} এরপর কী পুনর্বাস্তবায়ন করতে পারে?" in html
    section = html[html.index(f'id="suggestions-heading-{home.key}"') :]
    assert section.count("<li data-practice=") == 5
    assert "একই উপজেলার ৩টি প্রতিবেশী ইউনিয়ন এটি করেছে" in section
    assert "ভালো শিখন C" not in section


@pytest.mark.django_db
def test_the_api_gives_the_ranked_practices_with_counts_and_nearest_lgis(scene, client):
    home = scene["home"]
    response = client.get(f"/api/v1/areas/{home.key}/suggestions/")
    assert response.status_code == 200, response.content[:300]
    rows = json.loads(response.content)
    assert rows[0]["slug"] == "practice-a"
    first = rows[0]
    assert first["neighbours_in_upazila"] == 3
    assert first["neighbours_in_district"] == 0
    assert 0 < first["score"] <= 1
    assert [lgi["key"] for lgi in first["nearest"]] == [a.key for a in scene["upazila_neighbours"]]
    assert all(lgi["same_upazila"] for lgi in first["nearest"])
    assert [row["score"] for row in rows] == sorted((row["score"] for row in rows), reverse=True)
    assert "practice-c" not in {row["slug"] for row in rows}
    district = Area.objects.get(pk=home.district_id)
    assert client.get(f"/api/v1/areas/{district.key}/suggestions/").status_code == 404
    schema = json.loads(client.get("/api/v1/schema/", {"format": "json"}).content)
    assert "/api/v1/areas/{key}/suggestions/" in schema["paths"]
