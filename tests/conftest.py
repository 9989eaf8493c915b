"""Shared fixtures: the bibliography and each notebook of the series."""

import pytest

from reliefcycle.core.citations import Bibliography

from paths import NOTEBOOKS, ROOT, read


@pytest.fixture(scope="session")
def bib() -> Bibliography:
    return Bibliography.from_file(ROOT / "references.bib")


@pytest.fixture(params=NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def notebook(request):
    """(path, parsed notebook) for each notebook of the series."""
    return request.param, read(request.param)


@pytest.fixture
def mpl_test_settings():
    """matplotlib's own test settings (default rcParams, fixed font settings), undone after."""
    import matplotlib as mpl
    from matplotlib.testing import set_font_settings_for_testing, set_reproducibility_for_testing

    with mpl.rc_context():
        mpl.rcdefaults()
        set_font_settings_for_testing()
        set_reproducibility_for_testing()
        yield
