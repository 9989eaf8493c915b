"""Faults and security of the class hub, against a real JupyterHub on loopback (two students).

Started the way `make hub` starts it (the hub environment .venv-hub, jupyter/jupyterhub_config.py),
on free loopback ports with its own state folder. Needs root (it creates two Unix accounts and
removes them after); elsewhere these tests are skipped, in CI they fail instead.
"""

import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

import pytest

from reliefcycle.activities import saved_answers
from reliefcycle.publish import hub

from hubclient import Hub, Student, free_base_port
from paths import ROOT

NAMES = ("rctest-a", "rctest-b")


def _missing() -> str:
    if os.geteuid() != 0:
        return "the hub tests create Unix accounts and need root"
    if not (ROOT / ".venv-hub" / "bin" / "jupyterhub").exists():
        return "no hub environment: run `make hub-env`"
    if not (ROOT / "node_modules" / ".bin" / "configurable-http-proxy").exists():
        return "configurable-http-proxy missing: run `make hub-env`"
    return ""


if _missing():
    if os.environ.get("CI"):
        pytest.fail(_missing(), pytrace=False)
    pytest.skip(_missing(), allow_module_level=True)


@pytest.fixture(scope="module")
def accounts():
    pairs = dict(hub.add_accounts(list(NAMES)))
    yield pairs
    for name in NAMES:
        for pid in subprocess.run(["pgrep", "-u", name], capture_output=True, text=True).stdout.split():
            os.kill(int(pid), signal.SIGKILL)  # processes of the accounts this fixture made
        subprocess.run(["userdel", "--remove", name], capture_output=True)


@pytest.fixture(scope="module")
def running(accounts):
    """The hub, and both students logged in with their servers started and the series copied."""
    # not under pytest's own temporary folder: that one is private to root, and the students'
    # servers clone the series from the hub's state folder
    state = Path(tempfile.mkdtemp(prefix="reliefcycle-hub-test-"))
    state.chmod(0o755)
    the_hub = Hub(state / "state", free_base_port())
    the_hub.state.mkdir(mode=0o755)
    the_hub.start()
    students = {name: Student(the_hub.base, name, accounts[name]) for name in NAMES}
    repo = f"file://{the_hub.state / 'series.git'}"
    errors = []

    def arrive(student):
        try:
            assert student.login().status_code == 302, "login failed"
            student.start_server(timeout=90)
            student.pull(repo)
        except Exception as error:  # reported below with the hub's log
            errors.append(f"{student.name}: {error!r}")

    threads = [threading.Thread(target=arrive, args=(s,)) for s in students.values()]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert not errors, f"{errors}\n{the_hub.log()}"
        yield the_hub, students
    finally:
        the_hub.stop()  # the students' servers are ended with their accounts (fixture `accounts`)
        proxy_pid = the_hub.state / "proxy.pid"
        if proxy_pid.exists():
            os.kill(int(proxy_pid.read_text()), signal.SIGTERM)
        shutil.rmtree(state, ignore_errors=True)


def test_wrong_password_is_refused(running):
    the_hub, _ = running
    stranger = Student(the_hub.base, NAMES[0], "not-the-password")
    assert stranger.login().status_code == 403
    assert not stranger.logged_in
    assert stranger.api("GET", f"/users/{NAMES[0]}").status_code == 403


def test_each_student_has_their_own_copy_and_the_original_is_untouched(running):
    _, students = running
    a = students[NAMES[0]]
    listing = a.server("GET", "api/contents/reliefcycle/notebooks").json()
    assert "02_the_cycle.ipynb" in {item["name"] for item in listing["content"]}
    home = pwd.getpwnam(NAMES[0]).pw_dir
    info = os.stat(f"{home}/reliefcycle/notebooks/02_the_cycle.ipynb")
    assert info.st_uid == pwd.getpwnam(NAMES[0]).pw_uid
    assert os.stat(home).st_mode & 0o077 == 0, "a student's home must be private (mode 700)"
    status = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "notebooks"],
                            capture_output=True, text=True, check=True)
    assert status.stdout == ""


def test_a_student_cannot_reach_another_students_server_or_files(running):
    the_hub, students = running
    a, b = students[NAMES[0]], students[NAMES[1]]
    r = a.server("GET", "api/contents", user=b.name, allow_redirects=False)
    assert r.status_code in (302, 403)
    if r.status_code == 302:  # to the hub, which refuses to hand A a token for B's server
        assert a.http.get(a.base + r.headers["Location"] if r.headers["Location"].startswith("/")
                          else r.headers["Location"], timeout=30).status_code == 403
    assert a.api("GET", f"/users/{b.name}").status_code in (403, 404)
    assert a.api("DELETE", f"/users/{b.name}/server").status_code in (403, 404)
    assert a.api("POST", f"/users/{b.name}/tokens", json={}).status_code in (403, 404)
    users = a.api("GET", "/users")
    assert users.status_code == 403 or {u["name"] for u in users.json()} <= {a.name}
    assert a.http.get(f"{a.base}/hub/admin", timeout=30).status_code == 403
    assert a.server("GET", f"api/contents/..%2F{b.name}").status_code in (403, 404)
    peek = subprocess.run(["su", "-s", "/bin/sh", a.name, "-c", f"ls {pwd.getpwnam(b.name).pw_dir}"],
                          capture_output=True, text=True)
    assert peek.returncode != 0 and "Permission denied" in peek.stderr
    assert b.server("GET", "api/contents/reliefcycle").status_code == 200  # B still fine
    _class_codes_stay_private(the_hub, a.name, b.name)


# What "Show my code" runs in a student's server, with the environment the hub gave that server.
DROP_A_CODE = """from reliefcycle.activities import saved_answers as s
from reliefcycle.models import concept_check as cc
check = cc.load()
print(s.drop_code(cc.encode(check, "before", {i.id: cc.Answer(i.answer, 3) for i in check.items})))
"""


def _class_codes_stay_private(the_hub, a: str, b: str) -> None:
    """A's concept-check code lands in the hub's drop folder; B can neither list nor read nor
    remove it; the instructors' command reads it (and withholds a class of one)."""
    server = subprocess.run(["pgrep", "-u", a, "-f", "jupyterhub-singleuser"],
                            capture_output=True, text=True).stdout.split()[0]
    env = dict(v.split("=", 1) for v in Path(f"/proc/{server}/environ").read_text().split("\0") if "=" in v)
    drop = the_hub.state / "class-codes"
    assert env[saved_answers.DROP_ENV] == str(drop)
    python = ROOT / ".venv-hub" / "bin" / "python"
    left = subprocess.run(["su", "-s", "/bin/sh", a, "-c",
                           f"{saved_answers.DROP_ENV}={drop} {python} -c '{DROP_A_CODE}'"],
                          capture_output=True, text=True, cwd="/")
    code = Path(left.stdout.strip())
    assert code.parent == drop, left.stderr
    assert os.stat(code).st_uid == pwd.getpwnam(a).pw_uid  # the system knows who wrote it
    assert a not in code.read_text() and code.read_text().startswith("B-")
    for command in (f"ls {drop}", f"cat {code}", f"rm -f {code}"):
        peek = subprocess.run(["su", "-s", "/bin/sh", b, "-c", command], capture_output=True, text=True)
        assert peek.returncode != 0, command
    assert code.exists()
    view = subprocess.run([ROOT / ".venv-hub" / "bin" / "reliefcycle-hub", "class-view",
                           "--folder", drop], capture_output=True, text=True)
    assert view.returncode == 0 and "Codes: 1 before" in view.stdout and "(1 of 1)" not in view.stdout


def test_killed_kernel_leaves_saved_work_and_comes_back(running):
    _, students = running
    a = students[NAMES[0]]
    work = {"type": "file", "format": "text", "content": f"my answer {uuid.uuid4()}"}
    assert a.server("PUT", "api/contents/my-answers.txt", json=work).status_code in (200, 201)
    kernel = a.server("POST", "api/kernels", json={"name": "python3"}).json()
    pids = _wait(lambda: subprocess.run(["pgrep", "-u", a.name, "-f", "ipykernel_launcher"],
                                        capture_output=True, text=True).stdout.split())
    for pid in pids:
        os.kill(int(pid), signal.SIGKILL)
    # the student's server restarts the dead kernel by itself
    new = _wait(lambda: [p for p in subprocess.run(["pgrep", "-u", a.name, "-f", "ipykernel_launcher"],
                                                   capture_output=True, text=True).stdout.split()
                         if p not in pids])
    assert new
    state = _wait(lambda: a.server("GET", f"api/kernels/{kernel['id']}").json()["execution_state"]
                  in ("idle", "starting", "busy"))
    assert state
    saved = a.server("GET", "api/contents/my-answers.txt").json()
    assert saved["content"] == work["content"]


def test_hub_restart_keeps_students_files_and_servers(running):
    the_hub, students = running
    a = students[NAMES[0]]
    before = {i["name"] for i in a.server("GET", "api/contents/reliefcycle/notebooks").json()["content"]}
    the_hub.stop()
    the_hub.start()
    assert a.login().status_code == 302
    server = a.api("GET", f"/users/{a.name}").json()["servers"][""]
    assert server["ready"], "the student's server should survive a hub restart"
    after = {i["name"] for i in a.server("GET", "api/contents/reliefcycle/notebooks").json()["content"]}
    assert after == before
    assert a.server("GET", "api/contents/my-answers.txt").status_code == 200


def _wait(check, timeout: float = 30):
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < timeout:
        result = check()
        if result:
            return result
        time.sleep(0.2)
    return None
