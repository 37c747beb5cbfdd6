import re

import pytest

from practices.models import PracticePage
from workshops import demo
from workshops.models import Decision, ExposureVisit, WorkshopPage

pytestmark = pytest.mark.django_db


def _words(text):
    return " ".join(text.split())


def _seed(shared_dir):
    (path,) = sorted((shared_dir / "seeds").glob("001_*.txt"))
    return _words(path.read_text(encoding="utf-8"))


def test_the_2018_meeting_is_reproduced_with_its_nine_decisions(shared_dir, home):
    demo.load()
    seed = _seed(shared_dir)
    meeting = WorkshopPage.objects.get(slug=demo.SEED_MEETING["slug"])
    decisions = list(
        Decision.objects.filter(workshop=meeting).prefetch_related("responsible_bodies")
    )
    assert [d.letter_bn for d in decisions] == list("কখগঘঙচছজঝ")
    for decision in decisions:
        assert f"{decision.letter_bn}) {_words(decision.text_bn)}" in seed
        assert decision.responsible_bodies.exists()
    bodies = {b.name_bn for b in decisions[4].responsible_bodies.all()}
    assert bodies == {"পাঁচটি সমন্বয়ক মন্ত্রণালয়/বিভাগ", "এসএসপিএস প্রোগ্রাম"}
    paragraphs = re.findall(r"<p>(.*?)</p>", meeting.minutes)
    assert len(paragraphs) == 10
    for paragraph in paragraphs:
        assert _words(paragraph) in seed
    assert meeting.chair_name in seed
    assert _words(meeting.decisions_intro) in seed


def test_demo_is_idempotent(home):
    first = demo.load()
    counts = (WorkshopPage.objects.count(), Decision.objects.count(), ExposureVisit.objects.count())
    second = demo.load()
    assert counts == (
        WorkshopPage.objects.count(),
        Decision.objects.count(),
        ExposureVisit.objects.count(),
    )
    assert first.startswith(f"{counts[0]} workshops created")
    assert second.startswith("0 workshops created")


def test_demo_without_practices_still_makes_the_meetings(home):
    assert not PracticePage.objects.exists()
    demo.load()
    assert WorkshopPage.objects.filter(slug=demo.SEED_MEETING["slug"]).exists()
