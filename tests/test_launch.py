"""The one launch configuration (reliefcycle.publish.launch): what it tells JupyterLab, the
throw-away copy it makes, and clear errors for a wrong folder. The browser tests start
JupyterLab through it; tests/test_plain_route.py runs it as the README says."""

import re

import pytest

from reliefcycle.publish import cli, launch

from paths import NOTEBOOKS, ROOT

IMAGE_OR_LINK = re.compile(r"\]\((\.\./[^)#\s]+)\)")


def test_server_root_is_the_series_folder_and_start_here_opens():
    settings = launch.lab_settings(ROOT)
    assert settings["ServerApp"]["root_dir"] == str(ROOT)
    assert settings["LabApp"]["default_url"] == "/lab/tree/notebooks/00_start_here.ipynb"
    assert (ROOT / launch.START).is_file()


def test_settings_overrides_are_read_from_the_repository():
    settings = launch.lab_settings(ROOT)
    folder = settings["LabApp"]["app_settings_dir"]
    assert folder == str(ROOT / "jupyter")
    text = (ROOT / "jupyter" / "overrides.json").read_text()
    assert '"windowingMode": "defer"' in text and '"checkForUpdates": false' in text
    assert settings["LabApp"]["news_url"] is None


def test_allow_root_only_when_root(monkeypatch):
    monkeypatch.setattr(launch.os, "geteuid", lambda: 0, raising=False)
    assert launch.lab_settings(ROOT)["ServerApp"]["allow_root"] is True
    monkeypatch.setattr(launch.os, "geteuid", lambda: 1000, raising=False)
    assert "allow_root" not in launch.lab_settings(ROOT)["ServerApp"]


def test_test_options_port_token_browser_and_workspace(tmp_path):
    settings = launch.lab_settings(ROOT, port=9999, open_browser=False, token="t", workspace=tmp_path)
    assert settings["ServerApp"]["port"] == 9999 and settings["ServerApp"]["port_retries"] == 0
    assert settings["ServerApp"]["open_browser"] is False
    assert settings["IdentityProvider"] == {"token": "t"}
    assert settings["LabApp"]["workspaces_dir"] == str(tmp_path / "workspaces")
    person = launch.lab_settings(ROOT)
    assert person["ServerApp"]["open_browser"] is True and "IdentityProvider" not in person
    assert "workspaces_dir" not in person["LabApp"]


def test_command_line_form():
    command = launch.lab_command(ROOT, port=9999, open_browser=False, token="t")
    assert command[1:3] == ["-m", "jupyterlab"]
    assert f"--ServerApp.root_dir={ROOT}" in command
    assert "--LabApp.news_url=None" in command and "--IdentityProvider.token=t" in command


def test_not_the_series_folder_is_a_clear_error(tmp_path):
    with pytest.raises(launch.LaunchError, match="00_start_here.ipynb is missing"):
        launch.lab_settings(tmp_path)
    with pytest.raises(launch.LaunchError, match="not inside the series folder"):
        launch.series_root(tmp_path)
    assert launch.main(["--root", str(tmp_path), "--no-browser"]) == 1


def test_series_root_found_from_a_subfolder():
    assert launch.series_root(ROOT / "notebooks") == ROOT


def test_copy_holds_everything_the_notebooks_link_to_and_no_environment(tmp_path):
    site = launch.copy_site(ROOT, tmp_path / "site")
    for left_out in (".venv", ".venv-hub", ".git", "node_modules"):
        assert not (site / left_out).exists(), left_out
    assert (site / "jupyter" / "overrides.json").is_file()
    for path in NOTEBOOKS:
        for target in IMAGE_OR_LINK.findall(path.read_text(encoding="utf-8")):
            assert (site / "notebooks" / target).resolve().is_relative_to(site), target
            assert (site / "notebooks" / target).exists(), f"{path.name}: {target}"


def test_cli_and_make_lab_go_through_the_launch_module(capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["lab", "--help"])
    assert done.value.code == 0 and "--no-browser" in capsys.readouterr().out
    makefile = (ROOT / "Makefile").read_text()
    lab = makefile.split("\nlab:", 1)[1].split("\n\n", 1)[0]
    assert "-m reliefcycle.publish.launch" in lab and "jupyter lab" not in lab
