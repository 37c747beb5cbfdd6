"""Audit the installed Python packages for known vulnerabilities with pip-audit.

    python ops/audit_dependencies.py

Exits 1 when a package has a known vulnerability that is not listed, with its reason, in
ops/pip-audit-accepted.txt. When the vulnerability service cannot be reached (every package
comes back "not found"), the audit did not happen: that is printed loudly and exits 0, or 1
when HLP_AUDIT_REQUIRED=1 (set it where the service is known to be reachable).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ACCEPTED_FILE = Path(__file__).resolve().parent / "pip-audit-accepted.txt"
# Packages of this repository itself, which are not on PyPI.
OWN_PACKAGES = {"hlp-portal"}


def accepted_ids(path=ACCEPTED_FILE):
    """IDs from the accepted list: one per line, `ID  reason`; a line without a reason is an
    error, because an accepted finding must say why."""
    ids = {}
    if not path.exists():
        return ids
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        identifier, _, reason = line.partition(" ")
        if not reason.strip():
            raise SystemExit(f"{path.name}:{number}: {identifier} needs a reason")
        ids[identifier] = reason.strip()
    return ids


def run_pip_audit():
    result = subprocess.run(
        [sys.executable, "-m", "pip_audit", "--progress-spinner", "off", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    try:
        return json.loads(result.stdout), result.stderr
    except json.JSONDecodeError:
        return None, result.stderr


def evaluate(report, accepted):
    """(failures, accepted findings, audited count, skipped names) for a pip-audit report."""
    failures, waived, skipped, audited = [], [], [], 0
    for dependency in report["dependencies"]:
        if dependency["name"] in OWN_PACKAGES:
            continue
        if "skip_reason" in dependency:
            skipped.append(dependency["name"])
            continue
        audited += 1
        for vulnerability in dependency.get("vulns", []):
            ids = {vulnerability["id"], *vulnerability.get("aliases", [])}
            line = (
                f"{dependency['name']} {dependency['version']}: {vulnerability['id']} "
                f"(fixed in {', '.join(vulnerability.get('fix_versions') or ['no release'])})"
            )
            reason = next((accepted[i] for i in ids if i in accepted), None)
            if reason:
                waived.append(f"{line}: accepted: {reason}")
            else:
                failures.append(line)
    return failures, waived, audited, skipped


def main():
    required = os.environ.get("HLP_AUDIT_REQUIRED") == "1"
    report, errors = run_pip_audit()
    if report is None:
        print(f"pip-audit: FAILED TO RUN\n{errors[-2000:]}")
        return 1 if required else 0
    failures, waived, audited, skipped = evaluate(report, accepted_ids())
    for line in waived:
        print(f"pip-audit: {line}")
    for line in failures:
        print(f"pip-audit: VULNERABLE {line}")
    if audited == 0:
        print(
            f"pip-audit: AUDIT NOT PERFORMED: the vulnerability service answered for none of "
            f"{len(skipped)} packages (offline, or a PyPI mirror without the JSON API)"
        )
        return 1 if required else 0
    print(
        f"pip-audit: {audited} packages audited, {len(skipped)} not found, "
        f"{len(failures)} vulnerable, {len(waived)} accepted"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
