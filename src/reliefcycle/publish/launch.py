"""Start JupyterLab on the series: the one launch configuration for people, tests and the hub.

``make lab``, the plain route (``python -m reliefcycle.publish.launch`` or ``reliefcycle lab``),
the browser tests and the JupyterHub set-up all build their JupyterLab from :func:`lab_settings`,
so what is tested is what people open. The settings:

- the server's root is the series folder (the repository root), so that a notebook's
  ``../figures/...`` links resolve; JupyterLab opens ``notebooks/00_start_here.ipynb`` with the
  file browser on ``notebooks/``;
- JupyterLab's settings overrides come from ``jupyter/overrides.json`` in the series folder
  (``windowingMode: defer``, so that in-notebook links land on their target; no news or update
  checks, so nothing asks to reach the internet); JupyterLab reads them there directly, so every
  route gets them without copying them into an environment;
- ``--allow-root`` only when running as root;
- the browser opens unless told not to (tests and the hub do not).

Python API, for the hub and the tests::

    lab_settings(root)                       # {"ServerApp": {...}, "IdentityProvider": ..., "LabApp": {...}}
    lab_command(root, port=8888, token="x", open_browser=False, workspace=tmp)   # argv list
    copy_site(root, dest)                    # a throw-away copy of what a launch serves
    start(root, ...) / wait_until_ready(...) # a server in the background (tests)
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

#: The notebook JupyterLab opens first, relative to the series folder.
START = "notebooks/00_start_here.ipynb"
#: The folder of JupyterLab settings overrides (``overrides.json``), relative to the series folder.
SETTINGS = "jupyter"
#: What is not part of the series when copying it: environments, builds, caches, version control.
#: (``.venv*`` covers the class hub's ``.venv-hub``, about 1 GB, which a copy must never carry.)
NOT_SERVED = (".git", ".venv*", "venv", "node_modules", "_build", "__pycache__", ".ipynb_checkpoints",
              "*.egg-info", ".pytest_cache", ".hypothesis", ".ruff_cache", ".hub", "result_images")


class LaunchError(RuntimeError):
    """The folder is not the series, or JupyterLab did not start."""


def series_root(start: str | Path | None = None) -> Path:
    """The series folder: ``start`` (default: the current folder) or the nearest folder above it
    that holds ``notebooks/00_start_here.ipynb``."""
    here = Path.cwd() if start is None else Path(start)
    for folder in (here.resolve(), *here.resolve().parents):
        if (folder / START).is_file():
            return folder
    raise LaunchError(f"{here} is not inside the series folder: no {START} found there or above it. "
                      "Run the command from the folder you downloaded (the one with README.md).")


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def lab_settings(root: str | Path, *, port: int | None = None, open_browser: bool = True,
                 token: str | None = None, workspace: str | Path | None = None) -> dict[str, dict]:
    """JupyterLab's configuration for the series in ``root``, as traitlets sections.

    ``port``: a fixed port (no fallback to another); None lets Jupyter choose. ``token``: the
    access token; None lets Jupyter make a random one. ``workspace``: a folder for JupyterLab's
    own state (workspaces and user settings) instead of the person's; tests pass a temporary one.
    A hub may take this dictionary and change the parts it owns (``ip``, ``port``, the token).
    """
    root = Path(root).resolve()
    if not (root / START).is_file():
        raise LaunchError(f"{root} is not the series folder: {START} is missing")
    server = {"root_dir": str(root), "open_browser": open_browser, "ip": "127.0.0.1"}
    if port is not None:
        server.update(port=port, port_retries=0)
    if _is_root():
        server["allow_root"] = True  # JupyterLab refuses to start as root without it
    lab = {"default_url": f"/lab/tree/{START}",  # the page `/` and the browser open
           "app_settings_dir": str(root / SETTINGS),
           "news_url": None,
           "check_for_updates_class": "jupyterlab.handlers.announcements.NeverCheckForUpdate",
           # window.jupyterapp: the browser tests drive the same JupyterLab people use
           "expose_app_in_browser": True}
    if workspace is not None:
        workspace = Path(workspace).resolve()
        lab.update(workspaces_dir=str(workspace / "workspaces"),
                   user_settings_dir=str(workspace / "user-settings"))
    settings = {"ServerApp": server, "LabApp": lab}
    if token is not None:
        settings["IdentityProvider"] = {"token": token}
    return settings


def lab_arguments(settings: dict[str, dict]) -> list[str]:
    """``settings`` as JupyterLab command-line options (``--Section.name=value``)."""
    return [f"--{section}.{name}={value}" for section, values in settings.items()
            for name, value in values.items()]


def lab_command(root: str | Path, *, port: int | None = None, open_browser: bool = True,
                token: str | None = None, workspace: str | Path | None = None) -> list[str]:
    """The command that starts JupyterLab on the series in ``root`` with this Python."""
    settings = lab_settings(root, port=port, open_browser=open_browser, token=token,
                            workspace=workspace)
    return [sys.executable, "-m", "jupyterlab", *lab_arguments(settings)]


def copy_site(root: str | Path, dest: str | Path) -> Path:
    """Copy the series in ``root`` to ``dest`` (without environments, builds or caches) and return
    the copy's folder: a throw-away series to launch, so that autosave never touches ``root``."""
    root, dest = series_root(root), Path(dest)
    shutil.copytree(root, dest, ignore=shutil.ignore_patterns(*NOT_SERVED), symlinks=True)
    return dest


def start(root: str | Path, *, port: int, token: str, workspace: str | Path,
          log: str | Path) -> subprocess.Popen:
    """Start JupyterLab on ``root`` in the background, without a browser, writing to ``log``.

    Everything the session keeps (runtime files, settings, concept-check answers) goes into
    ``workspace``, never the person's own folders: this is the throw-away launch of the tests."""
    workspace = Path(workspace)
    env = dict(os.environ, JUPYTER_RUNTIME_DIR=str(workspace / "runtime"),
               RELIEFCYCLE_DATA_DIR=str(workspace / "answers"))
    with open(log, "w") as out:  # the child keeps its own handle
        return subprocess.Popen(lab_command(root, port=port, open_browser=False, token=token,
                                            workspace=workspace),
                                cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_until_ready(url: str, token: str, process: subprocess.Popen, timeout: float = 60) -> None:
    """Wait until the server at ``url`` answers; raise :class:`LaunchError` if it stops or
    does not answer within ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise LaunchError(f"JupyterLab stopped with exit code {process.returncode}")
        try:
            urllib.request.urlopen(f"{url}/api/status?token={token}", timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise LaunchError(f"JupyterLab did not answer at {url} within {timeout:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="reliefcycle lab", description="Open the series in JupyterLab, on 'Start here'.")
    parser.add_argument("--port", type=int, help="a fixed port (default: the first free one)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a browser")
    parser.add_argument("--root", help="the series folder (default: this folder or one above)")
    args = parser.parse_args(argv)
    try:
        root = series_root(args.root)
        options = lab_arguments(lab_settings(root, port=args.port, open_browser=not args.no_browser))
    except LaunchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    from jupyterlab.labapp import LabApp

    LabApp.launch_instance(argv=options)
    return 0


if __name__ == "__main__":
    sys.exit(main())
