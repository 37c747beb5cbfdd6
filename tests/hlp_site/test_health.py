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
    from hlp_site.celery import app

    original = app.conf.broker_url
    app.conf.broker_url = settings.CELERY_BROKER_URL
    try:
        response = client.get("/health/")
    finally:
        app.conf.broker_url = original
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
