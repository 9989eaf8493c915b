"""Notebook 05 in a real JupyterLab: the intervention explorer works from the keyboard only
(its labelled check boxes, switched with the Space bar), its diagram, chart and summary sentence
change, with no console errors, no request leaving the machine, and no WCAG 2.1 A/AA violation
in our content (axe-core)."""

import pytest
from playwright.sync_api import expect

from reliefcycle.activities import interventions

from browsing import axe_violations

STEM = "05_breaking_the_cycle"
pytestmark = [pytest.mark.browser, pytest.mark.notebook(STEM)]


def state(explorer) -> dict:
    """The summary sentence and the src of each picture (diagram, then chart)."""
    return explorer.evaluate("""el => ({
        summary: el.querySelector('[role=status]').innerText,
        srcs: [...el.querySelectorAll('img')].map(i => i.getAttribute('src'))})""")


def wait_for_change(explorer, old: dict) -> dict:
    """Wait until the sentence and both pictures differ from ``old``. Locators, not an element
    handle taken earlier: JupyterLab may draw the output again, and a handle to the old node
    would then wait on a node that no longer changes."""
    expect(explorer.locator("[role=status]")).not_to_have_text(old["summary"], timeout=20_000)
    pictures = explorer.locator("img")
    expect(pictures).to_have_count(len(old["srcs"]))
    for k, src in enumerate(old["srcs"]):
        expect(pictures.nth(k)).not_to_have_attribute("src", src, timeout=20_000)
    return state(explorer)


def test_intervention_explorer_works_from_the_keyboard(notebooks):
    first, second = interventions.COMPONENTS[0], interventions.COMPONENTS[1]

    page = notebooks.executed_page(STEM)
    # the explorer has no CSS class of its own: find its output by its visible heading
    explorer = page.locator(".jp-Notebook .jp-OutputArea-output").filter(
        has_text="Switch on parts of treatment:")
    explorer.locator("[role=status]").wait_for(timeout=60_000)
    explorer.scroll_into_view_if_needed()
    expect(explorer.locator("img")).to_have_count(2, timeout=60_000)
    start = state(explorer)
    assert "switched on" in start["summary"]
    assert all(src.startswith("data:image/png;base64,") for src in start["srcs"])

    # switch on the first part with the Space bar
    box = explorer.get_by_role("checkbox", name=f"{first.letter}. {first.label}", exact=True)
    box.focus()
    assert box.evaluate("el => el === document.activeElement")
    page.keyboard.press("Space")
    one = wait_for_change(explorer, start)
    assert box.is_checked()
    assert f"With {first.label.lower()} switched on" in one["summary"]

    # Tab on to the next check box and switch it on too
    page.keyboard.press("Tab")
    nxt = explorer.get_by_role("checkbox", name=f"{second.letter}. {second.label}", exact=True)
    assert nxt.evaluate("el => el === document.activeElement"), "Tab did not reach the next box"
    page.keyboard.press("Space")
    two = wait_for_change(explorer, one)
    assert nxt.is_checked()
    assert first.label.lower() in two["summary"] and second.label.lower() in two["summary"]
    alt = explorer.locator("img").first.get_attribute("alt")
    assert f"{first.letter}, {first.label.lower()}" in alt
    assert f"{second.letter}, {second.label.lower()}" in alt

    # switch both off again from the keyboard: back to the starting pictures and sentence
    page.keyboard.press("Space")
    wait_for_change(explorer, two)
    box.focus()
    page.keyboard.press("Space")
    expect(explorer.locator("[role=status]")).to_have_text(start["summary"], timeout=20_000)
    assert not box.is_checked() and not nxt.is_checked()
    assert state(explorer) == start

    assert page.watch.errors == []
    assert page.watch.external == []
    assert axe_violations(page) == []
