# Alongside: `make run` for the demo site, `make test` for the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STAMP := $(VENV)/.installed
AXE := .cache/npm/node_modules/axe-core/axe.min.js
CHROMIUM ?= /usr/bin/chromium

.PHONY: run setup demo test test-fast test-faults test-client lint typecheck format bench profile clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/python manage.py migrate --no-input -v0
	$(BIN)/python manage.py load_demo

## run: set everything up, load the demo, serve on http://127.0.0.1:8000 with a task worker, both supervised
run: demo
	@echo "Starting a task worker and the site on http://localhost:$(PORT) (RA demo: http://ra.localhost:$(PORT))"
	@echo "Either is restarted if it stops; Ctrl-C stops both."
	@$(BIN)/python scripts/supervise.py \
		"web=$(BIN)/python manage.py runserver 0.0.0.0:$(PORT)" \
		"worker=$(BIN)/python manage.py worker --interval 1"

$(AXE):
	mkdir -p .cache/npm
	npm install --silent --no-audit --no-fund --prefix .cache/npm axe-core@4.11.0

$(CHROMIUM):
	@if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	else echo "Browser tests need Chromium at $(CHROMIUM): install it (Debian: apt-get install chromium) or set CHROMIUM=/path"; exit 1; fi

## test: the whole suite, browser tests included (Chromium from Debian's packages). The suites
## that run once in .ci/run (API fuzz, backup, fault suite) are left out unless MARKS selects them
test: setup $(AXE) $(CHROMIUM)
	CHROMIUM=$(CHROMIUM) AXE_JS=$(AXE) $(BIN)/python -m pytest -n 2 -q $(if $(MARKS),-m "$(MARKS)")

## test-fast: everything but the browser tests and the suites that run once
test-fast: setup
	$(BIN)/python -m pytest -n 2 -q -m "not browser and not faults and not fuzz and not backup and not client"

## test-faults: PostgreSQL and Redis of its own, stopped and started under load (faults/)
test-faults: setup
	$(BIN)/python -m pytest faults -m faults -q --timeout 900 -p no:randomly

## test-client: clients generated from both OpenAPI documents drive a whole journey over HTTP
test-client: setup
	$(BIN)/python -m pytest alongside/accounts/tests/test_generated_client.py -q -s -m client -p no:randomly --timeout 1500

## bench: the production stack under load at each size (SIZES="3000" for a quick run); see bench/README.md
SIZES ?= 3000 216000 1000000
bench: setup
	$(BIN)/python bench/run.py --sizes "$(SIZES)" $(BENCH_ARGS)

## profile: where each signed-in page spends its time (cProfile, production settings, the bench's
## database for a size); PROFILE_ARGS="--size 216000 --only question" or "--timing"; see bench/README.md
profile: setup
	$(BIN)/python bench/profile_pages.py $(PROFILE_ARGS)

## lint: style, the layer order (.importlinter, docs/architecture.md), types, Django's checks,
## migrations
lint: setup typecheck
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

## typecheck: mypy with django-stubs over every app's services, selectors and api modules
## (docs/architecture.md, "Types")
typecheck: setup
	$(BIN)/mypy alongside/*/services.py alongside/*/selectors.py alongside/*/api.py

format: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .cache db.sqlite3 db.sqlite3-* media staticfiles
