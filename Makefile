# argmap: `make` sets everything up and builds the figures and the reader; `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CLAIMS := claims.csv
PKG    := $(wildcard argmap/*.py argmap/*/*.py argmap/schemas/*.json)
DATA   := $(CLAIMS) events.csv scorecard.csv questions.csv $(wildcard sources/*) datapackage.json

.PHONY: all setup validate figures reader screenshot notebooks test lint browser lab bench clean help

all: figures reader ## set up, validate, and build figures/ and the reading site in docs/

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

setup: $(STAMP) ## create .venv and install the pinned requirements and the package

$(STAMP): requirements.txt pyproject.toml package.json package-lock.json
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "argmap needs Python 3.11 or newer; run make PYTHON=python3.11")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	$(BIN)/python -c "import matplotlib.pyplot"  # build the font cache now, not inside a notebook
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund; else echo "npm not found: the Argdown CLI is not installed and its tests will be skipped"; fi
	@touch $@

validate: $(STAMP) ## check claims.csv against the schema and the source
	$(BIN)/argmap validate $(CLAIMS)

figures: figures/.built ## regenerate figures/ from claims.csv (only when an input changed)

figures/.built: $(STAMP) $(DATA) $(PKG)
	$(BIN)/argmap validate $(CLAIMS)
	$(BIN)/argmap render $(CLAIMS) -o figures --format svg,png,pdf,dot
	$(BIN)/argmap charts $(CLAIMS) -o figures
	$(BIN)/argmap export --to aif $(CLAIMS) -o exports/claims.aif.json
	$(BIN)/argmap export --to argdown $(CLAIMS) -o exports/claims.argdown
	$(BIN)/argmap export --to markdown $(CLAIMS) -o exports/claims.md
	$(BIN)/argmap export --to graphml $(CLAIMS) -o exports/claims.graphml
	$(BIN)/argmap events events.csv --claims $(CLAIMS) --figure figures/timeline.svg
	$(BIN)/argmap scorecard scorecard.csv --claims $(CLAIMS) --events events.csv
	$(BIN)/argmap questions questions.csv --claims $(CLAIMS)
	$(BIN)/argmap handout --claims $(CLAIMS) --branch R3 -o examples/classroom/handout-R3.pdf
	@touch $@

reader: docs/.built ## build the reading site in docs/ (committed) from claims.csv, figures/ and the committed notebooks

docs/.built: $(STAMP) figures/.built $(DATA) $(PKG) $(wildcard notebooks/*.ipynb) $(wildcard argmap/site/static/*)
	$(BIN)/argmap reader -o docs
	@$(MAKE) --no-print-directory screenshot
	@touch $@

screenshot: ## the README's picture of the two-pane page (docs/screenshot.png), taken in headless Chromium
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then $(BIN)/python -m argmap.site.screenshot docs/article.html docs/screenshot.png; \
	else echo "no chromium: docs/screenshot.png is left as committed (make browser installs it)"; fi

notebooks: $(STAMP) ## re-run every notebook top to bottom in a fresh kernel and save its outputs (Restart & Run All)
	cd notebooks && ../$(BIN)/jupyter nbconvert --to notebook --execute --inplace --ExecutePreprocessor.record_timing=False [0-9]*.ipynb
	for case in examples/bike-lanes examples/gettysburg; do $(BIN)/argmap notebooks --case $$case -q || exit 1; done

test: $(STAMP) ## run all tests, notebooks included (strict nbval)
	@$(MAKE) --no-print-directory browser
	$(BIN)/python -m pytest -n 2 --dist loadfile

lint: $(STAMP) ## ruff (lint and format check) and mypy
	$(BIN)/python -m pip install --quiet --disable-pip-version-check ruff mypy pandas-stubs 2>/dev/null || true
	$(BIN)/ruff check argmap tests benchmarks
	$(BIN)/ruff format --check argmap tests benchmarks

browser: ## install Debian's chromium and chromium-driver for the browser tests, where apt-get can (as root)
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  echo "installing Debian's chromium and chromium-driver for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
	    || echo "could not install chromium: the browser tests will be skipped"; \
	else echo "no chromium and no apt-get as root: the browser tests will be skipped"; fi

bench: $(STAMP) ## run the benchmarks by hand and record them in benchmarks/RESULTS.md
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/live_load.py

lab: $(STAMP) ## open JupyterLab on notebooks/
	$(BIN)/jupyter lab notebooks/

clean: ## remove the virtual environment and build stamps (figures/ and docs/ stay: they are committed)
	rm -rf $(VENV) node_modules figures/.built docs/.built
