"""Look for secrets committed to the repository: private keys, service tokens, passwords in
URLs and long random-looking values assigned to names like `secret`, `token` or `password`.

    python ops/secret_scan.py [ROOT]

Scans the files git knows about (tracked, plus new files not ignored), prints one line per
finding with the value masked, and exits 1 when there is any. A line that must hold such a
value (a published test vector, say) is accepted with the comment `secret-scan: allow` on it.
"""

import math
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

MAX_BYTES = 2_000_000
ALLOW_MARKER = "secret-scan: allow"

PATTERNS = [
    ("private key", re.compile(r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----")),
    ("AWS access key", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    ("GitHub token", re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{60,})")),
    ("GitLab token", re.compile(r"\bglpat-[A-Za-z0-9_\-]{20,}")),
    ("Slack token", re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}")),
    ("Google API key", re.compile(r"\bAIza[0-9A-Za-z_\-]{35}\b")),
    ("Stripe live key", re.compile(r"\b[sr]k_live_[0-9A-Za-z]{20,}")),
    ("PyPI token", re.compile(r"\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,}")),
    (
        "JSON web token",
        re.compile(r"\beyJ[A-Za-z0-9_\-]{10,}\.eyJ[A-Za-z0-9_\-]{10,}\.[A-Za-z0-9_\-]{10,}"),
    ),
]

# scheme://user:password@host — a password in a service URL.
URL_PASSWORD = re.compile(r"\b[a-z][a-z0-9+.\-]*://([^/\s:@'\"]+):([^/\s@'\"]+)@([^/\s:'\"?#]+)")
# Development and documentation values: the local CI services and obvious placeholders.
HARMLESS_PASSWORDS = {"hlp", "pass", "password", "secret", "x", "xxx", "changeme", "..."}
HARMLESS_HOSTS = {"127.0.0.1", "localhost", "host", "example.com", "db", "[::1]"}

ASSIGNMENT = re.compile(
    r"""(?ix)
    \b[\w.\-]*(?:secret|token|passw(?:or)?d|api[_\-]?key|private[_\-]?key|access[_\-]?key|
    signing[_\-]?key|encryption[_\-]?key)[\w.\-]*
    ["']?\s*(?:=|:|=>)\s*
    (?:[rbf]?["'])([^"'\s]{20,})["']
    """
)


def entropy(text):
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


def looks_random(value):
    # Words joined by dashes ("insecure-embedded-default-key") are readable, not random.
    if re.fullmatch(r"[a-z]+(?:[-_][a-z0-9]+)+", value):
        return False
    classes = sum(
        bool(re.search(pattern, value)) for pattern in (r"[a-z]", r"[A-Z]", r"[0-9]", r"[^\w]")
    )
    return entropy(value) >= 4.0 and classes >= 3


def mask(value):
    return value[:4] + "…" + f"({len(value)} chars)"


def scan_text(text):
    """Yield (line number, kind, masked value) for every secret-looking value in *text*."""
    for number, line in enumerate(text.splitlines(), start=1):
        if ALLOW_MARKER in line:
            continue
        for kind, pattern in PATTERNS:
            for match in pattern.finditer(line):
                yield number, kind, mask(match.group())
        for match in URL_PASSWORD.finditer(line):
            password, host = match.group(2), match.group(3)
            if password.lower() in HARMLESS_PASSWORDS or host.lower() in HARMLESS_HOSTS:
                continue
            if password.startswith(("$", "{", "<", "%")):
                continue
            yield number, "password in URL", mask(password)
        for match in ASSIGNMENT.finditer(line):
            if looks_random(match.group(1)):
                yield number, "random-looking secret", mask(match.group(1))


def repository_files(root):
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in listed:
        if name:
            path = Path(root) / name.decode()
            if path.is_file() and not path.is_symlink():
                yield path


def scan(root):
    findings = []
    for path in repository_files(root):
        if path.stat().st_size > MAX_BYTES:
            continue
        data = path.read_bytes()
        if b"\0" in data[:8192]:
            continue
        text = data.decode("utf-8", errors="replace")
        for number, kind, value in scan_text(text):
            findings.append(f"{path.relative_to(root)}:{number}: {kind}: {value}")
    return findings


def main(argv):
    root = Path(argv[1] if len(argv) > 1 else Path(__file__).resolve().parent.parent)
    findings = scan(root)
    for finding in findings:
        print(finding)
    print(f"secret scan: {len(findings)} finding(s) in {root}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
