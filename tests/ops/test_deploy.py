"""The production settings can be deployed: static files collect into a manifest and the
home page renders with them."""

import os
import subprocess
import sys
from pathlib import Path

from django.db import connection

import pytest

ROOT = Path(__file__).absolute().parents[2]
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "hlp_site.settings.production",
    "SECRET_KEY": "d" * 20 + "-deploy-test-secret-with-enough-entropy-0123456789",
    "REGISTRY_ID_KEY": "registry-key-for-deploy-tests-0123456789abcdef",
    "REGISTRY_ENCRYPTION_KEY": "registry-encryption-key-for-deploy-tests-0123456789",
    "ALLOWED_HOSTS": "127.0.0.1",
    "TRUSTED_PROXY_COUNT": "0",
    "SECURE_SSL_REDIRECT": "false",
}

RENDER = """
import django
django.setup()
from django.test import Client
response = Client().get("/", headers={"host": "127.0.0.1"})
print(response.status_code)
print(response.text)
"""


def production(tmp_path, *command, **extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"ELASTICSEARCH_URL", "CELERY_BROKER_URL", "REDIS_URL", "DATABASE_URL"}
    }
    env.update(PRODUCTION, STATIC_ROOT=str(tmp_path / "static"), **extra)
    return subprocess.run(
        [sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )


@pytest.mark.postgres
@pytest.mark.django_db
def test_static_files_collect_and_the_home_page_renders_with_production_settings(tmp_path):
    collected = production(tmp_path, "manage.py", "collectstatic", "--noinput")
    assert collected.returncode == 0, collected.stderr[-3000:]
    assert (tmp_path / "static" / "staticfiles.json").exists()

    db = connection.settings_dict
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    rendered = production(tmp_path, "-c", RENDER, DATABASE_URL=url)
    assert rendered.returncode == 0, rendered.stderr[-3000:]
    status, html = rendered.stdout.split("\n", 1)
    assert status == "200"
    # Static files are referenced by their hashed, cacheable names.
    assert "/static/css/site." in html
    assert "/static/css/site.css" not in html
