"""The class hub's settings: the one-machine hub, the Zero to JupyterHub values and the repo2docker
files name the same pins and settings; links, accounts and restore behave; bad input is refused."""

import datetime as dt
import grp
import json
import os
import stat
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
import yaml

from reliefcycle.activities import saved_answers
from reliefcycle.models import concept_check as cc
from reliefcycle.publish import hub, launch

from paths import ROOT

VALUES = yaml.safe_load((ROOT / "hub" / "z2jh-values.yaml").read_text())


def pins(text: str) -> dict[str, str]:
    return dict(line.split("#")[0].strip().split("==") for line in text.splitlines()
                if "==" in line.split("#")[0])


def test_helm_values_match_the_one_machine_hub():
    one = hub.HubSettings()
    user = VALUES["singleuser"]
    assert user["memory"]["limit"] == one.mem_limit
    assert float(user["cpu"]["limit"]) == one.cpu_limit
    assert VALUES["cull"] == {"enabled": True, "timeout": one.cull_timeout, "every": one.cull_every}
    repo = parse_qs(urlparse(user["defaultUrl"]).query)["repo"][0]
    assert user["defaultUrl"] == hub.gitpuller_path(repo, user_redirect=False)


def test_helm_values_give_every_pod_the_shared_drop_folder():
    user = VALUES["singleuser"]
    folder = user["extraEnv"][saved_answers.DROP_ENV]
    mount = next(m for m in user["storage"]["extraVolumeMounts"] if m["mountPath"] == folder)
    volume = next(v for v in user["storage"]["extraVolumes"] if v["name"] == mount["name"])
    assert volume["persistentVolumeClaim"]["claimName"]


def test_helm_values_never_let_anyone_in():
    config = VALUES["hub"]["config"]
    assert config["JupyterHub"]["authenticator_class"] == "nativeauthenticator.NativeAuthenticator"
    assert config["NativeAuthenticator"]["open_signup"] is False
    assert config["JupyterHub"]["admin_access"] is False


def test_helm_values_name_the_pinned_jupyterhub():
    version = pins((ROOT / "requirements.txt").read_text())["jupyterhub"]
    assert f"jupyterhub=={version}" in (ROOT / "hub" / "z2jh-values.yaml").read_text()
    assert f"jupyterhub=={version}" in (ROOT / "environment.yml").read_text()


def test_repo2docker_image_gets_the_same_jupyterlab_settings():
    post_build = ROOT / "postBuild"
    assert post_build.stat().st_mode & 0o111, "postBuild must be executable for repo2docker"
    assert "cp jupyter/overrides.json" in post_build.read_text()
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert {"nbgitpuller==1.3.0", "jupyterhub-idle-culler==2.0.0"} <= set(pip)


def test_hub_config_uses_the_settings_of_make_lab():
    makefile = (ROOT / "Makefile").read_text()
    assert "VENV=$(HUB_VENV)" in makefile  # the hub's environment is built by the same rule
    lab = launch.lab_settings(ROOT)["LabApp"]
    assert hub.singleuser_args() == [f"--LabApp.{name}={lab[name]}" for name in hub.SHARED_LAB_SETTINGS]
    assert lab["app_settings_dir"] == str(ROOT / "jupyter")
    overrides = json.loads((ROOT / launch.SETTINGS / "overrides.json").read_text())
    assert overrides["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"


class FakeConfig(dict):
    def __getattr__(self, name):
        return self.setdefault(name, type(self)())

    def __setattr__(self, name, value):
        self[name] = value


def test_configure_keeps_students_apart_and_culls_idle_servers(tmp_path):
    c = FakeConfig()
    hub.configure(c, hub.HubSettings(state_dir=tmp_path / "state", ip="127.0.0.1", port=18100))
    assert c.JupyterHub.authenticator_class == "pam"
    assert c.PAMAuthenticator.allowed_groups == {hub.STUDENTS_GROUP, hub.INSTRUCTORS_GROUP}
    assert c.JupyterHub.spawner_class in ("localprocess", "systemdspawner.SystemdSpawner")
    assert c.JupyterHub.cleanup_servers is False  # a hub restart keeps students' servers
    assert "--timeout=3600" in c.JupyterHub.services[0]["command"]
    assert c.Spawner.default_url.startswith("/git-pull?repo=file%3A%2F%2F")
    assert f"--LabApp.app_settings_dir={ROOT / 'jupyter'}" in c.Spawner.args  # where overrides.json is
    assert "--LabApp.news_url=None" in c.Spawner.args  # no news feed fetched
    head = subprocess.run(["git", "-C", str(tmp_path / "state" / "series.git"), "log", "-1", "--format=%s",
                           "main"], capture_output=True, text=True, check=True)
    assert head.stdout.strip()


def test_configure_gives_every_server_a_drop_folder_students_cannot_list(tmp_path):
    c = FakeConfig()
    settings = hub.HubSettings(state_dir=tmp_path / "state", ip="127.0.0.1", port=18100)
    hub.configure(c, settings)
    drop = settings.code_drop
    assert c.Spawner.environment[saved_answers.DROP_ENV] == str(drop)
    mode = drop.stat().st_mode
    assert stat.S_IMODE(mode) == hub.CODE_DROP_MODE == 0o3773
    assert mode & stat.S_IWOTH and mode & stat.S_IXOTH and not mode & stat.S_IROTH  # put, not list
    assert mode & stat.S_ISVTX  # nobody renames or deletes another's file
    if os.geteuid() == 0:
        assert (drop.stat().st_uid, drop.stat().st_gid) == (0, grp.getgrnam(hub.INSTRUCTORS_GROUP).gr_gid)
    hub.configure(FakeConfig(), settings)  # a restart keeps the folder and its mode
    assert stat.S_IMODE(drop.stat().st_mode) == 0o3773


def _codes(count, phase="before"):
    check = cc.load()
    answers = {item.id: cc.Answer(item.answer, 3) for item in check.items}
    return [cc.encode(check, phase, answers) for _ in range(count)]


def test_class_view_command_reads_the_drop_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(saved_answers.DROP_ENV, str(tmp_path))  # as in a server on the hub
    codes = _codes(5)
    for code in codes:
        saved_answers.drop_code(code)
    (tmp_path / "notes.txt").write_text("not a code")  # only *.code files are read
    assert hub.main(["class-view"]) == 0
    view = capsys.readouterr().out
    assert "Codes: 5 before, 0 after" in view and "100% (5 of 5)" in view
    assert codes[0] not in view  # totals, never the codes themselves


def test_class_view_command_withholds_small_counts(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(saved_answers.DROP_ENV, str(tmp_path))
    for code in _codes(3):
        saved_answers.drop_code(code)
    assert hub.main(["class-view", "--folder", str(tmp_path)]) == 0
    view = capsys.readouterr().out
    assert "Codes: 3 before" in view and "(3 of 3)" not in view and "not shown" in view


@pytest.mark.parametrize("make, message", [
    (lambda p: None, "No such file"),
    (lambda p: p.mkdir(), "no codes in"),
])
def test_class_view_command_says_what_is_wrong_with_the_folder(tmp_path, capsys, make, message):
    folder = tmp_path / "class-codes"
    make(folder)
    assert hub.main(["class-view", "--folder", str(folder)]) == 1
    assert message in capsys.readouterr().err


def test_class_view_folder_defaults_to_the_hubs(tmp_path):
    assert hub.code_drop_folder({"RELIEFCYCLE_HUB_STATE": str(tmp_path)}) == tmp_path / "class-codes"
    assert hub.code_drop_folder({saved_answers.DROP_ENV: "/srv/codes"}) == Path("/srv/codes")


def test_link_table_has_a_link_per_notebook():
    table = hub.link_table("http://10.0.0.5:8000/", "file:///srv/series.git").splitlines()
    assert len(table) == 2 + len(hub.notebook_names())
    query = parse_qs(urlparse(table[2].split("| ")[2].strip(" |")).query)
    assert query["urlpath"] == ["lab/tree/reliefcycle/notebooks/00_start_here.ipynb"]
    assert table[2].split("| ")[2].startswith("http://10.0.0.5:8000/hub/user-redirect/git-pull?")


def test_unknown_notebook_is_named_in_the_error():
    with pytest.raises(hub.HubError, match="no notebook called '07_missing.ipynb'"):
        hub.gitpuller_path("file:///x.git", "07_missing.ipynb")


@pytest.mark.parametrize("env, message", [
    ({"RELIEFCYCLE_HUB_PORT": "eighty"}, "is not a number"),
    ({"RELIEFCYCLE_HUB_PORT": "70000"}, "outside 1-65533"),
    ({"RELIEFCYCLE_HUB_SSL_CERT": "/etc/cert.pem"}, "set both"),
    ({"RELIEFCYCLE_HUB_CPU_LIMIT": "lots"}, "is not a number"),
])
def test_bad_settings_are_refused(env, message):
    with pytest.raises(hub.HubError, match=message):
        hub.settings_from_env(env)


@pytest.mark.parametrize("name", ["", "Student1", "1student", "a b", "x" * 33, "root;rm"])
def test_bad_login_names_are_refused(name):
    with pytest.raises(hub.HubError, match="cannot be a login name"):
        hub._check_name(name)


def test_student_names_and_passwords():
    assert hub.student_names("student", 3) == ["student01", "student02", "student03"]
    with pytest.raises(hub.HubError, match="between 1 and 500"):
        hub.student_names("student", 0)
    words = hub.new_password().split("-")
    assert len(words) == 4 and all(w in hub._WORDS for w in words[:3]) and words[3].isdigit()


@pytest.fixture
def student_copy(tmp_path):
    """A student's copy of a series with one notebook, as nbgitpuller leaves it (a git clone)."""
    copy = tmp_path / "reliefcycle"
    (copy / "notebooks").mkdir(parents=True)
    (copy / "notebooks" / "02_the_cycle.ipynb").write_text("original")
    git = ["git", "-C", str(copy), "-c", "user.name=t", "-c", "user.email=t@localhost"]
    subprocess.run(["git", "init", "-q", str(copy)], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "series"], check=True)
    return copy / "notebooks" / "02_the_cycle.ipynb"


def test_restore_brings_back_the_original_and_keeps_the_students_version(student_copy):
    student_copy.write_text("my broken edits")
    (student_copy.parent / "my-notes.ipynb").write_text("other work")
    original, kept = hub.restore_notebook(student_copy, now=dt.datetime(2026, 12, 4, 10, 30))
    assert original.read_text() == "original"
    assert kept.name == "02_the_cycle-my-copy-20261204-103000.ipynb"
    assert kept.read_text() == "my broken edits"
    assert (student_copy.parent / "my-notes.ipynb").read_text() == "other work"


def test_restore_of_a_deleted_notebook(student_copy):
    student_copy.unlink()
    original, kept = hub.restore_notebook(student_copy)
    assert original.read_text() == "original" and kept is None


def test_restore_refuses_what_it_cannot_restore(student_copy, tmp_path):
    with pytest.raises(hub.HubError, match="not one of the series' files"):
        hub.restore_notebook(student_copy.parent / "my-notes.ipynb")
    outside = tmp_path / "elsewhere" / "x.ipynb"
    outside.parent.mkdir()
    with pytest.raises(hub.HubError, match="not inside a copy of the series"):
        hub.restore_notebook(outside)
