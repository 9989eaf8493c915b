"""The slide decks in a real browser, as a class sees them: at 1280 x 720 and 1024 x 768, no
element of any slide runs past the visible slide, every slide keeps to its word limit (presenter
notes excluded), every picture loads, and every slide has presenter notes. Every deck loads with
no console error and no request leaving the machine, opens with its content note and ends with
support, moves on with the keyboard, and axe-core finds no WCAG 2.1 A/AA violation (on the first
slide, and on every slide at once in reveal.js's scroll view).

The decks are built once per session (`python -m reliefcycle.publish.slides`, as `make slides` does)
from a copy of the notebooks plus a small math fixture, and served from a local port. One page
per deck and screen size walks every slide through the Reveal API (slide_metrics.js).
"""

import shutil

import nbformat
import pytest

from reliefcycle.core.safety import support_cell
from reliefcycle.publish import outline
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
STEMS = [p.stem for p in notebook_paths(ROOT / "notebooks")]
PLANS = sorted(p.stem for p in outline.data_dir().glob("class-*.yml"))
DECKS = STEMS + PLANS
SIZES = [(1280, 720), (1024, 768)]
METRICS = (ROOT / "tests" / "browser" / "slide_metrics.js").read_text(encoding="utf-8")
FIGURE_TEXT = (ROOT / "tests" / "browser" / "figure_text.js").read_text(encoding="utf-8")
#: Decks with a diagram from figures/ on a slide: the notebooks whose outline names one, and the
#: class plans (which show the cycle).
FIGURE_DECKS = [s for s in STEMS if (outline.data_dir() / f"{s}.yml").exists()
                and "\n    figure: " in (outline.data_dir() / f"{s}.yml").read_text()] + PLANS
#: Slides shown whole rather than cut to one idea: the content note, support, ground rules.
SAFETY = ("content-note", "support-and-help", "ground-rules")


def math_outline(notebooks) -> str:
    """A one-slide outline for the math fixture (which also gets the support cell)."""
    path = notebooks / f"{MATH_STEM}.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell(support_cell()))
    nbformat.write(nb, path)
    return (f"notebook: {MATH_STEM}\nslides:\n  - id: math\n    title: Math\n"
            f"    body: 'Inline: $V_{{t+1}} = V_t + \\alpha\\,(r_t - V_t)$. Displayed:"
            f" $$\\delta_t = r_t - V_t$$'\n    notes: ['{nb.cells[1].id}']\n")


@pytest.fixture(scope="session")
def decks(tmp_path_factory):
    """(folder of the decks, its URL on a local port)."""
    need_node_modules()
    work = tmp_path_factory.mktemp("slides")
    notebooks = notebooks_with_math_fixture(work)
    shutil.copytree(ROOT / "teaching", work / "teaching")
    outlines = work / "outlines"
    shutil.copytree(outline.data_dir(), outlines)
    (outlines / f"{MATH_STEM}.yml").write_text(math_outline(notebooks), encoding="utf-8")
    out = work / "slides"
    run([python(), "-m", "reliefcycle.publish.slides", str(notebooks), "--out", str(out),
         "--node-modules", str(ROOT / "node_modules"), "--outlines", str(outlines)])
    with serve(out) as url:
        yield out, url


def open_deck(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=30_000)


def current(page) -> dict:
    return page.evaluate("""() => ({h: Reveal.getIndices().h, total: Reveal.getTotalSlides(),
                                   text: Reveal.getCurrentSlide().innerText})""")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("deck", DECKS)
def test_every_slide_fits_the_screen_and_keeps_to_one_idea(page, decks, deck, size):
    _, url = decks
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_deck(page, f"{url}/{deck}.slides.html")
    page.wait_for_load_state("load")  # every picture has loaded or failed
    slides = page.evaluate(METRICS)
    assert len(slides) >= 5
    overflow = {s["id"]: s["outside"][:2] for s in slides if s["outside"]}
    assert overflow == {}, f"{deck}: {len(overflow)} of {len(slides)} slides overflow"
    limit = outline.TITLE_WORDS + outline.BODY_WORDS
    wordy = {s["id"]: s["words"] for s in slides
             if s["words"] > (outline.SAFETY_WORDS if s["id"].startswith(SAFETY) else limit)}
    assert wordy == {}
    assert [s["id"] for s in slides if s["broken"]] == []
    assert [s["id"] for s in slides if not s["notes"]] == []
    assert page.watch.errors == [] and page.watch.external == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("deck", FIGURE_DECKS)
def test_text_in_a_diagram_is_at_least_the_size_of_body_text(page, decks, deck, size):
    """Readable from the back of the room: on every slide with a diagram, the smallest text in
    the diagram, as rendered, is at least the slide's body text (both in px of the slide)."""
    _, url = decks
    page.set_viewport_size({"width": size[0], "height": size[1]})
    open_deck(page, f"{url}/{deck}.slides.html")
    page.wait_for_load_state("load")
    figures = [f for f in page.evaluate(FIGURE_TEXT) if f["minPx"] is not None]
    assert figures, f"{deck}: no diagram measured"
    small = {f["id"]: (round(f["minPx"], 1), f["bodyPx"]) for f in figures
             if f["minPx"] < f["bodyPx"]}
    assert small == {}, f"{deck}: diagram text smaller than body text (px, px): {small}"
    assert all(f["bodyPx"] >= 28 for f in figures)
    assert page.watch.errors == []


@pytest.mark.parametrize("deck", DECKS)
def test_deck_is_offline_keyboard_driven_and_accessible(page, decks, deck):
    _, url = decks
    open_deck(page, f"{url}/{deck}.slides.html")
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
    assert page.locator(".reveal .jupyter-widgets").count() == 0
    assert page.watch.errors == []

    # Every slide at once: reveal.js's scroll view shows them all, so one axe run covers them.
    open_deck(page, f"{url}/{deck}.slides.html?view=scroll")
    assert page.evaluate("Reveal.isScrollView()")
    assert axe_violations(page, [".reveal .slides"]) == []
    assert page.watch.external == []


def test_content_note_links_to_the_support_slides(page, decks):
    _, url = decks
    open_deck(page, f"{url}/02_the_cycle.slides.html")
    page.click(".reveal section.present a[href='#support-and-help']")
    page.wait_for_function("() => Reveal.getCurrentSlide().innerText.includes('Support and help')")
    assert current(page)["text"].lstrip().startswith("Support and help")


def test_presenter_notes_show_in_the_speaker_view(page, decks):
    _, url = decks
    open_deck(page, f"{url}/02_the_cycle.slides.html#/7")  # the cycle diagram
    assert "The cycle, step by step" in current(page)["text"]
    notes = page.locator(".reveal section.present aside.notes")
    assert not notes.first.is_visible()  # for the presenter only, not on the projected slide
    with page.expect_popup() as popup:
        page.keyboard.press("s")
    speaker = popup.value
    speaker.wait_for_function("() => document.querySelector('.speaker-controls-notes')"
                              " && /Live version in JupyterLab/.test(document.querySelector("
                              "'.speaker-controls-notes').innerText)", timeout=20_000)
    speaker.close()
    assert page.watch.errors == []


def test_math_is_rendered_by_the_local_mathjax(page, decks):
    _, url = decks
    open_deck(page, f"{url}/{MATH_STEM}.slides.html")
    assert math_rendered(page, ".reveal .slides") == 4  # on the slide, and again in its notes
    assert page.evaluate("[...document.querySelectorAll('.reveal mjx-container')]"
                         ".filter(m => !m.closest('aside.notes')).length") == 2
    assert page.watch.errors == []
    assert page.watch.external == []


def test_index_lists_every_deck(page, decks):
    _, url = decks
    page.goto(f"{url}/index.html")
    for deck in DECKS:
        assert page.locator(f"a[href='{deck}.slides.html']").count() == 1
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
