"""Helpers for the browser tests: constants, opening and running a notebook the way a person
does (the Run menu), and the axe-core check."""

import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "reliefcycle-browser-test"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: Seconds a notebook may take, from Run All Cells until every cell has run and the kernel is idle.
RUN_ALL_SECONDS = 60

#: Our content inside JupyterLab: rendered markdown and cell outputs (not JupyterLab's own editor).
CONTENT = [".jp-Notebook .jp-MarkdownOutput", ".jp-Notebook .jp-OutputArea"]
IDLE = ".jp-Notebook-ExecutionIndicator[data-status=idle]"


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
    page.wait_for_selector(IDLE, timeout=60_000)


def run_all(page) -> None:
    """Run every cell from the Run menu, as a person would; fail unless every cell has run and
    the kernel is idle within RUN_ALL_SECONDS."""
    start = time.monotonic()
    page.locator(".lm-MenuBar-itemLabel").get_by_text("Run", exact=True).click()
    page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()
    page.wait_for_function(
        "() => { const p = [...document.querySelectorAll('.jp-Notebook .jp-InputArea-prompt')];"
        " return p.length > 0 && p.every(x => /\\[\\d+\\]/.test(x.textContent)"
        " || x.closest('.jp-MarkdownCell')); }", timeout=RUN_ALL_SECONDS * 1000)
    left = RUN_ALL_SECONDS - (time.monotonic() - start)
    page.wait_for_selector(IDLE, timeout=max(left, 1) * 1000)


def in_view(page, target_id: str) -> bool:
    """Whether the element with explicit id ``target_id`` (JupyterLab keeps it as
    ``data-jupyter-id``) is at the top part of the notebook's visible area."""
    return page.evaluate("""id => {
        const el = document.querySelector(`[data-jupyter-id="${id}"], #${id}`);
        if (!el) return false;
        const r = el.getBoundingClientRect();
        return r.top >= -2 && r.top < window.innerHeight;  // sub-pixel scroll offsets
    }""", target_id)


def answer_first_statement(page, choice: int, confidence: str) -> None:
    """In the concept check, answer statement 1 by keyboard (0 true, 1 false) and save it."""
    page.focus(".jp-Notebook .widget-radio:has(label:has-text('Statement 1')) input >> "
               f"nth={choice}")
    page.keyboard.press("Space")
    page.select_option(".jp-Notebook .widget-dropdown:has(label:has-text('How sure')) select "
                       ">> nth=0", label=confidence)
    page.click(".jp-Notebook button:has-text('Save my answers')")
