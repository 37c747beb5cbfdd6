"""The registry officer's guide and safety: the import guide says for every column what to
write (from the same parsers the check uses), near-miss values are answered with the real
value, yes/no columns read হ্যাঁ/না/yes/no/১/০ and nothing else as yes, the standard programmes
include the other ministries' main allowances, the priority list takes an area by name, and the
overview counts each union once."""

import importlib
from html import unescape

from django.apps import apps as django_apps
from django.db.models import Count

import pytest

from imports.models import ImportJob
from places.models import Area
from registry import aggregates
from registry.importers import RegistryImporter
from registry.models import (
    BeneficiaryAggregate,
    Disability,
    Household,
    Person,
    Programme,
)
from registry.models.programmes import STANDARD_PROGRAMMES, ensure_standard_programmes

from .conftest import commit, error_messages, upload
from .factories import BenefitFactory, HouseholdFactory, PersonFactory
from .test_import_refusals import new_list, person

pytestmark = pytest.mark.django_db

Status = ImportJob.Status
GUIDE = "/imports/registry-persons/new/"


def guide_rows(html):
    body = html.split('id="columns-heading"', 1)[1].split("</tbody>", 1)[0]
    return [row for row in body.split("<tr>")[2:]]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_guide_says_what_to_write_in_every_column(client, officer, prefix):
    client.force_login(officer)
    html = unescape(client.get(prefix + GUIDE).content.decode())
    rows = guide_rows(html)
    assert len(rows) == len(RegistryImporter.columns)
    for row in rows:
        what = row.rsplit("<td>", 1)[1].split("</td>", 1)[0].strip()
        assert what, f"empty “what to write” in {row[:80]}"
    for programme in Programme.objects.all():
        assert programme.name_bn in html and programme.name_en in html
    # Allowed values in both languages, whatever the page's language.
    for label in ("পুরুষ", "Male", "মহিলা", "Female", "খানা প্রধান", "Head of household"):
        assert label in html or label.lower() in html.lower()
    assert "হ্যাঁ / না" in html
    assert ("২৫/১২/১৯৮০" if not prefix else "25/12/1980") in html


def test_the_guide_is_made_from_the_checks_own_definitions():
    for column in RegistryImporter.columns:
        assert column.guidance == (str(column.help) if column.help else column.parser.describe())
        assert column.guidance


def test_a_near_miss_programme_is_answered_with_its_real_name(tmp_path, officer, union):
    rows = [person("খ-1", "রহিমা", programme="বিধবা ভাতা", fy="২০২৩-২৪", amount="৫০০")]
    job = upload(new_list(tmp_path, *rows), officer, union)
    assert job.status == Status.INVALID
    widow = Programme.objects.get(slug="widow-allowance")
    [(row, column, english)] = error_messages(job, "en")
    assert (row, column) == (2, "কর্মসূচি")
    [(_row, _column, bangla)] = error_messages(job, "bn")
    assert f"Did you mean “{widow.name_en}”?" in english
    assert f"আপনি কি “{widow.name_bn}” বোঝাতে চেয়েছেন?" in bangla


def test_a_near_miss_choice_is_answered_with_the_real_value(tmp_path, officer, union):
    rows = [person("খ-1", "রহিমা", sex="মহিল")]
    job = upload(new_list(tmp_path, *rows), officer, union)
    [(_row, _column, english)] = error_messages(job, "en")
    assert "Did you mean “Female”?" in english


def test_nothing_near_gets_no_suggestion(tmp_path, officer, union):
    rows = [person("খ-1", "রহিমা", programme="কিছু একটা", fy="২০২৩-২৪", amount="৫০০")]
    job = upload(new_list(tmp_path, *rows), officer, union)
    [(_row, _column, english)] = error_messages(job, "en")
    assert "Did you mean" not in english
    assert "import guide" in english


YES_NO = [("হ্যাঁ", True), ("না", False), ("yes", True), ("no", False), ("১", True), ("০", False)]


def test_yes_no_columns_read_bangla_and_english_words_and_digits(tmp_path, officer, union):
    header = ["খানা নং", "ওয়ার্ড নং", "নাম", "লিঙ্গ", "ভূমিহীন", "নারী প্রধান", "প্রতিবন্ধিতা"]
    rows = [
        [f"হ-{n}", "২", f"নাম {n}", "মহিলা", text, text, text]
        for n, (text, _value) in enumerate(YES_NO)
    ]
    from .conftest import write_csv

    job = commit(upload(write_csv(tmp_path / "yes-no.csv", [header, *rows]), officer, union))
    assert job.status == Status.COMMITTED, job.report
    for n, (_text, value) in enumerate(YES_NO):
        household = Household.objects.get(code=f"হ-{n}")
        assert household.landless is value
        disability = Person.objects.get(household=household).disability
        # "হ্যাঁ" is a disability of unrecorded kind, never silently the kind "other".
        assert disability == (Disability.UNSPECIFIED if value else Disability.NONE)
        assert disability != Disability.OTHER


def test_the_standard_programmes_cover_the_main_allowances():
    names = " ".join(f"{bn} {en}" for _slug, bn, en, _agency in STANDARD_PROGRAMMES)
    for wanted in (
        "Old age allowance",
        "widowed and husband-deserted",
        "Disability allowance",
        "VGD",
        "VGF",
        "maternity and lactating mothers",
        "stipend",
    ):
        assert wanted.lower() in names.lower(), wanted
    ensure_standard_programmes()
    assert (
        Programme.objects.filter(slug__in=["vgd", "vgf", "mother-and-child-benefit"]).count() == 3
    )


def test_the_data_migration_adds_the_missing_programmes_and_only_those():
    migration = importlib.import_module("registry.migrations.0005_more_standard_programmes")
    Programme.objects.filter(slug__in=["vgd", "vgf"]).delete()
    Programme.objects.filter(slug="egpp").update(name_en="EGPP as NILG renamed it")
    before = Programme.objects.count()
    migration.add_programmes(django_apps, None)
    assert Programme.objects.count() == before + 2
    assert Programme.objects.get(slug="egpp").name_en == "EGPP as NILG renamed it"
    migration.add_programmes(django_apps, None)
    assert Programme.objects.count() == before + 2


# --- priority lists -------------------------------------------------------------------------


def test_the_priority_list_takes_an_area_by_its_bangla_or_english_name(client, officer, union):
    HouseholdFactory(lgi=union, code="LANDLESS", landless=True)
    client.force_login(officer)
    for name in (union.name_bn, union.name_en, f"{union.name_bn}, {union.upazila.name_bn}"):
        response = client.get("/en/registry/priority/", {"area": name, "criteria": "landless"})
        assert response.status_code == 200
        assert [h.code for h, _met in response.context["rows"]] == ["LANDLESS"], name
    # The export links keep the Bangla name encoded and every criterion.
    response = client.get(
        "/registry/priority/",
        {"area": union.name_bn, "criteria": ["landless", "disability"], "show": "1"},
    )
    query = response.context["export_query"]
    assert "criteria=landless" in query and "criteria=disability" in query
    assert union.name_bn not in query


def test_a_shared_name_lists_the_places_it_fits(client, national_officer):
    name = (
        Area.objects.filter(level="union")
        .values("name_en")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .order_by("name_en")
        .first()["name_en"]
    )
    client.force_login(national_officer)
    response = client.get("/en/registry/priority/", {"area": name, "criteria": "landless"})
    errors = response.context["form"].errors["area"][0]
    assert "is the name of" in errors
    assert "after a comma" in errors


def test_no_criterion_ticked_is_said(client, officer, union):
    client.force_login(officer)
    response = client.get("/registry/priority/", {"area": union.name_bn, "show": "1"})
    assert "অন্তত একটি মানদণ্ডে টিক দিন" in response.content.decode()
    response = client.get("/en/registry/priority/", {"area": union.name_bn, "show": "1"})
    assert "Tick at least one criterion" in response.content.decode()


def test_an_unknown_area_is_named(client, officer):
    client.force_login(officer)
    response = client.get("/en/registry/priority/", {"area": "Atlantis", "criteria": "landless"})
    assert "“Atlantis”" in response.context["form"].errors["area"][0]


# --- overview -------------------------------------------------------------------------------


def test_the_overview_counts_each_union_once(union, replication, practice_index):
    from practices.models import ReplicationStatus
    from tests.practices.factories import PracticePageFactory, ReplicationFactory

    second = PracticePageFactory(parent=practice_index, lgi=replication.practice.lgi)
    second_replication = ReplicationFactory(
        practice=second, lgi=union, status=ReplicationStatus.COMPLETED
    )
    member = PersonFactory(household=HouseholdFactory(lgi=union))
    for made in (replication, second_replication):
        BenefitFactory(person=member, programme=None, replication=made, fiscal_year="2023-24")
    rows = BeneficiaryAggregate.objects.filter(practice__isnull=False, fiscal_year="")
    assert rows.count() == 2
    assert aggregates.registry_totals()["lgis"] == 1
