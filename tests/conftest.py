"""Shared fixtures: the bibliography and each notebook of the series."""

import pytest

from reliefcycle.citations import Bibliography

from paths import NOTEBOOKS, ROOT, read


@pytest.fixture(scope="session")
def bib() -> Bibliography:
    return Bibliography.from_file(ROOT / "references.bib")


@pytest.fixture(params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def notebook(request):
    """(path, parsed notebook) for each notebook of the series."""
    return request.param, read(request.param)
