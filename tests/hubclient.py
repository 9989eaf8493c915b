"""A student's browser, at the HTTP level: log in to the class hub, start a server, copy the series.

Used by the hub's fault and isolation tests and by the classroom load test. Loopback only.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path
from urllib.parse import urlparse

import requests

ROOT = Path(__file__).resolve().parent.parent
HUB_BIN = ROOT / ".venv-hub" / "bin" / "jupyterhub"


class Student:
    """One student's session with the hub at ``base`` (e.g. ``http://127.0.0.1:18000``)."""

    def __init__(self, base: str, name: str, password: str):
        if urlparse(base).hostname not in ("127.0.0.1", "localhost", "::1"):
            raise ValueError(f"{base}: the hub tests only talk to this machine (loopback)")
        self.base, self.name, self.password = base.rstrip("/"), name, password
        self.http = requests.Session()

    def _xsrf(self, path: str = "/hub/") -> dict:
        for cookie in self.http.cookies:
            if cookie.name == "_xsrf" and path.startswith(cookie.path or "/"):
                return {"X-XSRFToken": cookie.value}
        return {}

    def login(self, password: str | None = None) -> requests.Response:
        """Post the login form; a success leaves the hub's login cookie in the session."""
        form = self.http.get(f"{self.base}/hub/login", timeout=30)
        xsrf = self.http.cookies.get("_xsrf", path="/hub/") or self.http.cookies.get("_xsrf")
        return self.http.post(f"{self.base}/hub/login?next=", allow_redirects=False, timeout=60, data={
            "username": self.name, "password": password or self.password, "_xsrf": xsrf or ""},
            headers={"Referer": form.url})

    @property
    def logged_in(self) -> bool:
        return any(c.name == "jupyterhub-hub-login" for c in self.http.cookies)

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        """A hub API call as this student (cookie + XSRF header, as the hub's own pages do)."""
        kwargs.setdefault("timeout", 60)
        kwargs.setdefault("allow_redirects", False)
        return self.http.request(method, f"{self.base}/hub/api{path}", headers=self._xsrf(), **kwargs)

    def start_server(self, timeout: float = 120) -> float:
        """Ask the hub for this student's server and wait until it is ready; returns seconds."""
        t0 = time.perf_counter()
        r = self.api("POST", f"/users/{self.name}/server")
        if r.status_code not in (201, 202, 400):  # 400: already running
            raise RuntimeError(f"{self.name}: start refused: {r.status_code} {r.text[:200]}")
        while time.perf_counter() - t0 < timeout:
            server = self.api("GET", f"/users/{self.name}").json().get("servers", {}).get("")
            if server and server.get("ready"):
                return time.perf_counter() - t0
            time.sleep(0.25)
        raise TimeoutError(f"{self.name}: server not ready after {timeout} s")

    def server(self, method: str, path: str, user: str | None = None, **kwargs) -> requests.Response:
        """A request to a single-user server (own by default), following the hub's OAuth redirects."""
        url = f"{self.base}/user/{user or self.name}/{path.lstrip('/')}"
        kwargs.setdefault("timeout", 60)
        prefix = f"/user/{user or self.name}/"
        if not self._xsrf(prefix):  # opening a page first logs in to the server (OAuth), as a browser does
            self.http.get(f"{self.base}{prefix}lab", timeout=60, headers={"Sec-Fetch-Mode": "navigate"})
        # JupyterHub checks XSRF on every cookie-authenticated request that is not a page load
        kwargs["headers"] = {**kwargs.get("headers", {}), **self._xsrf(prefix)}
        return self.http.request(method, url, **kwargs)

    def pull(self, repo: str, branch: str = "main", target: str = "reliefcycle", timeout: float = 120) -> str:
        """Run nbgitpuller as the link does and return its event stream (ends with a success line)."""
        r = self.server("GET", "git-pull/api", params={"repo": repo, "branch": branch, "targetpath": target},
                        stream=True, timeout=timeout)
        r.raise_for_status()
        text = ""
        for line in r.iter_lines(decode_unicode=True):
            text += (line or "") + "\n"
            if '"phase": "finished"' in text or '"phase": "error"' in text:
                break
        r.close()
        if '"phase": "finished"' not in text:
            raise RuntimeError(f"{self.name}: nbgitpuller did not finish:\n{text[-800:]}")
        return text


def free_base_port() -> int:
    """A port p with p, p+1 and p+2 free on loopback (proxy, hub, proxy API)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port < 65000 and all(_free(port + i) for i in (1, 2)):
            return port
    raise RuntimeError("no three free ports in a row on loopback")


def _free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


class Hub:
    """A JupyterHub started as `make hub` starts it, on loopback, with its own state folder.

    stop() stops the hub only: like a restart during class, the students' servers keep running.
    """

    def __init__(self, state, port):
        self.state, self.port = state, port
        self.base = f"http://127.0.0.1:{port}"
        self.env = {**os.environ, "RELIEFCYCLE_HUB_STATE": str(state), "RELIEFCYCLE_HUB_IP": "127.0.0.1",
                    "RELIEFCYCLE_HUB_PORT": str(port)}
        self.process = None

    def start(self) -> None:
        with open(self.state / "hub.log", "a") as log:
            self.process = subprocess.Popen(
                [str(HUB_BIN), "-f", str(ROOT / "jupyter" / "jupyterhub_config.py")],
                cwd=self.state, env=self.env, stdout=log, stderr=log)
        wait_for_hub(self.base, timeout=60)

    def stop(self) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.process.wait(timeout=30)

    def log(self) -> str:
        return (self.state / "hub.log").read_text()[-3000:]


def wait_for_hub(base: str, timeout: float = 60) -> float:
    """Wait until the hub answers its health check; returns seconds waited."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        try:
            if requests.get(f"{base}/hub/health", timeout=5).status_code == 200:
                return time.perf_counter() - t0
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"the hub at {base} did not answer within {timeout} s")
