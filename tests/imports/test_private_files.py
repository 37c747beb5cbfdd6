"""Import files (uploads and error reports) are kept in private storage, outside MEDIA_ROOT and
under random names, and reach only those who may see their job; the job's pages are never
kept by a browser or a proxy."""

import csv
import importlib
import io
import re
from pathlib import Path

from django.apps import apps
from django.core.management import call_command

import pytest

from imports import storage
from imports.models import ImportJob
from places.models import Area
from portal.roles import REGISTRY_OFFICER

from .conftest import checked

HEADER = ["Upazila", "Union", "Households"]
RANDOM_NAME = re.compile(r"[0-9a-f]{32}")


def many_errors(count):
    return [HEADER, *(["Savar", "Ashulia", f"not a number {row}"] for row in range(count))]


def files_in(folder):
    return sorted(path for path in Path(folder).rglob("*") if path.is_file())


@pytest.mark.django_db
def test_import_files_are_kept_outside_media_under_random_names(
    csv_file, curator, survey_importer, private_media
):
    # More errors than the report keeps: the rest go to an error file.
    job = checked(csv_file(many_errors(1_100), name="list.csv"), survey_importer.kind, curator)
    assert job.error_file and job.file

    assert files_in(private_media) == [], "nothing of an import under MEDIA_ROOT"
    root = storage.private_root().resolve()
    assert root not in Path(private_media).resolve().parents
    for field in (job.file, job.error_file):
        path = Path(field.path).resolve()
        assert root in path.parents
        assert RANDOM_NAME.fullmatch(path.stem), path.name
        with pytest.raises(ValueError):
            field.url  # noqa: B018  (no public address)
    assert files_in(root) == sorted(
        [Path(job.file.path).resolve(), Path(job.error_file.path).resolve()]
    )


@pytest.mark.django_db
def test_two_jobs_error_files_have_names_nobody_can_guess_from_the_other(
    csv_file, curator, survey_importer
):
    first = checked(csv_file(many_errors(1_050)), survey_importer.kind, curator)
    second = checked(csv_file(many_errors(1_050)), survey_importer.kind, curator)

    names = {Path(first.error_file.name).stem, Path(second.error_file.name).stem}
    assert len(names) == 2
    assert all(RANDOM_NAME.fullmatch(name) for name in names), names


@pytest.mark.django_db
def test_an_error_file_reaches_only_those_who_may_see_its_job(client, csv_file, make_user):
    from registry.importers import KIND
    from registry.models import ensure_standard_programmes

    ensure_standard_programmes()
    union, other_union = Area.objects.get(key="UN1"), Area.objects.get(key="UN2")
    owner = make_user("owner", REGISTRY_OFFICER, lgis=[union])
    colleague = make_user("colleague", REGISTRY_OFFICER, lgis=[union])
    foreign = make_user("foreign", REGISTRY_OFFICER, lgis=[other_union])
    rows = [["খানা নং", "ওয়ার্ড নং", "নাম", "লিঙ্গ"]]
    rows += [[f"ক-{row}", "দশ", f"সদস্য {row}", "মহিলা"] for row in range(1_050)]
    job = checked(csv_file(rows), KIND, owner, scope=union)
    assert job.error_file and job.error_count > 1_000
    url = f"/en/imports/{job.pk}/errors.csv"

    assert client.get(url).status_code == 302  # to the sign-in page
    for user, allowed in ((owner, True), (colleague, True), (foreign, False)):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == (200 if allowed else 404), user
        if allowed:
            lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
            assert len(lines) == job.error_count + 1


@pytest.mark.django_db
def test_the_job_page_and_its_errors_are_never_cached(client, csv_file, curator, survey_importer):
    job = checked(csv_file(many_errors(3)), survey_importer.kind, curator)
    client.force_login(curator)

    for url in (f"/imports/{job.pk}/", f"/imports/{job.pk}/errors.csv", "/imports/"):
        cache_control = client.get(url)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, url


def legacy_job(user, private_media, error_lines):
    """A job as the portal kept it before: its files inside MEDIA_ROOT/imports/, the error
    report named after the job, its messages quoting a number in clear."""
    job = ImportJob.objects.create(kind="pourashavas", original_name="old.csv", uploaded_by=user)
    upload = f"uploads/2026/01/{'a' * 32}.csv"
    errors = f"errors/{job.pk}-errors.csv"
    old = Path(private_media) / "imports"
    (old / upload).parent.mkdir(parents=True)
    (old / upload).write_text("district,upazila\n", encoding="utf-8")
    (old / "errors").mkdir()
    with open(old / errors, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(error_lines)
    (old / "errors" / "99999-errors.csv").write_text("orphan", encoding="utf-8")
    ImportJob.objects.filter(pk=job.pk).update(
        file=upload,
        error_file=errors,
        status=ImportJob.Status.INVALID,
        error_count=1,
        report={"errors": [{"row": 2, "column": "ward", "message": {"bn": "“১৯৭৯০৪১২৩৪৫৬৭৮৯০১”"}}]},
    )
    job.refresh_from_db()
    return job


@pytest.mark.django_db
def test_files_of_existing_jobs_move_to_private_storage_and_keep_working(
    client, curator, private_media
):
    lines = [[2, "ওয়ার্ড", "Ward", "“১৯৭৯০৪১২৩৪৫৬৭৮৯০১” নয়", "“19790412345678901” is not"]]
    job = legacy_job(curator, private_media, lines)
    assert storage.legacy_location() == Path(private_media) / "imports"

    migration = importlib.import_module("imports.migrations.0002_private_storage")
    migration.move_to_private_storage(apps, None)
    migration.move_to_private_storage(apps, None)  # run again: nothing more to do

    job.refresh_from_db()
    assert not storage.legacy_location().exists() and files_in(private_media) == []
    assert job.file.name == f"uploads/2026/01/{'a' * 32}.csv"
    assert Path(job.file.path).read_text(encoding="utf-8") == "district,upazila\n"
    assert Path(storage.private_storage().location) in Path(job.error_file.path).parents
    assert RANDOM_NAME.fullmatch(Path(job.error_file.name).stem)
    assert job.report["errors"][0]["message"]["bn"] == "“••••••••••••••৯০১”"
    private = Path(storage.private_storage().location)
    orphan = private / "unreferenced" / "errors" / "99999-errors.csv"
    assert orphan.read_text(encoding="utf-8") == "orphan"

    client.force_login(curator)
    download = b"".join(client.get(f"/en/imports/{job.pk}/errors.csv").streaming_content).decode()
    assert "“••••••••••••••901” is not" in download
    assert "19790412345678901" not in download


@pytest.mark.django_db
def test_the_system_check_refuses_private_files_inside_media(settings, private_media):
    from django.core.management.base import SystemCheckError

    settings.PRIVATE_MEDIA_ROOT = Path(private_media) / "private"
    with pytest.raises(SystemCheckError, match=r"imports\.E001"):
        call_command("check", stdout=io.StringIO(), stderr=io.StringIO())

    settings.PRIVATE_MEDIA_ROOT = Path(private_media).parent / "elsewhere"
    call_command("check", stdout=io.StringIO(), stderr=io.StringIO())
    assert storage.private_root() == settings.PRIVATE_MEDIA_ROOT
