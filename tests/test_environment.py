"""The pip pins (requirements.txt) and the conda/Binder description (environment.yml) agree."""

import re

import yaml

from paths import ROOT


def pip_pins(lines) -> dict[str, str]:
    pins = {}
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        name, sep, version = line.partition("==")
        assert sep, f"requirements.txt: '{line}' is not pinned with =="
        pins[name.strip().lower()] = version.strip()
    return pins


def conda_pins(env: dict) -> dict[str, str]:
    pins = {}
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            pins.update(pip_pins(dep["pip"]))
        elif dep not in ("pip",) and not dep.startswith("python="):
            name, _, version = dep.partition("=")
            assert version, f"environment.yml: '{dep}' has no version"
            pins[name.lower()] = version
    return pins


def test_requirements_pin_every_dependency_exactly():
    text = (ROOT / "requirements.txt").read_text().splitlines()
    assert len(pip_pins(text)) >= 10


def test_environment_yml_matches_requirements():
    pip = pip_pins((ROOT / "requirements.txt").read_text().splitlines())
    conda = conda_pins(yaml.safe_load((ROOT / "environment.yml").read_text()))
    assert conda == pip


def test_mismatch_is_detected():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    env["dependencies"] = [re.sub(r"^numpy=.*", "numpy=1.0", d) if isinstance(d, str) else d
                           for d in env["dependencies"]]
    pip = pip_pins((ROOT / "requirements.txt").read_text().splitlines())
    assert conda_pins(env) != pip


def test_package_needs_are_pinned():
    pyproject = (ROOT / "pyproject.toml").read_text()
    needs = re.search(r"dependencies = \[(.*?)\]", pyproject, re.S).group(1)
    names = {re.split(r"[<>=]", n.strip().strip('"'))[0].lower()
             for n in needs.split(",") if n.strip()}
    pip = pip_pins((ROOT / "requirements.txt").read_text().splitlines())
    assert names <= set(pip)
