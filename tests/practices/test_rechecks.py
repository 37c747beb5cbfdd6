"""Replications that last: re-checks one and three years after a replication ended, when they
are due, who may record them, the figures they give each practice (page, API, dashboard), the
best-practice rule on stopped replications with its history, and the bulk import."""

import datetime
import io
import json
import random

from django.core.files import File
from django.core.files.uploadedfile import SimpleUploadedFile

import pytest
from freezegun import freeze_time
from PIL import Image as PILImage

from imports.models import ImportJob
from imports.tasks import validate_job
from places.models import Area
from portal import roles
from portal.models import PortalSettings
from practices import counts, rechecks
from practices.models import (
    BestPracticeChange,
    PracticePage,
    Recheck,
    RecheckOutcome,
    Replication,
    ReplicationStatus,
)

from .factories import PracticePageFactory, ReplicationFactory
from .test_importers import committed, private_media, write_csv  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

RUNNING, PARTLY, STOPPED = RecheckOutcome.RUNNING, RecheckOutcome.PARTLY, RecheckOutcome.STOPPED


@pytest.fixture
def lgis(db):
    return list(Area.objects.lgis().exclude(key__in=["UN1", "UN2"]).order_by("key")[:40])


def fresh(practice):
    return PracticePage.objects.get(pk=practice.pk)


def recheck(replication, milestone, outcome, checked_on=None):
    checked_on = checked_on or rechecks.due_on(replication.end_date, milestone)
    return Recheck.objects.create(
        replication=replication, milestone=milestone, outcome=outcome, checked_on=checked_on
    )


# --- when a re-check is due ---------------------------------------------------------------


@pytest.fixture
def ended(practice, other_union):
    """A replication by Subil's neighbour (UN2) completed on 30 June 2023."""
    return ReplicationFactory(
        practice=practice, lgi=other_union, end_date=datetime.date(2023, 6, 30)
    )


def due_now():
    return [(item.replication.pk, item.milestone, item.overdue) for item in rechecks.due_list(
        rechecks.due_replications()
    )]  # fmt: skip


def test_a_re_check_is_due_a_year_and_three_years_after_the_end_then_overdue(ended):
    with freeze_time("2024-06-29 12:00"):
        assert due_now() == []
    with freeze_time("2024-06-30 12:00"):
        assert due_now() == [(ended.pk, 1, False)]
    with freeze_time("2024-09-30 12:00"):  # three months later: still only due
        assert due_now() == [(ended.pk, 1, False)]
    with freeze_time("2024-10-01 12:00"):
        assert due_now() == [(ended.pk, 1, True)]
        recheck(ended, 1, RUNNING, datetime.date(2024, 9, 15))
        assert due_now() == []
    with freeze_time("2026-06-29 12:00"):
        assert due_now() == []
    with freeze_time("2026-06-30 12:00"):
        assert due_now() == [(ended.pk, 3, False)]
    with freeze_time("2026-10-01 12:00"):
        assert due_now() == [(ended.pk, 3, True)]
        recheck(ended, 3, PARTLY, datetime.date(2026, 9, 1))
        assert due_now() == []


def test_a_one_year_re_check_never_made_gives_way_to_the_three_year_one(ended):
    with freeze_time("2026-05-01 12:00"):
        assert due_now() == [(ended.pk, 1, True)]
    with freeze_time("2026-07-01 12:00"):
        assert due_now() == [(ended.pk, 3, False)]


def test_only_completed_replications_with_an_end_date_are_due(practice, lgis):
    ReplicationFactory(practice=practice, lgi=lgis[0], status=ReplicationStatus.ONGOING)
    ReplicationFactory(practice=practice, lgi=lgis[1], end_date=None)
    ReplicationFactory(
        practice=practice, lgi=lgis[2], status=ReplicationStatus.DISCONTINUED,
        end_date=datetime.date(2015, 1, 1),
    )  # fmt: skip
    with freeze_time("2025-01-01 12:00"):
        assert due_now() == []


def test_29_february_is_due_on_1_march(practice, lgis):
    leap = ReplicationFactory(practice=practice, lgi=lgis[0], end_date=datetime.date(2024, 2, 29))
    with freeze_time("2025-02-28 12:00"):
        assert due_now() == []
    with freeze_time("2025-03-01 12:00"):
        assert due_now() == [(leap.pk, 1, False)]


@freeze_time("2024-11-15 12:00")
def test_due_re_checks_on_the_editors_landing_page_and_the_open_actions_page(
    client, make_user, practice, union, other_union, ended
):
    editor = make_user("editor", roles.UP_EDITOR, [other_union])
    stranger = make_user("stranger", roles.UP_EDITOR, [union])
    client.force_login(editor)
    page = client.get("/en/my-work/").content.decode()
    assert "Re-checks due" in page
    assert other_union.name_en in page and "Overdue" in page
    link = f"/en/replications/{ended.pk}/recheck/1/"
    assert link in page

    client.force_login(stranger)
    assert "Re-checks due" not in client.get("/en/my-work/").content.decode()
    actions = client.get("/en/workshops/actions/").content.decode()
    assert other_union.name_en in actions and "1 year after" in actions
    assert link not in actions  # listed, but not theirs to record

    client.logout()
    bangla = client.get("/workshops/actions/").content.decode()
    assert "সম্পন্ন পুনর্বাস্তবায়নের পুনর্যাচাই" in bangla
    assert "৩০ জুন ২০২৪" in bangla  # the due date, in Bangla digits


# --- who may record one -----------------------------------------------------------------


def tiny_png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (4, 4), "green").save(buffer, format="PNG")
    return SimpleUploadedFile("kol.png", buffer.getvalue(), content_type="image/png")


@freeze_time("2024-08-01 12:00")
def test_the_up_editor_of_the_union_records_its_re_check_with_a_photo(
    client, make_user, practice, other_union, ended
):
    editor = make_user("editor", roles.UP_EDITOR, [other_union])
    client.force_login(editor)
    form = client.get(f"/replications/{ended.pk}/recheck/1/").content.decode()
    assert "এটি কি এখনও চালু আছে?" in form and "৩০ জুন ২০২৪" in form  # the day it is due
    url = f"/en/replications/{ended.pk}/recheck/1/"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {"outcome": "partly", "checked_on": "২০/০৭/২০২৪", "note": "দুটি ওয়ার্ডে চালু",
         "photo": tiny_png(), "next": "/en/my-work/"},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == "/en/my-work/"
    saved = Recheck.objects.get(replication=ended, milestone=1)
    assert (saved.outcome, saved.checked_on, saved.checked_by) == (
        PARTLY,
        datetime.date(2024, 7, 20),
        editor,
    )
    assert saved.photo is not None and saved.photo.width == 4
    assert fresh(practice).checked_1y == 1

    # Recording it again corrects the same re-check.
    client.post(url, {"outcome": "running", "checked_on": "2024-07-21"})
    assert Recheck.objects.get(replication=ended, milestone=1).outcome == RUNNING
    assert Recheck.objects.count() == 1
    assert fresh(practice).running_1y == 1


@freeze_time("2024-08-01 12:00")
def test_an_up_editor_of_another_union_cannot_record_the_re_check(
    client, make_user, practice, union, ended
):
    stranger = make_user("stranger", roles.UP_EDITOR, [union])
    registry_officer = make_user("officer", roles.REGISTRY_OFFICER, [ended.lgi])
    url = f"/en/replications/{ended.pk}/recheck/1/"
    for user in (stranger, registry_officer):
        client.force_login(user)
        assert client.get(url).status_code == 403
        response = client.post(url, {"outcome": "stopped", "checked_on": "2024-07-20"})
        assert response.status_code == 403
    assert not Recheck.objects.exists()

    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page
    assert not Recheck.objects.exists()


@freeze_time("2024-08-01 12:00")
def test_a_curator_records_any_re_check_but_not_one_that_cannot_exist(
    client, curator, practice, lgis, ended
):
    client.force_login(curator)
    assert client.get(f"/en/replications/{ended.pk}/recheck/2/").status_code == 404
    ongoing = ReplicationFactory(practice=practice, lgi=lgis[0], status="ongoing", end_date=None)
    assert client.get(f"/en/replications/{ongoing.pk}/recheck/1/").status_code == 404

    url = f"/en/replications/{ended.pk}/recheck/1/"
    too_early = client.post(url, {"outcome": "running", "checked_on": "2023-07-30"})
    assert too_early.status_code == 400
    assert "cannot be dated before 30 March 2024" in too_early.content.decode()
    future = client.post(url, {"outcome": "running", "checked_on": "2024-09-01"})
    assert future.status_code == 400 and "in the future" in future.content.decode()
    assert not Recheck.objects.exists()

    assert client.post(url, {"outcome": "stopped", "checked_on": "2024-04-01"}).status_code == 302
    assert Recheck.objects.get().checked_by == curator


# --- what a practice shows --------------------------------------------------------------


@pytest.fixture
def surveyed(practice, lgis):
    """Thirty completed replications of the practice, re-checked at random (seeded); and
    replications of other statuses whose re-checks never count."""
    rng = random.Random(20)
    rows = []
    for lgi in lgis[:30]:
        replication = ReplicationFactory(practice=practice, lgi=lgi)
        for milestone in (1, 3):
            if rng.random() < 0.8:
                recheck(replication, milestone, rng.choice([RUNNING, RUNNING, PARTLY, STOPPED]))
        rows.append(replication)
    dropped = ReplicationFactory(practice=practice, lgi=lgis[30], status="discontinued")
    recheck(dropped, 1, RUNNING)
    counts.recompute([practice.pk])
    return rows


def counted_by_hand(practice):
    """The figures counted here from the rows, independently of `practices.counts`."""
    figures = {}
    completed = Replication.objects.filter(practice=practice, status="completed")
    for milestone in (1, 3):
        outcomes = list(
            Recheck.objects.filter(replication__in=completed, milestone=milestone).values_list(
                "outcome", flat=True
            )
        )
        figures[milestone] = (len(outcomes), outcomes.count(RUNNING), outcomes.count(PARTLY))
    return figures


def test_sustainability_figures_on_the_page_and_in_the_api_are_counted_from_the_rows(
    client, practice, surveyed
):
    expected = counted_by_hand(practice)
    assert expected[1][0] > expected[1][1] > 0 and expected[3][0] > 0
    page = fresh(practice)
    for milestone, (checked, running, partly) in expected.items():
        assert getattr(page, f"checked_{milestone}y") == checked
        assert getattr(page, f"running_{milestone}y") == running
        assert getattr(page, f"partly_{milestone}y") == partly

    data = json.loads(client.get(f"/api/v1/practices/{practice.pk}/").content)
    for milestone, (checked, running, partly) in expected.items():
        assert data[f"checked_{milestone}y"] == checked
        assert data[f"running_{milestone}y"] == running
        assert data[f"partly_{milestone}y"] == partly

    from bangla import to_bangla_digits

    checked, running, _partly = expected[1]
    bangla = client.get(practice.url).content.decode()
    assert (
        f"১ বছর পর: {to_bangla_digits(str(checked))}টির মধ্যে {to_bangla_digits(str(running))}টি চালু"
    ) in bangla
    assert f"{to_bangla_digits(str(round(100 * running / checked)))}%" in bangla
    checked, running, _partly = expected[3]
    english = client.get(f"/en{practice.url}").content.decode()
    assert f"After 3 years: {running} of {checked} still running" in english


def test_the_dashboard_headline_counts_the_re_checks(client, home, practice, surveyed):
    from django.core.cache import cache

    from dashboards.models import DashboardPage

    home.add_child(instance=DashboardPage(title="ড্যাশবোর্ড", slug="dashboard"))
    cache.clear()
    checked, running, _partly = counted_by_hand(practice)[3]
    page = client.get("/en/dashboard/").content.decode()
    assert 'data-figure="sustainability"' in page
    assert f"{round(100 * running / checked)}%" in page
    assert f"After 3 years: {running} of {checked} still running" in page


# --- the best-practice rule -------------------------------------------------------------


@pytest.fixture
def at_threshold(practice, lgis, django_capture_on_commit_callbacks):
    settings = PortalSettings.load()
    settings.best_practice_threshold = 5
    settings.save()
    with django_capture_on_commit_callbacks(execute=True):
        replications = [
            ReplicationFactory(
                practice=practice, lgi=lgi, end_date=datetime.date(2016, 1, 1 + position)
            )
            for position, lgi in enumerate(lgis[:5])
        ]
    return settings, replications


def history(practice):
    return list(
        BestPracticeChange.objects.filter(practice=practice).values_list(
            "is_best_practice", "counted", "stopped"
        )
    )


def test_a_stopped_replication_does_not_count_only_when_nilg_says_so(
    client, practice, at_threshold, django_capture_on_commit_callbacks
):
    settings, replications = at_threshold
    assert fresh(practice).is_best_practice
    assert fresh(practice).best_practice_since == datetime.date(2016, 1, 5)
    assert history(practice) == [(True, 5, 0)]

    with django_capture_on_commit_callbacks(execute=True):
        recheck(replications[2], 1, STOPPED)
    assert fresh(practice).is_best_practice  # the setting is off: today's rule
    assert history(practice) == [(True, 5, 0)]

    with django_capture_on_commit_callbacks(execute=True):
        settings.best_practice_excludes_stopped = True
        settings.save()
    practice = fresh(practice)
    assert not practice.is_best_practice and practice.best_practice_since is None
    assert practice.replication_count == 5  # still five LGIs completed it
    assert history(practice) == [(True, 5, 0), (False, 4, 1)]
    assert BestPracticeChange.objects.filter(practice=practice).last().because_of_stops

    bangla = client.get(practice.url).content.decode()
    assert "আর সর্বাপেক্ষা ভালো শিখন নয়" in bangla
    assert "৪টি প্রতিষ্ঠান গণনা হয়েছে; প্রয়োজন ৫টি" in bangla
    english = client.get(f"/en{practice.url}").content.decode()
    assert "No longer a best practice" in english
    assert "because of stopped replications" in english
    assert "1 completed replication found stopped at its latest re-check is not counted" in english

    # Three years on, the union had started it again: it counts once more.
    with django_capture_on_commit_callbacks(execute=True):
        recheck(replications[2], 3, RUNNING)
    assert fresh(practice).is_best_practice
    assert history(practice)[-1] == (True, 5, 0)


def test_with_the_setting_off_stops_never_change_the_status(
    practice, at_threshold, django_capture_on_commit_callbacks
):
    _settings, replications = at_threshold
    with django_capture_on_commit_callbacks(execute=True):
        for replication in replications:
            recheck(replication, 1, STOPPED)
    assert fresh(practice).is_best_practice
    assert history(practice) == [(True, 5, 0)]


# --- the import -------------------------------------------------------------------------


def checked(path, user):
    job = ImportJob(
        kind="practice-rechecks",
        original_name=path.name,
        file_size=path.stat().st_size,
        uploaded_by=user,
    )
    with open(path, "rb") as handle:
        job.file.save(path.name, File(handle), save=False)
    job.save()
    validate_job.delay(job.pk)
    job.refresh_from_db()
    return job


def errors(job):
    return {e["row"]: (e["column"], e["message"]["en"]) for e in job.report["errors"]}


@pytest.fixture
def survey(practice_index, lgis):
    """Two practices replicated by Savar's unions, completed in 2019 and 2020."""
    savar = Area.objects.get(code="BD30260072")
    unions = list(Area.objects.filter(parent=savar, level="union").order_by("key")[:3])
    wells = PracticePageFactory(parent=practice_index, title="নিরাপদ পানি", title_en="Safe water")
    udcc = PracticePageFactory(parent=practice_index, title="ইউডিসিসি", title_en="UDCC")
    made = {
        (wells, unions[0]): ReplicationFactory(
            practice=wells, lgi=unions[0], end_date=datetime.date(2019, 6, 30)
        ),
        (wells, unions[1]): ReplicationFactory(
            practice=wells, lgi=unions[1], end_date=datetime.date(2020, 1, 15)
        ),
        (udcc, unions[0]): ReplicationFactory(
            practice=udcc, lgi=unions[0], end_date=datetime.date(2019, 12, 1)
        ),
        (udcc, unions[2]): ReplicationFactory(
            practice=udcc, lgi=unions[2], status="ongoing", end_date=None
        ),
    }
    return wells, udcc, unions, made


@freeze_time("2025-03-01 12:00")
def test_a_field_survey_is_imported_and_counted(tmp_path, curator, survey):
    wells, udcc, unions, made = survey
    path = write_csv(
        tmp_path / "জরিপ.csv",
        [
            ["ভালো শিখন", "উপজেলা", "ইউনিয়ন", "কত বছর পর", "ফলাফল", "যাচাইয়ের তারিখ", "মন্তব্য"],
            ["নিরাপদ পানি", "সাভার", unions[0].name_bn, "১ বছর", "চালু", "১০/০৭/২০২০", "ভালো"],
            ["Safe water", "Savar", unions[0].name_en, "3", "বন্ধ", "2022-07-15", ""],
            [str(wells.pk), "Savar", unions[1].name_en, "1 year after", "partly", "20/01/2021", ""],
            ["UDCC", "Savar", unions[0].name_en, "১", "Still running", "০১/১২/২০২০", ""],
        ],
    )  # fmt: skip
    job = checked(path, curator)
    assert job.status == ImportJob.Status.VALID, job.report["errors"]
    assert not Recheck.objects.exists()
    job = committed(job)
    assert job.status == ImportJob.Status.COMMITTED
    assert job.created_count == 4
    stored = {
        (r.replication_id, r.milestone): (r.outcome, r.checked_on, r.checked_by_id)
        for r in Recheck.objects.all()
    }
    assert stored == {
        (made[wells, unions[0]].pk, 1): (RUNNING, datetime.date(2020, 7, 10), curator.pk),
        (made[wells, unions[0]].pk, 3): (STOPPED, datetime.date(2022, 7, 15), curator.pk),
        (made[wells, unions[1]].pk, 1): (PARTLY, datetime.date(2021, 1, 20), curator.pk),
        (made[udcc, unions[0]].pk, 1): (RUNNING, datetime.date(2020, 12, 1), curator.pk),
    }
    wells = fresh(wells)
    assert (wells.checked_1y, wells.running_1y, wells.partly_1y) == (2, 1, 1)
    assert (wells.checked_3y, wells.running_3y) == (1, 0)
    assert fresh(udcc).running_1y == 1

    again = committed(checked(path, curator))
    assert (again.created_count, again.unchanged_count) == (0, 4)


@freeze_time("2025-03-01 12:00")
def test_a_survey_with_a_bad_row_writes_nothing_and_names_row_and_column(tmp_path, curator, survey):
    _wells, _udcc, unions, _made = survey
    path = write_csv(
        tmp_path / "survey.csv",
        [
            ["Practice", "Upazila", "Union", "Re-check", "Outcome", "Date checked", "Note"],
            ["Safe water", "Savar", unions[0].name_en, "1", "running", "10/07/2020", "ok"],
            ["Safe water", "Savar", unions[0].name_en, "2", "running", "10/07/2020", ""],
            ["Safe water", "Savar", unions[1].name_en, "1", "fine", "10/02/2021", ""],
            ["Safe water", "Savar", unions[2].name_en, "1", "running", "10/07/2020", ""],
            ["UDCC", "Savar", unions[2].name_en, "1", "running", "10/07/2020", ""],
            ["UDCC", "Savar", unions[0].name_en, "3", "running", "01/06/2021", ""],
            ["No such thing", "Savar", unions[0].name_en, "1", "running", "10/07/2020", ""],
        ],
    )
    job = checked(path, curator)
    assert job.status == ImportJob.Status.INVALID
    found = errors(job)
    assert 2 not in found
    assert found[3][0] == "Re-check"
    assert found[4][0] == "Outcome" and "fine" in found[4][1]
    assert found[5][0] == "Union" and "has no replication of “নিরাপদ পানি”" in found[5][1]
    assert found[6][0] == "Union" and "only completed replications" in found[6][1]
    assert found[7][0] == "Date checked" and "cannot be dated before" in found[7][1]
    assert found[8][0] == "Practice" and "No practice is called" in found[8][1]
    assert committed(job).status != ImportJob.Status.COMMITTED
    assert not Recheck.objects.exists()


def test_the_import_is_for_nilg(make_user, curator, union):
    from imports import registry

    assert "practice-rechecks" in {i.kind for i in registry.usable_by(curator)}
    editor = make_user("editor", roles.UP_EDITOR, [union])
    assert "practice-rechecks" not in {i.kind for i in registry.usable_by(editor)}


def test_an_area_page_shows_how_its_replications_lasted(client, practice, surveyed):
    district = surveyed[0].lgi.district
    outcomes = list(
        Recheck.objects.filter(
            milestone=1, replication__status="completed", replication__lgi__district=district
        ).values_list("outcome", flat=True)
    )
    assert outcomes
    page = client.get(f"/en/areas/{district.key}/").content.decode()
    assert 'data-figure="sustainability-1y"' in page
    assert f"After 1 year: {outcomes.count(RUNNING)} of {len(outcomes)} still running" in page
