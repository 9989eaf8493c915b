"""Notebook 00 in a real JupyterLab: citations jump to their reference, nothing leaves the
machine, no console errors, and axe-core finds no WCAG 2.1 A/AA violation in our content."""

import subprocess
import sys

import pytest

from browsing import ROOT, answer_first_statement, axe_violations, in_view, open_notebook

pytestmark = pytest.mark.browser
STEM = "00_start_here"
NOTEBOOK = f"notebooks/{STEM}.ipynb"
TARGET = "ref-nock2004functional"
IN_VIEW = """id => { const el = document.querySelector(`[data-jupyter-id="${id}"], #${id}`);
    if (!el) return false; const r = el.getBoundingClientRect();
    return r.top >= -2 && r.top < window.innerHeight; }"""


def test_citation_link_jumps_to_reference_in_jupyterlab(page, lab):
    open_notebook(page, lab, NOTEBOOK)
    page.click(f'.jp-Notebook a[href="#{TARGET}"] >> nth=0')
    page.wait_for_function(IN_VIEW, arg=TARGET, timeout=15_000)
    assert in_view(page, TARGET)
    assert page.watch.external == []


@pytest.mark.notebook(STEM)
def test_run_all_without_errors_and_accessible(notebooks):
    page = notebooks.executed_page(STEM)
    page.wait_for_selector(".jp-Notebook .widget-radio-box", timeout=60_000)
    assert "\N{CHECK MARK} plots can be drawn" in page.inner_text(".jp-Notebook")
    # keyboard: choose the first option of self-check question 1 and check it
    page.focus(".jp-Notebook .widget-radio:has(label:has-text('Question 1')) input >> nth=0")
    page.keyboard.press("Space")
    page.click(".jp-Notebook button:has-text('Check') >> nth=0")
    page.wait_for_selector(".jp-Notebook [role=status]:has-text('Yes.')", timeout=10_000)
    # the concept check: the corrections are one keyboard press away, without saving anything
    corrected = ".jp-Notebook :text('The myths among these statements, corrected')"
    assert page.locator(corrected).count() == 0
    page.focus(".jp-Notebook button:has-text('Show the corrections')")
    page.keyboard.press("Enter")
    page.wait_for_selector(corrected, timeout=10_000)
    assert "Saved" not in page.inner_text(".jp-Notebook")
    page.focus(".jp-Notebook button:has-text('Hide the corrections')")
    page.keyboard.press("Enter")
    page.wait_for_selector(corrected, state="detached", timeout=10_000)
    # answer statement 1 by keyboard, say how sure, save, see the corrections
    answer_first_statement(page, 1, "fairly sure")
    page.wait_for_selector(".jp-Notebook [role=status]:has-text('Saved')", timeout=10_000)
    assert "The myths among these statements, corrected" in page.inner_text(".jp-Notebook")
    assert page.watch.errors == []
    assert page.watch.external == []
    assert axe_violations(page) == []


def test_citation_link_jumps_in_exported_html(page, tmp_path):
    subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "html",
                    str(ROOT / NOTEBOOK), "--output-dir", str(tmp_path)], check=True,
                   capture_output=True)
    page.goto((tmp_path / "00_start_here.html").as_uri())
    page.click(f'a[href="#{TARGET}"] >> nth=0')
    page.wait_for_function(IN_VIEW, arg=TARGET, timeout=15_000)
    assert in_view(page, TARGET)
    assert "Show answer" in page.inner_text("body")
