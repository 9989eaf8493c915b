"""The package's folders are its layers, and a layer imports only the layers below it."""

import subprocess
import sys
from pathlib import Path

import reliefcycle

from paths import ROOT

PACKAGE = ROOT / "src" / "reliefcycle"
LAYERS = ("data", "core", "models", "figures", "activities", "publish")
MAX_LINES = 450


def test_layer_contract_holds():
    """import-linter reads the contract in pyproject.toml; its report names any import that breaks it."""
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_every_module_lives_in_a_layer():
    loose = [p.name for p in PACKAGE.glob("*.py") if p.name != "__init__.py"]
    assert loose == [], f"move these into a layer folder ({', '.join(LAYERS)}): {loose}"
    assert {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()} == set(LAYERS)


def test_notebook_names_point_at_real_modules():
    for name, layer in reliefcycle.MODULES.items():
        assert (PACKAGE / layer / f"{name}.py").exists(), f"{name} is not in {layer}/"
        assert getattr(reliefcycle, name).__name__ == f"reliefcycle.{layer}.{name}"


def test_unknown_name_says_what_exists():
    import pytest

    with pytest.raises(AttributeError, match="has no module 'explorer'; the modules are: .*explore"):
        reliefcycle.explorer  # noqa: B018 - the attribute access is the test


def test_modules_stay_small_enough_to_read():
    long = {str(p.relative_to(PACKAGE)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}, f"split these modules (over {MAX_LINES} lines): {long}"
