"""Notebook hygiene: executed, short code cells, working links, figures with alt text."""

import re

import yaml

from reliefcycle.core import safety

from paths import ROOT

ANCHOR_LINK = re.compile(r"\]\(#([A-Za-z0-9_-]+)\)")
IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)]+)\)")
MAX_CODE_LINES = 10


def markdown(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_notebook_is_registered(notebook):
    path, _ = notebook
    assert path.stem in safety.notebook_info()


def test_notebook_is_committed_executed(notebook):
    path, nb = notebook
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(c.execution_count for c in code), f"{path.name}: run `make execute`"
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))


def test_code_cells_are_short(notebook):
    path, nb = notebook
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            lines = [x for x in cell.source.splitlines() if x.strip()]
            assert len(lines) <= MAX_CODE_LINES, f"{path.name}, cell {i}: {len(lines)} lines"


def test_every_in_page_link_has_a_target(notebook):
    path, nb = notebook
    text = markdown(nb)
    targets = set(re.findall(r'<a id="([^"]+)"></a>', text))
    for target in ANCHOR_LINK.findall(text):
        assert target in targets, f"{path.name}: link to #{target} has no <a id> target"


def test_images_are_exported_figures_with_their_alt_text(notebook):
    path, nb = notebook
    alt = yaml.safe_load((ROOT / "figures" / "alt-text.yml").read_text(encoding="utf-8"))
    for text, src in IMAGE.findall(markdown(nb)):
        figure = (path.parent / src).resolve()
        assert figure.exists(), f"{path.name}: {src} does not exist"
        assert figure.parent == (ROOT / "figures").resolve()
        assert text == alt[figure.stem], f"{path.name}: alt text of {src} differs from alt-text.yml"


def test_presenter_notes_are_tagged(notebook):
    path, nb = notebook
    for i, cell in enumerate(nb.cells):
        if cell.source.startswith("**Presenter notes.**"):
            assert "notes" in cell.metadata.get("tags", []), f"{path.name}, cell {i}"


#: Output types JupyterLab shows in a notebook it does not trust yet (one opened before running).
SHOWN_UNTRUSTED = {"text/markdown", "text/html", "image/png", "text/latex"}


def test_no_test_markup_or_placeholder_text_for_readers(notebook):
    """Test directives are cell tags, not comments a learner reads, and no output falls back to
    Python's placeholder text where JupyterLab does not run or trust it (before Run All)."""
    path, nb = notebook
    for i, cell in enumerate(nb.cells):
        assert "NBVAL" not in cell.source, f"{path.name}, cell {i}: use the nbval-ignore-output tag"
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if SHOWN_UNTRUSTED.isdisjoint(data):
                assert "<IPython.core.display." not in data.get("text/plain", ""), \
                    f"{path.name}, cell {i}"
