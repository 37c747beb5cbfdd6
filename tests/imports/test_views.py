"""The pages: upload, check, preview, errors, progress, commit; and who may see a job."""

import csv
import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from imports import registry
from imports.models import ImportJob
from places.models import Area, Level

from .conftest import checked
from .importers import ScopedSurveyImporter

HEADER = ["জেলা", "উপজেলা", "নাম (বাংলা)", "নাম (ইংরেজি)"]
GOOD = [HEADER, ["ঢাকা", "সাভার", "সাভার", "Savar"], ["ঢাকা", "ধামরাই", "ধামরাই", "Dhamrai"]]
BAD = [HEADER, ["ঢাকা", "সাভার", "সাভার", "Savar"], ["ঢাকা", "কোথাও না", "কোথাও", "Nowhere"]]


def text(response):
    return response.content.decode()


def upload(client, kind, path, capture, language=""):
    with open(path, "rb") as handle, capture(execute=True):
        response = client.post(f"{language}/imports/{kind}/new/", {"file": handle})
    assert response.status_code == 302, text(response)
    return ImportJob.objects.get(pk=int(re.search(r"/imports/(\d+)/", response.url)[1]))


@pytest.mark.django_db
def test_pages_need_a_signed_in_user(client, csv_file, curator):
    job = checked(csv_file(GOOD), "pourashavas", curator)
    for url in ("/imports/", "/imports/pourashavas/new/", f"/imports/{job.pk}/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "sign-in" in response.url


@pytest.mark.django_db
def test_upload_check_preview_and_commit_through_the_pages(
    client, csv_file, curator, django_capture_on_commit_callbacks
):
    client.force_login(curator)
    form = text(client.get("/imports/pourashavas/new/"))
    assert 'type="file"' in form
    assert 'enctype="multipart/form-data"' in form
    assert "নাম (ইংরেজি)" in form

    job = upload(client, "pourashavas", csv_file(GOOD), django_capture_on_commit_callbacks)
    page = text(client.get(f"/imports/{job.pk}/"))
    assert "ইমপোর্টের জন্য প্রস্তুত" in page
    assert "ত্রুটি ছাড়াই ২টি সারি পড়া হয়েছে" in page
    assert "<td>ধামরাই</td>" in page
    assert f'action="/imports/{job.pk}/commit/"' in page
    assert not Area.objects.filter(level=Level.POURASHAVA).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/imports/{job.pk}/commit/")
    assert response.status_code == 302
    page = text(client.get(f"/imports/{job.pk}/"))
    assert "ইমপোর্ট সম্পন্ন" in page
    assert re.search(r"নতুন রেকর্ড</th><td class=\"num\">২</td>", page)
    assert Area.objects.filter(level=Level.POURASHAVA).count() == 2

    english = text(client.get(f"/en/imports/{job.pk}/"))
    assert re.search(r"New records</th><td class=\"num\">2</td>", english)
    assert "<td>Dhamrai</td>" in english


@pytest.mark.django_db
def test_the_job_page_lists_errors_row_by_row_and_offers_them_as_csv(
    client, csv_file, curator, django_capture_on_commit_callbacks
):
    client.force_login(curator)
    job = upload(client, "pourashavas", csv_file(BAD), django_capture_on_commit_callbacks)

    page = text(client.get(f"/imports/{job.pk}/"))
    assert "ত্রুটি আছে" in page
    assert re.search(
        r'<th scope="row" class="num">৩</th>\s*<td>উপজেলা</td>\s*'
        r"<td>ঢাকা এলাকায় “কোথাও না” নামে কোনো উপজেলা নেই।</td>",
        page,
    )
    assert "/commit/" not in page
    english = text(client.get(f"/en/imports/{job.pk}/"))
    assert "There is no upazila “কোথাও না” in Dhaka." in english
    assert "1 problem in 1 row(s). Nothing was written" in english

    download = client.get(f"/en/imports/{job.pk}/errors.csv")
    assert download["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode("utf-8-sig"))))
    assert lines == [
        ["Row", "Column", "Reason"],
        ["3", "উপজেলা", "There is no upazila “কোথাও না” in Dhaka."],
    ]


@pytest.mark.django_db
def test_a_long_error_list_is_paged_and_the_download_has_every_error(
    client, csv_file, up_editor, survey_importer, django_assert_max_num_queries
):
    rows = [["Upazila", "Union", "Households"]]
    rows += [["Savar", "Ashulia", f"{number}x"] for number in range(1_500)]
    job = checked(csv_file(rows), survey_importer.kind, up_editor)
    assert job.error_count == 1_500
    assert len(job.report["errors"]) == 1_000

    client.force_login(up_editor)
    with django_assert_max_num_queries(20):
        page = text(client.get(f"/en/imports/{job.pk}/"))
    assert "1,500 problems in 1,500 row(s)" in page
    assert "the first 1,000 are shown below" in page
    assert page.count("is not a whole number") == 100
    last_page = text(client.get(f"/en/imports/{job.pk}/?page=10"))
    assert "“999x” is not a whole number." in last_page
    assert "Page 10 of 10" in last_page

    download = client.get(f"/en/imports/{job.pk}/errors.csv")
    lines = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode("utf-8-sig"))))
    assert len(lines) == 1 + 1_500
    assert lines[-1] == ["1501", "Households", "“1499x” is not a whole number."]


@pytest.mark.django_db
def test_the_progress_bar_follows_the_job(client, csv_file, curator):
    job = checked(csv_file(GOOD), "pourashavas", curator)
    client.force_login(curator)

    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.VALIDATING, rows_done=1_000, rows_total=0
    )
    page = text(client.get(f"/en/imports/{job.pk}/"))
    assert re.search(r"<progress aria-labelledby=\"progress-heading\" >", page)
    assert "1,000 rows checked so far." in page

    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.COMMITTING, rows_done=500, rows_total=2_000
    )
    page = text(client.get(f"/en/imports/{job.pk}/"))
    assert 'max="2000" value="500"' in page
    assert f'data-progress-url="/en/imports/{job.pk}/progress.json"' in page
    assert '<noscript><meta http-equiv="refresh" content="5"></noscript>' in page
    assert "imports/imports.js" in page
    assert "500 of 2,000 rows written." in page
    progress = client.get(f"/en/imports/{job.pk}/progress.json")
    assert progress.json() == {
        "status": "committing",
        "status_label": "Importing",
        "rows_total": 2_000,
        "rows_done": 500,
        "percent": 25,
        "finished": False,
        "text": "500 of 2,000 rows written.",
    }
    assert "no-cache" in progress["Cache-Control"]
    bangla = client.get(f"/imports/{job.pk}/progress.json").json()
    assert bangla["text"] == "২,০০০টির মধ্যে ৫০০টি সারি লেখা হয়েছে।"

    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.COMMITTED, rows_done=2_000)
    assert client.get(f"/en/imports/{job.pk}/progress.json").json()["finished"] is True
    assert "<progress" not in text(client.get(f"/en/imports/{job.pk}/"))


@pytest.mark.django_db
def test_another_user_cannot_see_someones_job(
    client, csv_file, make_user, curator, survey_importer, django_capture_on_commit_callbacks
):
    owner = make_user("owner")
    stranger = make_user("stranger")
    rows = [["Upazila", "Union"], ["Savar", "Ashulia"]]
    client.force_login(owner)
    job = upload(client, survey_importer.kind, csv_file(rows), django_capture_on_commit_callbacks)
    assert job.original_name in text(client.get("/imports/"))

    client.force_login(stranger)
    for url in ("", "progress.json", "errors.csv"):
        assert client.get(f"/imports/{job.pk}/{url}").status_code == 404
    assert client.post(f"/imports/{job.pk}/commit/").status_code == 404
    assert job.original_name not in text(client.get("/imports/"))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.VALID

    client.force_login(curator)
    assert client.get(f"/imports/{job.pk}/").status_code == 200
    assert job.original_name in text(client.get("/imports/"))


@pytest.mark.django_db
def test_commit_takes_a_post_and_only_for_a_file_without_errors(
    client, csv_file, curator, django_capture_on_commit_callbacks
):
    client.force_login(curator)
    job = upload(client, "pourashavas", csv_file(BAD), django_capture_on_commit_callbacks)
    assert client.get(f"/imports/{job.pk}/commit/").status_code == 405

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/imports/{job.pk}/commit/")
    job.refresh_from_db()
    assert job.status == ImportJob.Status.INVALID
    assert not Area.objects.filter(level=Level.POURASHAVA).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("list.xls", b"\xd0\xcf\x11\xe0", "This is an old Excel file (.xls)."),
        ("list.pdf", b"%PDF-1.4", "Only CSV files (.csv, .tsv, .txt) and Excel workbooks"),
    ],
)
def test_the_upload_form_refuses_files_it_cannot_read(client, curator, name, content, message):
    client.force_login(curator)
    response = client.post(
        "/en/imports/pourashavas/new/", {"file": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200
    assert message in text(response)
    assert 'aria-describedby="id_file_helptext id_file_error"' in text(response)
    assert not ImportJob.objects.exists()


@pytest.mark.django_db
def test_an_empty_template_with_the_columns_in_the_pages_language(client, curator):
    client.force_login(curator)
    bangla = client.get("/imports/pourashavas/template.csv").content.decode("utf-8-sig")
    english = client.get("/en/imports/pourashavas/template.csv").content.decode("utf-8-sig")
    assert bangla.strip() == "জেলা,উপজেলা,নাম (বাংলা),নাম (ইংরেজি)"
    assert english.strip() == "District,Upazila,Name (Bangla),Name (English)"


@pytest.mark.django_db
def test_the_list_of_imports_is_paged_with_bounded_queries(
    client, csv_file, curator, django_assert_max_num_queries
):
    path = csv_file(GOOD)
    checked(path, "pourashavas", curator)
    client.force_login(curator)
    client.get("/en/imports/")
    with CaptureQueriesContext(connection) as one_job:
        client.get("/en/imports/")
    for _number in range(29):
        checked(path, "pourashavas", curator)

    with django_assert_max_num_queries(len(one_job)):
        page = text(client.get("/en/imports/"))
    assert page.count(f">{path.name}</a>") == 25
    assert "Page 1 of 2" in page
    assert text(client.get("/en/imports/?page=2")).count(f">{path.name}</a>") == 5


@pytest.fixture
def scoped_importer():
    registry.register(ScopedSurveyImporter)
    ScopedSurveyImporter.views.clear()
    yield ScopedSurveyImporter
    registry.unregister(ScopedSurveyImporter.kind)


@pytest.mark.django_db
def test_a_scoped_import_keeps_to_the_users_lgi_and_uses_its_options(
    client, csv_file, up_editor, scoped_importer, django_capture_on_commit_callbacks
):
    own = Area.objects.select_related("parent").get(key="UN1")
    other = Area.objects.get(key="UN2")
    client.force_login(up_editor)
    form = text(client.get("/en/imports/scoped-survey/new/"))
    # The editor's only LGI is offered, already chosen.
    assert f'<option value="{own.pk}" selected>' in form
    assert f'<option value="{other.pk}"' not in form
    assert "Survey round" in form

    rows = [
        ["Upazila", "Union", "Households"],
        [own.parent.name_en, own.name_en, ""],
        ["Savar", "Ashulia", "5"],
    ]
    refused = client.post(
        "/en/imports/scoped-survey/new/",
        {"file": SimpleUploadedFile("s.csv", b"x"), "scope": other.pk, "survey_round": "baseline"},
    )
    assert refused.status_code == 200
    assert "Select a valid choice" in text(refused)

    with open(csv_file(rows), "rb") as handle, django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/imports/scoped-survey/new/",
            {"file": handle, "scope": own.pk, "survey_round": "follow-up"},
        )
    job = ImportJob.objects.get(pk=int(re.search(r"/imports/(\d+)/", response.url)[1]))
    assert (job.scope, job.options) == (own, {"survey_round": "follow-up"})
    assert [(e["row"], e["column"], e["message"]["en"]) for e in job.report["errors"]] == [
        (2, "Households", "A follow-up needs the number of households."),
        (3, "Union", f"“Ashulia” is outside {own.name_en}, the LGI this import is for."),
    ]

    page = text(client.get(f"/en/imports/{job.pk}/"))
    assert own.name_en in page
    b"".join(client.get(f"/en/imports/{job.pk}/errors.csv").streaming_content)
    assert scoped_importer.views == [("editor", job.pk, "preview"), ("editor", job.pk, "errors")]
