import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REAL_VALUES = {
    # Made per run: a real-looking key must never sit in the repository.
    "SECRET_KEY": secrets.token_urlsafe(50),
    "REGISTRY_ID_KEY": "registry-key-for-tests-only-0123456789",
    "REGISTRY_ENCRYPTION_KEY": "registry-encryption-key-for-tests-only-0123456789",
    "ALLOWED_HOSTS": "hlp.example.gov.bd",
    "DJANGO_SETTINGS_MODULE": "hlp_site.settings.production",
}


def manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in REAL_VALUES}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_with_the_default_secret():
    result = manage("check", DJANGO_SETTINGS_MODULE="hlp_site.settings.production")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_refuses_the_default_registry_key():
    env = dict(REAL_VALUES)
    env.pop("REGISTRY_ID_KEY")
    result = manage("check", **env)
    assert result.returncode != 0
    assert "REGISTRY_ID_KEY" in result.stderr


def test_deploy_checklist_passes_with_real_values():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **REAL_VALUES)
    assert result.returncode == 0, result.stdout + result.stderr
