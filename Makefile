# argmap: `make` sets everything up and builds the figures and the reader; `make test` runs every test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
B      := build
CLAIMS := claims.csv
PKG    := $(wildcard argmap/*.py argmap/*/*.py argmap/*/*/*.py argmap/schemas/*.json)
SOURCES := $(wildcard sources/*) datapackage.json
DATA   := $(CLAIMS) events.csv scorecard.csv questions.csv $(SOURCES)
ARGMAP := $(BIN)/argmap

# Bytecode is a cache, and .venv and argmap/__pycache__ are ours: Python writes it as each module is first imported, so
# no command compiles matplotlib or pandas from source twice. (Compiling every installed file ahead, as
# `uv pip install --compile-bytecode` does, took 23 of a fresh make's 42 s; most of those files are never imported.)
unexport PYTHONDONTWRITEBYTECODE

# Independent steps run side by side, one per core, each one's output kept together (sub-makes share the jobs).
# Test workers: one more than the cores, so that a core is not idle while a worker waits on a browser or a kernel
# (on 2 cores, 3 workers took 88 s where 2 took 99 s, and 4 took 90 s; `make test TEST_WORKERS=1` runs them one by one).
TEST_WORKERS ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 2) + 1 )))
# How make test and make test-quick run pytest: a module per worker at a time, the longest modules first (tests/conftest.py).
PYTEST = $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile --no-loadscope-reorder

ifeq ($(MAKELEVEL),0)
MAKEFLAGS += -j$(shell nproc 2>/dev/null || echo 2) --output-sync=target --no-print-directory
endif

.PHONY: all setup validate figures reader screenshot notebooks test test-quick lint browser lab bench requirements clean help

all: figures reader ## set up, validate, and build figures/ and the reading site in docs/

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

# ---- installing: with uv when it is on PATH or installable from PyPI, else pip; the same pinned files either way
UV_PIN := $(shell grep -m1 '^uv==' requirements.txt)
define install
	@if [ -x $(BIN)/uv ]; then uv=$(BIN)/uv; elif command -v uv >/dev/null 2>&1; then uv=uv; \
	elif $(BIN)/python -m pip install --quiet --disable-pip-version-check $(UV_PIN) >/dev/null 2>&1; then uv=$(BIN)/uv; else uv=; fi; \
	if [ -n "$$uv" ]; then echo "uv pip install $(1)"; $$uv pip install --quiet -p $(BIN)/python $(foreach f,$(1),-r $(f)); \
	else echo "pip install $(1) (uv is not available)"; $(BIN)/python -m pip install --quiet --no-compile --disable-pip-version-check $(foreach f,$(1),-r $(f)); fi
endef

setup: $(STAMP) ## create .venv and install the pinned run-time and notebook requirements and the package

$(STAMP): requirements.txt requirements-notebooks.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "argmap needs Python 3.11 or newer; run make PYTHON=python3.11")'
	@if command -v uv >/dev/null 2>&1; then uv venv --quiet --allow-existing -p $(PYTHON) $(VENV); else $(PYTHON) -m venv $(VENV); fi
	$(call install,requirements.txt requirements-notebooks.txt)
	@if [ -x $(BIN)/uv ] || command -v uv >/dev/null 2>&1; then uv=$$( [ -x $(BIN)/uv ] && echo $(BIN)/uv || echo uv ); \
	  $$uv pip install --quiet -p $(BIN)/python --no-deps --no-build-isolation --config-settings editable_mode=compat -e .; \
	else PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation --config-settings editable_mode=compat -e .; fi
	@touch $@

$(VENV)/.installed-%: requirements-%.txt $(STAMP)
	$(call install,$<)
	@touch $@

# One install for both (two installs into one environment must not run side by side).
$(VENV)/.installed-test: requirements-test.txt requirements-lint.txt $(STAMP) | $(VENV)/.installed-npm
	$(call install,requirements-test.txt requirements-lint.txt)
	@touch $@ $(VENV)/.installed-lint

# The Argdown CLI (node_modules/.bin/argdown) is a test tool: the interchange tests run it.
$(VENV)/.installed-npm: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund --loglevel=error; else echo "npm not found: the Argdown CLI is not installed and its tests will be skipped"; fi
	@mkdir -p $(VENV) && touch $@

requirements: ## recompile requirements*.txt from pyproject.toml's dependencies and groups (keeps the pinned versions)
	$(BIN)/python tools/compile_requirements.py

validate: $(STAMP) ## check claims.csv against the schema and the source
	$(ARGMAP) validate $(CLAIMS)

# ---- figures/ and exports/: one stamp per step, so a step runs only when its own inputs changed
figures: figures/.built ## regenerate figures/ and exports/ from the CSVs (only the steps whose inputs changed)

# Longest first (make -j starts them in this order): the maps and the handout lay out Graphviz figures, the charts draw matplotlib.
STEPS := $(addprefix $(B)/,validate.stamp maps.stamp handout.stamp charts.stamp exports.stamp timeline.stamp scorecard.stamp questions.stamp)

figures/.built: $(STEPS)
	@touch $@

$(B)/validate.stamp: $(STAMP) $(CLAIMS) $(SOURCES) $(PKG)
	@mkdir -p $(B)
	$(ARGMAP) validate $(CLAIMS)
	@touch $@

# Laid out again only for figures whose DOT changed (argmap render keeps a content cache); PNG only where it serves.
$(B)/maps.stamp: $(B)/validate.stamp
	$(ARGMAP) render $(CLAIMS) -o figures --format svg,png,pdf,dot
	@touch $@

$(B)/charts.stamp: $(B)/validate.stamp
	$(ARGMAP) charts $(CLAIMS) -o figures
	@touch $@

$(B)/exports.stamp: $(B)/validate.stamp
	$(ARGMAP) export --to aif $(CLAIMS) -o exports/claims.aif.json
	$(ARGMAP) export --to argdown $(CLAIMS) -o exports/claims.argdown
	$(ARGMAP) export --to markdown $(CLAIMS) -o exports/claims.md
	$(ARGMAP) export --to graphml $(CLAIMS) -o exports/claims.graphml
	@touch $@

# What the checks of events, scorecard and questions read of claims.csv: its ids and structure, not its wording.
# Rewritten only when that changed, so editing a row's text does not re-run them.
$(B)/claims-structure.csv: $(B)/claims-structure.stamp ;
$(B)/claims-structure.stamp: $(CLAIMS) | $(B)/validate.stamp
	@$(BIN)/python -c 'import csv, sys, pathlib; \
	rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig", newline=""))); \
	keep = ["id", "type", "parent", "relation", "group", "origin", "same_as", "date"]; \
	text = "\n".join(",".join(r.get(k) or "" for k in keep) for r in rows) + "\n"; \
	p = pathlib.Path(sys.argv[2]); p.exists() and p.read_text() == text or p.write_text(text)' $(CLAIMS) $(B)/claims-structure.csv
	@touch $@

$(B)/timeline.stamp: $(B)/claims-structure.csv events.csv $(SOURCES) $(PKG)
	$(ARGMAP) events events.csv --claims $(CLAIMS) --figure figures/timeline.svg
	@touch $@

$(B)/scorecard.stamp: $(B)/claims-structure.csv scorecard.csv events.csv $(PKG)
	$(ARGMAP) scorecard scorecard.csv --claims $(CLAIMS) --events events.csv
	@touch $@

$(B)/questions.stamp: $(B)/claims-structure.csv questions.csv $(PKG)
	$(ARGMAP) questions questions.csv --claims $(CLAIMS)
	@touch $@

$(B)/handout.stamp: $(B)/validate.stamp questions.csv
	$(ARGMAP) handout --claims $(CLAIMS) --branch R3 -o examples/classroom/handout-R3.pdf
	@touch $@

reader: docs/.built ## build the reading site in docs/ (committed) from claims.csv, figures/ and the committed notebooks

docs/.built: $(STAMP) $(B)/maps.stamp $(B)/charts.stamp $(B)/timeline.stamp $(DATA) $(PKG) $(wildcard notebooks/*.ipynb) $(wildcard argmap/site/static/*)
	$(ARGMAP) reader -o docs
	@touch $@

# Not part of `make`: a picture for the README, retaken by hand when the page's look changed (Chromium takes 3 s).
screenshot: docs/.built ## retake the README's picture of the two-pane page (docs/screenshot.png) in headless Chromium (the headless shell where installed)
	@if { [ -x /usr/bin/chromium ] || [ -x /usr/lib/chromium/chromium-headless-shell ]; } && [ -x /usr/bin/chromedriver ] && $(BIN)/python -c "import selenium" 2>/dev/null; then $(BIN)/python -m argmap.site.screenshot docs/article.html docs/screenshot.png; \
	else echo "no chromium or selenium: docs/screenshot.png is left as committed (make test installs them)"; fi

notebooks: $(STAMP) ## re-run every notebook top to bottom in a fresh kernel and save its outputs (Restart & Run All), a kernel per core
	$(BIN)/argmap notebooks --folder notebooks
	for case in examples/bike-lanes examples/gettysburg; do $(BIN)/argmap notebooks --case $$case -q || exit 1; done

# ---- tests, lint, lab: their tools are installed by these targets, not by `make`
test: $(VENV)/.installed-test ## lint, then run all tests, notebooks included (strict nbval)
	@$(MAKE) --no-print-directory lint
	@$(MAKE) browser
	$(PYTEST)

test-quick: $(VENV)/.installed-test ## lint, then every test but the browser and notebook ones (about 35 s on 2 cores; make test runs all)
	@$(MAKE) --no-print-directory lint
	$(PYTEST) -m "not browser and not kernel"

lint: $(VENV)/.installed-lint ## ruff (lint and format check) and mypy
	$(BIN)/ruff check argmap tests benchmarks tools
	$(BIN)/ruff format --check argmap tests benchmarks tools
	$(BIN)/mypy

browser: ## install Debian's chromium, chromium-headless-shell and chromium-driver for the browser tests, where apt-get can (as root)
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromium-headless-shell ] && [ -x /usr/bin/chromedriver ]; then :; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	  echo "installing Debian's chromium, chromium-headless-shell and chromium-driver for the browser tests"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null \
	    && (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null \
	      || echo "no chromium-headless-shell in this Debian: the browser tests use chromium --headless=new")) \
	    || echo "could not install chromium: the browser tests will be skipped"; \
	elif [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then \
	  echo "no chromium-headless-shell and no apt-get as root: the browser tests use chromium --headless=new"; \
	else echo "no chromium and no apt-get as root: the browser tests will be skipped"; fi

bench: $(VENV)/.installed-test $(VENV)/.installed-npm ## run the benchmarks by hand and record them in benchmarks/RESULTS.md
	$(BIN)/python benchmarks/bench.py
	$(BIN)/python benchmarks/live_load.py

lab: $(VENV)/.installed-lab ## open JupyterLab on notebooks/
	$(BIN)/jupyter lab notebooks/

clean: ## remove the virtual environment and build stamps (figures/ and docs/ stay: they are committed)
	rm -rf $(VENV) node_modules figures/.built docs/.built $(B)/
