"""The open data API: answers validate against its own OpenAPI schema (schemathesis, through the
WSGI application, a bounded number of examples per operation), lists are paginated and
filterable, and no answer carries personal data."""

import json

from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
)

from practices.models import Replication

from . import expected

pytestmark = pytest.mark.django_db

LISTS = [
    "practices",
    "replications",
    "budget-allocations",
    "circulars",
    "circular-status-changes",
    "areas",
    "themes",
    "impact",
    "workshops",
    "decisions",
]


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Calls through the WSGI application end with Django closing "old" connections, which
    closes the test's own connection inside its transaction; Django's test client avoids that
    the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# Loaded at collection: making the schema reads no data.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_every_answer_matches_the_schema_and_none_is_a_server_error(case, dataset):
    case.call_and_validate(
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance]
    )


def get_json(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, response.content[:300]
    return json.loads(response.content)


def test_the_schema_and_the_docs_are_served(client):
    schema = get_json(client, "/api/v1/schema/", format="json")
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/practices/" in schema["paths"]
    assert "/api/v1/impact/" in schema["paths"]
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert b"swagger-ui-bundle.js" in docs.content
    assert b"drf_spectacular_sidecar" in docs.content  # served by the portal, no CDN
    assert client.get("/en/api/v1/practices/").status_code == 200


def test_lists_are_paginated(dataset, client):
    first = get_json(client, "/api/v1/areas/", page_size=10)
    assert len(first["results"]) == 10
    assert first["next"] and "page=2" in first["next"]
    assert first["count"] > 4000  # every union of the geography
    assert get_json(client, "/api/v1/areas/", page_size=100000)["results"].__len__() == 500


def test_lists_are_filtered_the_dashboard_way(dataset, client):
    params = {"division": "BD30", "status": "completed", "counted_year_min": "2015-16"}
    answer = get_json(client, "/api/v1/replications/", page_size=500, **params)
    f = expected.Filter(division="BD30", year_from="2015-16")
    assert answer["count"] == len(expected.replications(f))
    assert {row["division"] for row in answer["results"]} == {"BD30"}
    lines = get_json(
        client, "/api/v1/budget-allocations/", theme="sanitation", effective="true", page_size=500
    )
    assert lines["count"] == len(
        expected.effective_budget_lines(expected.Filter(theme="sanitation"))
    )


def test_a_malformed_filter_is_refused_with_the_parameter_named(dataset, client):
    response = client.get("/api/v1/replications/", {"counted_year_min": "2019"})
    assert response.status_code == 400
    assert "counted_year_min" in json.loads(response.content)


def test_the_unpublished_practice_is_not_in_the_open_data(dataset, client):
    hidden = dataset["hidden"]
    ids = {row["id"] for row in get_json(client, "/api/v1/practices/", page_size=500)["results"]}
    assert hidden.pk not in ids and dataset["practices"][0].pk in ids
    replications = get_json(client, "/api/v1/replications/", practice=hidden.pk)
    assert replications["count"] == 0
    assert client.get(f"/api/v1/practices/{hidden.pk}/").status_code == 404


def test_impact_withholds_counts_of_people_under_five(dataset, client):
    rows = get_json(client, "/api/v1/impact/", level="upazila", by_year="true", page_size=500)
    values = [row["beneficiaries"] for row in rows["results"]]
    assert all(value is None or value == 0 or value >= 5 for value in values)
    totals = get_json(client, "/api/v1/impact/", level="division", page_size=500)["results"]
    completed = sum(row["completed_replications"] for row in totals)
    assert completed == expected.headline(expected.Filter())["replications"]


def test_no_answer_carries_personal_data(dataset, client, django_user_model):
    officer = django_user_model.objects.create_user(
        username="nilg.verifier.shamima", password="x-pass-12345", email="shamima@example.org"
    )
    Replication.objects.filter(status="completed").update(
        verified_by=officer, verified_at=timezone.now()
    )
    names = [person.name_bn for person in dataset["people"]]
    names += [person.name_en for person in dataset["people"]]
    secrets = [*names, officer.username, officer.email]
    answers = [client.get(f"/api/v1/{name}/", {"page_size": 500}) for name in LISTS]
    answers += [client.get("/api/v1/impact/", {"level": "upazila", "by_year": "true"})]
    answers += [client.get(f"/data/{name}.csv") for name in LISTS]
    for response in answers:
        if response.status_code == 404:  # an app that is not installed
            continue
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode()
        for secret in secrets:
            assert secret not in text, f"{secret!r} in {response.wsgi_request.path}"
        assert "verified_by" not in text
    if dataset["people"]:
        assert dataset["people"][0].name_bn  # the check above looked for real names
