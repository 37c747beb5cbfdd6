"""Every hostile list of tests/registry/hostile_lists.py through the real pages: the upload on
the registry's imports page, the check (inline, as on the embedded default), the job's page and
its error file, the commit when the check lets it through. No page answers with a server error,
a refused list changes nothing, an accepted one is written whole, and no identity number is in
clear in any response, in the registry's tables or in the import's record."""

import json
import re

from django.db import models

import pytest

from imports.models import ImportJob
from registry.models import (
    AccessLog,
    Benefit,
    DuplicateFlag,
    Household,
    ImportNote,
    Person,
)

from .hostile_lists import CASES, NUMBERS

pytestmark = pytest.mark.django_db

# A number as people write it: digits in groups of two or more (an SVG path's "0 1 1 0" is not).
DIGIT_GROUPS = re.compile(r"[0-9০-৯]{2,}(?:[ ,\-][0-9০-৯]{2,})*")


def find_identity_numbers(text):
    return [run for run in DIGIT_GROUPS.findall(text) if len(re.sub(r"[ ,\-]", "", run)) >= 10]


# Columns that hold no text a person typed: keyed hashes and ciphertexts look like anything.
OPAQUE = {"id_hash", "id_ciphertext", "signature", "fingerprint", "password"}


def snapshot():
    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (Household, Person, Benefit, DuplicateFlag)
    }


def body(response):
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def stored_texts():
    for model in (ImportJob, ImportNote, AccessLog, Household, Person, Benefit):
        for instance in model.objects.all():
            for field in instance._meta.concrete_fields:
                if field.attname in OPAQUE:
                    continue
                value = getattr(instance, field.attname)
                if isinstance(field, models.JSONField):
                    yield f"{model.__name__}.{field.name}", json.dumps(value, ensure_ascii=False)
                elif isinstance(field, models.CharField | models.TextField | models.FileField):
                    yield f"{model.__name__}.{field.name}", str(value or "")


def upload(client, path, union, capture):
    with capture(execute=True), open(path, "rb") as handle:
        response = client.post("/en/registry/imports/", {"file": handle, "scope": union.pk})
    assert response.status_code == 302, body(response)[:2000]
    return response, ImportJob.objects.get(pk=int(re.search(r"/imports/(\d+)/", response.url)[1]))


def english(job):
    report = job.report or {}
    texts = [error["message"]["en"] for error in report.get("errors", [])]
    texts += [report[key]["en"] for key in ("problem", "failure") if key in report]
    return " | ".join(texts)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_hostile_list_gets_an_answer_and_the_registry_stays_whole(
    case, client, officer, union, tmp_path, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    client.force_login(officer)
    responses = []
    if case.before is not None:
        response, first = upload(client, case.before(tmp_path), union, capture)
        with capture(execute=True):
            client.post(f"/en/imports/{first.pk}/commit/")
        first.refresh_from_db()
        assert first.status == ImportJob.Status.COMMITTED, english(first)
    before = snapshot()

    response, job = upload(client, case.build(tmp_path), union, capture)
    responses.append(response)
    for language in ("", "/en"):
        for url in (f"/imports/{job.pk}/", f"/imports/{job.pk}/errors.csv", "/registry/imports/"):
            responses.append(client.get(f"{language}{url}"))
    job.refresh_from_db()
    if case.warned is not None:
        page = body(client.get(f"/en/imports/{job.pk}/"))
        assert case.warned in page, "the warning is on the job's page"
    if job.status == ImportJob.Status.VALID:
        with capture(execute=True):
            responses.append(client.post(f"/en/imports/{job.pk}/commit/"))
        responses.append(client.get(f"/en/imports/{job.pk}/"))
        responses.append(client.get("/en/registry/duplicates/"))
        job.refresh_from_db()

    assert all(response.status_code < 500 for response in responses)
    if case.refused is not None:
        assert job.status == ImportJob.Status.INVALID, (job.status, english(job))
        assert case.refused in english(job), english(job)
        assert job.report["errors"], "a refusal names its row"
        assert snapshot() == before, "a list that is not imported changes nothing"
    else:
        assert job.status == ImportJob.Status.COMMITTED, english(job)
        written = job.created_count + job.updated_count + job.unchanged_count
        assert written == job.rows_total, "every row of an accepted list is written"
        if case.then is not None:
            case.then()

    found = {}
    for index, response in enumerate(responses):
        found[f"response {index}"] = find_identity_numbers(body(response))
    for where, text in stored_texts():
        found.setdefault(where, []).extend(find_identity_numbers(text))
    assert {where: runs for where, runs in found.items() if runs} == {}
    everything = " ".join(body(response) for response in responses)
    everything += " ".join(text for _where, text in stored_texts())
    for number in NUMBERS:
        assert number not in everything
