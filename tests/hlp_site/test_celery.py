import pytest
from celery.contrib.testing.worker import start_worker

from hlp_site.celery import app
from places.models import Area
from places.tasks import load_geography


@pytest.mark.django_db
def test_without_a_broker_tasks_run_inline(settings):
    assert app.conf.task_always_eager is bool(not settings.CELERY_BROKER_URL)
    savar = Area.objects.get(code="BD30260072")
    Area.objects.filter(pk=savar.pk).update(name_en="Drifted")
    if app.conf.task_always_eager:
        load_geography.delay()
        assert Area.objects.get(pk=savar.pk).name_en == "Savar"


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_task_runs_through_a_real_worker_on_redis(restore_base_data):
    assert not app.conf.task_always_eager, "with a broker configured, tasks go through it"
    Area.objects.filter(code="BD30260072").update(name_en="Drifted")
    with start_worker(app, perform_ping_check=False, pool="solo", concurrency=1):
        summary = load_geography.delay().get(timeout=60)
    assert "upazila: 0 created, 1 updated" in summary
    assert Area.objects.get(code="BD30260072").name_en == "Savar"
