"""The slide decks in a real browser: every deck loads with no console error and no request
leaving the machine, opens with its content note and ends with support, moves on with the
keyboard, shows figures with alt text and rendered math, and axe-core finds no WCAG 2.1 A/AA
violation (on the first slide, and on every slide at once in reveal.js's scroll view).

The decks are built once per session (`python -m reliefcycle.slides`, as `make slides` does)
from a copy of the notebooks plus a small math fixture, and served from a local port.
"""

import pytest

from reliefcycle.cli import notebook_paths
from reliefcycle.offline import external_resources

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
STEMS = [p.stem for p in notebook_paths(ROOT / "notebooks")]


@pytest.fixture(scope="session")
def decks(tmp_path_factory):
    """(folder of the decks, its URL on a local port)."""
    need_node_modules()
    work = tmp_path_factory.mktemp("slides")
    notebooks = notebooks_with_math_fixture(work)
    out = work / "slides"
    run([python(), "-m", "reliefcycle.slides", str(notebooks), "--out", str(out),
         "--node-modules", str(ROOT / "node_modules")])
    with serve(out) as url:
        yield out, url


def open_deck(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=30_000)


def current(page) -> dict:
    return page.evaluate("""() => ({h: Reveal.getIndices().h, total: Reveal.getTotalSlides(),
                                   text: Reveal.getCurrentSlide().innerText})""")


@pytest.mark.parametrize("stem", STEMS)
def test_deck_is_offline_keyboard_driven_and_accessible(page, decks, stem):
    _, url = decks
    open_deck(page, f"{url}/{stem}.slides.html")
    first = current(page)
    assert first["h"] == 0 and first["text"].lstrip().startswith("Content note")
    assert page.watch.errors == []
    assert axe_violations(page, [".reveal .slides section.present"]) == []

    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => Reveal.getIndices().h === 1")
    page.keyboard.press("End")
    page.wait_for_function("() => Reveal.isLastSlide()")
    assert "Support and help" in current(page)["text"]
    assert "Resources last checked" in current(page)["text"]

    assert images_without_alt(page, ".reveal .slides") == []
    # Widgets were saved without state: the deck shows their static fallback instead.
    assert page.locator(".reveal script[type='application/vnd.jupyter.widget-view+json']").count() == 0
    assert page.locator(".reveal .jupyter-widgets").count() == 0
    assert page.watch.errors == []

    # Every slide at once: reveal.js's scroll view shows them all, so one axe run covers them.
    open_deck(page, f"{url}/{stem}.slides.html?view=scroll")
    assert page.evaluate("Reveal.isScrollView()")
    assert axe_violations(page, [".reveal .slides"]) == []
    assert page.watch.external == []


def test_content_note_links_to_the_support_slide(page, decks):
    _, url = decks
    open_deck(page, f"{url}/02_the_cycle.slides.html")
    page.click(".reveal section.present a[href='#support-and-help']")
    page.wait_for_function("() => Reveal.isLastSlide()")
    assert current(page)["text"].lstrip().startswith("Support and help")


def test_presenter_notes_show_in_the_speaker_view(page, decks):
    _, url = decks
    open_deck(page, f"{url}/02_the_cycle.slides.html")
    notes = page.locator(".reveal aside.notes")
    assert notes.count() >= 1
    assert not notes.first.is_visible()  # for the presenter only, not on the projected slide
    slide = page.evaluate("[...document.querySelectorAll('.reveal .slides > section')]"
                          ".findIndex(s => s.querySelector('aside.notes'))")
    page.evaluate(f"Reveal.slide({slide})")
    with page.expect_popup() as popup:
        page.keyboard.press("s")
    speaker = popup.value
    speaker.wait_for_function("() => document.querySelector('.speaker-controls-notes')"
                              " && /Presenter notes/.test(document.querySelector("
                              "'.speaker-controls-notes').innerText)", timeout=20_000)
    speaker.close()
    assert page.watch.errors == []


def test_math_is_rendered_by_the_local_mathjax(page, decks):
    _, url = decks
    open_deck(page, f"{url}/{MATH_STEM}.slides.html")
    assert math_rendered(page, ".reveal .slides") == 2
    assert page.watch.errors == []
    assert page.watch.external == []


def test_index_lists_every_deck(page, decks):
    _, url = decks
    page.goto(f"{url}/index.html")
    for stem in STEMS:
        assert page.locator(f"a[href='{stem}.slides.html']").count() == 1
    assert axe_violations(page, ["body"]) == []
    assert page.watch.errors == []


def test_deck_opens_from_a_folder(page, decks):
    folder, _ = decks
    open_deck(page, (folder / "02_the_cycle.slides.html").as_uri())
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => Reveal.getIndices().h === 1")
    assert page.watch.errors == []
    assert page.watch.external == []


def test_decks_load_nothing_from_other_hosts(decks):
    folder, _ = decks
    assert external_resources(folder) == []
