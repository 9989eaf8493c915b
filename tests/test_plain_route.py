"""The README's route without `make`, run as written (its POSIX form) in a fresh copy of the
series: a new virtual environment, the pins, the package, then the command that opens the series.
The server must answer, open "Start here", serve a figure and carry the settings overrides.

It installs the whole environment into the new folder, so it is the slowest test (pip reuses its
cache and local wheels, as it would on a person's second install).
"""

import json
import os
import re
import shlex
import subprocess
import time
import urllib.request

import pytest

from reliefcycle.publish import launch

from paths import ROOT

MARKER = "<!-- tests/test_plain_route.py runs this block as written"
URL = re.compile(r"(http://127\.0\.0\.1:\d+)/lab[^\s?]*\?token=(\w+)")


def readme_commands() -> list[str]:
    """The commands of the README's tested block, one per line."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split(MARKER, 1)[1].split("```bash\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip()]


def test_readme_block_is_the_plain_route():
    commands = readme_commands()
    assert commands[0].endswith("-m venv .venv")
    assert commands[-1] == "reliefcycle lab"


def wait_for_url(log, process, timeout=120) -> tuple[str, str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = URL.search(log.read_text(encoding="utf-8", errors="replace"))
        if found:
            return found.group(1), found.group(2)
        if process.poll() is not None:
            break
        time.sleep(0.2)
    pytest.fail(f"the README's command did not start JupyterLab:\n{log.read_text()[-3000:]}")


def test_plain_route_opens_the_series(tmp_path):
    site = launch.copy_site(ROOT, tmp_path / "series")
    *install, open_series = readme_commands()
    script = "set -e\n" + "\n".join(install) + "\nexec " + open_series + "\n"
    # BROWSER=true: the command opens a browser as it would for a person; here that does nothing.
    env = dict(os.environ, BROWSER="true", JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"),
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "workspaces"))
    env.pop("VIRTUAL_ENV", None)
    log = tmp_path / "route.log"
    with open(log, "w") as out:
        process = subprocess.Popen(["bash", "-c", script], cwd=site, env=env, stdout=out,
                                   stderr=subprocess.STDOUT, start_new_session=True)
    try:
        url, token = wait_for_url(log, process, timeout=600)
        start = urllib.request.urlopen(f"{url}/?token={token}", timeout=30)
        assert start.url.split("?")[0] == f"{url}/lab/tree/{launch.START}"
        figure = urllib.request.urlopen(f"{url}/files/figures/cycle.png?token={token}", timeout=30)
        assert figure.headers["Content-Type"] == "image/png" and len(figure.read()) > 10_000
        tracker = urllib.request.urlopen(
            f"{url}/lab/api/settings/@jupyterlab/notebook-extension:tracker?token={token}", timeout=30)
        schema = json.load(tracker)["schema"]["properties"]
        assert schema["windowingMode"]["default"] == "defer"  # from jupyter/overrides.json
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=30)
    assert (site / ".venv").is_dir(), f"not installed in the fresh folder: {shlex.join(install)}"
