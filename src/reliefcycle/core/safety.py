"""Safety: the content note, the support cell, and the language lint.

Every notebook opens with a calm content note and ends with the support cell. Both are rendered
from one template each (``data/content-note.md`` and ``data/support.md``). The support cell's
services and emergency numbers come from ``data/support-services.yml`` (schema in
``reliefcycle.data.support``), which records where and when each number was checked, so a
helpline number is checked and updated in one place. Beside the Key points, a one-line link
(``support_link``) makes the support cell one click away. ``refresh`` writes all three into a
notebook.

The language lint applies the rules of ``data/language-lint.yml`` (a copy of the series' shared
rule file; a test keeps the two in step). It flags stigmatising or sensational wording and any
method detail, and checks the markers and paired statements every notebook needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import nbformat

from reliefcycle import data
from reliefcycle.core.citations import REFERENCES_MARKER
from reliefcycle.data import DataError, notebooks, support

CONTENT_NOTE_MARKER = re.compile(r"<!--\s*safe-messaging:\s*content-note\s*-->", re.I)
SUPPORT_MARKER = re.compile(r"<!--\s*safe-messaging:\s*support\s*-->", re.I)
SUPPORT_LINK_MARKER = re.compile(r"<!--\s*safe-messaging:\s*support-link\s*-->", re.I)
KEY_POINTS_ANCHOR = '<a id="key-points"></a>'


class SafetyError(DataError):
    """A text, notebook or data file breaks a safety rule; the message says which rule and where."""


@cache
def rules() -> dict:
    """The language rules (parsed ``language-lint.yml``)."""
    return data.read_yaml("language-lint.yml")


def parse_notebooks(raw) -> dict:
    """Check a parsed ``notebooks.yml`` against its schema (``reliefcycle.data.notebooks``) and
    return it as plain data. Raises ``SafetyError`` naming the notebook and the field."""
    info = notebooks.parse(raw, SafetyError)
    return {stem: n.model_dump(exclude={"stem"}, exclude_none=True) for stem, n in info.items()}


@cache
def notebook_info() -> dict:
    """Title, content-note topic and (when it has one) suicide line of every notebook, by stem."""
    return parse_notebooks(data.read_yaml("notebooks.yml"))


# --- support services ----------------------------------------------------------------------------

def parse_services(raw) -> dict:
    """Check a parsed services file against its schema (``reliefcycle.data.support``) and return
    it as plain data, dates as ISO text. Raises ``SafetyError`` naming the entry and the field."""
    return support.parse(raw, SafetyError).model_dump(mode="json", exclude_none=True)


@cache
def support_services() -> dict:
    """The checked services file: ``last_checked``, ``emergency`` and ``services``."""
    return parse_services(data.read_yaml("support-services.yml"))


#: A contact that is a web address (``988lifeline.org``), not a number or a keyword.
WEB_ADDRESS = re.compile(r"^(?=[^/]*[a-z])[a-z0-9-]+(\.[a-z0-9-]+)+(/\S*)?$", re.IGNORECASE)


def reach_markdown(service: dict) -> str:
    """How to reach a service, with every web address among its contacts as an https link."""
    reach = service["reach"]
    for contact in service["contacts"]:
        if WEB_ADDRESS.match(contact):
            reach = reach.replace(contact, f"[{contact}](https://{contact})")
    return reach


def _services_table(services: list[dict]) -> str:
    rows = [f"| {s['region']} | {s['service']} | {reach_markdown(s)} |" for s in services]
    return "\n".join(["| Where | Service | How to reach it |", "|---|---|---|", *rows])


def _emergency_numbers(emergency: list[dict]) -> str:
    return ", ".join(f"{e['number']} in {e['where']}" for e in emergency)


#: Date on which the support cell's services were last verified (``data/support-services.yml``).
RESOURCES_LAST_CHECKED = support_services()["last_checked"]


# --- templates ---------------------------------------------------------------------------------

def content_note(stem: str) -> str:
    """The content note for the notebook ``stem`` (e.g. ``"02_the_cycle"``)."""
    info = notebook_info()
    if stem not in info:
        raise SafetyError(f"no content-note topic for notebook '{stem}': add it to data/notebooks.yml")
    suicide = info[stem].get("suicide")
    also = f" It also talks about suicide: {suicide}." if suicide else ""
    return data.text("content-note.md").format(topic=info[stem]["topic"], suicide=also).strip()


#: Any mention of suicide, once the words "non-suicidal" / "nonsuicidal" are taken out.
SUICIDE = re.compile(r"\bsuicid", re.I)
_NON_SUICIDAL = re.compile(r"\bnon-?suicidal\b", re.I)
_LINK_TARGET = re.compile(r"\]\([^)]*\)")


def mentions_suicide(text: str) -> bool:
    """Whether ``text`` talks about suicide (the term "non-suicidal self-injury" does not count,
    nor do link targets such as ``#ref-victor2012nonsuicidal``)."""
    return bool(SUICIDE.search(_NON_SUICIDAL.sub(" ", _LINK_TARGET.sub("]", text))))


def discusses_suicide(nb) -> bool:
    """Whether the notebook's own text (markdown cells and shown Markdown or HTML outputs, such as
    the statements a widget shows, but not its content note, references or support cell)
    mentions suicide."""
    texts = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            if not (CONTENT_NOTE_MARKER.search(cell.source) or SUPPORT_MARKER.search(cell.source)
                    or REFERENCES_MARKER in cell.source):
                texts.append(cell.source)
        else:
            texts += ["".join(o.get("data", {}).get(kind, ""))
                      for o in cell.get("outputs", []) for kind in ("text/markdown", "text/html")]
    return mentions_suicide("\n".join(texts))


def support_cell() -> str:
    """The support and help cell, identical in every notebook."""
    checked = support_services()
    return data.text("support.md").format(
        last_checked=checked["last_checked"], emergency=_emergency_numbers(checked["emergency"]),
        services=_services_table(checked["services"])).strip()


def support_link() -> str:
    """The line placed right after the Key points, so support is one click away there too."""
    return ("<!-- safe-messaging: support-link -->\n"
            "If anything in this notebook has been hard to read, "
            "[support and help](#support-and-help) is one click away.")


def refresh(nb, stem: str) -> bool:
    """Insert or update the content note (first cell), the support link (right after the cell
    with the Key points anchor, when the notebook has one) and the support cell (last cell).

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
    link = take(SUPPORT_LINK_MARKER, support_link())
    key = [i for i, c in enumerate(nb.cells)
           if c.cell_type == "markdown" and KEY_POINTS_ANCHOR in c.source]
    if key:
        nb.cells.insert(key[0] + 1, link)
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


def check_fields(texts: dict[str, str], where: str, error: type[DataError] = SafetyError) -> None:
    """Raise ``error`` naming the first field of a data record (``{field: text}``) whose text
    breaks a language rule, e.g. ``scenarios.yml, scenario 'x': field 'title': breaks ...``."""
    for field, text in texts.items():
        rules = ", ".join(sorted({f.rule for f in lint_text(text)}))
        if rules:
            raise error(f"{where}: field '{field}': breaks the language rules ({rules})")


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
