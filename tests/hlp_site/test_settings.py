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
    "TRUSTED_PROXY_COUNT": "1",
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


def without(name, **changes):
    env = {key: value for key, value in REAL_VALUES.items() if key != name}
    env.update(changes)
    return env


def test_production_refuses_to_start_with_the_default_secret():
    result = manage("check", DJANGO_SETTINGS_MODULE="hlp_site.settings.production")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_refuses_the_default_registry_key():
    result = manage("check", **without("REGISTRY_ID_KEY"))
    assert result.returncode != 0
    assert "REGISTRY_ID_KEY" in result.stderr


def test_deploy_checklist_passes_with_real_values():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **REAL_VALUES)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_the_number_of_proxies():
    # Behind a proxy with the default of none, 30 bad sign-ins would lock out everyone.
    result = manage("check", **without("TRUSTED_PROXY_COUNT"))
    assert result.returncode != 0
    assert "TRUSTED_PROXY_COUNT" in result.stderr
    assert (
        manage("check", **without("TRUSTED_PROXY_COUNT", TRUSTED_PROXY_COUNT="0")).returncode == 0
    )


def test_production_refuses_to_start_without_its_own_encryption_key():
    for value in (None, "short", REAL_VALUES["REGISTRY_ID_KEY"]):
        changes = {} if value is None else {"REGISTRY_ENCRYPTION_KEY": value}
        result = manage("check", **without("REGISTRY_ENCRYPTION_KEY", **changes))
        assert result.returncode != 0, value
        assert "REGISTRY_ENCRYPTION_KEY" in result.stderr


def test_production_refuses_a_trivial_registry_key():
    result = manage("check", **without("REGISTRY_ID_KEY", REGISTRY_ID_KEY="1234"))
    assert result.returncode != 0
    assert "REGISTRY_ID_KEY" in result.stderr


def test_production_public_pages_allow_scripts_from_the_portal_only():
    result = manage(
        "shell",
        "-c",
        "from hlp_site.security import public_policy; print(public_policy()['script-src'])",
        **REAL_VALUES,
    )
    assert result.returncode == 0, result.stderr
    assert "127.0.0.1" not in result.stdout and "localhost" not in result.stdout
    assert "https://hlp.example.gov.bd" in result.stdout
