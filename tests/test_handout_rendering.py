"""Handouts and teaching texts: citations filled in from the bibliography, the support box
rendered from the one support template, figure alt text from the registry, clear errors for a
bad handout, and no helpline number anywhere in the teaching texts outside that template."""

import re

import pytest
import yaml

from reliefcycle.core import safety
from reliefcycle.publish import handouts

from paths import ROOT

SOURCES = sorted((ROOT / "teaching" / "handouts").glob("*.md"))
ALT = yaml.safe_load((ROOT / "figures" / "alt-text.yml").read_text(encoding="utf-8"))
GOOD = ("# A title\n\n*Intro.*\n\n## Part\n\nText ([@chapman2006solving]).\n\n"
        "<!-- references -->\n\n<!-- support -->\n")


def helpline_pattern() -> re.Pattern:
    (rule,) = [r for r in safety.rules()["conditional_requirements"]
               if r["id"] == "helpline_numbers_only_in_support_cell"]
    return re.compile(rule["if_cell_matches"], re.I)


def test_citation_becomes_the_apa_link(bib):
    text, keys = handouts.cite("as shown ([@chapman2006solving])", bib)
    assert text == f"as shown ({bib.link('chapman2006solving')})"
    assert keys == ["chapman2006solving"]


def test_unknown_citation_is_named(bib):
    with pytest.raises(handouts.HandoutError, match="'nosuchkey2099'"):
        handouts.cite("[@nosuchkey2099]", bib, "card.md")


def test_support_box_is_the_support_template():
    box = handouts.support_html()
    for line in safety.support_cell().splitlines():
        cells = [c.strip() for c in line.strip("|").split("|")] if line.startswith("|") else []
        for cell in cells:
            if cell and not set(cell) <= {"-"}:
                shown = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r'<a href="\2">\1</a>', cell)
                assert shown.replace("&", "&amp;") in box, cell
    assert f"Resources last checked: {safety.RESOURCES_LAST_CHECKED}" in box


def test_render_fills_figure_references_and_support(bib):
    source = GOOD.replace("## Part", "<!-- figure: cycle | A caption. -->\n\n## Part")
    page = handouts.render(source, "card.md", bib, ALT).html
    assert 'src="figures/cycle.svg"' in page
    assert "A caption." in page
    assert 'id="ref-chapman2006solving"' in page
    assert "findahelpline.com" in page
    assert '<html lang="en">' in page


@pytest.mark.parametrize("change, message", [
    (lambda s: s.replace("<!-- support -->", ""), "placeholder <!-- support -->"),
    (lambda s: s.replace("<!-- references -->", ""), "placeholder <!-- references -->"),
    (lambda s: s.replace("# A title", "A title"), "needs a title"),
    (lambda s: s.replace("Text", "Text about a self-harmer"), "self_harmer_label"),
    (lambda s: s.replace("## Part", "<!-- figure: nosuchfigure -->\n\n## Part"), "nosuchfigure"),
])
def test_bad_handouts_are_refused_with_a_reason(bib, change, message):
    with pytest.raises(handouts.HandoutError, match=re.escape(message)):
        handouts.render(change(GOOD), "card.md", bib, ALT)


@pytest.mark.parametrize("path", SOURCES, ids=[p.name for p in SOURCES])
def test_committed_handouts_render(bib, path):
    page = handouts.render(path.read_text(encoding="utf-8"), path.name, bib, ALT)
    assert page.title and "Support and help" in page.html


def test_pdf_page_count():
    one = b"%PDF-1.4 1 0 obj << /Type /Pages /Count 1 >> 2 0 obj << /Type /Page >>"
    assert handouts.pdf_pages(one) == 1
    assert handouts.pdf_pages(one + b" << /Type/Page >>") == 2


TEACHING_TEXTS = sorted((ROOT / "teaching").rglob("*.md")) + [ROOT / "book" / "intro.md"]


@pytest.mark.parametrize("path", TEACHING_TEXTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_helpline_numbers_outside_the_support_template(path):
    """Numbers live in the support cell only (the handouts and the book render it from there)."""
    assert not helpline_pattern().search(path.read_text(encoding="utf-8"))
    assert not re.search(r"\b(?:116 123|741741|85258|686868|13 11 14)\b",
                         path.read_text(encoding="utf-8"))
