"""Workshops in search: their minutes and numbered decisions, area and presented practices."""

import datetime

from django.utils import timezone

import pytest

import search
from places.models import Area
from workshops.models import (
    Decision,
    WorkshopIndexPage,
    WorkshopKind,
    WorkshopPage,
    WorkshopPractice,
)

from .conftest import keys

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(corpus, home, inline_tasks, django_capture_on_commit_callbacks):
    index = home.add_child(instance=WorkshopIndexPage(title="কর্মশালা", slug="workshops"))
    dhaka = Area.objects.get(code="BD3026")
    page = WorkshopPage(
        title="ঢাকা জেলা থিমেটিক কর্মশালা: নিরাপদ পানি",
        title_en="Dhaka district thematic workshop on safe water",
        slug="dhaka-water",
        live=False,
        kind=WorkshopKind.DISTRICT_THEMATIC,
        starts_at=timezone.make_aware(datetime.datetime(2023, 3, 14, 10)),
        venue="জেলা পরিষদ মিলনায়তন",
        area=dhaka,
        minutes="<p>০২। উপজেলাগুলোতে পানির উৎস পরীক্ষার অগ্রগতি আলোচনা হয়।</p>",
        decisions=[Decision(text_bn="সকল ইউনিয়নে জলাধার সংরক্ষণ কমিটি গঠন করা হবে।")],
        presented_practices=[WorkshopPractice(practice=corpus.pages["tubewell-testing"])],
    )
    index.add_child(instance=page)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    return page


def test_a_published_workshop_is_found_by_its_decisions_and_minutes(backend, workshop):
    key = f"workshop:{workshop.pk}"

    assert keys(search.query("জলাধার")) == {key}
    assert key in keys(search.query("পানির উৎস"))
    hit = search.query("জলাধার", language="en").hits[0]
    assert hit.type == "workshop"
    assert hit.title == "Dhaka district thematic workshop on safe water"
    assert hit.url == "/en/workshops/dhaka-water/"
    assert hit.date == datetime.date(2023, 3, 14)


def test_a_workshop_has_the_facets_of_its_area_and_practices(backend, workshop):
    results = search.query("", filters={"type": ["workshop"]})

    assert keys(results) == {f"workshop:{workshop.pk}"}
    hit = results.hits[0]
    assert hit.facets["district"] == "BD3026"
    assert hit.facets["division"] == Area.objects.get(code="BD3026").division.key
    assert hit.facets["theme"] == "water"
    assert hit.facets["year"] == 2023
