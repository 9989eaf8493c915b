# The two commands of the README are `make lab` and `make test`; everything else is for authors.
# Each target creates .venv and installs the pinned environment when it is missing or out of date.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: hub hub-env hub-assets lab test references safety figures execute notebooks bench check clean book slides handouts node-assets

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; found " + sys.version.split()[0])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --disable-pip-version-check -q -r requirements.txt
	$(BIN)/python -m pip install --disable-pip-version-check -q --no-deps -e .
	touch $(STAMP)

# Browser assets for the book and slides (MathJax, require.js, reveal.js), pinned in
# package-lock.json and installed once from the npm registry; after that, builds are offline.
NPM_STAMP := node_modules/.installed
$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the book and slides (Debian: apt-get install nodejs npm)" >&2; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $(NPM_STAMP)

# For `make test`: install the npm assets when npm exists; without npm the book and slide tests
# are skipped with a message (in CI they fail instead).
node-assets:
	@if command -v npm >/dev/null; then $(MAKE) --no-print-directory -s $(NPM_STAMP); \
	else echo "npm not found: the browser tests of the book and slides will be skipped"; fi

# The class hub runs every student's server as that student's Unix user, so its environment must be
# built from an interpreter every account can run (a Python under /root or ~/.pyenv is private).
# It is the same requirements.txt and the same JupyterLab overrides as `make lab`, in .venv-hub.
HUB_PYTHON ?= /usr/bin/python3
HUB_VENV   := .venv-hub
HUB_STAMP  := $(HUB_VENV)/.installed
ifneq ($(VENV),$(HUB_VENV))
$(HUB_STAMP): requirements.txt pyproject.toml jupyter/overrides.json
	$(MAKE) --no-print-directory VENV=$(HUB_VENV) PYTHON=$(HUB_PYTHON) $(HUB_STAMP)
endif

hub-env: $(HUB_STAMP) $(NPM_STAMP)

# For `make test`: the hub tests create Unix accounts, so they run as root only; build their
# environment then (once), and otherwise let the tests skip with a message.
hub-assets:
	@if [ "$$(id -u)" = 0 ] && [ -x $(HUB_PYTHON) ]; then $(MAKE) --no-print-directory -s $(HUB_STAMP); \
	else echo "not root (or no $(HUB_PYTHON)): the class hub tests will be skipped"; fi

hub: hub-env  ## serve the series to a class: JupyterHub on port 8000 (as root; see teaching/hosting.md)
	$(HUB_VENV)/bin/jupyterhub -f jupyter/jupyterhub_config.py

# The launch configuration (server root, settings overrides, allow-root) lives in one place,
# reliefcycle/publish/launch.py, shared with the plain route, the browser tests and the hub.
lab: $(STAMP)  ## open the series in JupyterLab, on "Start here"
	$(BIN)/python -m reliefcycle.publish.launch

# Three pytest runs: the package, content and browser tests in parallel; the notebooks (nbval)
# one file per worker, so each notebook's cells share one kernel; the class hub on its own, since
# starting a hub beside the browser tests could take longer than its time limit.
test: $(STAMP) node-assets hub-assets  ## run every test: style and spelling, package, content, notebooks, browser
	$(BIN)/ruff check src tests benchmarks book
	$(BIN)/codespell notebooks teaching book benchmarks README.md CONTRIBUTING.md src tests
	$(BIN)/python -m pytest -n auto --dist loadgroup tests --ignore=tests/test_hub.py
	$(BIN)/python -m pytest -n auto --dist loadfile notebooks
	$(BIN)/python -m pytest tests/test_hub.py

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

bench: $(STAMP) $(NPM_STAMP)  ## speed and memory measurements (results go in the README)
	$(BIN)/python benchmarks/widget_latency.py
	$(BIN)/python benchmarks/keypress_latency.py
	$(BIN)/python benchmarks/book_build.py

book: $(STAMP) $(NPM_STAMP)  ## the static book, offline (Jupyter Book 1) -> _build/book/html/index.html
	$(BIN)/python book/build.py --out _build/book/html

slides: $(STAMP) $(NPM_STAMP)  ## one offline reveal.js deck per notebook -> _build/slides/index.html
	$(BIN)/python -m reliefcycle.publish.slides notebooks --out _build/slides

handouts: $(STAMP)  ## printable one-page handouts, HTML and PDF (headless chromium) -> _build/handouts/
	$(BIN)/python -m reliefcycle.publish.handouts teaching/handouts --out _build/handouts

clean:
	rm -rf $(VENV) tests/result_images
