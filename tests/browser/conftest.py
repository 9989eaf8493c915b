"""Browser tests: a real JupyterLab driven by Playwright in Debian's chromium.

Never downloads a browser: it uses /usr/bin/chromium. Without it, these tests are skipped with a
plain message, except in CI (CI=true), where a missing browser is a failure.
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

from browsing import ROOT, TOKEN

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def pytest_collection_modifyitems(config, items):
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
    """A JupyterLab server on a free local port, with a throw-away workspace."""
    port = free_port()
    work = tmp_path_factory.mktemp("lab")
    # Serve a copy, so that JupyterLab's autosave can never rewrite the committed notebooks.
    site = work / "site"
    for part in ("notebooks", "figures"):
        shutil.copytree(ROOT / part, site / part, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shutil.copy(ROOT / "references.bib", site / "references.bib")
    cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--port={port}",
           "--ServerApp.ip=127.0.0.1", f"--ServerApp.token={TOKEN}", "--ServerApp.allow_root=True",
           f"--ServerApp.root_dir={site}", f"--LabApp.workspaces_dir={work}",
           "--LabApp.news_url=", "--LabApp.expose_app_in_browser=True"]
    # Answers and settings changed by a test (concept check, font size, presentation mode) stay in
    # the throw-away folder, never the user's own.
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(work / "runtime"),
               RELIEFCYCLE_DATA_DIR=str(work / "answers"),
               JUPYTERLAB_SETTINGS_DIR=str(work / "user-settings"))
    log = open(work / "lab.log", "w")  # noqa: SIM115 - stays open while the server runs
    proc = subprocess.Popen(cmd, cwd=site, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(120):
        try:
            urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=1)
            break
        except OSError:
            time.sleep(0.5)
    else:
        proc.terminate()
        pytest.fail(f"JupyterLab did not start; see {work / 'lab.log'}")
    yield url
    proc.terminate()
    proc.wait(timeout=20)
    shutil.rmtree(work / "runtime", ignore_errors=True)


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
    """Records console errors and any request that would leave this machine."""

    def __init__(self, page):
        self.errors, self.external = [], []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.route("**/*", self._route)

    def _route(self, route):
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:", "file:")) or host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.watch = Watch(page)
    yield page
    context.close()
