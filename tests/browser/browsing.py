"""Helpers for the browser tests: constants and the axe-core check."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "reliefcycle-browser-test"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

#: Our content inside JupyterLab: rendered markdown and cell outputs (not JupyterLab's own editor).
CONTENT = [".jp-Notebook .jp-MarkdownOutput", ".jp-Notebook .jp-OutputArea"]


def axe_violations(page, selectors=CONTENT) -> list[str]:
    """WCAG 2.1 A/AA violations that axe-core finds inside ``selectors``."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context={"include": [[s] for s in selectors]},
                        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: "
            f"{[n['target'] for n in v['nodes'][:3]]})"
            for v in results.response["violations"]]


def open_notebook(page, lab: str, notebook: str) -> None:
    """Open ``notebook`` in a fresh JupyterLab workspace and wait until its kernel is idle."""
    page.goto(f"{lab}/lab/tree/{notebook}?reset&token={TOKEN}")
    page.wait_for_selector(".jp-Notebook .jp-MarkdownOutput h1", timeout=60_000)
    page.wait_for_function("window.jupyterapp !== undefined")
    page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status=idle]", timeout=60_000)


def run_all(page) -> None:
    """Run every cell and wait until the last one has finished."""
    page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function(
        "() => { const p = [...document.querySelectorAll('.jp-Notebook .jp-InputArea-prompt')];"
        " return p.length > 0 && p.every(x => /\\[\\d+\\]/.test(x.textContent)"
        " || x.closest('.jp-MarkdownCell')); }", timeout=120_000)


def answer_first_statement(page, choice: int, confidence: str) -> None:
    """In the concept check, answer statement 1 by keyboard (0 true, 1 false) and save it."""
    page.focus(".jp-Notebook .widget-radio:has(label:has-text('Statement 1')) input >> "
               f"nth={choice}")
    page.keyboard.press("Space")
    page.select_option(".jp-Notebook .widget-dropdown:has(label:has-text('How sure')) select "
                       ">> nth=0", label=confidence)
    page.click(".jp-Notebook button:has-text('Save my answers')")
