"""A class hub on one machine: JupyterHub serving the series to many students.

``make hub`` runs ``jupyterhub -f jupyter/jupyterhub_config.py``; that file calls :func:`configure`.
The choices, and why:

* **Accounts**: the instructor creates one Unix account per student with ``add-students``
  (a generated password each, printed once for slips of paper). The hub checks passwords with
  PAM, so they are stored only as the system's own hashes, and only members of the students' or
  instructors' group may log in: nobody else gets in.
* **Apart**: every student's server and kernel run as their own Unix user, in a home folder only
  they can read (mode 700). With systemd running, SystemdSpawner also enforces the memory and CPU
  limits below; without it (containers) the limits are advisory and the instructor sizes the
  machine from the capacity table in ``teaching/hosting.md``.
* **Notebooks**: each student gets their own copy through an nbgitpuller link to a read-only
  mirror of this repository on the same machine (no internet needed); the original stays
  untouched. ``restore`` brings back a broken notebook and keeps the student's copy beside it.
* **Idle culler**: jupyterhub-idle-culler stops a server after an hour without activity.
* **Class view without copying codes**: *Send my code to the instructor* (optional) in the concept
  check leaves the learner's anonymous code in a drop folder (``class-codes`` in the state folder,
  passed to every server as ``RELIEFCYCLE_CODE_DROP``). Students may put files there but not list
  or read them; instructors read the folder with ``reliefcycle-hub class-view`` (aggregate only,
  small counts withheld). The system still records which account created each file, and root can
  see it.
* **Same JupyterLab as ``make lab``**: the students' servers run from the same environment, so the
  settings in ``jupyter/overrides.json`` (no news, no update checks) apply to them too.

Command line: ``reliefcycle-hub add-students|add-instructor|links|restore|mirror|class-view``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import grp
import os
import pwd
import secrets
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from reliefcycle.activities.saved_answers import DROP_ENV
from reliefcycle.publish import launch

ROOT = Path(__file__).resolve().parents[3]
STUDENTS_GROUP = "reliefcycle-students"
INSTRUCTORS_GROUP = "reliefcycle-instructors"
SERIES_BRANCH = "main"
CLONE_NAME = "reliefcycle"  # the folder in each student's home
START_NOTEBOOK = "00_start_here.ipynb"
# Words for passwords that are easy to read off a slip of paper (no look-alike letters).
_WORDS = ("amber", "birch", "cedar", "delta", "ember", "fern", "grove", "harbor", "iris", "juniper",
          "kestrel", "lagoon", "meadow", "north", "orchid", "pebble", "quartz", "river", "sage",
          "thistle", "umber", "violet", "willow", "yarrow", "zephyr")


class HubError(ValueError):
    """A hub setting or command argument that cannot work, with what to do instead."""


@dataclass(frozen=True)
class HubSettings:
    """Everything the one-machine hub needs; :func:`settings_from_env` reads it from the environment.

    ``mem_limit`` and ``cpu_limit`` are per student (server + kernel); the values come from the
    classroom load test (``benchmarks/classroom.py``), with room to spare.
    """

    state_dir: Path = ROOT / ".hub"
    ip: str = ""  # every interface, so the room's laptops can connect
    port: int = 8000
    mem_limit: str = "1G"
    cpu_limit: float = 1.0
    cull_timeout: int = 3600
    cull_every: int = 300
    ssl_cert: str = ""
    ssl_key: str = ""

    @property
    def mirror(self) -> Path:
        return self.state_dir / "series.git"

    @property
    def code_drop(self) -> Path:
        return self.state_dir / "class-codes"


def settings_from_env(env=os.environ) -> HubSettings:
    """Read ``RELIEFCYCLE_HUB_*`` variables (port, ip, state dir, limits, TLS files)."""
    def number(name, kind, default):
        text = env.get(name)
        if text is None:
            return default
        try:
            return kind(text)
        except ValueError:
            raise HubError(f"{name}={text!r} is not a number") from None

    port = number("RELIEFCYCLE_HUB_PORT", int, 8000)
    if not 1 <= port <= 65533:
        raise HubError(f"RELIEFCYCLE_HUB_PORT={port} is outside 1-65533 (the hub uses it and the next two)")
    cert, key = env.get("RELIEFCYCLE_HUB_SSL_CERT", ""), env.get("RELIEFCYCLE_HUB_SSL_KEY", "")
    if bool(cert) != bool(key):
        raise HubError("set both RELIEFCYCLE_HUB_SSL_CERT and RELIEFCYCLE_HUB_SSL_KEY, or neither")
    return HubSettings(
        state_dir=Path(env.get("RELIEFCYCLE_HUB_STATE", ROOT / ".hub")),
        ip=env.get("RELIEFCYCLE_HUB_IP", ""),
        port=port,
        mem_limit=env.get("RELIEFCYCLE_HUB_MEM_LIMIT", "1G"),
        cpu_limit=number("RELIEFCYCLE_HUB_CPU_LIMIT", float, 1.0),
        cull_timeout=number("RELIEFCYCLE_HUB_CULL_TIMEOUT", int, 3600),
        ssl_cert=cert, ssl_key=key,
    )


# --- handing out notebooks --------------------------------------------------------------------

def notebook_names(folder: Path = ROOT / "notebooks") -> list[str]:
    return sorted(p.name for p in folder.glob("[0-9]*_*.ipynb"))


def gitpuller_path(repo: str, notebook: str = START_NOTEBOOK, branch: str = SERIES_BRANCH,
                   user_redirect: bool = True) -> str:
    """The nbgitpuller link (path and query) that copies the series and opens ``notebook``.

    A student's copy lands in ``~/reliefcycle``. Clicking the link again merges new upstream
    changes and brings back deleted files; a notebook the student changed keeps their changes.
    """
    if notebook not in notebook_names():
        raise HubError(f"no notebook called {notebook!r}; choose one of {', '.join(notebook_names())}")
    query = urlencode({"repo": repo, "branch": branch, "targetpath": CLONE_NAME,
                       "urlpath": f"lab/tree/{CLONE_NAME}/notebooks/{notebook}"})
    return ("/hub/user-redirect" if user_redirect else "") + f"/git-pull?{query}"


def link_table(base_url: str, repo: str, branch: str = SERIES_BRANCH) -> str:
    """A Markdown table of ready nbgitpuller links, one per notebook, for a hand-out or the LMS."""
    base = base_url.rstrip("/")
    rows = [f"| {name} | {base}{gitpuller_path(repo, name, branch)} |" for name in notebook_names()]
    return "\n".join(["| notebook | link |", "|---|---|", *rows])


def make_mirror(mirror: Path, source: Path = ROOT) -> Path:
    """Copy the committed series into a bare git mirror the students' servers can clone offline.

    What students get is what is committed (``HEAD``), published as branch ``main``.
    """
    if not (source / ".git").exists():
        raise HubError(f"{source} is not a git checkout; clone the series with git first")
    if not (mirror / "HEAD").exists():
        subprocess.run(["git", "init", "-q", "--bare", str(mirror)], check=True)
    subprocess.run(["git", "-C", str(source), "push", "-q", "--force", str(mirror),
                    f"HEAD:refs/heads/{SERIES_BRANCH}"], check=True)
    subprocess.run(["git", "-C", str(mirror), "symbolic-ref", "HEAD", f"refs/heads/{SERIES_BRANCH}"],
                   check=True)
    for path in [mirror, *mirror.rglob("*")]:  # readable by students, writable only by the hub
        path.chmod(0o755 if path.is_dir() else 0o644)
    return mirror


def restore_notebook(path: str | Path, now: dt.datetime | None = None) -> tuple[Path, Path | None]:
    """Bring back the original of a notebook in a student's copy, keeping theirs beside it.

    The student's version is renamed ``NAME-my-copy-YYYYMMDD-HHMM.ipynb``; the original comes
    from the last version nbgitpuller fetched (``git show HEAD:...``), so no network is needed.
    Returns (original, kept copy or None when the student had deleted it).
    """
    path = Path(path).resolve()
    top = subprocess.run(["git", "-C", str(path.parent), "rev-parse", "--show-toplevel"],
                         capture_output=True, text=True)
    if top.returncode:
        raise HubError(f"{path} is not inside a copy of the series (open the nbgitpuller link first)")
    relative = path.relative_to(Path(top.stdout.strip()).resolve()).as_posix()
    original = subprocess.run(["git", "-C", top.stdout.strip(), "show", f"HEAD:{relative}"],
                              capture_output=True)
    if original.returncode:
        raise HubError(f"{relative} is not one of the series' files, so there is no original to restore")
    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.stem}-my-copy-{stamp}{path.suffix}") if path.exists() else None
    if kept:
        path.rename(kept)
    path.write_bytes(original.stdout)
    return path, kept


# --- the class view without copying codes ---------------------------------------------------

#: The drop folder's mode: sticky and set-group-ID, owner and instructors rwx, everyone else -wx.
#: Students can create a file in it but not list it, nor read, rename or delete another's file
#: (the sticky bit); new files belong to the instructors' group (set-group-ID), and the concept
#: check writes them readable by owner and group only (0640).
CODE_DROP_MODE = 0o3773


def make_code_drop(folder: Path) -> Path:
    """Create the folder that the concept check leaves anonymous codes in (see CODE_DROP_MODE).

    As root the folder belongs to root and the instructors' group, so instructors can read the
    codes; run as another user (a test) it belongs to that user's group.
    """
    folder.mkdir(exist_ok=True)
    if os.geteuid() == 0:
        _ensure_group(INSTRUCTORS_GROUP)
        os.chown(folder, 0, grp.getgrnam(INSTRUCTORS_GROUP).gr_gid)
    folder.chmod(CODE_DROP_MODE)
    return folder


def code_drop_folder(env=os.environ) -> Path:
    """Where the codes are: ``RELIEFCYCLE_CODE_DROP`` (set in every hub server, so also in an
    instructor's terminal), else the drop folder in the hub's state folder."""
    return Path(env.get(DROP_ENV) or settings_from_env(env).code_drop)


# --- accounts ---------------------------------------------------------------------------------

def new_password(rng=secrets) -> str:
    """Three words and two digits: strong enough for a workshop, easy to type from a slip."""
    return "-".join(rng.choice(_WORDS) for _ in range(3)) + f"-{rng.randbelow(90) + 10}"


def _ensure_group(name: str) -> None:
    try:
        grp.getgrnam(name)
    except KeyError:
        subprocess.run(["groupadd", name], check=True)


def _check_name(name: str) -> None:
    if not name or len(name) > 32 or not name[0].isalpha() or not all(
            c.islower() or c.isdigit() or c in "-_" for c in name):
        raise HubError(f"{name!r} cannot be a login name: use lower-case letters, digits, - or _, "
                       "starting with a letter, at most 32 characters")


def add_accounts(names: list[str], group: str = STUDENTS_GROUP) -> list[tuple[str, str]]:
    """Create a Unix account (home mode 700) in ``group`` for each name, with a new password.

    Needs root. An account that already exists gets a new password and joins the group.
    Returns (name, password) pairs; show them once and do not store them.
    """
    if os.geteuid() != 0:
        raise HubError("creating accounts needs root: run it with sudo")
    for name in names:
        _check_name(name)
    _ensure_group(group)
    pairs = []
    for name in names:
        try:
            pwd.getpwnam(name)
            subprocess.run(["usermod", "-a", "-G", group, name], check=True)
        except KeyError:
            subprocess.run(["useradd", "--create-home", "--shell", "/bin/bash", "-G", group, name],
                           check=True)
        os.chmod(pwd.getpwnam(name).pw_dir, 0o700)
        password = new_password()
        subprocess.run(["chpasswd"], input=f"{name}:{password}\n", text=True, check=True)
        pairs.append((name, password))
    return pairs


def student_names(prefix: str, count: int) -> list[str]:
    if not 1 <= count <= 500:
        raise HubError(f"--count {count}: choose between 1 and 500 students")
    return [f"{prefix}{i:02d}" for i in range(1, count + 1)]


# --- the JupyterHub configuration -------------------------------------------------------------

def systemd_running() -> bool:
    """True when systemd is the init system (it can enforce per-student limits)."""
    return Path("/run/systemd/system").is_dir()


#: The parts of ``make lab``'s JupyterLab settings that students' servers share; the hub owns the
#: address, the root (each student's home), the page they land on and the login.
SHARED_LAB_SETTINGS = ("app_settings_dir", "news_url", "check_for_updates_class")


def singleuser_args() -> list[str]:
    """JupyterLab options of the students' servers, taken from the launch configuration of
    ``make lab`` (reliefcycle.publish.launch), so the two cannot drift apart."""
    lab = launch.lab_settings(ROOT)["LabApp"]
    return launch.lab_arguments({"LabApp": {name: lab[name] for name in SHARED_LAB_SETTINGS}})


def _git_system_config(s: HubSettings) -> Path:
    """The git settings for students' servers: the machine's own, plus the mirror as a safe place."""
    system = Path("/etc/gitconfig")
    path = s.state_dir / "gitconfig"
    path.write_text((system.read_text() if system.exists() else "")
                    + f"\n[safe]\n\tdirectory = {s.mirror}\n")
    path.chmod(0o644)
    return path


def configure(c, settings: HubSettings | None = None) -> None:
    """Fill a JupyterHub config object ``c`` (called from ``jupyter/jupyterhub_config.py``)."""
    s = settings or settings_from_env()
    s.state_dir.mkdir(parents=True, exist_ok=True)
    s.state_dir.chmod(0o755)  # students' servers clone the mirror inside it
    make_mirror(s.mirror)
    if os.geteuid() == 0:  # PAM checks membership of both groups at every login
        for group in (STUDENTS_GROUP, INSTRUCTORS_GROUP):
            _ensure_group(group)
    make_code_drop(s.code_drop)
    python = Path(sys.executable)

    c.JupyterHub.bind_url = f"{'https' if s.ssl_cert else 'http'}://{s.ip}:{s.port}"
    c.JupyterHub.hub_ip = "127.0.0.1"
    c.JupyterHub.hub_port = s.port + 1
    c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{s.port + 2}"
    c.ConfigurableHTTPProxy.command = [str(ROOT / "node_modules" / ".bin" / "configurable-http-proxy")]
    c.ConfigurableHTTPProxy.pid_file = str(s.state_dir / "proxy.pid")
    if s.ssl_cert:
        c.JupyterHub.ssl_cert, c.JupyterHub.ssl_key = s.ssl_cert, s.ssl_key
    c.JupyterHub.db_url = f"sqlite:///{s.state_dir / 'jupyterhub.sqlite'}"
    c.JupyterHub.cookie_secret_file = str(s.state_dir / "cookie_secret")
    c.JupyterHub.pid_file = str(s.state_dir / "jupyterhub.pid")
    # A hub restart during class must not stop the students' servers (nor lose their work).
    c.JupyterHub.cleanup_servers = False
    c.JupyterHub.cleanup_proxy = False

    c.JupyterHub.authenticator_class = "pam"
    c.PAMAuthenticator.allowed_groups = {STUDENTS_GROUP, INSTRUCTORS_GROUP}
    c.PAMAuthenticator.admin_groups = {INSTRUCTORS_GROUP}
    c.PAMAuthenticator.open_sessions = False

    if systemd_running():
        c.JupyterHub.spawner_class = "systemdspawner.SystemdSpawner"
        c.SystemdSpawner.dynamic_users = False
        c.SystemdSpawner.isolate_tmp = True
        c.SystemdSpawner.isolate_devices = True
        c.SystemdSpawner.unit_name_template = "reliefcycle-{USERNAME}"
    else:
        c.JupyterHub.spawner_class = "localprocess"
    c.Spawner.mem_limit = s.mem_limit
    c.Spawner.cpu_limit = s.cpu_limit
    c.Spawner.cmd = [str(python.parent / "jupyterhub-singleuser")]
    c.Spawner.args = singleuser_args()
    c.Spawner.notebook_dir = "~"
    c.Spawner.default_url = gitpuller_path(f"file://{s.mirror}", user_redirect=False)
    # A class logging in at once shares the machine: give slow starts time.
    c.Spawner.start_timeout = 120
    c.Spawner.http_timeout = 120
    c.Spawner.environment = {
        # so a student's terminal finds `reliefcycle-hub restore` and the series' Python
        "PATH": f"{python.parent}:/usr/local/bin:/usr/bin:/bin",
        # the mirror belongs to the hub's user, so git wants it named safe, in a system-level file
        "GIT_CONFIG_SYSTEM": str(_git_system_config(s)),
        # the concept check leaves anonymous codes here, for `reliefcycle-hub class-view`
        DROP_ENV: str(s.code_drop),
    }

    c.JupyterHub.load_roles = [{
        "name": "idle-culler", "services": ["idle-culler"],
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
    }]
    c.JupyterHub.services = [{
        "name": "idle-culler",
        "command": [str(python), "-m", "jupyterhub_idle_culler",
                    f"--timeout={s.cull_timeout}", f"--cull-every={s.cull_every}"],
    }]


# --- command line -----------------------------------------------------------------------------

def _print_accounts(pairs, out: str | None) -> None:
    if out:
        with open(os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", newline="") as f:
            csv.writer(f).writerows([("login", "password"), *pairs])
        print(f"{len(pairs)} accounts; logins and passwords written to {out} (readable by you only)")
    else:
        for name, password in pairs:
            print(f"{name}\t{password}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="reliefcycle-hub", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add-students", help="create student accounts (root) and print their passwords")
    add.add_argument("names", nargs="*", help="login names; or use --count")
    add.add_argument("--count", type=int, help="create student01 ... studentNN")
    add.add_argument("--prefix", default="student")
    add.add_argument("--out", help="write logins and passwords to this CSV (mode 600) instead of printing")
    teach = sub.add_parser("add-instructor", help="create an instructor account (hub admin)")
    teach.add_argument("name")
    links = sub.add_parser("links", help="print ready nbgitpuller links, one per notebook")
    links.add_argument("--base-url", default="http://localhost:8000")
    links.add_argument("--repo", help="git URL of the series (default: this machine's mirror)")
    links.add_argument("--branch", default=SERIES_BRANCH)
    restore = sub.add_parser("restore", help="bring back the original of a notebook, keeping yours")
    restore.add_argument("notebook")
    sub.add_parser("mirror", help="refresh the mirror students copy from (after a git pull)")
    view = sub.add_parser("class-view", help="the class's concept-check results from the codes "
                          "students' servers left (instructors or root; totals only)")
    view.add_argument("--folder", help=f"the drop folder (default: ${DROP_ENV}, else the hub's)")
    args = parser.parse_args(argv)
    try:
        if args.command == "add-students":
            names = args.names or (student_names(args.prefix, args.count) if args.count else [])
            if not names:
                raise HubError("give login names or --count N")
            _print_accounts(add_accounts(names), args.out)
        elif args.command == "add-instructor":
            _print_accounts(add_accounts([args.name], INSTRUCTORS_GROUP), None)
        elif args.command == "links":
            repo = args.repo or f"file://{settings_from_env().mirror}"
            print(link_table(args.base_url, repo, args.branch))
        elif args.command == "restore":
            original, kept = restore_notebook(args.notebook)
            print(f"Restored {original.name}" + (f"; your version is kept as {kept.name}" if kept else ""))
        elif args.command == "class-view":
            from reliefcycle.publish.cli import cmd_class_view

            return cmd_class_view([], str(args.folder or code_drop_folder()))
        else:
            print(f"Mirror up to date: {make_mirror(settings_from_env().mirror)}")
    except (ValueError, subprocess.CalledProcessError, OSError) as error:  # HubError too
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
