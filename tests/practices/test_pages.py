import datetime
import re
from decimal import Decimal

from django.utils import translation

import pytest

from bangla import to_bangla_digits
from places.models import Area
from portal import roles
from practices import counts, pipeline
from practices.models import (
    BudgetAllocation,
    CircularStatus,
    CuratedListIndexPage,
    CuratedListItem,
    CuratedListPage,
    PracticePage,
    Replication,
    ReplicationStatus,
)

from .factories import (
    CircularPageFactory,
    PracticePageFactory,
    ReplicationFactory,
    ThemeFactory,
)


def bn(number):
    return to_bangla_digits(str(number))


@pytest.fixture
def catalogue(practice_index, union):
    """Practices from two divisions and themes, one a best practice with a circular."""
    water = ThemeFactory(slug="water", name_bn="পানি", name_en="Water")
    health = ThemeFactory(slug="health", name_bn="স্বাস্থ্য", name_en="Health")
    khulna_lgi = Area.objects.filter(level="union", division__name_en="Khulna").order_by("key")[0]
    made = {
        "arsenic": PracticePageFactory(
            parent=practice_index,
            title="আর্সেনিক পরীক্ষা",
            title_en="Arsenic testing",
            theme=water,
            lgi=khulna_lgi,
        ),
        "clinic": PracticePageFactory(
            parent=practice_index,
            title="কমিউনিটি ক্লিনিক",
            title_en="Community clinic",
            theme=health,
            lgi=union,
        ),
        "draft": PracticePageFactory(
            parent=practice_index, title="খসড়া শিখন", theme=health, lgi=union, live=False
        ),
    }
    made["arsenic"].tags.add("নলকূপ")
    made["arsenic"].save()
    PracticePage.objects.filter(pk=made["arsenic"].pk).update(
        is_best_practice=True, replication_count=60, budget_allocated=Decimal(10)
    )
    PracticePage.objects.filter(pk=made["clinic"].pk).update(
        replication_count=3, ongoing_count=2, budget_allocated=Decimal(99999)
    )
    return made


def titles(response):
    return [p.title for p in response.context["practices"]]


def test_catalogue_lists_live_practices_most_replicated_first(client, catalogue):
    response = client.get("/practices/")
    assert response.status_code == 200
    assert titles(response) == ["আর্সেনিক পরীক্ষা", "কমিউনিটি ক্লিনিক"]
    assert "খসড়া শিখন" not in response.content.decode()
    assert f"{bn(60)}টি" in response.content.decode() or bn(60) in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("theme=water", ["আর্সেনিক পরীক্ষা"]),
        ("division={khulna}", ["আর্সেনিক পরীক্ষা"]),
        ("district={cumilla}", ["কমিউনিটি ক্লিনিক"]),
        ("replication=best", ["আর্সেনিক পরীক্ষা"]),
        ("replication=ongoing", ["কমিউনিটি ক্লিনিক"]),
        ("replication=not_replicated", []),
        ("circular_status=none", ["আর্সেনিক পরীক্ষা", "কমিউনিটি ক্লিনিক"]),
        ("tag=নলকূপ", ["আর্সেনিক পরীক্ষা"]),
        ("sort=budget", ["কমিউনিটি ক্লিনিক", "আর্সেনিক পরীক্ষা"]),
    ],
)
def test_catalogue_filters_and_sorts(client, catalogue, union, query, expected):
    khulna = Area.objects.get(level="division", name_en="Khulna")
    query = query.format(khulna=khulna.key, cumilla=union.district.key)
    response = client.get(f"/practices/?{query}")
    assert titles(response) == expected


def test_circular_status_filter_follows_the_pipeline(client, catalogue, curator):
    pipeline.move(catalogue["clinic"], CircularStatus.NOMINATED, actor=curator)
    response = client.get("/practices/?circular_status=nominated")
    assert titles(response) == ["কমিউনিটি ক্লিনিক"]


def test_catalogue_in_english(client, catalogue):
    response = client.get("/en/practices/?theme=water")
    content = response.content.decode()
    assert "Arsenic testing" in content
    assert "Best practice" in content
    assert 'lang="en"' in content


def test_catalogue_is_paginated_with_bounded_queries(
    client, practice_index, django_assert_max_num_queries
):
    theme = ThemeFactory()
    for _ in range(45):
        PracticePageFactory(parent=practice_index, theme=theme)
    client.get("/practices/")  # settings and site caches
    with django_assert_max_num_queries(20):
        first = client.get("/practices/")
    assert len(first.context["practices"]) == 20
    third = client.get("/practices/?page=3&theme=" + theme.slug)
    assert len(third.context["practices"]) == 5
    assert third.context["page_obj"].number == 3
    # Every page is one step away, not only the next one.
    links = third.content.decode().split('class="pagination"')[1].split("</nav>")[0]
    for number, digit in ((1, "১"), (2, "২")):
        assert f'page={number}&amp;theme={theme.slug}">{digit}</a>' in links
    assert 'aria-current="page">৩</a>' in links


def test_the_district_list_narrows_to_the_chosen_division(client, practice_index):
    page = client.get("/practices/", {"division": "BD20"}).content.decode()
    districts = page.split('id="id_district"')[1].split("</select>")[0]
    assert "কুমিল্লা" in districts and "ঢাকা" not in districts
    everything = client.get("/practices/").content.decode()
    assert "ঢাকা" in everything.split('id="id_district"')[1].split("</select>")[0]


@pytest.fixture
def busy_practice(practice_index, union, curator, circular_index):
    """A practice with 2,000 replications across the country, budget lines and a history."""
    practice = PracticePageFactory(parent=practice_index, lgi=union)
    lgis = list(Area.objects.lgis().exclude(pk=union.pk).order_by("key")[:2100])
    statuses = [ReplicationStatus.COMPLETED] * 1950 + [ReplicationStatus.ONGOING] * 50
    Replication.objects.bulk_create(
        Replication(
            practice=practice,
            lgi=lgi,
            status=status,
            end_date=datetime.date(2015, 1, 1) + datetime.timedelta(days=i),
            households_reached=10,
        )
        for i, (lgi, status) in enumerate(zip(lgis, statuses, strict=False))
    )
    BudgetAllocation.objects.bulk_create(
        BudgetAllocation(practice=practice, lgi=lgi, fiscal_year=year, allocated=1100, spent=550)
        for lgi in lgis[:300]
        for year in ("2019-20", "2020-21")
    )
    counts.recompute([practice.pk])
    circular = CircularPageFactory(parent=circular_index, title="ইউডিসিসি পরিপত্র")
    circular.practices.add(practice)
    for step in (CircularStatus.NOMINATED, CircularStatus.PRESENTED, CircularStatus.UNDER_REVIEW):
        pipeline.move(practice, step, actor=curator, date=datetime.date(2016, 1, 1))
    pipeline.move(
        practice,
        CircularStatus.CIRCULAR_ISSUED,
        actor=curator,
        cause=circular,
        date=datetime.date(2016, 5, 1),
    )
    return practice


def test_a_practice_with_2000_replications_renders_with_bounded_queries(
    client, busy_practice, django_assert_max_num_queries
):
    url = f"/practices/{busy_practice.slug}/"
    client.get(url)
    with django_assert_max_num_queries(25):
        response = client.get(url)
    content = response.content.decode()
    assert response.status_code == 200
    assert Replication.objects.filter(practice=busy_practice).count() == 2000
    assert bn("1,950") in content
    # Grouped by district: every district with a replication has its group.
    districts = set(
        Replication.objects.filter(practice=busy_practice).values_list(
            "lgi__district__name_bn", flat=True
        )
    )
    assert {g["district"].name_bn for g in response.context["replication_groups"]()} == districts
    assert sum(g["completed"] for g in response.context["replication_groups"]()) == 1950
    # Budget: 600 lines of 1,100 taka; 110 taka a dollar.
    assert bn("6,60,000") in content
    assert bn("6,000") in content
    assert "ইউডিসিসি পরিপত্র" in content
    assert response.context["households_reported"]() == 20000


def test_practice_page_shows_badge_pipeline_and_workshop_history(client, busy_practice, curator):
    with translation.override("en"):
        response = client.get(f"/en/practices/{busy_practice.slug}/")
    content = response.content.decode()
    assert "Best practice" in content
    assert "since" in content
    assert "Circular issued" in content
    assert 'aria-current="step"' in content
    assert content.count("→") >= 4


def test_a_new_replication_shows_on_the_page_and_in_filters_at_once(
    client, practice, django_capture_on_commit_callbacks
):
    from portal.models import PortalSettings

    settings = PortalSettings.load()
    settings.best_practice_threshold = 2
    settings.save()
    lgis = list(Area.objects.lgis().exclude(pk=practice.lgi_id).order_by("key")[:2])
    with django_capture_on_commit_callbacks(execute=True):
        ReplicationFactory(practice=practice, lgi=lgis[0])
    assert titles(client.get("/practices/?replication=best")) == []
    with django_capture_on_commit_callbacks(execute=True):
        ReplicationFactory(practice=practice, lgi=lgis[1])
    assert titles(client.get("/practices/?replication=best")) == [practice.title]
    page = client.get(f"/en/practices/{practice.slug}/").content.decode()
    assert "Best practice" in page


@pytest.fixture
def circulars(circular_index, practice):
    first = CircularPageFactory(
        parent=circular_index,
        title="ইউনিয়ন উন্নয়ন সমন্বয় কমিটি",
        memo_number="46.00.0000.063.27.001.12",
        date_issued=datetime.date(2012, 9, 16),
        issuing_authority="স্থানীয় সরকার বিভাগ",
    )
    first.practices.add(practice)
    second = CircularPageFactory(
        parent=circular_index,
        title="আর্সেনিক দূরীকরণে বাস্তবায়ন পরিকল্পনা",
        title_en="Arsenic mitigation plan",
        memo_number="46.00.0000.085.31.007.18",
        date_issued=datetime.date(2018, 6, 11),
        issuing_authority="মন্ত্রিপরিষদ বিভাগ",
        summary_bn="সকল নলকূপ পরীক্ষা",
    )
    return first, second


def circular_titles(response):
    return [c.title for c in response.context["circulars"]]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["আর্সেনিক দূরীকরণে বাস্তবায়ন পরিকল্পনা", "ইউনিয়ন উন্নয়ন সমন্বয় কমিটি"]),
        ("q=নলকূপ", ["আর্সেনিক দূরীকরণে বাস্তবায়ন পরিকল্পনা"]),
        ("q=৪৬.০০.০০০০.০৬৩", ["ইউনিয়ন উন্নয়ন সমন্বয় কমিটি"]),
        ("q=mitigation", ["আর্সেনিক দূরীকরণে বাস্তবায়ন পরিকল্পনা"]),
        ("year=2012", ["ইউনিয়ন উন্নয়ন সমন্বয় কমিটি"]),
        ("authority=মন্ত্রিপরিষদ বিভাগ", ["আর্সেনিক দূরীকরণে বাস্তবায়ন পরিকল্পনা"]),
        ("practice={practice}", ["ইউনিয়ন উন্নয়ন সমন্বয় কমিটি"]),
    ],
)
def test_circulars_are_searchable_and_filterable(client, circulars, practice, query, expected):
    response = client.get("/circulars/?" + query.format(practice=practice.pk))
    assert circular_titles(response) == expected


def test_circular_page_shows_memo_and_practices(client, circulars, practice):
    response = client.get(f"/circulars/{circulars[0].slug}/")
    content = response.content.decode()
    assert bn("46.00.0000.063.27.001.12") in content
    assert practice.title in content


@pytest.mark.usefixtures("english")
def test_a_circular_needs_a_pdf_and_cannot_supersede_itself_or_loop(circulars, tmp_path):
    from django.core.exceptions import ValidationError
    from django.core.files.base import ContentFile

    from wagtail.documents.models import Document

    first, second = circulars
    memo = Document.objects.create(title="memo", file=ContentFile(b"not a pdf", name="memo.docx"))
    first.document = memo
    with pytest.raises(ValidationError) as refused:
        first.full_clean()
    assert "PDF" in str(refused.value.message_dict["document"])

    first.document = None
    first.supersedes = first
    with pytest.raises(ValidationError) as refused:
        first.full_clean()
    assert "itself" in str(refused.value.message_dict["supersedes"])

    first.supersedes = None
    second.supersedes = first
    second.save()
    first.supersedes = second
    with pytest.raises(ValidationError) as refused:
        first.full_clean()
    assert "loop" in str(refused.value.message_dict["supersedes"])


def test_the_circular_page_shows_what_it_supersedes_and_what_replaced_it(client, circulars):
    first, second = circulars
    second.supersedes = first
    second.save_revision().publish()
    first.state = "amended"
    first.save_revision().publish()

    older = client.get(f"/en/circulars/{first.slug}/").content.decode()
    assert "Arsenic mitigation plan" in older
    assert "Amended" in older
    newer = client.get(f"/circulars/{second.slug}/").content.decode()
    assert first.title in newer


def test_circular_index_has_bounded_queries(
    client, circular_index, practice, django_assert_max_num_queries
):
    for _ in range(25):
        CircularPageFactory(parent=circular_index).practices.add(practice)
    client.get("/circulars/")
    with django_assert_max_num_queries(20):
        response = client.get("/circulars/")
    assert len(response.context["circulars"]) == 20


def test_demo_content_is_marked(client, practice, circular_index):
    PracticePage.objects.filter(pk=practice.pk).update(is_demo=True)
    circular = CircularPageFactory(parent=circular_index, is_demo=True)
    with translation.override("en"):
        page = client.get(f"/en/practices/{practice.slug}/").content.decode()
        listing = client.get("/en/practices/").content.decode()
        circular_page = client.get(f"/en/circulars/{circular.slug}/").content.decode()
    assert "Demo data" in page
    assert "Demo" in listing
    assert "demo values" in circular_page


@pytest.fixture
def curated(practice_index, practice):
    lists = practice_index.add_child(instance=CuratedListIndexPage(title="তালিকা", slug="lists"))
    disability = lists.add_child(
        instance=CuratedListPage(title="প্রতিবন্ধী অন্তর্ভুক্তি", slug="disability-inclusion")
    )
    second = PracticePageFactory(parent=practice_index, title="দ্বিতীয় শিখন")
    hidden = PracticePageFactory(parent=practice_index, title="অপ্রকাশিত শিখন", live=False)
    for order, (page, note) in enumerate([(second, "প্রথমে"), (practice, ""), (hidden, "")]):
        CuratedListItem.objects.create(
            curated_list=disability, practice=page, note_bn=note, sort_order=order
        )
    return disability


def test_curated_list_page_in_nilgs_order_with_notes(client, curated, practice):
    response = client.get("/practices/lists/disability-inclusion/")
    content = response.content.decode()
    assert response.status_code == 200
    assert [item.practice.title for item in response.context["items"]] == [
        "দ্বিতীয় শিখন",
        practice.title,
    ]
    assert "প্রথমে" in content
    assert "অপ্রকাশিত শিখন" not in content


def test_home_page_shows_curated_lists_and_live_figures(client, curated, practice):
    content = client.get("/").content.decode()
    assert "প্রতিবন্ধী অন্তর্ভুক্তি" in content
    assert "দ্বিতীয় শিখন" in content
    CuratedListPage.objects.filter(pk=curated.pk).update(show_on_home_page=False)
    assert "দ্বিতীয় শিখন" not in client.get("/").content.decode()


def test_practice_page_for_roles_is_public(client, practice, make_user, union):
    client.force_login(make_user("pm", roles.POLICYMAKER))
    assert client.get(f"/practices/{practice.slug}/").status_code == 200


def test_each_replicating_lgi_is_listed_with_its_page_upazila_status_and_verification(
    client, practice, other_union, curator
):
    ReplicationFactory(
        practice=practice,
        lgi=other_union,
        verified_by=curator,
        verified_at=datetime.datetime(2016, 7, 1, tzinfo=datetime.UTC),
    )
    upazila = other_union.upazila
    page = client.get(f"/en/practices/{practice.slug}/").content.decode()
    item = (
        f'<li><a href="/en/areas/{other_union.key}/">{other_union.name_en}</a>'
        f' <span class="muted">({upazila.name_en})</span> — Completed'
        ' <span class="verified">✓ verified by NILG</span></li>'
    )
    assert item in page
    bangla = client.get(f"/practices/{practice.slug}/").content.decode()
    assert f'<a href="/areas/{other_union.key}/">{other_union.name_bn}</a>' in bangla
    assert f"({upazila.name_bn})" in bangla


def test_budget_figures_read_in_lakh_and_dollars_the_international_way(client, busy_practice):
    content = client.get(f"/practices/{busy_practice.slug}/").content.decode()
    # 600 lines of 1,100 taka: in lakh words on the card, as the dashboard writes them.
    assert "৬.৬০ লক্ষ টাকা" in content
    with translation.override("en"):
        english = client.get(f"/en/practices/{busy_practice.slug}/").content.decode()
    assert "6.60 lakh BDT" in english
    # 6,60,000 taka at 110 a dollar: 6,000 dollars either way; a million would read 1,000,000.
    assert "US$ 6,000" in english


def test_a_practice_without_budget_lines_says_none_is_recorded(client, practice):
    content = client.get(f"/practices/{practice.slug}/").content.decode()
    assert "বাজেট নথিভুক্ত করেনি" in content
    assert "০ টাকা" not in content


def test_english_pages_name_tags_in_english_and_bangla_pages_in_bangla(client, catalogue):
    from taggit.models import Tag

    from practices.models import TagName

    arsenic = catalogue["arsenic"]
    arsenic.tags.add("আর্সেনিক")
    arsenic.save_revision().publish()
    TagName.objects.create(tag=Tag.objects.get(name="নলকূপ"), name_en="tube wells")
    english = client.get(f"/en/practices/{arsenic.slug}/").text
    assert ">tube wells</a>" in english
    # A tag with no English name yet keeps its Bangla one, marked as Bangla for screen readers.
    assert 'lang="bn">আর্সেনিক</a>' in english
    assert "?tag=%E0%A6%A8%E0%A6%B2%E0%A6%95%E0%A7%82%E0%A6%AA" in english  # filter by নলকূপ
    bangla = client.get(f"/practices/{arsenic.slug}/").text
    assert ">নলকূপ</a>" in bangla and "tube wells" not in bangla
    # The catalogue's tag filter lists the English names in their order (those with none yet
    # after them); the choice still filters by the tag, whose address keeps its Bangla name.
    listing = client.get("/en/practices/", {"tag": "নলকূপ"})
    options = re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', listing.text)
    tags = [(value, label) for value, label in options if value in ("নলকূপ", "আর্সেনিক")]
    assert tags == [("নলকূপ", "tube wells"), ("আর্সেনিক", "আর্সেনিক")]
    assert titles(listing) == [arsenic.title]
    assert "tube wells" not in client.get("/practices/").text


def test_a_curator_gives_a_tag_its_english_name_in_the_admin(client, catalogue, curator):
    from taggit.models import Tag

    from practices.models import TagName

    tag = Tag.objects.get(name="নলকূপ")
    client.force_login(curator)
    form = client.get("/admin/snippets/practices/tagname/add/")
    assert form.status_code == 200 and "ট্যাগের ইংরেজি নাম" in form.text
    response = client.post(
        "/admin/snippets/practices/tagname/add/", {"tag": tag.pk, "name_en": "tube wells"}
    )
    assert response.status_code == 302
    assert TagName.objects.get(tag=tag).name_en == "tube wells"
    assert ">tube wells</a>" in client.get(f"/en/practices/{catalogue['arsenic'].slug}/").text
