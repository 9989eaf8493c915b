"""Safety: the content note, the support cell, and the language lint.

Every notebook opens with a calm content note and ends with the support cell. Both are rendered
from one template each (``data/content-note.md`` and ``data/support.md``), so a helpline number
is checked and updated in one place. ``refresh`` writes them into a notebook.

The language lint applies the rules of ``data/language-lint.yml`` (a copy of the series' shared
rule file; a test keeps the two in step). It flags stigmatising or sensational wording and any
method detail, and checks the markers and paired statements every notebook needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import nbformat
import yaml

#: Date on which the support cell's services were last verified (safe-messaging.md, 3.3).
RESOURCES_LAST_CHECKED = "2026-11-24"

CONTENT_NOTE_MARKER = re.compile(r"<!--\s*safe-messaging:\s*content-note\s*-->", re.I)
SUPPORT_MARKER = re.compile(r"<!--\s*safe-messaging:\s*support\s*-->", re.I)


class SafetyError(ValueError):
    """A text or notebook breaks a safety rule; the message says which rule and where."""


def _data(name: str) -> str:
    return resources.files("reliefcycle").joinpath("data", name).read_text(encoding="utf-8")


@cache
def rules() -> dict:
    """The language rules (parsed ``language-lint.yml``)."""
    return yaml.safe_load(_data("language-lint.yml"))


@cache
def notebook_info() -> dict:
    """Title and content-note topic of every notebook, by file stem."""
    return yaml.safe_load(_data("notebooks.yml"))


# --- templates ---------------------------------------------------------------------------------

def content_note(stem: str) -> str:
    """The content note for the notebook ``stem`` (e.g. ``"02_the_cycle"``)."""
    info = notebook_info()
    if stem not in info:
        raise SafetyError(f"no content-note topic for notebook '{stem}': add it to data/notebooks.yml")
    return _data("content-note.md").format(topic=info[stem]["topic"]).strip()


def support_cell() -> str:
    """The support and help cell, identical in every notebook."""
    return _data("support.md").format(last_checked=RESOURCES_LAST_CHECKED).strip()


def refresh(nb, stem: str) -> bool:
    """Insert or update the content note (first cell) and support cell (last cell).

    Returns True when the notebook changed. Any other cell is left exactly as it was.
    """
    before = [(c.cell_type, c.source) for c in nb.cells]

    def take(marker: re.Pattern, text: str):
        # Reuse the existing cell (keeping its id) so a refresh changes only what must change.
        found = [c for c in nb.cells if c.cell_type == "markdown" and marker.search(c.source)]
        for cell in found:
            nb.cells.remove(cell)
        cell = found[0] if found else nbformat.v4.new_markdown_cell()
        cell.source = text
        return cell

    note = take(CONTENT_NOTE_MARKER, content_note(stem))
    support = take(SUPPORT_MARKER, support_cell())
    nb.cells = [note, *nb.cells, support]
    return [(c.cell_type, c.source) for c in nb.cells] != before


# --- language lint -----------------------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    """One lint hit: which rule, how serious, and the words around it."""

    rule: str
    severity: str
    excerpt: str
    where: str = ""

    def __str__(self) -> str:
        place = f"{self.where}: " if self.where else ""
        return f"{place}{self.severity}: {self.rule}: ...{self.excerpt}..."


@dataclass(frozen=True)
class _Rule:
    id: str
    severity: str
    pattern: re.Pattern
    exceptions: tuple[re.Pattern, ...]


@cache
def _compiled() -> tuple[_Rule, ...]:
    r = rules()
    compiled = [_Rule(x["id"], x.get("severity", "error"), re.compile(x["regex"], re.I),
                      tuple(re.compile(e, re.I) for e in x.get("exceptions", [])))
                for x in r["avoid_terms"]]
    compiled += [_Rule(x["id"], "error", re.compile(x["regex"], re.I), ())
                 for x in r["method_detail_terms"]]
    return tuple(compiled)


def strip_ignored(text: str) -> str:
    """Remove the regions a human has marked as quotation, title or named-and-corrected myth."""
    markers = rules()["ignore_markers"]
    return re.sub(f"{markers['start']}.*?{markers['end']}", " ", text, flags=re.I | re.S)


def lint_text(text: str, where: str = "") -> list[Finding]:
    """Every language-rule hit in ``text`` (an empty list means the text is clean)."""
    text = strip_ignored(text)
    found = []
    for rule in _compiled():
        for match in rule.pattern.finditer(text):
            spans = [m.span() for e in rule.exceptions for m in e.finditer(text)]
            if any(s <= match.start() and match.end() <= e for s, e in spans):
                continue
            excerpt = text[max(0, match.start() - 30): match.end() + 30].replace("\n", " ")
            found.append(Finding(rule.id, rule.severity, excerpt, where))
    return found


def require_clean(text: str, where: str = "text") -> None:
    """Raise ``SafetyError`` naming the rule when ``text`` breaks a language rule."""
    findings = lint_text(text, where)
    if findings:
        raise SafetyError("\n".join(str(f) for f in findings))


def _outputs_text(cell) -> str:
    parts = []
    for output in cell.get("outputs", []):
        if "text" in output:
            parts.append(output["text"])
        for mime in ("text/plain", "text/markdown", "text/html"):
            if mime in output.get("data", {}):
                parts.append(output["data"][mime])
    return "\n".join("".join(p) for p in parts)


def lint_notebook(nb, name: str = "notebook") -> list[Finding]:
    """Language hits in every cell (markdown, code and text outputs) plus the notebook rules:
    required markers, the support cell last, and the conditional pairings."""
    findings = []
    for index, cell in enumerate(nb.cells):
        findings += lint_text(cell.source + "\n" + _outputs_text(cell), f"{name}, cell {index}")
    markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    if not markdown:
        return findings + [Finding("markdown", "error", "no markdown cells", name)]
    support = [s for s in markdown if SUPPORT_MARKER.search(s)]
    where = {"first_markdown_cell": markdown[:1], "last_markdown_cell": markdown[-1:],
             "any_markdown_cell": markdown, "support_cell": support[:1]}
    for req in rules()["required_in_every_notebook"]:
        texts = where[req["where"]]
        if not texts:
            findings.append(Finding(req["id"], "error", f"no {req['where'].replace('_', ' ')}", name))
        elif "max_words" in req:
            words = len(re.sub(r"<[^>]+>", " ", texts[0]).split())
            if words > req["max_words"]:
                findings.append(Finding(req["id"], "error",
                                        f"{words} words (at most {req['max_words']})", name))
        else:
            flags = re.I | (re.M if req.get("multiline") else 0)
            if not any(re.search(req["regex"], t, flags) for t in texts):
                findings.append(Finding(req["id"], "error", req["description"], name))
    whole = strip_ignored("\n".join(markdown))
    for cond in rules()["conditional_requirements"]:
        if "if_notebook_matches" in cond and re.search(cond["if_notebook_matches"], whole, re.I):
            for need in cond["then_notebook_must_match_all"]:
                if not re.search(need, whole, re.I):
                    findings.append(Finding(cond["id"], "error", f"needs /{need}/", name))
        if "if_cell_matches" in cond:
            for index, cell in enumerate(nb.cells):
                if (cell.cell_type == "markdown"
                        and re.search(cond["if_cell_matches"], cell.source, re.I)
                        and not re.search(cond["then_cell_must_match"], cell.source, re.I)):
                    findings.append(Finding(cond["id"], "error", cond["description"][:90],
                                            f"{name}, cell {index}"))
    return findings


def lint_file(path: str | Path) -> list[Finding]:
    """Lint a notebook, or any text file such as a Markdown doc or an alt-text file."""
    path = Path(path)
    if path.suffix == ".ipynb":
        return lint_notebook(nbformat.read(path, as_version=4), path.name)
    return lint_text(path.read_text(encoding="utf-8"), str(path))
