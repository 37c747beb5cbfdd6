"""Every hostile file of the corpus (tests/imports/hostile.py) through the real pages: upload,
the check (inline, as on the embedded default), the report and its error file, the commit when
the check lets it through. No page answers with a server error, a refused file changes
nothing, and an accepted one is written whole."""

from dataclasses import dataclass

import pytest

from imports.models import ImportJob
from places.models import Area, Level
from portal import roles
from practices.models import BudgetAllocation, Replication
from registry.models import Benefit, Household, Person, ensure_standard_programmes

from .conftest import practice_with_records
from .hostile import CASES

# Importer kind and the form fields each target's upload needs besides the file.
TARGETS = {
    "replications": "practice-replications",
    "budget": "practice-budget",
    "pourashavas": "pourashavas",
    "registry": "registry-persons",
}


@dataclass
class World:
    """What the builders may refer to, and who uploads to which importer."""

    upazila: Area
    unions: list
    practice: object
    curator: object
    officer: object
    registry_union: Area

    def upload(self, target):
        if target == "registry":
            return self.officer, {"scope": self.registry_union.pk}
        if target == "pourashavas":
            return self.curator, {}
        return self.curator, {"practice": self.practice.pk}


@pytest.fixture
def world(db, make_user):
    ensure_standard_programmes()
    upazila = Area.objects.get(code="BD30260072")  # Savar, Dhaka
    unions = list(Area.objects.filter(parent=upazila, level=Level.UNION).order_by("key")[:2])
    registry_union = Area.objects.get(key="UN1")
    return World(
        upazila=upazila,
        unions=unions,
        # Good data a hostile file must not overwrite.
        practice=practice_with_records(unions),
        curator=make_user("corpus-curator", roles.NILG_CURATOR),
        officer=make_user("corpus-officer", roles.REGISTRY_OFFICER, lgis=[registry_union]),
        registry_union=registry_union,
    )


def snapshot():
    """Every row an importer of the corpus could write, as plain values."""
    return {
        model.__name__: list(queryset.order_by("pk").values())
        for model, queryset in [
            (Replication, Replication.objects.all()),
            (BudgetAllocation, BudgetAllocation.objects.all()),
            (Area, Area.objects.filter(level=Level.POURASHAVA)),
            (Household, Household.objects.all()),
            (Person, Person.objects.all()),
            (Benefit, Benefit.objects.all()),
        ]
    }


def english(job):
    report = job.report or {}
    texts = [error["message"]["en"] for error in report.get("errors", [])]
    texts += [report[key]["en"] for key in ("problem", "failure") if key in report]
    return " | ".join(texts)


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_hostile_file_gets_an_answer_and_the_data_stays_whole(
    case, world, client, settings, tmp_path, django_capture_on_commit_callbacks
):
    for name, value in case.settings.items():
        setattr(settings, name, value)
    path = case.build(tmp_path, world)
    user, form = world.upload(case.target)
    kind = TARGETS[case.target]
    before = snapshot()
    client.force_login(user)
    statuses = []

    with django_capture_on_commit_callbacks(execute=True), open(path, "rb") as handle:
        response = client.post(f"/en/imports/{kind}/new/", {"file": handle, **form})
    statuses.append(response.status_code)
    assert response.status_code == 302, response.content.decode()[:2000]
    job = ImportJob.objects.get(kind=kind)
    statuses.append(client.get(f"/en/imports/{job.pk}/").status_code)
    statuses.append(client.get(f"/en/imports/{job.pk}/errors.csv").status_code)
    statuses.append(client.get(f"/en/imports/{job.pk}/progress.json").status_code)
    job.refresh_from_db()
    if job.status == ImportJob.Status.VALID:
        with django_capture_on_commit_callbacks(execute=True):
            statuses.append(client.post(f"/en/imports/{job.pk}/commit/").status_code)
        statuses.append(client.get(f"/en/imports/{job.pk}/").status_code)
        job.refresh_from_db()

    assert all(status < 500 for status in statuses), statuses
    if case.refused is not None:
        assert job.status == ImportJob.Status.INVALID, (job.status, english(job))
        assert case.refused in english(job), english(job)
        assert job.report["errors"], "a refusal names its row"
    else:
        assert job.status in (ImportJob.Status.COMMITTED, ImportJob.Status.INVALID), english(job)
    if job.status == ImportJob.Status.COMMITTED:
        written = job.created_count + job.updated_count + job.unchanged_count
        assert written == job.rows_total, "every row of an accepted file is written"
    else:
        assert snapshot() == before, "a file that is not imported changes nothing"
