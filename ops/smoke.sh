#!/usr/bin/env bash
# Check that a portal database (e.g. one just restored) is complete and serves pages.
#
#   DATABASE_URL=postgres://... MEDIA_ROOT=dir ops/smoke.sh
#
# HLP_PYTHON names the interpreter (default: the project's .venv).
# Runs with the settings in DJANGO_SETTINGS_MODULE (default hlp_site.settings.dev, which needs
# no secrets); fails when a migration is missing, the system checks fail, or the home page,
# the English home page or /health/ do not answer 200.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Not PYTHON: make exports that (the interpreter that builds the venv) to every recipe.
python="${HLP_PYTHON:-$repo/.venv/bin/python}"
cd "$repo"
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-hlp_site.settings.dev}"

"$python" manage.py migrate --check --noinput
"$python" manage.py check
"$python" manage.py shell -c '
import sys
from django.test import Client
client = Client(headers={"host": "localhost"})
failed = False
for path in ("/", "/en/", "/health/"):
    status = client.get(path).status_code
    print(f"smoke: GET {path} -> {status}")
    failed = failed or status != 200
sys.exit(1 if failed else 0)
'
echo "smoke: ok"
