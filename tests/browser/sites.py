"""Static sites for the browser tests: build the book, slides or handouts into a temporary
folder with the same commands as `make`, and serve the folder on 127.0.0.1.

Building once per session keeps the browser tests within the test budget. The npm assets
(MathJax, reveal.js) must be installed (`npm ci`, which `make test` runs when npm exists);
without them these tests are skipped, except in CI (CI=true), where that is a failure.
"""

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import nbformat
import pytest

from browsing import ROOT

NODE_MODULES = ROOT / "node_modules"
#: A fixture notebook with math, added to the built copies so that math rendering is tested
#: even while no notebook of the series has any.
MATH_STEM = "Z_math_fixture"


def need_node_modules() -> None:
    if (NODE_MODULES / "mathjax").is_dir() and (NODE_MODULES / "reveal.js").is_dir():
        return
    message = f"{NODE_MODULES} is missing: run `npm ci` (make test does it when npm exists)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def run(cmd: list[str], cwd: Path = ROOT) -> str:
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"{' '.join(cmd)} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def math_notebook():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("<!-- safe-messaging: content-note -->\n## Content note\n\n"
                                      "A test page with math and nothing else."),
        nbformat.v4.new_markdown_cell("# Math fixture\n\nInline math: $V_{t+1} = V_t + \\alpha"
                                      "\\,(r_t - V_t)$.\n\nDisplayed:\n\n$$\\delta_t = r_t - V_t$$"),
    ]
    return nb


def notebooks_with_math_fixture(folder: Path) -> Path:
    """A copy of the series' notebooks and figures, plus the math fixture notebook."""
    from reliefcycle.publish.cli import notebook_paths

    notebooks = folder / "notebooks"
    notebooks.mkdir(parents=True)
    for path in notebook_paths(ROOT / "notebooks"):
        shutil.copy2(path, notebooks / path.name)
    nbformat.write(math_notebook(), notebooks / f"{MATH_STEM}.ipynb")
    shutil.copytree(ROOT / "figures", folder / "figures")
    return notebooks


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(folder: Path):
    """Serve ``folder`` on a free port of 127.0.0.1; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def python() -> str:
    return sys.executable


def images_without_alt(page, scope: str = "body") -> list[str]:
    """The src of every image in ``scope`` that has no (or an empty) alt text."""
    return page.evaluate("""scope => [...document.querySelectorAll(scope + ' img')]
        .filter(img => !(img.getAttribute('alt') || '').trim())
        .map(img => (img.getAttribute('src') || '').slice(0, 80))""", scope)


def math_rendered(page, scope: str = "body") -> int:
    """How many formulas MathJax has rendered inside ``scope`` once it has finished."""
    page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise",
                           timeout=20_000)
    page.evaluate("() => MathJax.startup.promise.then(() => true)")
    return page.locator(f"{scope} mjx-container").count()
