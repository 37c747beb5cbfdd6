"""The minutes as a PDF: the Bangla text comes back out of it exactly as it went in."""

import io
import re

import pytest
from pypdf import PdfReader

from workshops.pdf import rich_text_paragraphs

from .factories import DecisionFactory, ResponsibleBodyFactory

pytestmark = pytest.mark.django_db

# Conjuncts, reph, pre-base vowel signs (ি, ে) and ya-phala: what shaping has to get right.
MINUTES = [
    "সভাপতি সকলকে স্বাগত জানিয়ে সভার কার্যক্রম শুরু করেন।",
    "০২। জাতীয় সামাজিক নিরাপত্তা কৌশল বাস্তবায়নের কর্মপরিকল্পনা মন্ত্রণালয়সমূহের সঙ্গে "
    "সামঞ্জস্যপূর্ণ করা প্রয়োজন; প্রশিক্ষণ প্রতিষ্ঠানসমূহের ক্ষমতা বৃদ্ধির লক্ষ্যে কেন্দ্রীয় "
    "ব্যবস্থাপনা কমিটি (Central Management Committee) সিদ্ধান্ত নেবে।",
]
DECISION = "উপজেলা পর্যায়ে ইউডিসিসি সভা নিয়মিত আয়োজনের জন্য স্থানীয় সরকার বিভাগকে অনুরোধ করা হয়;"


def _text(pdf_bytes):
    reader = PdfReader(io.BytesIO(pdf_bytes))
    return "\n".join(page.extract_text() for page in reader.pages)


def _words(text):
    return " ".join(text.split())


@pytest.fixture
def minuted(workshop):
    workshop.chair_name = "এন এম জিয়াউল আলম"
    workshop.chair_post = "সচিব, সমন্বয় ও সংস্কার, মন্ত্রিপরিষদ বিভাগ"
    workshop.minutes = "".join(f"<p>{paragraph}</p>" for paragraph in MINUTES)
    workshop.up_chairs, workshop.women_members = 21, 9
    workshop.save_revision().publish()
    decision = DecisionFactory(workshop=workshop, text_bn=DECISION)
    decision.responsible_bodies.add(ResponsibleBodyFactory(name_bn="স্থানীয় সরকার বিভাগ"))
    decision.save()
    return workshop


def test_minutes_pdf_holds_the_bangla_text_as_written(client, minuted):
    response = client.get(minuted.pdf_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _words(_text(response.content))
    # No stray characters where a cluster became several glyphs.
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text)
    for paragraph in MINUTES:
        assert _words(paragraph) in text
    assert f"ক) {DECISION}" in text
    assert "স্থানীয় সরকার বিভাগ" in text
    assert "এন এম জিয়াউল আলম" in text


def test_minutes_pdf_has_attendance_with_its_total(client, minuted):
    text = _words(_text(client.get(minuted.pdf_url()).content))
    assert "উপস্থিতি" in text or "হাজিরা" in text or "Attendance" in text
    assert "২১" in text and "৯" in text
    assert "৩০" in text  # the total, 21 + 9, in Bangla digits


def test_english_minutes_pdf_letters_decisions_a_b_c(client, minuted):
    text = _words(_text(client.get("/en" + minuted.pdf_url()).content))
    assert f"a) {DECISION}" in text
    assert "Decisions" in text
    assert "30" in text


def test_the_fonts_come_with_the_app():
    from workshops.pdf import FONTS

    for name in (
        "NotoSansBengali-Regular.ttf",
        "NotoSansBengali-Bold.ttf",
        "NotoSans-Latin-Regular.ttf",
        "NotoSans-Latin-Bold.ttf",
        "OFL.txt",
    ):
        assert (FONTS / name).is_file(), name


def test_rich_text_becomes_numbered_paragraphs():
    html = "<p>প্রথম</p><ol><li>এক</li><li>দুই</li></ol><ul><li>বিন্দু</li></ul>"
    assert rich_text_paragraphs(html, str) == ["প্রথম", "1। এক", "2। দুই", "• বিন্দু"]


def test_english_minutes_name_up_chairs_and_link_the_configured_address(client, minuted, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://hlp.example.gov.bd"
    text = _words(_text(client.get("/en" + minuted.pdf_url()).content))
    assert "UP chairs" in text and "Up chairs" not in text
    assert "localhost" not in text
    assert "https://hlp.example.gov.bd/" in text.replace(" ", "")
