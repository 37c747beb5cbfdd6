"""Impact figures are searchable: a division or district is found by its name, with the
figures the dashboard shows for it, and the document follows the replications."""

import datetime

import pytest

import search
from places.models import Area
from practices.models import Replication, ReplicationStatus

from .conftest import keys

pytestmark = pytest.mark.django_db


def replicate(practice, lgis):
    for lgi in lgis:
        Replication.objects.create(
            practice=practice,
            lgi=lgi,
            status=ReplicationStatus.COMPLETED,
            fiscal_year="2019-20",
            end_date=datetime.date(2020, 3, 1),
        )


def test_a_district_is_found_with_its_figures_and_follows_new_replications(
    empty_corpus, backend, inline_tasks, django_capture_on_commit_callbacks
):
    cumilla = Area.objects.get(level="district", name_en="Cumilla")
    unions = list(Area.objects.lgis().filter(district=cumilla).order_by("pk")[:3])
    with django_capture_on_commit_callbacks(execute=True):
        practice = empty_corpus.add_practice(
            "open-budget", title="উন্মুক্ত বাজেট সভা", summary_bn="নাগরিকেরা বাজেটে মত দেন।"
        )
        replicate(practice, unions[:2])

    found = search.query("কুমিল্লা", filters={"type": ["impact"]})
    assert keys(found) == {f"impact:{cumilla.pk}"}
    hit = found.hits[0]
    assert hit.url == f"/areas/{cumilla.key}/"
    assert hit.type_label == "প্রভাবের চিত্র"
    assert "সম্পন্ন পুনর্বাস্তবায়ন ২টি" in hit.snippet
    english = search.query("Cumilla impact", language="en", filters={"type": ["impact"]})
    assert english.hits[0].url == f"/en/areas/{cumilla.key}/"
    assert "2 completed replications" in english.hits[0].snippet
    division = search.query("চট্টগ্রাম", filters={"type": ["impact"]})
    assert f"impact:{cumilla.division_id}" in keys(division)

    with django_capture_on_commit_callbacks(execute=True):
        replicate(practice, unions[2:])

    english = search.query("Cumilla impact", language="en", filters={"type": ["impact"]})
    assert "3 completed replications" in english.hits[0].snippet
    # A district with no practice at all has no impact document to find.
    assert search.query("Bandarban", language="en", filters={"type": ["impact"]}).total == 0
