# Two commands for a fresh machine: `make run` serves the demo store, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 5000
FLASK := $(BIN)/flask --app wsgi

.PHONY: run test test-fast test-oracle lint bench bench-engine bench-http bench-checkout bench-codes fuzz serve-prod

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

run: $(VENV)/.installed
	$(FLASK) db upgrade
	$(FLASK) seed-demo
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

test: $(VENV)/.installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# While working: unit and SQLite integration tests only (no browser, no PostgreSQL, no API fuzzing).
test-fast: $(VENV)/.installed
	HYPOTHESIS_PROFILE=fast $(BIN)/python -m pytest tests/unit tests/integration -m "not browser" -k "not postgresql" -q $(PYTEST_ARGS)

# The stacking oracle (tests/unit/engine/test_oracle.py) with many more examples than `make test`.
ORACLE_EXAMPLES ?= 10000
test-oracle: $(VENV)/.installed
	ORACLE_EXAMPLES=$(ORACLE_EXAMPLES) $(BIN)/python -m pytest tests/unit/engine/test_oracle.py -q $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/lint-imports --no-cache

bench-engine: $(VENV)/.installed
	$(BIN)/python -m benchmarks.engine

bench-http: $(VENV)/.installed
	$(BIN)/python -m benchmarks.http

bench-checkout: $(VENV)/.installed
	$(BIN)/python -m benchmarks.checkout

bench-codes: $(VENV)/.installed
	$(BIN)/python -m benchmarks.code_batches

bench: bench-engine bench-http bench-checkout bench-codes

# Schemathesis with many more examples per operation than `make test` (FUZZ_EXAMPLES, FUZZ_SEED).
FUZZ_EXAMPLES ?= 200
fuzz: $(VENV)/.installed
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest tests/api/test_schemathesis.py -q $(PYTEST_ARGS)

serve-prod: $(VENV)/.installed
	$(FLASK) db upgrade
	$(BIN)/gunicorn -c gunicorn.conf.py wsgi:app
