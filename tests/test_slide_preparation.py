"""Slides: slide types set on a copy of each notebook, static fallbacks instead of widgets, the
support cell last, and decks that load nothing from another machine. Also the offline checks
shared by the book, the slides and the handouts."""

import copy

import nbformat
import pytest

from reliefcycle import offline, slides
from reliefcycle.safety import SUPPORT_MARKER

from paths import NOTEBOOKS, ROOT, read

md = nbformat.v4.new_markdown_cell


def widget_output():
    return nbformat.v4.new_output("execute_result", data={
        "application/vnd.jupyter.widget-view+json": {"model_id": "x", "version_major": 2,
                                                     "version_minor": 0},
        "text/html": "<p>the static fallback</p>", "text/plain": "fallback text"})


def js_output():
    return nbformat.v4.new_output("display_data", data={
        "application/javascript": "document.title = 'x'", "text/plain": "<Javascript>"})


def small_notebook():
    nb = nbformat.v4.new_notebook()
    code = nbformat.v4.new_code_cell("explore.explorer()")
    code.outputs = [js_output(), widget_output()]
    notes = md("**Presenter notes.** Say this.")
    notes.metadata["tags"] = ["notes"]
    nb.cells = [
        md("<!-- safe-messaging: content-note -->\n## Content note\n\nCalm words."),
        md("# Title\n\nSummary."),
        md("## 1. A section\n\n*Time to here: 0 min*\n\n![a diagram](../figures/cycle.svg)"),
        md("More text in the section."),
        notes,
        md("### Think 1: a prompt"),
        md("**Discussion.** What to notice."),
        code,
        md('<!-- safe-messaging: support -->\n<a id="support-and-help"></a>\n## Support and help'),
        md("<!-- references -->\n## References"),
    ]
    return nb


def test_slide_types_follow_the_anatomy():
    nb = slides.prepare(small_notebook())
    types = [c.metadata.slideshow.slide_type for c in nb.cells]
    # content note, title, section, continuation, notes, activity, discussion, code,
    # references, then the support cell moved to the end
    assert types == ["slide", "slide", "slide", "-", "notes", "slide", "slide", "-", "slide", "slide"]
    assert SUPPORT_MARKER.search(nb.cells[-1].source)
    assert nb.metadata["title"] == "Title"


def test_widgets_give_way_to_their_static_fallback_and_js_is_dropped():
    nb = slides.prepare(small_notebook())
    (code,) = [c for c in nb.cells if c.cell_type == "code"]
    assert len(code.outputs) == 1
    assert set(code.outputs[0]["data"]) == {"text/html", "text/plain"}


def test_prepare_leaves_the_notebook_untouched():
    nb = small_notebook()
    before = copy.deepcopy(nb)
    slides.prepare(nb)
    assert nb == before


def test_figure_links_point_beside_the_decks():
    nb = slides.prepare(small_notebook())
    assert "](figures/cycle.svg)" in nb.cells[2].source


@pytest.mark.parametrize("source, level", [
    ("## Overview", 2), ("<!-- marker -->\n## Content note", 2),
    ('<a id="key-points"></a>\n## Key points', 2), ("# Title", 1), ("### Think 1: x", 3),
    ("Text with a ## inside", None), ("**Discussion.** x", None)])
def test_heading_level(source, level):
    assert slides.heading_level(source) == level


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_notebook_makes_a_deck_that_opens_with_the_content_note(path):
    nb = slides.prepare(read(path))
    visible = [c for c in nb.cells if c.metadata.slideshow.slide_type != "notes"]
    assert "Content note" in visible[0].source
    assert visible[0].metadata.slideshow.slide_type == "slide"
    assert SUPPORT_MARKER.search(nb.cells[-1].source)
    assert nb.cells[-1].metadata.slideshow.slide_type == "slide"
    for cell in nb.cells:
        if cell.cell_type == "markdown" and slides.heading_level(cell.source) == 2:
            assert cell.metadata.slideshow.slide_type == "slide", cell.source[:60]
        if "notes" in cell.metadata.get("tags", []):
            assert cell.metadata.slideshow.slide_type == "notes"
        for output in cell.get("outputs", []):
            assert slides.WIDGET_VIEW not in output.get("data", {})


def test_deck_loads_only_local_files():
    html = slides.deck_html(read(NOTEBOOKS[0]))
    assert offline.external_in_html(html) == []
    assert 'src="vendor/reveal.js/dist/reveal.js"' in html
    assert 'src="vendor/mathjax/tex-svg.js"' in html
    assert "Content note" in html and "Support and help" in html


def test_build_writes_decks_index_and_vendor(tmp_path):
    node_modules = ROOT / "node_modules"
    if not (node_modules / "reveal.js").is_dir():
        pytest.skip("node_modules missing: run `npm ci`")
    written = slides.build(ROOT / "notebooks", tmp_path, node_modules, only=[NOTEBOOKS[0].stem])
    assert [p.name for p in written] == [f"{NOTEBOOKS[0].stem}.slides.html"]
    assert (tmp_path / "index.html").exists()
    assert (tmp_path / "vendor" / "reveal.js" / "dist" / "theme" / f"{slides.THEME}.css").exists()
    assert offline.external_resources(tmp_path) == []


# --- offline checks ---------------------------------------------------------------------------

@pytest.mark.parametrize("html", [
    '<script src="https://cdn.example.org/x.js"></script>',
    '<link rel="stylesheet" href="//cdn.example.org/x.css">',
    '<img alt="x" src="http://example.org/x.png">',
    '<style>@import url(https://fonts.example.org/css);</style>',
    '<script type="module">import mermaid from "https://cdn.example.org/m.mjs";</script>',
])
def test_external_resources_are_found(html):
    assert offline.external_in_html(html)


@pytest.mark.parametrize("html", [
    '<a href="https://doi.org/10.1/x">a reference</a>',
    '<script src="vendor/x.js"></script>',
    '<img alt="x" src="data:image/png;base64,AAAA">',
    '<link rel="icon" href="data:,">',
])
def test_local_files_and_plain_links_are_fine(html):
    assert offline.external_in_html(html) == []


def test_external_resources_in_a_stylesheet_are_found(tmp_path):
    (tmp_path / "a.css").write_text("@import url(https://fonts.example.org/x);")
    (tmp_path / "index.html").write_text("<p>fine</p>")
    assert offline.external_resources(tmp_path) == ["a.css: https://fonts.example.org/x"]
    with pytest.raises(offline.OfflineError, match="fonts.example.org"):
        offline.require_offline(tmp_path)


def test_vendor_names_what_is_missing(tmp_path):
    with pytest.raises(offline.OfflineError, match=r"reveal.js/dist/reveal.js.*npm ci"):
        offline.vendor(offline.REVEAL, tmp_path / "node_modules", tmp_path / "out")
