import pytest

pytestmark = pytest.mark.django_db


def test_health_reports_each_service(client, settings):
    settings.CELERY_BROKER_URL = ""
    settings.ELASTICSEARCH_URL = ""
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["search"]["backend"] == "database"
    assert body["broker"]["mode"] == "eager"


def test_a_dead_broker_makes_the_portal_unavailable(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["broker"]["ok"] is False
    assert body["broker"]["error"]


def test_a_dead_search_cluster_degrades_but_does_not_take_the_portal_down(client, settings):
    settings.CELERY_BROKER_URL = ""
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:1"
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["search"]["ok"] is False
    assert body["search"]["fallback"] == "database"


@pytest.mark.redis
def test_health_reports_the_live_broker(client, settings):
    import os

    settings.CELERY_BROKER_URL = os.environ["CELERY_BROKER_URL"]
    body = client.get("/health/").json()
    assert body["broker"] == {"ok": True, "mode": "broker", "ms": body["broker"]["ms"]}


@pytest.mark.postgres
def test_health_names_postgresql_when_it_is_the_database(client):
    assert client.get("/health/").json()["database"]["vendor"] == "postgresql"


@pytest.mark.elasticsearch
def test_health_reports_the_live_cluster_version(client, settings):
    import os

    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    body = client.get("/health/").json()
    assert body["search"]["ok"] is True
    assert body["search"]["version"].startswith("8.")
