# Mesa de Partes Virtual: `make run` serves the app, `make test` proves it. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := run

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
BUN := .tools/node_modules/.bin/bun
AXE := .tools/node_modules/axe-core/axe.min.js
PORT ?= 3000
PYTEST_ARGS ?=

export PATH := $(CURDIR)/.tools/node_modules/.bin:$(CURDIR)/$(VENV)/bin:$(PATH)
export REFLEX_USE_SYSTEM_BUN := 1
export REFLEX_TELEMETRY_ENABLED := false
export REFLEX_CHECK_LATEST_VERSION := false
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run dev test test-unit test-integration test-e2e bench lint format migrate seed deps \
	deps-dev chromium nginx system-deps clean run-prod

## run: install everything, migrate, load catalogs and serve http://localhost:$(PORT)
run: deps migrate seed
	$(PY) -m mpv_app.cli cargo-keys
	@echo "First admin: .venv/bin/python -m mpv_app.cli create-staff --email you@petroperu.com.pe --role admin"
	@echo "(prints a link to choose the password; or set MPV_STAFF_PASSWORD). See README."
	$(VENV)/bin/reflex run --env prod --single-port --backend-port $(PORT)

## run-prod: PostgreSQL + Redis + MPV_PROD_WORKERS backends behind nginx (README, "Production
## topology"); needs MPV_DATABASE_URL and MPV_REDIS_URL
run-prod: deps nginx
	$(PY) deploy/run_prod.py

## dev: the same with Reflex's hot-reloading dev server
dev: deps migrate seed
	$(VENV)/bin/reflex run --env dev

deps: $(VENV)/.stamp-run $(BUN) system-deps

deps-dev: deps $(VENV)/.stamp-dev

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip

$(VENV)/.stamp-run: pyproject.toml | $(VENV)/bin/python
	$(VENV)/bin/pip install --quiet -e .
	touch $@

$(VENV)/.stamp-dev: pyproject.toml $(VENV)/.stamp-run
	$(VENV)/bin/pip install --quiet -e ".[dev]"
	touch $@

# bun comes from the npm registry: Reflex needs it, and the machine's Node is too old for npm mode.
$(BUN):
	npm install --prefix .tools --no-audit --no-fund --loglevel=error "bun@>=1.4.4 <2"
	$(BUN) --version

# axe-core (npm registry) is the accessibility engine the e2e suite injects into every page.
$(AXE): | $(BUN)
	npm install --prefix .tools --no-audit --no-fund --loglevel=error "axe-core@>=4.10 <5"
	test -f $@

# python-magic needs libmagic; the receipt PDF prefers DejaVu fonts (it falls back to core
# fonts without them). Installed the Debian way, only when missing.
system-deps:
	@$(PY) -c "import magic" 2>/dev/null && test -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf \
		|| (apt-get update -qq && apt-get install -y -qq libmagic1 fonts-dejavu-core)

chromium:
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium)

nginx:
	@test -x /usr/sbin/nginx || (apt-get update -qq && apt-get install -y -qq nginx-light)

migrate: deps
	$(VENV)/bin/alembic upgrade head

seed: deps
	$(PY) -m mpv_app.cli seed

## test: unit + integration (SQLite, and PostgreSQL when MPV_TEST_DATABASE_URL is set), then e2e
# Session expiry runs the app with a 12-second idle timeout, so it gets its own e2e run.
SHORT_SESSION := {"MPV_SESSION_IDLE_MINUTES": "0.2", "MPV_SESSION_WARNING_MINUTES": "0.15", "MPV_SESSION_CHECK_SECONDS": "1"}

# Unit and integration tests are isolated (throwaway databases and folders): two workers.
# The topology test (nginx + three backends, one killed mid-filing) runs on its own too; it
# skips without MPV_TEST_DATABASE_URL / MPV_TEST_REDIS_URL (CI sets both, see .ci/run).
test: deps-dev chromium nginx $(AXE) lint
	$(PY) -m pytest tests/unit tests/integration -q -n 2 $(PYTEST_ARGS)
	$(PY) -m pytest tests/e2e -q -m "not session_expiry and not topology" $(PYTEST_ARGS)
	MPV_E2E_APP_ENV='$(SHORT_SESSION)' $(PY) -m pytest tests/e2e -q -m session_expiry $(PYTEST_ARGS)
	$(PY) -m pytest tests/e2e -q -m topology $(PYTEST_ARGS)

test-unit: deps-dev
	$(PY) -m pytest tests/unit -q $(PYTEST_ARGS)

test-integration: deps-dev
	$(PY) -m pytest tests/integration -q $(PYTEST_ARGS)

test-e2e: deps-dev chromium nginx $(AXE)
	$(PY) -m pytest tests/e2e -q -m "not session_expiry and not topology" $(PYTEST_ARGS)
	MPV_E2E_APP_ENV='$(SHORT_SESSION)' $(PY) -m pytest tests/e2e -q -m session_expiry $(PYTEST_ARGS)
	$(PY) -m pytest tests/e2e -q -m topology $(PYTEST_ARGS)

bench: deps-dev chromium nginx
	@for script in bench/*.py; do \
		case "$$script" in bench/common.py|bench/load_*.py) continue;; esac; \
		echo "== $$script"; $(PY) $$script || exit 1; \
	done

lint: deps-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy mpv_app/domain mpv_app/services

format: deps-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf .web .states test-results
