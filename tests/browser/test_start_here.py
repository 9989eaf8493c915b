"""Notebook 00 in a real JupyterLab: citations jump to their reference, nothing leaves the
machine, no console errors, and axe-core finds no WCAG 2.1 A/AA violation in our content."""

import subprocess
import sys

import pytest

from browsing import ROOT, answer_first_statement, axe_violations, open_notebook, run_all

pytestmark = pytest.mark.browser
NOTEBOOK = "notebooks/00_start_here.ipynb"


def in_view(page, selector: str) -> bool:
    return page.evaluate("""sel => {
        const el = document.querySelector(sel);
        if (!el) return false;
        const r = el.getBoundingClientRect();
        return r.top >= -2 && r.top < window.innerHeight;  // sub-pixel scroll offsets
    }""", selector)


def test_citation_link_jumps_to_reference_in_jupyterlab(page, lab):
    open_notebook(page, lab, NOTEBOOK)
    page.click('.jp-Notebook a[href="#ref-nock2004functional"] >> nth=0')
    page.wait_for_timeout(1500)
    assert in_view(page, '[data-jupyter-id="ref-nock2004functional"], #ref-nock2004functional')
    assert page.watch.external == []


def test_run_all_without_errors_and_accessible(page, lab):
    open_notebook(page, lab, NOTEBOOK)
    run_all(page)
    page.wait_for_selector(".jp-Notebook .widget-radio-box", timeout=60_000)
    assert "\N{CHECK MARK} plots can be drawn" in page.inner_text(".jp-Notebook")
    # keyboard: choose the first option of self-check question 1 and check it
    page.focus(".jp-Notebook .widget-radio:has(label:has-text('Question 1')) input >> nth=0")
    page.keyboard.press("Space")
    page.click(".jp-Notebook button:has-text('Check') >> nth=0")
    page.wait_for_selector(".jp-Notebook [role=status]:has-text('Yes.')", timeout=10_000)
    # the concept check: answer statement 1 by keyboard, say how sure, save, see the corrections
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
    page.click('a[href="#ref-nock2004functional"] >> nth=0')
    page.wait_for_timeout(500)
    assert in_view(page, "#ref-nock2004functional")
    assert "Show answer" in page.inner_text("body")
