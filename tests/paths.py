"""Where things are: the project, its notebooks, the fixtures and the shared folder."""

from pathlib import Path

import nbformat

from reliefcycle.publish.cli import notebook_paths

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DATA = ROOT / "src" / "reliefcycle" / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
NOTEBOOKS = notebook_paths(ROOT / "notebooks")


def read(path: Path):
    return nbformat.read(path, as_version=4)


def fixture_notebook(name: str):
    return read(FIXTURES / name)


def apply_change(record: dict, change: dict) -> None:
    """Edit a data record in place for a bad-data test: a value of None removes the field."""
    for key, value in change.items():
        if value is None:
            record.pop(key)
        else:
            record[key] = value
