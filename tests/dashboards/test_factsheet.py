"""A practice's one-page bilingual fact sheet: made on demand, kept until the practice or the
data changes, and its Bangla text (conjuncts included) extracts back as written."""

import datetime
import io
import re
from decimal import Decimal

from django.core.files.storage import default_storage

import pytest
from pypdf import PdfReader

from dashboards import factsheet
from practices.models import PracticePage

from .factories import (
    BudgetAllocationFactory,
    PracticePageFactory,
    ReplicationFactory,
    ThemeFactory,
)

TITLE = "প্রতিবন্ধী বান্ধব ইউনিয়ন পরিষদ ও শতভাগ স্বাস্থ্যসম্মত স্যানিটেশন"


@pytest.fixture
def practice(small_tree, django_capture_on_commit_callbacks):
    practice_index, _circulars = small_tree
    body = [
        ("steps", {"heading": "", "steps": ["ওয়ার্ড সভায় আলোচনা", "বাজেটে অন্তর্ভুক্তি"]}),
        (
            "cost",
            {
                "heading": "",
                "lines": [{"item": "প্রশিক্ষণ", "amount": Decimal("15000")}],
                "note": "",
            },
        ),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        practice = PracticePageFactory(
            parent=practice_index,
            title=TITLE,
            title_en="Disability-friendly union parishad",
            slug="disability-friendly-up",
            theme=ThemeFactory(name_bn="প্রতিবন্ধী অন্তর্ভুক্তি", name_en="Disability inclusion"),
            body=body,
        )
        from places.models import Area

        lgi = Area.objects.get(key="UN2")
        ReplicationFactory(practice=practice, lgi=lgi, end_date=datetime.date(2019, 5, 1))
        BudgetAllocationFactory(practice=practice, lgi=lgi, fiscal_year="2018-19")
    return PracticePage.objects.get(pk=practice.pk)


def pdf_of(response):
    """(pages, text) of a PDF answer."""
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)  # read to the end, which closes the file
    reader = PdfReader(io.BytesIO(content))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def squeezed(text):
    """Text without whitespace: extractors may put a space inside a conjunct-heavy word."""
    return "".join(text.split())


def test_the_fact_sheet_is_one_page_and_its_bangla_title_extracts_back(practice, client):
    pages, text = pdf_of(client.get(f"/practices/{practice.slug}/factsheet.pdf"))
    assert pages == 1
    assert TITLE in " ".join(text.split())
    assert "Disability-friendly union parishad" in text
    assert factsheet.both("Replications") in text  # labels in both languages
    assert "তৈরির তারিখ / Made on" in text
    assert "১৫,০০০ টাকা" in text
    assert squeezed("১। ওয়ার্ড সভায় আলোচনা") in squeezed(text)


def test_the_english_sheet_has_ascii_digits(practice, client):
    _pages, text = pdf_of(client.get(f"/en/practices/{practice.slug}/factsheet.pdf"))
    assert "15,000 BDT" in text
    assert TITLE in " ".join(text.split())


def test_the_sheet_is_made_once_and_again_after_the_practice_changes(practice, client):
    pdf_of(client.get(f"/practices/{practice.slug}/factsheet.pdf"))
    first = factsheet.cached_name(practice, "bn")
    assert default_storage.exists(first)
    made = default_storage.get_modified_time(first)
    pdf_of(client.get(f"/practices/{practice.slug}/factsheet.pdf"))
    assert default_storage.get_modified_time(first) == made

    practice.title_en = "Disability-friendly UP"
    practice.save_revision().publish()
    practice.refresh_from_db()
    _pages, text = pdf_of(client.get(f"/practices/{practice.slug}/factsheet.pdf"))
    assert factsheet.cached_name(practice, "bn") != first
    assert not default_storage.exists(first)
    assert "Disability-friendly UP" in text


def test_an_unpublished_practice_has_no_fact_sheet(practice, client):
    practice.unpublish()
    assert client.get(f"/practices/{practice.slug}/factsheet.pdf").status_code == 404


def test_the_footer_links_the_configured_address_and_writes_the_date_in_words(
    practice, client, settings
):
    settings.WAGTAIL_SITE_NAME = "HLP"
    settings.WAGTAILADMIN_BASE_URL = "https://hlp.example.gov.bd"
    _pages, text = pdf_of(client.get(f"/practices/{practice.slug}/factsheet.pdf"))
    assert "localhost" not in text
    assert "https://hlp.example.gov.bd/" in squeezed(text)
    # Dates the Bangla way (২৪ অক্টোবর ২০১৭), never ISO (২০১৭-১০-২৪).
    assert not re.search(r"[০-৯]{4}-[০-৯]{2}-[০-৯]{2}", text)
    from django.utils import formats, timezone, translation

    with translation.override("bn"):
        month = formats.date_format(timezone.localdate(), "F")
    assert month in text
