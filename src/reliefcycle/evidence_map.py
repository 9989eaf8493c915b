"""The evidence map: every graded claim of a notebook, sorted into the five evidence grades.

``evidence_map()`` draws one column per grade, strongest on the left, and stacks each claim in
its grade's column as a labelled box. Findings from studies are solid boxes; popular claims are
dashed boxes with their number from the list of popular claims, so the two kinds differ in shape
and not only in colour. An empty column says so in words: the empty "well supported" column is
itself a finding worth seeing. ``evidence_map_alt()`` describes the same picture in words.

The claims come from ``evidence.claims()`` (``data/claims.yml``); by default those of notebook 04.
Notebook 05 can draw its own map with ``evidence_map(evidence.claims(notebook=...), title=...)``.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyBboxPatch

from . import evidence, style
from .evidence import GRADE_NAMES, Claim

TEXT = style.PALETTE["text"]
NOTEBOOK = "04_brain_and_body"
TITLE = "Evidence map: how strong is the evidence for each claim about brain and body?"

WIDTH = 16.0                    # slide units across (1 unit = 1/16 of the figure width)
INCHES = 13.33                  # figure width in inches, as the other exported diagrams
LABEL_SIZE = 12                 # points; the smallest text on the map
LINE = 0.245                    # height of one 12 pt line, in slide units
GAP = 0.12                      # space between boxes in a column
MARGIN = 0.2
COLUMN_GAP = 0.14


def _wrap(text: str, width_units: float, size: float) -> str:
    """Break ``text`` into lines that fit ``width_units`` at ``size`` points (DejaVu Sans)."""
    chars = max(8, int(width_units * INCHES / WIDTH * 72 / (0.52 * size)))
    lines = len(textwrap.wrap(text, chars, break_on_hyphens=False))
    # Balance the lines (no lone last word) by narrowing while the line count holds.
    while chars > 8 and len(textwrap.wrap(text, chars - 1, break_on_hyphens=False)) == lines:
        chars -= 1
    return textwrap.fill(text, chars, break_on_hyphens=False)


def _columns() -> list[float]:
    """Centre x of each grade's column."""
    width = (WIDTH - 2 * MARGIN - 4 * COLUMN_GAP) / 5
    return [MARGIN + width / 2 + i * (width + COLUMN_GAP) for i in range(5)]


def _column_width() -> float:
    return (WIDTH - 2 * MARGIN - 4 * COLUMN_GAP) / 5


def _order(selection: Iterable[Claim]) -> list[Claim]:
    """Findings first (in table order), then popular claims by their number."""
    selection = list(selection)
    findings = [c for c in selection if c.kind == "finding"]
    popular = sorted((c for c in selection if c.kind == "popular"), key=lambda c: c.popular)
    return findings + popular


def _layout(selection: Iterable[Claim]) -> tuple[dict, float]:
    """Wrapped label, box height and column of every claim, and the tallest column's height."""
    inner = _column_width() - 0.24
    boxes, heights = {}, dict.fromkeys(GRADE_NAMES, 0.0)
    for c in _order(selection):
        indent = 0.62 if c.kind == "popular" else 0.16
        label = _wrap(c.label, inner - indent - 0.1, LABEL_SIZE)
        h = LINE * (label.count("\n") + 1) + 0.2
        boxes[c.id] = (c, label, h, indent)
        heights[c.grade] += h + GAP
    return boxes, max(heights.values())


def _default(selection):
    return evidence.claims(notebook=NOTEBOOK) if selection is None else tuple(selection)


def evidence_map(selection: Iterable[Claim] | None = None, *, title: str = TITLE
                 ) -> tuple[Figure, str]:
    """The evidence map of ``selection`` (by default every claim of notebook 04) and its alt text."""
    selection = _default(selection)
    if not selection:
        raise ValueError("the evidence map needs at least one claim")
    boxes, tallest = _layout(selection)
    # A 16:9 slide (9 units high) unless the tallest column needs more room; the title, legend
    # and headers keep their distance from the top edge either way.
    top = 7.75                              # top of the column headers on a 9-unit slide
    height = max(9.0, (9.0 - top) + 0.82 + tallest + 0.15)
    shift = height - 9.0
    column_w = _column_width()
    counts = evidence.grade_counts(selection)

    with style.context():
        fig = plt.figure(figsize=(INCHES, INCHES * height / WIDTH))
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, WIDTH)
        ax.set_ylim(0, height)
        ax.set_aspect("equal")
        ax.axis("off")

        ax.text(MARGIN, 8.6 + shift, title, fontsize=19, fontweight="bold", color=TEXT,
                va="center", gid="title")
        _legend(ax, 8.05 + shift)
        ax.text(WIDTH - MARGIN, 8.05 + shift, "stronger evidence on the left",
                fontsize=13, fontstyle="italic", color=TEXT, ha="right", va="center",
                gid="legend")

        header_top = top + shift
        for name, cx in zip(GRADE_NAMES, _columns(), strict=True):
            ax.add_patch(FancyBboxPatch((cx - column_w / 2, header_top - 0.62), column_w, 0.62,
                                        boxstyle="round,pad=0,rounding_size=0.08",
                                        facecolor=style.TINTS["neutral"], edgecolor=TEXT,
                                        linewidth=1.5, gid=f"header:{name}"))
            ax.text(cx, header_top - 0.31, f"{name} ({counts[name]})", ha="center",
                    va="center", fontsize=14, fontweight="bold", color=TEXT,
                    gid=f"header:{name}")
            y = header_top - 0.62 - 0.2
            column = [b for b in boxes.values() if b[0].grade == name]
            if not column:
                ax.text(cx, y - 0.35, _wrap("No claim in this map reaches this grade.",
                                            column_w - 0.3, 13),
                        ha="center", va="top", fontsize=13, fontstyle="italic", color=TEXT,
                        linespacing=1.2, gid=f"empty:{name}")
            for c, label, h, indent in column:
                _chip(ax, cx, y, column_w - 0.24, h, c, label, indent)
                y -= h + GAP
    return fig, evidence_map_alt(selection)


def _chip(ax, cx, top, w, h, c: Claim, label: str, indent: float) -> None:
    left = cx - w / 2
    popular = c.kind == "popular"
    ax.add_patch(FancyBboxPatch((left, top - h), w, h, boxstyle="round,pad=0,rounding_size=0.1",
                                facecolor=style.TINTS["highlight" if popular else "support"],
                                edgecolor=style.PALETTE["highlight" if popular else "support"],
                                linewidth=2, linestyle="--" if popular else "-",
                                gid=f"box:{c.id}", zorder=2))
    if popular:
        ax.add_patch(Circle((left + 0.31, top - h / 2), 0.22, facecolor="#FFFFFF",
                            edgecolor=TEXT, linewidth=1.5, zorder=3, gid=f"badge:{c.id}"))
        ax.text(left + 0.31, top - h / 2, str(c.popular), ha="center", va="center_baseline",
                fontsize=LABEL_SIZE, fontweight="bold", color=TEXT, zorder=4,
                gid=f"badge:{c.id}")
    ax.text(left + indent, top - h / 2, label, ha="left", va="center", fontsize=LABEL_SIZE,
            color=TEXT, linespacing=1.2, zorder=4, gid=f"label:{c.id}")


def _legend(ax, y: float) -> None:
    x = MARGIN
    ax.add_patch(FancyBboxPatch((x, y - 0.18), 0.7, 0.36, boxstyle="round,pad=0,rounding_size=0.08",
                                facecolor=style.TINTS["support"], edgecolor=style.PALETTE["support"],
                                linewidth=2, gid="legend"))
    ax.text(x + 0.85, y, "finding from studies", fontsize=13, color=TEXT, va="center",
            gid="legend")
    x += 4.0
    ax.add_patch(FancyBboxPatch((x, y - 0.18), 0.7, 0.36, boxstyle="round,pad=0,rounding_size=0.08",
                                facecolor=style.TINTS["highlight"],
                                edgecolor=style.PALETTE["highlight"], linewidth=2, linestyle="--",
                                gid="legend"))
    ax.text(x + 0.85, y, "popular claim, with its number in the list of popular claims",
            fontsize=13, color=TEXT, va="center", gid="legend")


def _plain(label: str) -> str:
    return label.strip("\u201c\u201d\"").lower()


def evidence_map_alt(selection: Iterable[Claim] | None = None) -> str:
    """Text description of ``evidence_map(selection)``, built from the same claims."""
    selection = _default(selection)
    counts = evidence.grade_counts(selection)
    none = [g for g, n in counts.items() if n == 0]
    some = [f"{n} {'is' if n == 1 else 'are'} {g}" for g, n in counts.items() if n]
    tally = ", ".join(some[:-1]) + (" and " if len(some) > 1 else "") + some[-1]
    if none:
        tally = f"No claim is {' or '.join(none)}; {tally}"
    popular = _order(c for c in selection if c.kind == "popular")
    text = (f"Evidence map sorting {len(selection)} claims into five columns by evidence grade, "
            f"from well supported on the left to contradicted on the right; solid boxes are "
            f"findings from studies and dashed, numbered boxes are popular claims. {tally}.")
    if popular:
        groups = []
        for g in GRADE_NAMES:
            members = [c for c in popular if c.grade == g]
            if members:
                groups.append(f"{g}: " + ", ".join(f"{c.popular} (that {_plain(c.label)})"
                                                   for c in members))
        text += " Popular claims by grade, " + "; ".join(groups) + "."
    return text
