"""Browser tests: a real JupyterLab driven by Playwright in Debian's chromium.

Never downloads a browser: it uses /usr/bin/chromium. Without it, these tests are skipped with a
plain message, except in CI (CI=true), where a missing browser is a failure.
"""

import json
import os
import socket
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from reliefcycle.publish import launch

from browsing import ROOT, TOKEN, open_notebook, run_all

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def notebook_of(item) -> str | None:
    marker = item.get_closest_marker("notebook")
    return marker.args[0] if marker else None


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the xdist_group marks
def pytest_collection_modifyitems(config, items):
    # Group the tests of each notebook, the tour's first, so that the notebook runs once. With
    # pytest-xdist (`make test` runs `-n auto --dist loadgroup`) all of them share one worker,
    # its JupyterLab and its browser; nbval's cells of one notebook stay together in one kernel.
    from reliefcycle.publish.cli import notebook_paths

    for item in items:
        if notebook_of(item):
            item.add_marker(pytest.mark.xdist_group("jupyterlab"))
        elif item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.xdist_group(f"nbval-{item.path.stem}"))

    order = [p.stem for p in notebook_paths(ROOT / "notebooks")]
    items.sort(key=lambda item: (notebook_of(item) is not None,
                                 order.index(notebook_of(item)) if notebook_of(item) else 0,
                                 "tour" not in item.nodeid))
    if Path(CHROMIUM).exists():
        return
    if os.environ.get("CI") == "true":
        return  # the browser fixture fails loudly in CI
    skip = pytest.mark.skip(reason=f"browser tests skipped: {CHROMIUM} not found "
                                   "(install Debian's chromium to run them)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def lab(tmp_path_factory):
    """JupyterLab started the way `make lab` starts it (reliefcycle.publish.launch), on a
    throw-away copy of the series made by the same module, so that autosave never rewrites the
    committed notebooks; a free local port, a known token and a temporary workspace."""
    port = free_port()
    work = tmp_path_factory.mktemp("lab")
    site = launch.copy_site(ROOT, work / "site")
    proc = launch.start(site, port=port, token=TOKEN, workspace=work / "workspace",
                        log=work / "lab.log")
    url = f"http://127.0.0.1:{port}"
    try:
        launch.wait_until_ready(url, TOKEN, proc)
    except launch.LaunchError as error:
        proc.terminate()
        pytest.fail(f"{error}; see {work / 'lab.log'}")
    yield url
    proc.terminate()
    proc.wait(timeout=20)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing; CI must install Debian's chromium (apt)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Watch:
    """Records console errors, HTTP responses of 400 or more, and any request that would leave
    this machine."""

    def __init__(self, page):
        self.errors, self.external, self.failed = [], [], []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))
        page.route("**/*", self._route)

    def _route(self, route):
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:", "file:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()


VIEWPORT = {"width": 1400, "height": 900}


def new_page(browser):
    page = browser.new_context(viewport=VIEWPORT).new_page()
    page.watch = Watch(page)
    return page


@pytest.fixture
def page(browser):
    page = new_page(browser)
    yield page
    page.context.close()


class Notebooks:
    """One notebook open in JupyterLab at a time, shared by all the tests of that notebook, so
    that each notebook runs once in the browser: the tour opens it unexecuted and runs it from
    the Run menu, and the notebook's widget tests carry on in the same tab. The tests are
    grouped by notebook (see ``pytest_collection_modifyitems``), tour first."""

    def __init__(self, browser, lab):
        self.browser, self.lab = browser, lab
        self.page, self.stem, self.executed = None, None, False

    def fresh(self, stem: str):
        """A new tab on ``stem``, unexecuted, as a person first sees it."""
        self.close()
        self.page, self.stem, self.executed = new_page(self.browser), stem, False
        open_notebook(self.page, self.lab, f"notebooks/{stem}.ipynb")
        return self.page

    def run(self):
        """Run all cells of the open notebook from the Run menu."""
        run_all(self.page)
        self.executed = True
        return self.page

    def executed_page(self, stem: str):
        """The tab of ``stem`` after Run All Cells (opened and run now unless it already is)."""
        if self.stem != stem or not self.executed:
            self.fresh(stem)
            self.run()
        return self.page

    def close(self):
        if self.page is not None:
            self.page.context.close()
            self._shut_down_kernels()
        self.page, self.stem, self.executed = None, None, False

    def _shut_down_kernels(self):
        """Free the kernel of the closed tab (a closed tab leaves its kernel running)."""
        headers = {"Authorization": f"token {TOKEN}"}
        sessions = urllib.request.urlopen(urllib.request.Request(
            f"{self.lab}/api/sessions", headers=headers), timeout=10)
        for session in json.load(sessions):
            urllib.request.urlopen(urllib.request.Request(
                f"{self.lab}/api/sessions/{session['id']}", headers=headers, method="DELETE"),
                timeout=10)


@pytest.fixture(scope="session")
def notebooks(browser, lab):
    shared = Notebooks(browser, lab)
    yield shared
    shared.close()
