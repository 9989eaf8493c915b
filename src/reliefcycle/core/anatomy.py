"""The anatomy every notebook of the series follows, as a check.

In order: content note; title (the only H1) with a one-line summary and version/date;
Overview (objectives, time, prerequisites); numbered sections, each saying the time to here;
named activities (Think, Interactive demo, Exercise), each followed by a discussion;
Key points (3-6 bullets); Self-check; What's next; References; Support and help.
``problems(nb, name)`` lists every place a notebook departs from it.
"""

from __future__ import annotations

import re

from reliefcycle.core.citations import REFERENCES_MARKER
from reliefcycle.core.safety import CONTENT_NOTE_MARKER, SUPPORT_MARKER

HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*$", re.M)
FENCE = re.compile(r"^```.*?^```", re.M | re.S)
NUMBERED = re.compile(r"^(\d+)\.\s")
ACTIVITY = re.compile(r"^(Think|Interactive demo|Exercise)\b")
#: The level-2 landmarks after the numbered sections, in the order they must appear.
CLOSING = ("Key points", "Self-check", "What's next", "References", "Support and help")


def headings(source: str) -> list[tuple[int, str]]:
    """(level, text) of each markdown heading, ignoring code blocks."""
    return [(len(m.group(1)), m.group(2)) for m in HEADING.finditer(FENCE.sub("", source))]


def _landmark(text: str) -> str:
    if text == "Overview":
        return "Overview"
    if NUMBERED.match(text):
        return "section"
    return text if text in CLOSING else ""


def problems(nb, name: str = "notebook") -> list[str]:
    """Every departure from the anatomy, each naming the notebook and cell."""
    found: list[str] = []
    cells = nb.cells

    def say(index, message):
        found.append(f"{name}, cell {index}: {message}")

    if not cells or cells[0].cell_type != "markdown" or not CONTENT_NOTE_MARKER.search(cells[0].source):
        say(0, "the content note must be the first cell")
    if not cells or cells[-1].cell_type != "markdown" or not SUPPORT_MARKER.search(cells[-1].source):
        say(len(cells) - 1, "the support cell must be the last cell")

    order, section_numbers, last_level, h1 = [], [], 1, []
    open_activity = None
    for index, cell in enumerate(cells):
        if cell.cell_type != "markdown":
            continue
        if open_activity and re.search(r"\bDiscussion\b", cell.source):
            open_activity = None
        for level, text in headings(cell.source):
            if level == 1:
                h1.append(index)
            elif level > last_level + 1:
                say(index, f"heading '{text}' skips a level (H{last_level} to H{level})")
            last_level = level
            if level == 2:
                mark = _landmark(text)
                if mark:
                    order.append((mark, index))
                if mark == "section":
                    section_numbers.append(int(NUMBERED.match(text).group(1)))
                    if not re.search(r"time to here", cell.source, re.I):
                        say(index, f"section '{text}' needs a 'Time to here' line")
            if level in (2, 3) and open_activity:
                say(open_activity[0], f"activity '{open_activity[1]}' has no Discussion after it")
                open_activity = None
            if level == 3 and ACTIVITY.match(text):
                open_activity = (index, text)
    if open_activity:
        say(open_activity[0], f"activity '{open_activity[1]}' has no Discussion after it")

    if len(h1) != 1:
        say(h1[1] if len(h1) > 1 else 1, f"needs exactly one H1 title (found {len(h1)})")
    elif h1[0] != 1:
        say(h1[0], "the title (H1) must come right after the content note")
    else:
        title = cells[1].source
        if not re.search(r"\bversion\b.*\d{4}-\d{2}-\d{2}", title, re.I):
            say(1, "the title cell needs a version and date line (e.g. 'Version 1.0 · 2026-11-27')")

    _check_order(order, say)
    if section_numbers != list(range(1, len(section_numbers) + 1)):
        say(order[0][1] if order else 0,
            f"numbered sections must run 1, 2, 3, ... (found {section_numbers})")
    _check_cells(cells, order, say)
    return found


def _check_order(order, say) -> None:
    expected = ["Overview", "section", *CLOSING]
    marks = [m for m, _ in order]
    for mark in expected:
        if mark not in marks:
            say(order[-1][1] if order else 0, f"missing the '{mark}' heading")
    ranks = [expected.index(m) for m in marks]
    for (mark, index), rank, previous in zip(order[1:], ranks[1:], ranks, strict=False):
        if rank < previous:
            say(index, f"'{mark}' is out of order (expected {' > '.join(expected)})")


def _check_cells(cells, order, say) -> None:
    where = dict(order)
    overview = cells[where["Overview"]].source if "Overview" in where else ""
    if overview:
        for need, pattern in (("learning objectives ('By the end')", r"by the end"),
                              ("the time needed", r"\btime\b.*\d+\s*min"),
                              ("a prerequisites table", r"prerequisites[\s\S]*\|")):
            if not re.search(pattern, overview, re.I):
                say(where["Overview"], f"the Overview needs {need}")
    if "Key points" in where:
        i = where["Key points"]
        bullets = re.findall(r"^\s*[-*]\s", cells[i].source, re.M)
        if not 3 <= len(bullets) <= 6:
            say(i, f"Key points needs 3 to 6 bullets (found {len(bullets)})")
        if '<a id="key-points"></a>' not in cells[i].source:
            say(i, 'Key points needs the anchor <a id="key-points"></a> the content note links to')
    if "Self-check" in where:
        i = where["Self-check"]
        following = cells[i + 1] if i + 1 < len(cells) else None
        if following is None or "checks.quiz(" not in following.source:
            say(i, "the Self-check heading must be followed by a checks.quiz(...) cell")
    if "References" in where and REFERENCES_MARKER not in cells[where["References"]].source:
        say(where["References"], "the References cell must be generated (make references)")
