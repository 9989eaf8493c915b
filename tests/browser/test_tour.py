"""A newcomer's tour: JupyterLab started as `make lab` starts it, every notebook opened in turn.

Before running anything the reader sees the committed outputs and their static fallbacks: no
test markup and no technical placeholder text, every figure loads, and the content note's links
(key points, support) land on their targets. Then Run → Run All Cells from the menu, a scroll
through the whole notebook, and a failure on any image that did not load (naturalWidth 0), any
HTTP response of 400 or more, any console error, any error or stderr output in a cell, or a
kernel that is not idle 60 s after Run All.
"""

import pytest

from browsing import in_view
from paths import NOTEBOOKS

pytestmark = pytest.mark.browser
STEMS = [p.stem for p in NOTEBOOKS]
#: Text that means something to the test tools or to Python, nothing to a reader.
TECHNICAL = ["<IPython.core.display.", "NBVAL_", "Traceback (most recent call last)"]
#: The content note's links, to the key points and to the support cell.
CONTENT_NOTE_LINKS = ["key-points", "support-and-help"]


def scroll_through(page) -> None:
    """Scroll the notebook from top to bottom a screen at a time, as a reader would, so that
    every cell is drawn and every image is requested."""
    scroller = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-WindowedPanel-outer")
    scroller.evaluate("""async el => {  // one screen per animation frame, top to bottom
        el.scrollTo(0, 0);
        for (let i = 0; i < 500; i++) {
            el.scrollBy(0, el.clientHeight * 0.9);
            await new Promise(done => requestAnimationFrame(() => setTimeout(done, 20)));
            if (el.scrollTop + el.clientHeight >= el.scrollHeight - 2) break;
        }
    }""")
    # every image has finished loading (or failed) before it is judged
    page.wait_for_function("() => [...document.querySelectorAll('.jp-Notebook img')]"
                           ".every(img => img.complete && img.getAttribute('src'))", timeout=20_000)


def broken_images(page) -> list[str]:
    return page.evaluate("""() => [...document.querySelectorAll('.jp-Notebook img')]
        .filter(img => img.naturalWidth === 0)
        .map(img => (img.getAttribute('src') || '(no src)').slice(0, 100))""")


def visible_technical_text(page) -> list[str]:
    text = page.inner_text(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")
    return [marker for marker in TECHNICAL if marker in text]


def problem_outputs(page) -> list[str]:
    """The text of every error or stderr output (JupyterLab renders both as stderr)."""
    return page.evaluate("""() => [...document.querySelectorAll(
            '.jp-Notebook .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
        .map(el => el.innerText.slice(0, 300))""")


def follow_link(page, target: str) -> bool:
    page.locator(f'.jp-Notebook a[href="#{target}"]').first.click()
    page.wait_for_function("""id => { const el = document.querySelector(`[data-jupyter-id="${id}"]`);
        if (!el) return false; const r = el.getBoundingClientRect();
        return r.top >= -2 && r.top < window.innerHeight; }""", arg=target, timeout=15_000)
    return in_view(page, target)


@pytest.mark.parametrize("stem", [pytest.param(s, marks=pytest.mark.notebook(s)) for s in STEMS])
def test_newcomers_tour(notebooks, stem):
    page = notebooks.fresh(stem)

    # as first opened: nothing run yet
    scroll_through(page)
    assert visible_technical_text(page) == [], "shown before running"
    assert broken_images(page) == [], "broken images before running"
    for target in CONTENT_NOTE_LINKS:
        page.locator(".jp-WindowedPanel-outer").evaluate("el => el.scrollTo(0, 0)")
        assert follow_link(page, target), f"the content note's link to #{target} missed it"

    notebooks.run()
    scroll_through(page)
    assert broken_images(page) == []
    assert problem_outputs(page) == []
    assert visible_technical_text(page) == []
    assert page.watch.failed == []
    assert page.watch.errors == []
    assert page.watch.external == []
