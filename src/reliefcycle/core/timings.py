"""Timings of a notebook, read from its own lines: the total, and the core path.

A notebook's Overview says ``**Time:** about N min``; every numbered section, and every part
marked *going deeper*, starts with ``*Time to here: M min*``. A going-deeper part is a run of
cells whose first cell carries the visible marker line ``**Going deeper** ...`` and whose cells are
all tagged ``going-deeper`` (so JupyterLab, the book and the slides can all see it); it lasts until
the next "Time to here" line. The core path is everything else. DESIGN.md section 2: a notebook
over 35 minutes marks a core path of at most 30 minutes, and none is over 50.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TIME_TO_HERE = re.compile(r"time to here:\s*(\d+)\s*min", re.I)
TOTAL = re.compile(r"\*\*Time:\*\*\s*about\s*(\d+)\s*min", re.I)
STATED_CORE = re.compile(r"\*\*core path\*\*\s*about\s*(\d+)\s*min", re.I)
MARKER = re.compile(r"^\*\*Going deeper\*\*", re.M)
TAG = "going-deeper"
LONG, CORE_MAX, FULL_MAX = 35, 30, 50


@dataclass(frozen=True)
class Segment:
    """A stretch of a notebook between two "Time to here" lines."""

    cell: int
    start: int
    end: int
    going_deeper: bool

    @property
    def minutes(self) -> int:
        return self.end - self.start


def total(nb) -> int | None:
    """The notebook's full time from its Overview, in minutes."""
    for cell in nb.cells:
        if cell.cell_type == "markdown" and (match := TOTAL.search(cell.source)):
            return int(match.group(1))
    return None


def segments(nb) -> list[Segment]:
    starts = [(i, int(m.group(1)), bool(MARKER.search(c.source)))
              for i, c in enumerate(nb.cells)
              if c.cell_type == "markdown" and (m := TIME_TO_HERE.search(c.source))]
    ends = [s for _, s, _ in starts[1:]] + [total(nb) or 0]
    return [Segment(i, s, e, deeper) for (i, s, deeper), e in zip(starts, ends, strict=True)]


def core_minutes(nb) -> int:
    """Minutes on the core path: the whole notebook less its going-deeper parts."""
    return sum(s.minutes for s in segments(nb) if not s.going_deeper)


def problems(nb, name: str = "notebook") -> list[str]:
    """Every way the notebook's timings break the rules, naming the notebook and cell."""
    found = []
    full = total(nb)
    if full is None:
        return [f"{name}: the Overview needs '**Time:** about N min'"]
    parts = segments(nb)
    for s in parts:
        if s.minutes < 0:
            found.append(f"{name}, cell {s.cell}: 'Time to here' runs backwards ({s.start} then {s.end})")
    tagged = [TAG in c.metadata.get("tags", []) for c in nb.cells]
    for s, nxt in zip(parts, [p.cell for p in parts[1:]] + [len(nb.cells)], strict=True):
        if s.going_deeper and not all(tagged[s.cell:nxt]):
            found.append(f"{name}, cell {s.cell}: every cell of a going-deeper part needs the tag '{TAG}'")
    marked = {s.cell for s in parts if s.going_deeper}
    inside = {i for s, nxt in zip(parts, [p.cell for p in parts[1:]] + [len(nb.cells)], strict=True)
              if s.going_deeper for i in range(s.cell, nxt)}
    for i, is_tagged in enumerate(tagged):
        if is_tagged and i not in inside:
            found.append(f"{name}, cell {i}: tagged '{TAG}' outside a part marked **Going deeper**")
    core = core_minutes(nb)
    if full > FULL_MAX:
        found.append(f"{name}: {full} min in full; no notebook may take more than {FULL_MAX}")
    if full > LONG and not marked:
        found.append(f"{name}: {full} min is over {LONG}, so it needs a core path (mark going-deeper parts)")
    if marked and core > CORE_MAX:
        found.append(f"{name}: the core path adds up to {core} min by its 'Time to here' lines "
                     f"(at most {CORE_MAX})")
    stated = next((int(m.group(1)) for c in nb.cells if c.cell_type == "markdown"
                   and (m := STATED_CORE.search(c.source))), None)
    if marked and stated != core:
        found.append(f"{name}: the Overview should say '**core path** about {core} min' "
                     f"(it says {stated})")
    return found
