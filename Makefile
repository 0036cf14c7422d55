# Linli 邻里 — developer commands. `make help` lists them.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

# The interpreter that creates .venv (Python >= 3.11).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8000
# Extra pytest arguments: make test ARGS="-k orders -x"
ARGS ?=
# pytest-xdist workers for make test (one per core); 0 runs the suite in one process.
TEST_WORKERS ?= auto
# The clock sweep: instants drawn for the tests other than the demo's (FULL=1: all).
CLOCK_SAMPLE ?= 1
FULL ?=
# One benchmark section: make bench ONLY=reviews
ONLY ?=

# Each command picks its own settings (manage.py: embedded; pytest: test, from
# pyproject.toml); a DJANGO_SETTINGS_MODULE left in the shell must not leak in.
unexport DJANGO_SETTINGS_MODULE

export PIP_DISABLE_PIP_VERSION_CHECK := 1

# Translations: every .po outside the virtualenv compiles to a .mo beside it.
PO_FILES := $(shell find . \( -path ./.venv -o -path ./node_modules -o -path ./.git -o -path ./var \) -prune -o -name '*.po' -print 2>/dev/null)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: help venv install messages run test clock-sweep bench lint services services-stop clean

help:
	@echo "make run            install if needed, migrate, seed the demo, serve http://127.0.0.1:$(PORT)"
	@echo "make test [ARGS=…]  run the test suite (pytest, one worker per core)"
	@echo "make clock-sweep    the demo's tests at every instant of tests/clock.py's sweep, the other"
	@echo "                    clock-dependent tests at CLOCK_SAMPLE ($(CLOCK_SAMPLE)) drawn at random (FULL=1: at all)"
	@echo "make bench [ONLY=…] benchmarks side by side on SQLite and PostgreSQL (if up): table + bench/results.json"
	@echo "                    (ONLY=signup, reviews or search: one section; search also runs Elasticsearch if ELASTICSEARCH_URL is set)"
	@echo "make lint           ruff check . and lint-imports (the layers, docs/architecture.md)"
	@echo "make services       start PostgreSQL, Elasticsearch and stripe-mock (scripts/*.sh); prints their URLs"
	@echo "make services-stop  stop it"
	@echo "make venv           create .venv and install the project (again when pyproject.toml changes)"
	@echo "make clean          remove var/ and .venv"

venv install: $(STAMP)

$(STAMP): pyproject.toml
	@if [[ ! -x $(PY) ]]; then \
		$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "$(PYTHON) is Python " + sys.version.split()[0] + "; Linli needs >= 3.11 (make PYTHON=python3.12 …)")'; \
		echo "==> creating $(VENV) with $$($(PYTHON) --version)"; \
		$(PYTHON) -m venv $(VENV); \
	fi
	@$(PY) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "$(VENV) has Python " + sys.version.split()[0] + "; Linli needs >= 3.11: make clean, then make PYTHON=python3.12 venv")'
	@echo "==> installing Linli and its dependencies into $(VENV)"
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $@

messages: $(MO_FILES)

%.mo: %.po
	@if command -v msgfmt >/dev/null; then msgfmt --check-format -o $@ $<; \
	else echo "msgfmt not found (apt-get install gettext): keeping the committed $@" >&2; touch $@; fi

run: $(STAMP) messages
	@mkdir -p var/static  # STATIC_ROOT: WhiteNoise warns when it is missing
	DJANGO_SETTINGS_MODULE=config.settings.embedded $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=config.settings.embedded $(PY) manage.py seed_demo
	@echo "==> serving http://127.0.0.1:$(PORT)/ (Ctrl-C stops)"
	DJANGO_SETTINGS_MODULE=config.settings.embedded $(PY) manage.py runserver 127.0.0.1:$(PORT)

# pytest's own exit code decides; 5 (no tests collected) fails like any other. A
# module's tests stay on one worker (--dist loadscope): its module fixtures (the seeded
# demo) are set up once.
test: $(STAMP) messages
	@rc=0; $(PY) -m pytest -n $(TEST_WORKERS) --dist loadscope $(ARGS) || rc=$$?; \
	if [[ $$rc -ne 0 ]]; then echo "pytest exited with status $$rc" >&2; fi; \
	exit $$rc

# The tests marked clock_sweep, run at pinned instants (tests/clock.py): the demo's at
# every one; the others at CLOCK_SAMPLE of them, drawn with a seed the header prints.
# A module's tests at one instant stay on one worker, which seeds the demo once for them.
clock-sweep: $(STAMP) messages
	@rc=0; $(PY) -m pytest -n $(TEST_WORKERS) --dist loadscope -m clock_sweep \
		--clock-sweep=$(if $(FULL),all,$(CLOCK_SAMPLE)) --clock-sweep-every=tests/marketplace/demo \
		$(ARGS) || rc=$$?; \
	if [[ $$rc -ne 0 ]]; then echo "pytest exited with status $$rc" >&2; fi; \
	exit $$rc

bench: $(STAMP)
	ONLY=$(ONLY) DJANGO_SETTINGS_MODULE=config.settings.embedded $(PY) -m bench.run

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(PY) scripts/app_graph.py

# Scale-up components for local runs.
services:
	@bash scripts/postgres.sh start
	@bash scripts/elasticsearch.sh start
	@bash scripts/stripe-mock.sh start
	@echo
	@echo "PostgreSQL, Elasticsearch and stripe-mock are up. To use them:"
	@echo "  export DATABASE_URL=$$(bash scripts/postgres.sh url)"
	@echo "  export ELASTICSEARCH_URL=$$(bash scripts/elasticsearch.sh url)"
	@echo "  export STRIPE_API_BASE=$$(bash scripts/stripe-mock.sh url) STRIPE_SECRET_KEY=sk_test_linli"

services-stop:
	@bash scripts/stripe-mock.sh stop
	@bash scripts/elasticsearch.sh stop
	@bash scripts/postgres.sh stop

clean:
	rm -rf var $(VENV) .pytest_cache .ruff_cache .hypothesis *.egg-info
	find . -path ./.git -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +
