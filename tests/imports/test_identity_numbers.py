"""No identity number in clear in what an import keeps or shows: every message masks every run
of 10 or more digits (ASCII or Bangla, with spaces or dashes), whatever the column it came
from; so do the preview, the error files and the job's pages."""

import csv
import io
import json
import re
from pathlib import Path

from django.db import models

import pytest

from imports.base import Message
from imports.models import ImportJob
from portal.privacy import find_identity_numbers, mask_identity_numbers, mask_in

from . import hostile
from .conftest import checked, messages, write_csv

# Groups of ASCII or Bangla digits with one space, dash or comma between them, 10 digits or more
# in all: written here on its own, so that the tests do not trust the code they test. (A group
# is two digits or more, so that the coordinates of an icon, "40 40 0 1 1 0 80", are not one.)
DIGIT_GROUPS = re.compile(r"[0-9০-৯]{2,}(?:[ ,\-][0-9০-৯]{2,})*")
BANGLA = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")


# The portal names stored files with random hex (uuid4): its digits are no one's number.
RANDOM_NAME = re.compile(r"(?<![0-9A-Za-z])[0-9a-f]{32}(?![0-9A-Za-z])")


def clear_numbers(text):
    text = RANDOM_NAME.sub("", text)
    return [run for run in DIGIT_GROUPS.findall(text) if len(re.sub(r"[ ,\-]", "", run)) >= 10]


def written(digits, style):
    """An identity number as a union's list may write it."""
    groups = [digits[:4], digits[4:8], digits[8:12], digits[12:]]
    groups = [group for group in groups if group]
    return {
        "plain": digits,
        "spaced": " ".join(groups),
        "dashed": "-".join(groups),
        "bangla": digits.translate(BANGLA),
        "bangla-dashed": "-".join(groups).translate(BANGLA),
        "bangla-spaced": " ".join(groups).translate(BANGLA),
    }[style]


STYLES = ["plain", "spaced", "dashed", "bangla", "bangla-dashed", "bangla-spaced"]


def identity(number, length):
    """A made-up identity number of `length` digits (10, 13 or 17), a different one for each
    `number`; a 17-digit one begins with a year of birth."""
    digits = f"{(number * 982_451_653 + 3_141_592_653_589) % 10**13:013d}"
    return {17: "1979" + digits, 13: "2" + digits[:12], 10: "3" + digits[:9]}[length]


# --- the masking function (portal.privacy) -------------------------------------------


@pytest.mark.parametrize("length", [10, 13, 17])
@pytest.mark.parametrize("style", STYLES)
def test_every_identity_number_is_masked_but_its_last_three_digits(length, style):
    digits = identity(4123456789012, length)
    text = f"“{written(digits, style)}” is not a number from 1 to 9."

    masked = mask_identity_numbers(text)

    assert not clear_numbers(masked)
    expected_tail = digits[-3:].translate(BANGLA) if "bangla" in style else digits[-3:]
    assert masked == f"“{'•' * (length - 3)}{expected_tail}” is not a number from 1 to 9."
    assert find_identity_numbers(text) == [written(digits, style)]


@pytest.mark.parametrize(
    "text",
    [
        "Row 12: “৩৪” is more than ৯.",
        "The date received falls in fiscal year 2023-24, not 2024-25.",
        "“12,34,567” টাকা; ৭,২০০ টাকা",
        "০৯/০৩/১৯৮৫ and 2023-07-01",
        "123456789 (nine digits)",
        "",
    ],
)
def test_what_is_not_an_identity_number_is_left_alone(text):
    assert mask_identity_numbers(text) == text


def test_numbers_inside_a_report_are_masked_wherever_they_are():
    report = {"errors": [{"row": 3, "message": {"bn": "১৯৭৯০৪১২৩৪৫৬৭৮৯০১", "en": "x"}}]}

    assert mask_in(report) == {
        "errors": [{"row": 3, "message": {"bn": "••••••••••••••৯০১", "en": "x"}}]
    }


def test_a_message_masks_a_number_in_its_text_and_in_every_parameter():
    message = Message(
        "“%(value)s” in %(column)s; see %(other)s",
        {"value": "1979 0412 3456 78901", "column": "ward", "other": 12345678901234567},
    )

    rendered = message.as_dict()

    # A number parameter comes in lakh grouping (12,34,56,…): masked all the same.
    assert rendered["en"] == "“••••••••••••••901” in ward; see ••••••••••••••567"
    assert not clear_numbers(rendered["bn"])


def test_a_long_value_is_masked_before_it_is_cut_short():
    value = "x" * 70 + "19790412345678901"

    rendered = Message("“%(value)s”", {"value": value}).render("en")

    assert "1979" not in rendered and not clear_numbers(rendered)


# --- imports of any importer -----------------------------------------------------------


def shifted_survey_rows(count):
    """Rows of the survey file in which an identity number landed in every kind of column."""
    rows = [["উপজেলা", "ইউনিয়ন", "খানা", "বরাদ্দ", "ব্যয়", "তারিখ", "স্তর", "অর্থবছর", "প্রতিবন্ধিতা", "মন্তব্য"]]
    for number in range(count):
        digits = identity(number + 1, (10, 13, 17)[number % 3])
        shown = written(digits, STYLES[number % len(STYLES)])
        row = ["Savar", "Ashulia", "", "", "", "", "", "", "", ""]
        # households, date, level, fiscal year, disability, and the union itself
        row[(2, 5, 6, 7, 8, 1)[number % 6]] = shown
        rows.append(row)
    return rows


@pytest.mark.django_db
def test_messages_of_any_column_show_identity_numbers_masked(csv_file, curator, survey_importer):
    job = checked(csv_file(shifted_survey_rows(60)), survey_importer.kind, curator)

    assert job.status == job.Status.INVALID
    assert len(messages(job)) >= 50
    assert any("•" in message for message in messages(job))
    stored = json.dumps(job.report, ensure_ascii=False)
    assert not clear_numbers(stored), clear_numbers(stored)[:5]


@pytest.mark.django_db
def test_the_error_file_and_its_download_show_identity_numbers_masked(
    csv_file, curator, survey_importer, client
):
    # More errors than the report keeps: the rest are only in the error file.
    job = checked(csv_file(shifted_survey_rows(1_100)), survey_importer.kind, curator)
    assert job.error_file and job.error_count > 1_000

    with job.error_file.open("rb") as stored:
        content = stored.read().decode()
    assert content.count("•") >= 1_000
    assert not clear_numbers(content), clear_numbers(content)[:5]
    client.force_login(curator)
    for language in ("", "/en"):
        response = client.get(f"{language}/imports/{job.pk}/errors.csv")
        download = b"".join(response.streaming_content).decode()
        assert len(list(csv.reader(io.StringIO(download)))) > 1_000
        assert not clear_numbers(download), clear_numbers(download)[:5]


@pytest.mark.django_db
def test_a_number_that_passes_as_text_is_masked_in_the_preview(csv_file, curator, survey_importer):
    # An identity number shifted into a free-text column is read as text: the preview masks it.
    header = ["উপজেলা", "ইউনিয়ন", "মন্তব্য"]
    job = checked(
        csv_file([header, ["Savar", "Ashulia", "1979 0412 3456 78901"]]),
        survey_importer.kind,
        curator,
    )

    assert job.status == job.Status.VALID, messages(job)
    assert job.report["preview"][0]["cells"][-1] == "••••••••••••••901"


# --- the registry's list, through the real pages ---------------------------------------

REGISTRY_HEADER = [
    *hostile.REGISTRY_HEADER,
    "প্রতিবন্ধিতা",
    "পরিচয়পত্রের ধরন",
    "এনআইডি নং",
    "কর্মসূচি",
    "অর্থবছর",
    "প্রাপ্তির তারিখ",
    "টাকার পরিমাণ",
]


def registry_row(code, name, nid, born="০৯/০৩/১৯৭৯"):
    return [
        code,
        "৩",
        "উত্তরপাড়া",
        name,
        "মহিলা",
        born,
        "খানা প্রধান",
        "না",
        "এনআইডি",
        nid,
        "বয়স্ক ভাতা",
        "২০২৩-২৪",
        "",
        "৭,২০০",
    ]


def shifted_registry_rows(count):
    """A union's list whose rows slipped: each identity number sits in the wrong column (the
    ward, a date, the type, the disability, the programme, the fiscal year, the sex, the
    relation), or the whole row moved one cell to the left."""
    rows = [REGISTRY_HEADER]
    wrong_columns = (1, 5, 8, 7, 10, 11, 12, 4, 6, None)
    for number in range(count):
        digits = identity(number + 1, (17, 10, 13)[number % 3])
        shown = written(digits, STYLES[number % len(STYLES)])
        row = registry_row(f"খ-{number:04d}", f"সদস্য {number}", "")
        column = wrong_columns[number % len(wrong_columns)]
        if column is None:
            row[9] = shown
            row = row[1:]  # the household code went missing: every cell one to the left
        else:
            row[column] = shown
        rows.append(row)
    return rows


def text_columns(instance):
    values = []
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if isinstance(field, models.JSONField):
            values.append(json.dumps(value, ensure_ascii=False))
        elif isinstance(field, models.CharField | models.TextField | models.FileField):
            values.append(str(value or ""))
    return values


def files_under(*folders):
    for folder in folders:
        for path in Path(folder).rglob("*"):
            if path.is_file():
                yield path


def body(response):
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    text = content.decode("utf-8", errors="replace")
    if response.get("Content-Type", "").startswith("application/json"):
        text += json.dumps(json.loads(text), ensure_ascii=False)
    return text


@pytest.fixture
def officer(db, make_user):
    from places.models import Area
    from portal.roles import REGISTRY_OFFICER
    from registry.models import ensure_standard_programmes

    ensure_standard_programmes()
    return make_user("officer", REGISTRY_OFFICER, lgis=[Area.objects.get(key="UN1")])


@pytest.mark.django_db
def test_a_shifted_registry_list_leaves_no_identity_number_in_clear_anywhere(
    client, officer, tmp_path, private_media, caplog, django_capture_on_commit_callbacks
):
    from imports.storage import private_root
    from places.models import Area
    from registry.models import AccessLog

    union = Area.objects.get(key="UN1")
    client.force_login(officer)
    responses = []

    def get(url):
        response = client.get(url)
        assert response.status_code == 200, url
        responses.append(response)
        return response

    def upload(rows, name):
        path = write_csv(tmp_path / name, rows)
        with open(path, "rb") as handle, django_capture_on_commit_callbacks(execute=True):
            response = client.post("/registry/imports/", {"file": handle, "scope": union.pk})
        assert response.status_code == 302, body(response)
        responses.append(response)
        return ImportJob.objects.get(pk=int(re.search(r"/imports/(\d+)/", response.url)[1]))

    def look_at(job):
        for language in ("", "/en"):
            get(f"{language}/imports/{job.pk}/")
            get(f"{language}/imports/{job.pk}/progress.json")
            get(f"{language}/imports/{job.pk}/errors.csv")
            get(f"{language}/imports/")
            get(f"{language}/registry/imports/")

    # A list whose rows slipped: refused, with more errors than the report keeps.
    shifted = upload(shifted_registry_rows(1_000), "১৯৭৯০৪১২৩৪৫৬৭৮৯০১ তালিকা.csv")
    assert shifted.status == ImportJob.Status.INVALID
    assert shifted.error_count > 1_000 and shifted.error_file
    look_at(shifted)
    with django_capture_on_commit_callbacks(execute=True):
        responses.append(client.post(f"/imports/{shifted.pk}/commit/"))

    # A good list, with numbers where they belong: checked, previewed, committed.
    good = upload(
        [
            REGISTRY_HEADER,
            registry_row("ক-১", "রহিমা খাতুন", "19790412345678901"),
            registry_row("ক-২", "করিম মিয়া", "১৯৭৯০৪১২৩৪৫৬৭৮৯০২"),
            registry_row("ক-৩", "সালমা আক্তার", "3141592653", born="০১/০১/১৯৯০"),
            registry_row("ক-৪", "জামাল উদ্দিন", "২৭১৮২৮১৮২৮৪৫৯", born="০১/০১/১৯৯০"),
        ],
        "good.csv",
    )
    assert good.status == ImportJob.Status.VALID, good.report.get("errors")
    look_at(good)
    with django_capture_on_commit_callbacks(execute=True):
        responses.append(client.post(f"/imports/{good.pk}/commit/"))
    good.refresh_from_db()
    assert good.status == ImportJob.Status.COMMITTED
    look_at(good)

    found = {}
    for job in ImportJob.objects.all():
        for value in text_columns(job):
            found.setdefault("database: import jobs", []).extend(clear_numbers(value))
    for entry in AccessLog.objects.all():
        for value in text_columns(entry):
            found.setdefault("database: access log", []).extend(clear_numbers(value))
    for path in files_under(private_media, private_root()):
        text = path.read_bytes().decode("utf-8", errors="replace")
        found.setdefault(f"file {path.name}", []).extend(clear_numbers(text))
    for response in responses:
        found.setdefault("responses", []).extend(clear_numbers(body(response)))
        found["responses"].extend(clear_numbers(str(response.get("Location", ""))))
    found["log"] = clear_numbers(caplog.text)

    assert {where: runs for where, runs in found.items() if runs} == {}
    # The check did look at the numbers: the error file holds them masked.
    assert sum(body(response).count("•") for response in responses) > 1_000
