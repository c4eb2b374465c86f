# One entry point for the book. `make book` builds everything from a fresh clone;
# `make test` runs the checks. Both install what they need first.
SHELL := /bin/bash
.DEFAULT_GOAL := book

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SOURCES ?= ../shared/sources
# Strict: nitpicky, warnings are errors, but report them all before failing.
JB_FLAGS := -n -W --keep-going
PDF := _build/latex/russia-syria-relations.pdf
# The suite's book builds run two at a time. Each test file stays in one worker: the
# re-execution chain keeps its order, and a worker builds the shared HTML book once. (Not
# --dist loadgroup: pytest-xdist 3.8 marks a group by setting Item._nodeid, which pytest 9.2
# no longer reads, so its groups are split across workers.)
PARALLEL := -n 2 --dist loadfile
# The chapters that are notebooks (the other pages have no code): paired for `make lab`.
NOTEBOOKS := $(shell grep -l '^```{code-cell}' chapters/*.md)

# axe-core, the accessibility engine of tests/test_accessibility.py, from the npm registry at
# the version pinned in tools/axe/package-lock.json (never served with the site).
AXE := tools/axe/node_modules/axe-core/axe.min.js

.PHONY: book html pdf test check lint lab data verify clean system-deps

# The virtual environment is rebuilt when the pinned requirements change.
$(BIN)/activate: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --editable .
	touch $@

system-deps:
	tools/install-system-packages

# npm comes with Node.js from some sources and as a package of its own from Debian's.
$(AXE): tools/axe/package.json tools/axe/package-lock.json
	command -v npm >/dev/null || tools/install-system-packages npm
	npm ci --prefix tools/axe --no-audit --no-fund
	touch $@

# The site serves the PDF (the landing page links it): copied in after both builds.
book: html pdf
	cp $(PDF) _build/html/

html: system-deps $(BIN)/activate
	$(BIN)/jupyter-book build . --builder html $(JB_FLAGS)

pdf: system-deps $(BIN)/activate
	$(BIN)/jupyter-book build . --builder pdflatex $(JB_FLAGS)
	test -s $(PDF)

lint: $(BIN)/activate
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

# Lint and every test that does not build the book: the check to run before a commit.
check: lint
	$(BIN)/python -m pytest -m "not build" $(PARALLEL)

# Everything, the book builds included: what CI runs.
test: system-deps lint $(AXE)
	$(BIN)/python -m pytest $(PARALLEL)

# JupyterLab and its dependencies, in .venv, for `make lab` only.
$(VENV)/.lab: requirements-lab.txt $(BIN)/activate
	$(BIN)/pip install --quiet -r requirements-lab.txt
	touch $@

# The chapters as notebooks: each is paired with chapters/NAME.ipynb (chapters/jupytext.toml),
# and saving a notebook in JupyterLab writes its chapter back.
lab: $(VENV)/.lab
	$(BIN)/jupytext --sync $(NOTEBOOKS)
	$(BIN)/jupyter lab chapters

data: $(BIN)/activate
	$(BIN)/python -m analysis data build --from $(SOURCES)

verify: $(BIN)/activate
	$(BIN)/python -m analysis data verify --from $(SOURCES)

clean:
	rm -rf _build

# Build times and page weights on this machine, measured in temporary copies of the project;
# writes benchmarks/RESULTS.md.
.PHONY: bench
bench: system-deps $(BIN)/activate
	$(BIN)/python benchmarks/run.py
