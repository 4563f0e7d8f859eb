# The two commands in the README are the contract: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
DEV_ENV := DEBUG=1

.PHONY: run test lint audit translations engine messages e2e unit mutants bench load seed clean

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=...)")'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

# Stamps make a second run reinstall nothing unless pyproject.toml changed.
$(VENV)/.run-deps: pyproject.toml | $(PY)
	$(PIP) install --quiet -e '.[postgres,dev]'
	@touch $@

$(VENV)/.test-deps: pyproject.toml | $(PY)
	$(PIP) install --quiet -e '.[test,postgres,dev]'
	@touch $@ $(VENV)/.run-deps

$(VENV)/.load-deps: pyproject.toml | $(PY)
	$(PIP) install --quiet -e '.[postgres,load]'
	@touch $@

# Development settings for every manage.py command (the README's `assess` and `render_report` too):
# DEBUG on and a random SECRET_KEY, written once; the environment still wins over the file.
.env:
	@printf '# Written by make run for development. Do not use these values in production.\nDEBUG=1\nSECRET_KEY=%s\n' \
		"$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')" > $@

# Languages (docs/languages.md): the .po catalogues are the source, the .mo files are built from them
# (GNU gettext's msgfmt) and not committed.
MO := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

locale/%.mo: locale/%.po
	msgfmt --check-format -o $@ $<

# After changing any text a person reads: collect it into the catalogues, then translate the new entries.
messages: $(VENV)/.run-deps
	$(DEV_ENV) $(PY) manage.py makemessages --locale=fr --locale=de

# Every entry translated, none fuzzy, placeholders matching, and nothing makemessages would add.
translations: $(VENV)/.test-deps $(MO)
	$(PY) scripts/check_translations.py

# `make run PORT=8642` serves on another port: honcho hands it to the web process as PORT (Procfile.dev).
PORT ?= 8000

run: $(VENV)/.run-deps .env $(MO)
	$(DEV_ENV) $(PY) manage.py migrate --noinput
	$(DEV_ENV) $(PY) manage.py createcachetable
	$(DEV_ENV) $(PY) manage.py seed_demo
	@echo ""
	@echo "  CAIO Advisor is at http://127.0.0.1:$(PORT)"
	@echo "  Demo login: username 'demo', password 'demo-advisor-2026'"
	@echo "  (colleagues 'cora' and 'carl', same password, are on Northwind Logistics' panel of raters)"
	@echo "  (the web server and one background worker run together; Ctrl-C stops both)"
	@echo ""
	$(DEV_ENV) PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/honcho start -f Procfile.dev -p $(PORT)

lint: $(VENV)/.test-deps
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=1 $(VENV)/bin/mypy caio assessments
	$(VENV)/bin/lint-imports

# The suite, browser tests included, on one pytest-xdist worker per CPU this process may use (`nproc`): the
# suite is CPU-bound (Chromium, WeasyPrint): on two cores, four workers were no faster than two. Whole files per
# worker, so module-scoped rows are made once; each worker has its own test database and live server;
# TEST_WORKERS=0 runs it in one process. Beside it, the checks, themselves side by side: lint, the dependency
# audit (mostly waiting on the network), the catalogues, and the engine's tests without Django, which must reach
# every branch of the engine. Their output is printed after the suite's; `make test` fails if either fails. On
# two cores this uses the time the suite leaves idle: 17 s less than running the checks first.
ENGINE_TESTS := tests/engine -p no:django -p no:env --confcutdir=tests/engine -W ignore::pytest.PytestConfigWarning
TEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
test: $(VENV)/.test-deps $(MO)
	@checks_log=$$(mktemp); \
	$(MAKE) --no-print-directory -j4 --output-sync=target lint audit translations engine >$$checks_log 2>&1 & checks=$$!; \
	echo "checks (lint, audit, translations, engine) run beside the suite; their output follows its"; \
	echo "$(VENV)/bin/pytest --ignore=tests/engine -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder"; \
	$(VENV)/bin/pytest --ignore=tests/engine -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder; suite=$$?; \
	wait $$checks; checks_status=$$?; cat $$checks_log; rm -f $$checks_log; \
	test $$suite -eq 0 -a $$checks_status -eq 0

engine: $(VENV)/.test-deps
	$(VENV)/bin/pytest $(ENGINE_TESTS) -q --cov=assessments.engine --cov-branch --cov-fail-under=100 \
		--cov-report=term-missing:skip-covered

# pip-audit over the venv; a skip (vulnerability data unreachable) is printed as SKIPPED, never as a pass,
# and fails the target when AUDIT_REQUIRED=1.
audit: $(VENV)/.test-deps
	$(PY) scripts/audit.py

unit: $(VENV)/.test-deps $(MO)
	$(VENV)/bin/pytest -m "not e2e"

e2e: $(VENV)/.test-deps $(MO)
	$(VENV)/bin/pytest -m e2e

# Not part of `make test` (about 1½ hours on two shared cores): mutation testing of the engine with mutmut
# against tests/engine ([tool.mutmut] in pyproject.toml); fails below 90 % killed. Score and survivors:
# docs/testing.md.
mutants: $(VENV)/.test-deps $(MO)
	rm -rf mutants
	$(VENV)/bin/mutmut run
	$(PY) scripts/mutation_score.py --minimum 90

# Not part of `make test` (about 3 minutes): Locust against gunicorn, figures into docs/reliability.md.
# SQLite by default; PostgreSQL with `make load DATABASE_URL=postgres:///caio_load` (that database is re-created).
# Options: make load LOAD_ARGS="--users 50 --time 5m --workers 2" (see load/run.py --help).
load: $(VENV)/.load-deps
	$(PY) load/run.py $(LOAD_ARGS)

# Not part of `make test` (about 10 minutes): its own data, gunicorn + wrk + a db_worker, engine, page, PDF
# and background-report timings into docs/benchmarks.md and docs/benchmarks.json. BENCH_QUICK=1 for a rough
# 5-minute pass.
bench: $(VENV)/.test-deps
	$(PY) -m bench.run

clean:
	rm -rf $(VENV) var mutants .pytest_cache .mypy_cache .ruff_cache .import_linter_cache $(MO)
