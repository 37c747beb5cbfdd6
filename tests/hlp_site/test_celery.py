import os
import subprocess
import sys
from pathlib import Path

import pytest
from celery.contrib.testing.worker import start_worker

from places.models import Area
from places.tasks import load_geography
from portal.celery import app

ROOT = Path(__file__).resolve().parents[2]


def eager_setting(**env):
    environment = {k: v for k, v in os.environ.items() if k != "CELERY_BROKER_URL"}
    environment.update(env)
    code = "from hlp_site.settings import base; print(base.CELERY_TASK_ALWAYS_EAGER)"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True
    )
    return result.stdout.strip()


def test_the_embedded_default_runs_tasks_inline_and_a_broker_switches_that_off():
    assert eager_setting() == "True"
    assert eager_setting(CELERY_BROKER_URL="redis://127.0.0.1:6379/0") == "False"


@pytest.mark.django_db
def test_inline_tasks_take_effect_at_once():
    savar = Area.objects.get(code="BD30260072")
    Area.objects.filter(pk=savar.pk).update(name_en="Drifted")
    load_geography.delay()
    assert Area.objects.get(pk=savar.pk).name_en == "Savar"


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_a_task_runs_through_a_real_worker_on_redis(restore_base_data):
    Area.objects.filter(code="BD30260072").update(name_en="Drifted")
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", concurrency=1):
            summary = load_geography.delay().get(timeout=60)
    finally:
        app.conf.task_always_eager = previous
    assert "upazila: 0 created, 1 updated" in summary
    assert Area.objects.get(code="BD30260072").name_en == "Savar"
