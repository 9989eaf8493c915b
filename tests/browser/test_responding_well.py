"""Notebooks 06 and A in a real JupyterLab: the practice scenarios work from the keyboard and
the glossary's "see also" links jump, with no console errors, no request leaving the machine, and
no WCAG 2.1 A/AA violation in our content (axe-core)."""

import pytest

from reliefcycle.activities import scenarios

from browsing import axe_violations, in_view, open_notebook

pytestmark = pytest.mark.browser
SCENARIOS = ".jp-Notebook .reliefcycle-scenarios"


@pytest.mark.notebook("06_responding_well")
def test_scenarios_work_from_the_keyboard(notebooks):
    page = notebooks.executed_page("06_responding_well")
    page.wait_for_selector(f"{SCENARIOS} .widget-radio-box", timeout=60_000)
    page.locator(SCENARIOS).scroll_into_view_if_needed()
    assert f"Scenario 1 of {len(scenarios.load())}" in page.inner_text(SCENARIOS)

    # choose Reply B with the keyboard, then Tab on to "Show feedback" and press Enter
    page.focus(f"{SCENARIOS} .widget-radio-box input >> nth=1")
    page.keyboard.press("Space")
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.textContent.trim() === 'Show feedback'"):
            break
    else:
        pytest.fail("Tab never reached the Show feedback button")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"{SCENARIOS} [role=status]:has-text('Reply B: Helpful.')",
                           timeout=10_000)

    # the next scenario, from the keyboard
    page.focus(f"{SCENARIOS} button:has-text('Next')")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"{SCENARIOS} :text('Scenario 2 of {len(scenarios.load())}')",
                           timeout=10_000)
    page.focus(f"{SCENARIOS} button:has-text('Explain all three replies')")
    page.keyboard.press("Enter")
    page.wait_for_selector(f"{SCENARIOS} [role=status]:has-text('Reply C: Helpful.')",
                           timeout=10_000)

    assert page.watch.errors == []
    assert page.watch.external == []
    assert axe_violations(page) == []


def test_glossary_links_jump_and_tables_are_accessible(page, lab):
    open_notebook(page, lab, "notebooks/A_glossary.ipynb")  # as first opened, not run
    page.click('.jp-Notebook a[href="#term-punishment"] >> nth=0')
    page.wait_for_function("() => { const el = document.querySelector("
                           "'[data-jupyter-id=\"term-punishment\"]'); if (!el) return false;"
                           " const r = el.getBoundingClientRect();"
                           " return r.top >= -2 && r.top < window.innerHeight; }", timeout=15_000)
    assert in_view(page, "term-punishment")
    assert page.watch.errors == []
    assert page.watch.external == []
    assert axe_violations(page) == []
