# The two commands of the README are `make lab` and `make test`; everything else is for authors.
# Each target creates .venv and installs the pinned environment when it is missing or out of date.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# JupyterLab refuses to start as root unless told; only pass the flag when we are root.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test references safety figures execute notebooks bench check clean

$(STAMP): requirements.txt pyproject.toml jupyter/overrides.json
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; found " + sys.version.split()[0])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt
	$(BIN)/python -m pip install --disable-pip-version-check -q --no-deps -e .
	mkdir -p $(VENV)/share/jupyter/lab/settings
	cp jupyter/overrides.json $(VENV)/share/jupyter/lab/settings/overrides.json
	touch $(STAMP)

lab: $(STAMP)  ## open the series in JupyterLab, on "Start here"
	$(BIN)/jupyter lab $(ROOT_FLAG) notebooks/00_start_here.ipynb

test: $(STAMP)  ## run every test: style and spelling, package, content, notebooks, browser
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/codespell notebooks teaching README.md CONTRIBUTING.md src tests
	$(BIN)/python -m pytest

references: $(STAMP)  ## regenerate every notebook's References cell from references.bib
	$(BIN)/reliefcycle references notebooks

safety: $(STAMP)  ## insert or refresh the content note and support cell in every notebook
	$(BIN)/reliefcycle safety notebooks

figures: $(STAMP)  ## export every diagram to figures/ (SVG + PNG) with alt text
	$(BIN)/reliefcycle figures figures

execute: $(STAMP)  ## re-execute every notebook in place (outputs are committed)
	$(BIN)/reliefcycle execute notebooks

notebooks: safety references execute  ## refresh generated cells, then execute

check: $(STAMP)  ## the shared, independent content check
	$(BIN)/python ../shared/hooks/content_check.py .

bench: $(STAMP)  ## speed and memory measurements (results go in the README)
	$(BIN)/python benchmarks/widget_latency.py

clean:
	rm -rf $(VENV) tests/result_images
