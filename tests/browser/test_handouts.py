"""The printable handouts in a real browser: each page loads with no console error and no
request leaving the machine, shows the cycle figure with the alt text of the figure registry
and the support box rendered from the one support template, passes axe-core (WCAG 2.1 A/AA),
and prints with the headless Debian chromium: every handout on exactly one A4 page, except the
paper concept check, whose statements come first and whose answers start on a new page (at most
three pages in all).

The handouts are built once per session (`python -m reliefcycle.publish.handouts`, as `make handouts`
does) and served from a local port.
"""

import pytest
import yaml

from reliefcycle.core import safety
from reliefcycle.publish.handouts import CONCEPT_CHECK, pdf_pages

from browsing import ROOT, axe_violations
from sites import images_without_alt, python, run, serve

pytestmark = pytest.mark.browser
SOURCES = sorted((ROOT / "teaching" / "handouts").glob("*.md"))
HANDOUTS = [p.stem for p in SOURCES]
# The concept check on paper is several pages by design: statements, then the answers.
MULTI_PAGE = [p.stem for p in SOURCES if CONCEPT_CHECK in p.read_text(encoding="utf-8")]
ONE_PAGE = [name for name in HANDOUTS if name not in MULTI_PAGE]


@pytest.fixture(scope="session")
def handouts(tmp_path_factory):
    """(folder of the built handouts, its URL on a local port)."""
    out = tmp_path_factory.mktemp("handouts")
    run([python(), "-m", "reliefcycle.publish.handouts", str(ROOT / "teaching" / "handouts"),
         "--out", str(out), "--root", str(ROOT)])
    with serve(out) as url:
        yield out, url


def test_there_are_handouts():
    assert {"cycle-summary", "responding-well"} <= set(ONE_PAGE)
    assert MULTI_PAGE == ["concept-check"]


@pytest.mark.parametrize("name", HANDOUTS)
def test_handout_is_offline_accessible_and_carries_support(page, handouts, name):
    folder, url = handouts
    page.goto(f"{url}/{name}.html")
    page.wait_for_load_state("load")
    assert images_without_alt(page) == []
    support = page.inner_text("aside.support")
    for needed in ("Support and help", "emergency", "findahelpline.com",
                   f"Resources last checked: {safety.RESOURCES_LAST_CHECKED}"):
        assert needed in support
    assert page.locator("aside.support table tr").count() >= 10
    assert page.watch.errors == []
    assert axe_violations(page, ["body"]) == []
    assert page.watch.external == []


@pytest.mark.parametrize("name", ONE_PAGE)
def test_handout_prints_on_one_page(handouts, name):
    folder, _ = handouts
    pdf = (folder / f"{name}.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert pdf_pages(pdf) == 1


@pytest.mark.parametrize("name", MULTI_PAGE)
def test_concept_check_prints_answers_on_a_new_page(page, handouts, name):
    folder, url = handouts
    pdf = (folder / f"{name}.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    pages = pdf_pages(pdf)
    page.emulate_media(media="print")
    page.goto(f"{url}/{name}.html")
    answers = page.locator("div.answers")
    assert answers.count() == 1
    # handouts.py marks the page break on the answers block, after the statements.
    assert answers.evaluate("a => getComputedStyle(a).breakBefore") == "page"
    assert page.evaluate("""() => {
        const statements = [...document.querySelectorAll('h2')]
            .find(h => h.textContent === 'The statements');
        const answers = document.querySelector('div.answers');
        return Boolean(statements) && Boolean(
            statements.compareDocumentPosition(answers) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")
    # Printed without the answers, the statements take fewer pages than the whole handout:
    # the answers start on a page of their own.
    answers.evaluate("a => a.remove()")
    statements_only = pdf_pages(page.pdf(prefer_css_page_size=True, print_background=True))
    assert 1 <= statements_only < pages <= 3


def test_cycle_summary_shows_the_figure_with_its_registered_alt_text(page, handouts):
    _, url = handouts
    alt = yaml.safe_load((ROOT / "figures" / "alt-text.yml").read_text(encoding="utf-8"))
    page.goto(f"{url}/cycle-summary.html")
    image = page.locator("figure img[src='figures/cycle.svg']")
    assert " ".join(image.get_attribute("alt").split()) == " ".join(alt["cycle"].split())
    assert page.evaluate("document.querySelector('figure img').naturalWidth") > 0  # it loaded
    assert page.watch.errors == []


def test_print_layout_keeps_the_support_box_on_the_page(page, handouts):
    _, url = handouts
    page.emulate_media(media="print")
    page.goto(f"{url}/cycle-summary.html")
    # Printed, the table reads as one line per service; the text stays the same.
    assert page.evaluate("getComputedStyle(document.querySelector('aside.support tr')).display") \
        == "block"
    assert "Samaritans" in page.inner_text("aside.support")
