"""Notebook 07 in a real JupyterLab: the concept check by keyboard shows the learner's change and
a calibration picture with alt text, one click deletes the answers, nothing leaves the machine,
and axe-core finds no WCAG 2.1 A/AA violation in our content."""

import pytest

from browsing import answer_first_statement, axe_violations, open_notebook, run_all

pytestmark = pytest.mark.browser
NOTEBOOK = "notebooks/07_looking_back.ipynb"


def test_change_view_and_delete(page, lab):
    open_notebook(page, lab, NOTEBOOK)
    run_all(page)
    page.wait_for_selector(".jp-Notebook .widget-radio:has(label:has-text('Statement 1'))",
                           timeout=60_000)
    # without a hub folder there is nothing to send, and the corrections need no saving
    assert page.locator(".jp-Notebook button:has-text('Send my code')").count() == 0
    page.click(".jp-Notebook button:has-text('Show the corrections')")
    page.wait_for_selector(".jp-Notebook :text('The myths among these statements, corrected')",
                           timeout=10_000)
    answer_first_statement(page, 1, "certain")
    page.wait_for_selector(".jp-Notebook :text('Right before the series')", timeout=20_000)
    assert page.locator(".jp-Notebook img[alt^='Calibration chart']").count() == 1
    assert "Revisit" in page.inner_text(".jp-Notebook")
    assert axe_violations(page) == []
    page.click(".jp-Notebook button:has-text('Delete my saved answers')")
    page.wait_for_selector(".jp-Notebook [role=status]:has-text('deleted')", timeout=10_000)
    assert page.watch.errors == []
    assert page.watch.external == []
