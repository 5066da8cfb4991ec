# Loopbrug: `make run` serves the portal on the embedded defaults; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CHROMIUM ?= /usr/bin/chromium
# What WeasyPrint (the PDFs) needs from the system, as Debian names its packages.
PDF_DEBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
DEV_ENV := DEBUG=true
# The suite runs in TEST_PROCESSES processes (pytest-xdist), each with its own test database;
# tests that share one outside resource carry the same xdist_group and run in one process.
TEST_PROCESSES ?= 3
PARALLEL := -n $(TEST_PROCESSES) --dist loadgroup
TEST_ENV := SECRET_KEY=test-only-not-secret-0123456789abcdefghijklmnopqrstuvwxyz DEBUG=false SECURE_SSL_REDIRECT=false SECURE_COOKIES=false

.PHONY: backup restore lock run test test-fast lint format services totp browser pdf-deps vendor messages clean bench bench-skills bench-matching bench-quality bench-rescore audit fuzz bench-load

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Dependencies come from the lock files (exact versions, made from the ranges in pyproject.toml
# by `make lock`); the app itself is installed on top, without resolving anything again.
$(VENV)/.installed-run: requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q -e . --no-deps
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.lock
	$(BIN)/pip install -q -e . --no-deps
	touch $@ $(VENV)/.installed-run

## lock: remake requirements.lock (runtime) and requirements-dev.lock (runtime + dev) from the
## ranges in pyproject.toml, for Python 3.11 on any platform (uv, from PyPI); commit both
lock: | $(BIN)/python
	$(BIN)/pip install -q uv
	$(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 -q -o requirements.lock
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 -q \
	  -o requirements-dev.lock

# Background work under `make run`: Redis when REDIS_URL is set, otherwise a broker in files
# under var/broker/, so a real worker and beat run either way.
RUN_ENV := $(DEV_ENV) $(if $(REDIS_URL),,CELERY_BROKER_URL=filesystem://)

## run: make the virtualenv, migrate SQLite under var/, load the demo data, then serve on :8000
## with a Celery worker and beat beside it (Procfile.dev, run by honcho)
run: $(VENV)/.installed-run pdf-deps
	$(RUN_ENV) $(BIN)/python manage.py migrate --no-input -v0
	$(RUN_ENV) $(BIN)/python manage.py seed_demo
	PATH="$(CURDIR)/$(BIN):$$PATH" $(RUN_ENV) $(BIN)/honcho start -f Procfile.dev

## test: lint (ruff check and format, then the import layers), then all tests (browser tests need Chromium,
## PDFs need Pango: both installed here when missing)
test: $(VENV)/.installed-dev browser pdf-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(TEST_ENV) $(BIN)/python -m pytest $(PARALLEL) $(PYTEST_ARGS)

## test-fast: the inner loop: the tests without a browser and without started services (no
## Chromium, no gunicorn, Celery worker or private PostgreSQL), in parallel, without lint
test-fast: $(VENV)/.installed-dev
	$(TEST_ENV) $(BIN)/python -m pytest $(PARALLEL) -m "not browser and not services" $(PYTEST_ARGS)

## fuzz: the API contract test (tests/test_api_contract.py) with many more generated requests
## per operation and fresh random data each run; CONTRACT_EXAMPLES=200 make fuzz for even more
fuzz: $(VENV)/.installed-dev
	$(TEST_ENV) CONTRACT_FUZZ=1 CONTRACT_EXAMPLES=$${CONTRACT_EXAMPLES:-50} \
	  $(BIN)/python -m pytest -p no:cacheprovider tests/test_api_contract.py $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## browser: Debian's Chromium for the Playwright tests (no browser download by a test tool)
browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chromium ontbreekt: installeer het pakket 'chromium' (apt-get install chromium)."; \
	  fi; \
	fi

## pdf-deps: Pango and HarfBuzz for WeasyPrint, which renders the PDFs (installed with apt when
## run as root; otherwise the Debian packages to install are named)
pdf-deps:
	@if ! $(PYTHON) -c 'import ctypes.util as u, sys; sys.exit(not all(u.find_library(n) for n in ("pango-1.0", "pangoft2-1.0", "harfbuzz-subset")))'; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PDF_DEBS) >/dev/null; \
	  else \
	    echo "Pango ontbreekt: de PDF's werken niet. Installeer de Debian-pakketten $(PDF_DEBS) (apt-get install $(PDF_DEBS))."; \
	  fi; \
	fi

## services: gunicorn + Celery worker + beat against DATABASE_URL and REDIS_URL (no Docker)
services: $(VENV)/.installed-run
	@test -n "$$DATABASE_URL" -a -n "$$REDIS_URL" -a -n "$$SECRET_KEY" || \
	  { echo "Zet DATABASE_URL, REDIS_URL en SECRET_KEY (zie README)."; exit 1; }
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py collectstatic --no-input -v0
	trap 'kill 0' EXIT; \
	$(BIN)/gunicorn loopbrug.wsgi --bind $${BIND:-127.0.0.1:8000} --workers $${WEB_WORKERS:-2} & \
	$(BIN)/celery -A loopbrug worker --loglevel INFO --concurrency $${WORKER_CONCURRENCY:-2} & \
	$(BIN)/celery -A loopbrug beat --loglevel INFO --schedule var/celerybeat-schedule & \
	wait

## totp: the current two-factor code of a demo account, e.g. make totp EMAIL=coach@demo.loopbrug.nl
totp: $(VENV)/.installed-run
	@$(DEV_ENV) $(BIN)/python manage.py demo_totp $(EMAIL)

## messages: refresh and compile the English translation
messages: $(VENV)/.installed-dev
	$(DEV_ENV) $(BIN)/python manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=var
	$(DEV_ENV) $(BIN)/python manage.py compilemessages -l en --ignore=.venv

## vendor: refresh the NL Design System CSS, htmx and the Noto Sans font (Latin and Latin
## Extended, regular and bold, upright and italic; static/css/fonts.css) under static/vendor from npm
vendor:
	tmp=$$(mktemp -d) && cd $$tmp && npm init -y >/dev/null && \
	npm install -s @utrecht/component-library-css@9 @nl-design-system-unstable/voorbeeld-design-tokens@7 htmx.org@2 @fontsource/noto-sans@5 && \
	cp node_modules/@utrecht/component-library-css/dist/index.css $(CURDIR)/static/vendor/utrecht/component-library.css && \
	cp node_modules/@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css $(CURDIR)/static/vendor/nl-design-system/voorbeeld-theme.css && \
	cp node_modules/htmx.org/dist/htmx.min.js $(CURDIR)/static/vendor/htmx/htmx.min.js && \
	cp node_modules/@fontsource/noto-sans/LICENSE node_modules/@fontsource/noto-sans/files/noto-sans-latin{,-ext}-{400,700}-{normal,italic}.woff2 \
	  $(CURDIR)/static/vendor/fontsource/noto-sans/ && rm -rf $$tmp

## audit: pip-audit over the installed environment; fails on a known vulnerability, and says
## loudly (without failing) when the vulnerability service could not be reached
audit: $(VENV)/.installed-dev
	$(BIN)/python scripts/audit.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

## bench: caseload page with 300 trajecten against the login page (RESULT line at the end)
bench: $(VENV)/.installed-dev
	$(DEV_ENV) $(BIN)/python bench/caseload.py

## bench-skills: skill search over 15,000 skills (RESULT skill_search search_p95_ms=...)
bench-skills: $(VENV)/.installed-dev
	$(DEV_ENV) $(BIN)/python bench/skill_search.py

## bench-matching: full rescore of 100,000 profiles × 20,000 vacatures (RESULT matching ...)
bench-matching: $(VENV)/.installed-dev
	$(BIN)/python bench/matching.py

## bench-rescore: the nightly rescore end to end on PostgreSQL and Redis db 14 with a real worker
## (RESULT rescore_e2e ...); --profiles 10000 --vacatures 2000 for a quick one (BENCH_ARGS)
bench-rescore: $(VENV)/.installed-dev
	$(BIN)/python bench/rescore_e2e.py $(BENCH_ARGS)

## bench-quality: match quality on 36 labelled personas × 360 vacatures (bench/data/): nDCG@10 and
## precision@5 of /mijn-matches/ against a plain cosine, in seconds, no database (RESULT match_quality ...)
bench-quality: $(VENV)/.installed-dev
	$(BIN)/python bench/match_quality.py

## bench-load: 50 users against gunicorn + Celery on PostgreSQL and Redis db 15, the arrival rate
## rising in steps until p95 passes 300 ms or a request fails; capacity per role mix (RESULT load ...)
bench-load: $(VENV)/.installed-dev
	$(BIN)/python bench/load.py

## backup: the PostgreSQL database of DATABASE_URL (pg_dump, custom format) and the uploads
## (var/media) into a new dated folder under var/backups
backup:
	@scripts/backup.sh

## restore: make restore BACKUP=var/backups/<date>: that backup into the DATABASE_URL database
## and var/media
restore:
	@BACKUP="$(BACKUP)" scripts/restore.sh
