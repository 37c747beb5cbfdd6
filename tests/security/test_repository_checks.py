"""No secret in the repository; the scanner and the audit verdict catch what they should."""

import importlib.util
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).absolute().parents[2]


def load(name):
    spec = importlib.util.spec_from_file_location(name, ROOT / "ops" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


secret_scan = load("secret_scan")
audit = load("audit_dependencies")


def test_repository_holds_no_secret():
    assert secret_scan.scan(ROOT) == []


# Built at run time so that this file itself holds nothing the scanner would report.
PLANTED = {
    "private key": "-----BEGIN " + "RSA PRIVATE KEY-----",
    "AWS access key": "aws_id = 'AKIA" + "Q3EXAMPLEZ7TW2PL'",
    "GitHub token": "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8",
    "password in URL": "DATABASE_URL=postgres://portal:" + "Zq8-vT3k@db.internal:5432/hlp",
    "random-looking secret": 'SECRET_KEY = "' + "p9#Xv2$Lq7!Rm4^Tz8&Wc1*Jd6" + '"',
}


@pytest.mark.parametrize("kind", sorted(PLANTED))
def test_scanner_finds_planted_secrets_in_a_repository(tmp_path, kind):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "settings.py").write_text(f"# deploy\n{PLANTED[kind]}\n")
    findings = secret_scan.scan(tmp_path)
    assert len(findings) == 1
    assert findings[0].startswith(f"settings.py:2: {kind}: ")
    # The report never repeats the secret itself.
    assert PLANTED[kind][-12:] not in findings[0]


def test_scanner_leaves_development_values_and_allowed_lines_alone(tmp_path):
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "README.md").write_text(
        "DATABASE_URL=postgres://hlp:hlp@127.0.0.1:5432/hlp\n"
        'SECRET_KEY = "insecure-embedded-default-key-do-not-use-in-production"\n'
        'SIGNING_KEY = "' + "p9#Xv2$Lq7!Rm4^Tz8&Wc1*Jd6" + '"  # secret-scan: allow\n'
    )
    assert secret_scan.scan(tmp_path) == []


def vulnerable_report():
    return {
        "dependencies": [
            {"name": "hlp-portal", "skip_reason": "not on PyPI"},
            {"name": "django", "version": "5.2.0", "vulns": []},
            {
                "name": "example-lib",
                "version": "1.0",
                "vulns": [{"id": "PYSEC-0000-1", "aliases": ["CVE-0000-1"], "fix_versions": []}],
            },
        ]
    }


def test_audit_fails_on_a_vulnerability_that_was_not_accepted():
    failures, waived, audited, _skipped = audit.evaluate(vulnerable_report(), {})
    assert failures == ["example-lib 1.0: PYSEC-0000-1 (fixed in no release)"]
    assert waived == []
    assert audited == 2


def test_audit_accepts_a_finding_listed_with_its_reason(tmp_path):
    accepted = tmp_path / "accepted.txt"
    accepted.write_text("# reviewed\nCVE-0000-1 only reachable from the admin, which ...\n")
    failures, waived, _audited, _skipped = audit.evaluate(
        vulnerable_report(), audit.accepted_ids(accepted)
    )
    assert failures == []
    assert "accepted: only reachable from the admin" in waived[0]


def test_an_accepted_finding_without_a_reason_is_refused(tmp_path):
    accepted = tmp_path / "accepted.txt"
    accepted.write_text("CVE-0000-1\n")
    with pytest.raises(SystemExit, match="needs a reason"):
        audit.accepted_ids(accepted)


def test_accepted_list_in_the_repository_gives_a_reason_for_every_entry():
    assert all(reason for reason in audit.accepted_ids().values())
