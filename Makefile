# Two commands for a newcomer: `make run` (set up everything and serve on http://127.0.0.1:5000)
# and `make test` (set up everything and run every test). Everything else here serves those two.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app app
HOST ?= 127.0.0.1
PORT ?= 5000
PG_TEST_URL ?= postgresql://127.0.0.1:5432/test
PYTEST_ARGS ?=
# The address people type; links in emails are built on it (set it to the machine's LAN address or domain
# when phones connect: `make run HOST=0.0.0.0 PUBLIC_URL=http://192.168.1.20:5000`).
PUBLIC_URL ?= http://$(HOST):$(PORT)

.PHONY: setup run serve demo-reset test test-postgres test-cluster test-faults lint format translations extract-messages db demo bench bench-small cluster clean help

help:
	@echo "make run            set up and serve the platform with the demo on http://$(HOST):$(PORT)"
	@echo "make test           set up and run every test (lint, unit, integration, socket, browser) on SQLite"
	@echo "make test-postgres  the same suite against PostgreSQL ($(PG_TEST_URL))"
	@echo "make test-faults    the fault suite: floods, database and Redis outages, crashes (PostgreSQL, redis-server, root)"
	@echo "make bench          the full benchmarks (bench/README.md)"
	@echo "make translations   extract strings, update and compile the catalogues"

# --- setup ---------------------------------------------------------------------------------
$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (PYTHON=python3.11 make …)")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	@touch $@

node_modules/.installed: package.json
	@command -v npm >/dev/null 2>&1 || sh scripts/ensure-node.sh
	npm install --no-audit --no-fund --loglevel=error
	@touch $@

static/vendor/.copied: node_modules/.installed scripts/vendor.mjs
	node scripts/vendor.mjs
	@touch $@

translations/.compiled: $(VENV)/.installed $(wildcard translations/*/LC_MESSAGES/messages.po)
	$(VENV)/bin/pybabel compile -d translations
	@touch $@

setup: $(VENV)/.installed static/vendor/.copied translations/.compiled

db: setup
	$(FLASK) db upgrade

demo: db
	PUBLIC_URL=$(PUBLIC_URL) $(FLASK) demo seed --refresh

# Rebuild the demo event and its accounts from scratch, around today.
demo-reset: db
	PUBLIC_URL=$(PUBLIC_URL) $(FLASK) demo seed --reset

# --- run -----------------------------------------------------------------------------------
run: demo
	@echo ""
	@echo "Serving on http://$(HOST):$(PORT)  (Ctrl-C stops it)"
	HOST=$(HOST) PORT=$(PORT) PUBLIC_URL=$(PUBLIC_URL) $(PY) app.py

serve: setup
	HOST=$(HOST) PORT=$(PORT) PUBLIC_URL=$(PUBLIC_URL) $(PY) app.py

# --- tests ---------------------------------------------------------------------------------
chromium:
	@sh scripts/ensure-chromium.sh

lint: setup
	$(VENV)/bin/ruff check .

test: setup chromium lint
	$(PY) -m pytest $(PYTEST_ARGS)

test-cluster: setup
	$(PY) -m pytest tests/cluster -o addopts='' $(PYTEST_ARGS)

test-faults: setup
	$(PY) -m pytest tests/faults -o addopts='' -ra $(PYTEST_ARGS)

test-postgres: setup chromium
	TEST_DATABASE_URL=$(PG_TEST_URL) $(PY) -m pytest $(PYTEST_ARGS)

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# --- translations --------------------------------------------------------------------------
extract-messages: setup
	$(VENV)/bin/pybabel extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot --no-location --sort-output --width 120 --project hackathon .
	$(VENV)/bin/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete --width 120

translations: extract-messages
	$(VENV)/bin/pybabel compile -d translations

# --- benchmarks ----------------------------------------------------------------------------
bench: setup
	$(PY) -m bench --size full

bench-small: setup
	$(PY) -m bench --size small

cluster: setup
	$(PY) -m bench.cluster --workers $${WORKERS:-4} --port $${CLUSTER_PORT:-8080}

clean:
	rm -rf $(VENV) node_modules static/vendor translations/*/LC_MESSAGES/*.mo translations/.compiled
