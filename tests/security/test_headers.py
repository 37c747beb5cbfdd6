"""Security headers a browser receives: strict CSP on public pages, relaxed only in the admin."""

import re
import subprocess
import sys
from pathlib import Path

from django.contrib.auth.models import Group

import pytest

from portal.roles import NILG_CURATOR

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_public_pages_forbid_inline_script_and_foreign_origins(client, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    for directive in ("script-src", "style-src", "default-src"):
        assert "'unsafe-inline'" not in policy[directive]
        assert "'unsafe-eval'" not in policy[directive]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_public_home_page_has_no_inline_script_style_or_handlers(client):
    """What the strict policy would block must not be in the page in the first place."""
    for path in ("/", "/en/"):
        html = client.get(path).text
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)", html)
        assert "<style" not in html
        assert not re.search(r"\son[a-z]+\s*=", html)
        assert not re.search(r"\sstyle\s*=", html)


def test_admin_gets_the_relaxed_policy_that_still_refuses_other_origins(client, django_user_model):
    user = django_user_model.objects.create_user("curator-h", password="x-pass-12345")
    user.groups.add(Group.objects.get(name=NILG_CURATOR))
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert "https:" not in policy["script-src"]


def test_sign_in_page_is_protected_by_the_strict_policy(client):
    assert client.get("/admin/login/")["Location"] == "/sign-in/"
    response = client.get("/sign-in/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert response["X-Frame-Options"] == "DENY"


def test_health_json_is_not_given_a_document_policy(client):
    response = client.get("/health/")
    assert response["Content-Type"].startswith("application/json")
    assert "Content-Security-Policy" not in response
    assert response["X-Content-Type-Options"] == "nosniff"


PRODUCTION_ENV = {
    "SECRET_KEY": "p" * 30 + "-production-secret-with-enough-entropy-0987654321",
    "REGISTRY_ID_KEY": "registry-key-for-header-tests-0123456789",
    "REGISTRY_ENCRYPTION_KEY": "registry-encryption-key-for-header-tests-0123456789",
    "TRUSTED_PROXY_COUNT": "1",
    "ALLOWED_HOSTS": "hlp.example.gov.bd",
    "DJANGO_SETTINGS_MODULE": "hlp_site.settings.production",
}

PRODUCTION_PROBE = """
import django
django.setup()
from django.conf import settings
from django.test import Client
settings.ALLOWED_HOSTS.append("testserver")
response = Client().get("/health/", secure=True, headers={"host": "hlp.example.gov.bd"})
print(response.status_code)
print(response.get("Strict-Transport-Security", ""))
plain = Client().get("/health/", headers={"host": "hlp.example.gov.bd"})
print(plain.status_code, plain.get("Location", ""))
"""


def test_production_sends_hsts_and_redirects_plain_http():
    import os

    env = {k: v for k, v in os.environ.items() if k not in PRODUCTION_ENV}
    env.update(PRODUCTION_ENV)
    result = subprocess.run(
        [sys.executable, "-c", PRODUCTION_PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    _status, hsts, redirect = result.stdout.strip().splitlines()[-3:]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts
    assert redirect.startswith("301 https://hlp.example.gov.bd/health/")
