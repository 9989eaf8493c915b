"""A classroom on the class hub: how much machine does a class of N students need?

For each class size N (default 1, 5, 10, 20) on a real hub on loopback, N simulated students at
once: log in, start their server, copy the series (the nbgitpuller link), open notebook 02, run all
its cells, then work the explorer (move the "Immediate relief" slider back and forth). Measured:

* server start: login to server ready (seconds);
* first plot: opening the notebook (kernel start) to the first picture in its outputs;
* run all: opening the notebook to the last cell finished;
* explorer update: slider change sent to new picture received, p50 / p95 (milliseconds);
* memory per student: resident memory of all the student's processes (server + kernel), MB;
* failures: students who did not get through.

Most students are protocol-level clients (HTTP and the kernel's websocket, as JupyterLab speaks
it); ``--browsers K`` makes K of them real Debian chromium (Playwright) students, who press the
arrow keys and time keypress -> new picture. Everything stays on 127.0.0.1: the browsers abort and
count any request to another host. Bounded: at most 40 students, each step has a timeout, and
the whole run stops after ``--time-limit`` seconds. Needs root (it creates the accounts
bench01 ... benchNN and removes them after).

Run: ``sudo .venv/bin/python benchmarks/classroom.py`` (after ``make hub-env``). Results go to
benchmarks/classroom.json and a Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from reliefcycle.publish import hub  # noqa: E402

from hubclient import Hub, Student, free_base_port  # noqa: E402

NOTEBOOK = "reliefcycle/notebooks/02_the_cycle.ipynb"
SLIDER = "Immediate relief"
MAX_STUDENTS = 40
RESULTS = Path(__file__).with_suffix(".json")


class Deadline:
    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise TimeoutError("the benchmark's time limit is up")
        return left


def _decode(frame) -> dict:
    """A kernel websocket frame as a message dict (binary frames carry buffers after the JSON)."""
    if isinstance(frame, str):
        return json.loads(frame)
    nbufs = struct.unpack("!I", frame[:4])[0]
    offsets = struct.unpack("!" + "I" * nbufs, frame[4:4 + 4 * nbufs])
    end = offsets[1] if nbufs > 1 else len(frame)
    return json.loads(frame[offsets[0]:end])


class Kernel:
    """The kernel websocket of one student's notebook session, as JupyterLab uses it."""

    def __init__(self, student: Student, kernel_id: str):
        self.student, self.kernel_id = student, kernel_id
        self.session = uuid.uuid4().hex
        self.ws = None

    async def connect(self):
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        s = self.student
        cookies = "; ".join(f"{c.name}={c.value}" for c in s.http.cookies)
        url = (s.base.replace("http", "ws", 1)
               + f"/user/{s.name}/api/kernels/{self.kernel_id}/channels?session_id={self.session}")
        self.ws = await websocket_connect(HTTPRequest(url, headers={"Cookie": cookies}),
                                          max_message_size=64 * 2**20)

    def _send(self, msg_type: str, content: dict, channel: str = "shell") -> str:
        msg_id = uuid.uuid4().hex
        self.ws.write_message(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": msg_type, "session": self.session,
                       "username": self.student.name, "version": "5.3", "date": ""},
            "parent_header": {}, "metadata": {}, "content": content, "channel": channel, "buffers": []}))
        return msg_id

    async def _until_idle(self, msg_id: str, timeout: float, on_message=None):
        end = time.monotonic() + timeout
        while True:
            frame = await asyncio.wait_for(self.ws.read_message(), max(0.1, end - time.monotonic()))
            if frame is None:
                raise ConnectionError("kernel websocket closed")
            msg = _decode(frame)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if on_message:
                on_message(msg, frame)
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                return

    async def run(self, code: str, timeout: float, on_message=None):
        await self._until_idle(self._send("execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True}), timeout, on_message)

    async def set_widget(self, comm_id: str, value, timeout: float, on_message=None):
        await self._until_idle(self._send("comm_msg", {"comm_id": comm_id, "data": {
            "method": "update", "state": {"value": value}, "buffer_paths": []}}), timeout, on_message)


def _has_picture(frame) -> bool:
    text = frame if isinstance(frame, str) else frame.decode("utf-8", "replace")
    return "image/png" in text


async def protocol_student(student: Student, keys: int, deadline: Deadline) -> dict:
    """Open notebook 02, run all its cells, then move the explorer's slider ``keys`` times."""
    result = {}
    session = student.server("POST", "api/sessions", json={
        "path": NOTEBOOK, "type": "notebook", "name": "", "kernel": {"name": "python3"}}).json()
    t_open = time.perf_counter()
    kernel = Kernel(student, session["kernel"]["id"])
    await kernel.connect()
    nb = nbformat.from_dict(student.server("GET", f"api/contents/{NOTEBOOK}").json()["content"])
    sliders = {}

    def watch(msg, frame):
        if "first_plot_s" not in result and _has_picture(frame):
            result["first_plot_s"] = time.perf_counter() - t_open
        if msg["msg_type"] == "comm_open":
            state = msg["content"]["data"].get("state", {})
            if state.get("_model_name") in ("FloatSliderModel", "IntSliderModel"):
                sliders[state.get("description", "")] = (msg["content"]["comm_id"], state)

    for cell in nb.cells:
        if cell.cell_type == "code":
            await kernel.run(cell.source, min(120, deadline.left()), watch)
    result["run_all_s"] = time.perf_counter() - t_open
    comm_id, state = next(v for k, v in sliders.items() if SLIDER in k)
    updates = []
    for i in range(keys):
        value = round(state["value"] + (-1) ** i * state["step"], 6)
        pictures = []
        t0 = time.perf_counter()
        await kernel.set_widget(comm_id, value, min(30, deadline.left()),
                                lambda msg, frame, p=pictures: p.append(time.perf_counter())
                                if _has_picture(frame) else None)
        if pictures:
            updates.append((pictures[0] - t0) * 1000)
    result["update_ms"] = updates
    kernel.ws.close()
    return result


def browser_student(student: Student, keys: int, deadline: Deadline) -> dict:
    """A real chromium student: JupyterLab, run all, arrow keys on the explorer's slider."""
    from urllib.parse import urlparse

    from playwright.sync_api import sync_playwright

    result, external = {}, []
    figure = ".jp-Notebook .reliefcycle-explorer-figure img"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 1280, "height": 900})

        def route(r):
            if urlparse(r.request.url).hostname in ("127.0.0.1", "localhost") or \
                    r.request.url.startswith(("data:", "blob:")):
                r.continue_()
            else:
                external.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        context.add_cookies([{"name": c.name, "value": c.value, "domain": "127.0.0.1", "path": c.path or "/"}
                             for c in student.http.cookies])
        page = context.new_page()
        t_open = time.perf_counter()
        page.goto(f"{student.base}/user/{student.name}/lab/tree/{NOTEBOOK}?reset",
                  timeout=deadline.left() * 1000)
        page.wait_for_selector(".jp-Notebook .jp-MarkdownOutput h1", timeout=180_000)
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status=idle]", timeout=180_000)
        page.click(".lm-MenuBar-itemLabel:text-is('Run')")  # as a student does: Run > Run All Cells
        page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status=busy]", state="attached",
                               timeout=60_000)
        # JupyterLab renders only the cells near the screen: wait for the picture to exist, then show it
        page.wait_for_selector(figure, state="attached", timeout=180_000)
        result["first_plot_s"] = time.perf_counter() - t_open
        page.locator(figure).scroll_into_view_if_needed()
        handle = page.locator(f".jp-Notebook .widget-slider:has-text('{SLIDER}') [role=slider]").first
        handle.focus()
        updates = []
        for i in range(keys):
            before = page.get_attribute(figure, "src")
            t0 = time.perf_counter()
            page.keyboard.press("ArrowLeft" if i % 2 == 0 else "ArrowRight")
            page.wait_for_function("([sel, old]) => document.querySelector(sel).getAttribute('src') !== old",
                                   arg=[figure, before], timeout=30_000)
            updates.append((time.perf_counter() - t0) * 1000)
        result["update_ms"] = updates
        browser.close()
    result["external_requests"] = len(external)
    return result


def memory_mb(user: str) -> float:
    rss = subprocess.run(["ps", "-u", user, "-o", "rss="], capture_output=True, text=True).stdout.split()
    return sum(int(x) for x in rss) / 1024


def one_student(the_hub: Hub, name: str, password: str, browser: bool, keys: int,
                deadline: Deadline) -> dict:
    student = Student(the_hub.base, name, password)
    row = {"student": name, "client": "chromium" if browser else "protocol"}
    try:
        if student.login().status_code != 302:
            raise RuntimeError("login refused")
        row["server_start_s"] = student.start_server(timeout=min(180, deadline.left()))
        student.pull(f"file://{the_hub.state / 'series.git'}", timeout=min(120, deadline.left()))
        if browser:
            row.update(browser_student(student, keys, deadline))
        else:
            row.update(asyncio.run(protocol_student(student, keys, deadline)))
        row["memory_mb"] = memory_mb(name)
    except Exception as error:  # a failure is a result: counted and reported
        row["error"] = f"{type(error).__name__}: {error}"[:300]
    return row


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, round(q / 100 * (len(values) - 1)))] if values else float("nan")


def summarise(n: int, rows: list[dict], load: str) -> dict:
    ok = [r for r in rows if "error" not in r]
    updates = [u for r in ok for u in r.get("update_ms", []) if r["client"] == "protocol"]
    key_updates = [u for r in ok for u in r.get("update_ms", []) if r["client"] == "chromium"]
    med = statistics.median
    return {
        "students": n, "failures": len(rows) - len(ok), "load_before": load,
        "server_start_s_median": med([r["server_start_s"] for r in ok]) if ok else None,
        "server_start_s_max": max((r["server_start_s"] for r in ok), default=None),
        "first_plot_s_median": med([r["first_plot_s"] for r in ok if "first_plot_s" in r]) if ok else None,
        "run_all_s_median": med([r["run_all_s"] for r in ok if "run_all_s" in r] or [float("nan")]),
        "update_ms_p50": percentile(updates, 50), "update_ms_p95": percentile(updates, 95),
        "keypress_ms_p50": percentile(key_updates, 50), "keypress_ms_p95": percentile(key_updates, 95),
        "memory_mb_per_student_median": med([r["memory_mb"] for r in ok]) if ok else None,
        "memory_mb_per_student_max": max((r["memory_mb"] for r in ok), default=None),
        "external_requests": sum(r.get("external_requests", 0) for r in rows),
        "errors": [r["error"] for r in rows if "error" in r][:5],
    }


def run_class(the_hub: Hub, accounts: dict, n: int, browsers: int, keys: int, deadline: Deadline):
    names = list(accounts)[:n]
    rows, threads = [], []
    for i, name in enumerate(names):
        t = threading.Thread(target=lambda nm=name, b=i < browsers: rows.append(
            one_student(the_hub, nm, accounts[nm], b, keys, deadline)))
        threads.append(t)
        t.start()
    for t in threads:
        t.join(timeout=max(1, deadline.end - time.monotonic()))
    for name in names:  # end the class: stop every server before the next size
        student = Student(the_hub.base, name, accounts[name])
        if student.login().status_code == 302:
            student.api("DELETE", f"/users/{name}/server")
    return rows


def _pair(a, b, digits: int) -> str:
    def one(x):
        return "-" if x is None or x != x else f"{x:.{digits}f}"
    return f"{one(a)} / {one(b)}"


def table(summaries: list[dict]) -> str:
    head = ("| students | failures | server start median / max (s) | first plot median / run all (s) | "
            "explorer update p50 / p95 (ms) | keypress -> picture p50 / p95 (ms, chromium) | "
            "memory per student median / max (MB) | load before |")
    lines = [head, "|" + "---|" * 8]
    for s in summaries:
        lines.append(" | ".join([
            f"| {s['students']}", str(s["failures"]),
            _pair(s["server_start_s_median"], s["server_start_s_max"], 1),
            _pair(s["first_plot_s_median"], s["run_all_s_median"], 1),
            _pair(s["update_ms_p50"], s["update_ms_p95"], 0),
            _pair(s["keypress_ms_p50"], s["keypress_ms_p95"], 0),
            _pair(s["memory_mb_per_student_median"], s["memory_mb_per_student_max"], 0),
            f"{s['load_before']} |"]))
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,5,10,20", help="class sizes to run, comma-separated")
    parser.add_argument("--browsers", type=int, default=1, help="real chromium students per class")
    parser.add_argument("--keys", type=int, default=20, help="explorer moves per student")
    parser.add_argument("--time-limit", type=float, default=1500, help="stop the whole run after this")
    args = parser.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",")]
    if max(sizes) > MAX_STUDENTS or min(sizes) < 1:
        parser.error(f"class sizes must be between 1 and {MAX_STUDENTS}")
    if os.geteuid() != 0:
        parser.error("needs root: it creates the students' Unix accounts")
    deadline = Deadline(args.time_limit)
    names = hub.student_names("bench", max(sizes))
    accounts = dict(hub.add_accounts(names))
    state = Path(tempfile.mkdtemp(prefix="classroom-"))
    state.chmod(0o755)
    the_hub = Hub(state / "state", free_base_port())
    the_hub.state.mkdir(mode=0o755)
    summaries = []
    try:
        the_hub.start()
        for n in sizes:
            load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
            rows = run_class(the_hub, accounts, n, args.browsers, args.keys, deadline)
            summaries.append(summarise(n, rows, load))
            print(json.dumps(summaries[-1]), flush=True)
    finally:
        the_hub.stop()
        proxy = the_hub.state / "proxy.pid"
        if proxy.exists():
            os.kill(int(proxy.read_text()), signal.SIGTERM)
        for name in names:
            for pid in subprocess.run(["pgrep", "-u", name], capture_output=True, text=True).stdout.split():
                os.kill(int(pid), signal.SIGKILL)  # processes of the accounts this run made
            subprocess.run(["userdel", "--remove", name], capture_output=True)
    machine = {"date": time.strftime("%Y-%m-%d"), "cores": os.cpu_count(),
               "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30),
               "python": platform.python_version(), "note": "shared machine: other jobs ran at the same time"}
    RESULTS.write_text(json.dumps({"machine": machine, "classes": summaries}, indent=2))
    print(f"\n{machine}\n\n{table(summaries)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
