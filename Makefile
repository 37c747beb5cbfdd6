# The two commands a newcomer needs: `make run` and `make test`.

# The venv is built with PYTHON when it is given (`make run PYTHON=python3.12`), otherwise with
# the newest Python 3.11 to 3.13 on PATH; ops/find_python.sh says which, or what to install.
override PYTHON := $(shell sh ops/find_python.sh $(PYTHON))
ifneq ($(words $(PYTHON)),1)
$(error $(or $(PYTHON),ops/find_python.sh found no Python))
endif
VENV ?= .venv
PY := $(VENV)/bin/python
version = $(shell $(1) -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)
PY_VERSION := $(call version,$(PYTHON))
VENV_VERSION := $(call version,$(PY))
STAMP := $(VENV)/.installed-py$(PY_VERSION)-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1:8000

.PHONY: run test install new-venv migrate demo serve lint messages bench

run: install migrate demo serve

# A venv of another Python version, or a broken one, is built anew rather than patched.
ifneq ($(VENV_VERSION),$(PY_VERSION))
$(STAMP): new-venv
endif
new-venv:
	@if [ -e $(VENV) ]; then \
		[ -f $(VENV)/pyvenv.cfg ] || { echo "$(VENV) is not a venv: move it away or give another VENV=" >&2; exit 1; }; \
		echo "$(VENV) holds $(if $(VENV_VERSION),Python $(VENV_VERSION),no working Python), not $(PY_VERSION): building it anew"; \
		rm -rf $(VENV); \
	fi

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

serve:
	@echo "Portal: http://$(HOST)/ (Bangla), http://$(HOST)/en/ (English), admin at /admin/"
	@echo "Demo sign-ins: admin, curator, up-editor, registry-officer, policymaker; password hlp-demo-2026"
	$(PY) manage.py runserver $(HOST)

# The whole suite, after lint, the import layers (contracts in pyproject.toml) and the
# migrations check. When DATABASE_URL points at PostgreSQL, a second pass runs, on the embedded
# SQLite database, the search behaviour tests (its FTS5 tokenising differs) and any test marked
# `sqlite`. The thirty slowest tests are listed at the end, to keep an eye on the suite's time.
# The SQLite pass runs in parallel, one process per core up to four (pytest-xdist; each process
# has its own test database, Redis databases, media folder and index prefix:
# hlp_site/settings/test.py). The whole suite runs in one process: beside PostgreSQL,
# Elasticsearch and the browser on the same cores it gained nothing in parallel, and its browser
# tests' waits grew. Under `pytest -n`, the tests marked `serial` (they stop the suite's
# Elasticsearch) are skipped: run them alone.
# After a run on PostgreSQL, the SQLite-specific tests run again on SQLite (SQLITE_PASS=no skips
# it: CI runs them in its pass on the newest Python instead).
SQLITE_PASS ?= yes

test: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	DJANGO_SETTINGS_MODULE=hlp_site.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=hlp_site.settings.test $(PY) manage.py check
	$(PY) -m pytest --durations=30 $(PYTEST_ARGS)
	@case "$$DATABASE_URL:$(SQLITE_PASS)" in postgres*:yes) \
		echo "SQLite pass:"; DATABASE_URL= $(PY) -m pytest -p no:cacheprovider -n auto --maxprocesses 4 \
			-m "sqlite or not (postgres or redis or elasticsearch or browser)" \
			tests/search $$(grep -rl "mark.sqlite" tests --include="test_*.py") $(PYTEST_ARGS);; esac

lint:
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# Recompile the Bangla translations after editing locale/bn/LC_MESSAGES/django.po.
messages: install
	$(PY) -m hlp_site.i18n_compile

bench: install
	$(PY) -m benchmarks

# Load test: 100 visitors for 60 s against gunicorn with the production settings on PostgreSQL,
# Redis and Elasticsearch, loopback only (benchmarks/load/__main__.py; ops/README.md).
.PHONY: load
load: install
	$(PY) -m benchmarks.load
