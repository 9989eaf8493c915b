"""Shared fixtures: paths of the project, its notebooks and its bibliography."""

from pathlib import Path

import nbformat
import pytest

from reliefcycle.citations import Bibliography
from reliefcycle.cli import notebook_paths

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
NOTEBOOKS = notebook_paths(ROOT / "notebooks")


def read(path: Path):
    return nbformat.read(path, as_version=4)


@pytest.fixture(scope="session")
def bib() -> Bibliography:
    return Bibliography.from_file(ROOT / "references.bib")


@pytest.fixture(params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def notebook(request):
    """(path, parsed notebook) for each notebook of the series."""
    return request.param, read(request.param)


def fixture_notebook(name: str):
    return read(FIXTURES / name)
