# Thrive: the two commands a newcomer needs are `make run` and `make test`.
# Everything they need is built here from pyproject.toml and package.json.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ASSETS := src/thrive/web/static/thrive
HOST ?= 127.0.0.1
PORT ?= 8000
PG_PROBE := $(BIN)/python -c "import socket,sys; s=socket.socket(); s.settimeout(1); sys.exit(s.connect_ex(('127.0.0.1',5432)))"
LINTED := $(wildcard src tests bench)
PG_TEST_URL ?= $(or $(THRIVE_TEST_POSTGRES_URL),postgres://postgres@127.0.0.1:5432/test)

.PHONY: help install assets run serve demo test test-sqlite test-postgres lint bench bench-quick clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(BIN)/thrive: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(BIN)/thrive ## create .venv and install Thrive with its development tools

$(ASSETS)/.built: package.json $(wildcard package-lock.json) $(wildcard src/thrive/web/assets/*)
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(ASSETS)/govuk
	npx sass --load-path=node_modules --no-source-map --style=compressed --quiet-deps \
		src/thrive/web/assets/thrive.scss $(ASSETS)/thrive.css
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(ASSETS)/govuk/
	cp -r node_modules/govuk-frontend/dist/govuk/assets $(ASSETS)/govuk/
	cp node_modules/htmx.org/dist/htmx.min.js $(ASSETS)/
	cp src/thrive/web/assets/*.js $(ASSETS)/
	@touch $@

assets: $(ASSETS)/.built ## build the front-end assets (GOV.UK Frontend, htmx) from npm

demo: install ## migrate, load the demo authority and the published statistics (unless already loaded)
	$(BIN)/thrive migrate --verbosity 0
	$(BIN)/thrive import dfe-stats --if-none --user "make demo (shipped table)"
	$(BIN)/thrive demo

run: install assets demo ## set everything up, load the demo authority and serve on 127.0.0.1:8000
	$(BIN)/thrive serve --host $(HOST) --port $(PORT)

lint: install ## ruff, mypy and the layers' contracts (import-linter)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

test-sqlite: install assets
	THRIVE_DATABASE_URL= $(BIN)/pytest

test-postgres: install assets
	THRIVE_DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest

test: lint test-sqlite ## ruff, mypy, then pytest on SQLite and, when one answers, on PostgreSQL
	@if [ -n "$(THRIVE_TEST_POSTGRES_URL)" ] || $(PG_PROBE); then \
		echo "== PostgreSQL: $(PG_TEST_URL)"; \
		$(MAKE) --no-print-directory test-postgres; \
	else \
		echo "== PostgreSQL: none answering on 127.0.0.1:5432 and THRIVE_TEST_POSTGRES_URL unset: skipped"; \
	fi

# Each benchmark builds the demo stores it needs under bench/.stores/ (or $$THRIVE_BENCH_STORES)
# on first use and reuses them; every one runs even if another fails, and the target fails after.
BENCH_EACH = failed=""; for b in bench/*/run.py; do echo "== $$b $(1)"; \
	$(BIN)/python "$$b" $(1) || failed="$$failed $$b"; done; \
	if [ -n "$$failed" ]; then echo "== failed:$$failed"; exit 1; fi

bench: install ## run every benchmark under bench/ at full size (the first run builds the scale-20 store: 8-22 min)
	@$(call BENCH_EACH,)

bench-quick: install ## run every benchmark small (--quick): a smoke run, minutes not hours
	@$(call BENCH_EACH,--quick)

clean: ## remove the environment, built assets and local data
	rm -rf $(VENV) node_modules $(ASSETS) var .pytest_cache .mypy_cache .ruff_cache bench/.stores
