"""Notebook 02 in a real JupyterLab: run all, move an explorer slider with the keyboard, and
check that the figure and its description change, with no console errors, no request leaving the
machine, and no WCAG 2.1 A/AA violation in our content (axe-core)."""

import pytest

from browsing import axe_violations

STEM = "02_the_cycle"
pytestmark = [pytest.mark.browser, pytest.mark.notebook(STEM)]
FIGURE = ".jp-Notebook .reliefcycle-explorer-figure img"
SUMMARY = ".jp-Notebook .reliefcycle-explorer-summary"


def test_explorer_responds_to_the_keyboard(notebooks):
    page = notebooks.executed_page(STEM)
    page.locator(SUMMARY).scroll_into_view_if_needed()
    page.wait_for_selector(FIGURE, timeout=60_000)
    before_src = page.get_attribute(FIGURE, "src")
    before_text = page.inner_text(SUMMARY)

    handle = page.locator(".jp-Notebook .widget-slider:has-text('Immediate relief') [role=slider]")
    handle.first.focus()
    for _ in range(4):
        page.keyboard.press("ArrowLeft")
    page.wait_for_function(
        "([sel, old]) => document.querySelector(sel).innerText !== old",
        arg=[SUMMARY, before_text], timeout=20_000)
    page.wait_for_function(
        "([sel, old]) => document.querySelector(sel).getAttribute('src') !== old",
        arg=[FIGURE, before_src], timeout=20_000)

    assert page.watch.errors == []
    assert page.watch.external == []
    assert axe_violations(page) == []
