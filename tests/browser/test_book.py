"""The static book in a real browser: every page loads with no console error and no request
leaving the machine, figures carry alt text, math is rendered, widgets show their static
fallback, and axe-core finds no WCAG 2.1 A/AA violation in the main content.

The book is built once per session (book/build.py, as `make book` does) from a copy of the
notebooks plus a small math fixture, and served from a local port; one test opens it from the
folder instead (file://).
"""

import re

import pytest
import yaml

from reliefcycle.publish.cli import notebook_paths
from reliefcycle.publish.offline import external_resources

from browsing import ROOT, axe_violations
from sites import (
    MATH_STEM,
    images_without_alt,
    math_rendered,
    need_node_modules,
    notebooks_with_math_fixture,
    python,
    run,
    serve,
)

pytestmark = pytest.mark.browser
MAIN = "#main-content"
ARTICLE = "#main-content article"
STEMS = [p.stem for p in notebook_paths(ROOT / "notebooks")]
PAGES = (["intro"] + [f"notebooks/{s}" for s in STEMS] + [f"notebooks/{MATH_STEM}"]
         + ["teaching/facilitator-guide", "search"])


@pytest.fixture(scope="session")
def book(tmp_path_factory):
    """(folder of the built site, its URL on a local port)."""
    need_node_modules()
    work = tmp_path_factory.mktemp("book")
    notebooks = notebooks_with_math_fixture(work)
    site = work / "html"
    run([python(), str(ROOT / "book" / "build.py"), "--out", str(site),
         "--notebooks", str(notebooks)])
    with serve(site) as url:
        yield site, url


def load(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")
    page.wait_for_selector(MAIN)


@pytest.mark.parametrize("name", PAGES)
def test_page_is_offline_accessible_and_complete(page, book, name):
    site, url = book
    assert (site / f"{name}.html").exists(), f"{name}.html was not built"
    load(page, f"{url}/{name}.html")
    if name.startswith("notebooks/") and not name.endswith(MATH_STEM):
        # The page is named after the notebook's title, and the content note comes right after.
        headings = page.locator(f"{ARTICLE} h1, {ARTICLE} h2").all_inner_texts()
        assert headings[1].startswith("Content note"), headings[:3]
        assert headings[-1].startswith("Support and help"), headings[-1]
    assert images_without_alt(page, MAIN) == []
    if page.locator(f"{MAIN} .math").count():
        assert math_rendered(page, MAIN) == page.locator(f"{MAIN} .math").count()
    # Widgets were saved without state: the book must show their static fallback instead.
    assert page.locator("script[type='application/vnd.jupyter.widget-view+json']").count() == 0
    # Console errors are read before axe runs: axe re-fetches the stylesheets and resolves the
    # theme's `@import "../basic.css"` against the page instead of the sheet (an axe quirk).
    assert page.watch.errors == []
    assert axe_violations(page, [MAIN]) == []
    assert page.watch.external == []


def test_math_fixture_is_rendered_by_the_local_mathjax(page, book):
    _, url = book
    load(page, f"{url}/notebooks/{MATH_STEM}.html")
    assert math_rendered(page, MAIN) == 2
    assert page.locator(f"{MAIN} mjx-container svg").count() == 2  # SVG output: no web fonts
    assert page.watch.external == []


def test_landing_page_has_the_three_paths_every_notebook_and_support(page, book):
    site, url = book
    load(page, f"{url}/index.html")  # redirects to the landing page
    page.wait_for_url(re.compile(r"intro\.html"))
    text = page.inner_text(MAIN)
    for path in ("Studying alone", "Teaching a class", "Running a workshop"):
        assert path in text
    for stem in STEMS:
        assert page.locator(f"{MAIN} a[href='notebooks/{stem}.html']").count() >= 1, stem
    assert "Resources last checked" in text
    page.click(f"{ARTICLE} a[href='#support-and-help'] >> nth=0")
    page.wait_for_timeout(300)
    assert page.evaluate("document.querySelector('#support-and-help')"
                         ".getBoundingClientRect().top < window.innerHeight")


def test_citation_jumps_to_its_reference(page, book):
    _, url = book
    load(page, f"{url}/notebooks/02_the_cycle.html")
    link = page.locator(f"{ARTICLE} a[href^='#ref-']").first
    target = link.get_attribute("href")
    link.click()
    page.wait_for_timeout(300)
    top = page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", target[1:])
    assert 0 <= top < page.viewport_size["height"]


def test_figures_use_the_alt_text_of_the_figure_registry(page, book):
    _, url = book
    alt = yaml.safe_load((ROOT / "figures" / "alt-text.yml").read_text(encoding="utf-8"))
    load(page, f"{url}/notebooks/02_the_cycle.html")
    shown = page.get_attribute(f"{MAIN} img[src*='cycle']", "alt")
    assert " ".join(shown.split()) == " ".join(alt["cycle"].split())


def test_site_opens_from_a_folder(page, book):
    site, _ = book
    for name in ("intro", f"notebooks/{MATH_STEM}"):
        load(page, (site / f"{name}.html").as_uri())
    assert math_rendered(page, MAIN) == 2
    assert page.watch.errors == []
    assert page.watch.external == []


def test_built_files_load_nothing_from_other_hosts(book):
    site, _ = book
    assert external_resources(site) == []
    assert (site / "vendor" / "mathjax" / "tex-svg.js").exists()
    assert not (site / "_static" / "vendor" / "mathjax").exists()
