"""The evidence map: every graded claim of a notebook, sorted into the five evidence grades.

``evidence_map()`` draws one column per grade, strongest on the left, and stacks each claim in
its grade's column as a labelled box. Findings from studies are solid boxes; popular claims are
dashed boxes with their number from the list of popular claims, so the two kinds differ in shape
and not only in colour. An empty column says so in words: the empty "well supported" column is
itself a finding worth seeing. Empty columns are narrow, and a column with too many claims for a
16:9 slide shows them in two or three stacks side by side (read each stack top to bottom, left
stack first). ``evidence_map_alt()`` describes the same picture in words.

The claims come from ``evidence.claims()`` (``data/claims.yml``); by default those of notebook 04.
Notebook 05 can draw its own map with ``evidence_map(evidence.claims(notebook=...), title=...)``.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Circle, FancyBboxPatch
from matplotlib.textpath import TextToPath

from reliefcycle.core import style
from reliefcycle.models import evidence
from reliefcycle.models.evidence import GRADE_NAMES, Claim

TEXT = style.PALETTE["text"]
NOTEBOOK = "04_brain_and_body"
TITLE = "Evidence map: how strong is the evidence for each claim about brain and body?"
EMPTY = "No claim in this map reaches this grade."
STRONGER = "stronger evidence on the left"

WIDTH = 16.0                    # slide units across (1 unit = 1/16 of the figure width)
INCHES = 13.33                  # figure width in inches, as the other exported diagrams
LABEL_SIZE = 12                 # points; the smallest text on the map
HEADER_SIZE = 14                # points, bold
LINE = 0.245                    # height of one 12 pt line, in slide units
HEADER_LINE = 0.285             # height of one 14 pt line, in slide units
GAP = 0.12                      # space between boxes in a stack
MARGIN = 0.2
COLUMN_GAP = 0.14
TOP = 7.75                      # top of the column headers on a 9-unit (16:9) slide
BOTTOM = 0.15                   # space left below the lowest box
EMPTY_WEIGHT = 0.9              # width of an empty column, relative to a column of one stack
MAX_STACKS = 3                  # most stacks of boxes side by side in one column
_TEXT_TO_PATH = TextToPath()


@cache
def _width(text: str, size: float, bold: bool = False) -> float:
    """Width of ``text`` at ``size`` points in slide units, in the current (series) font."""
    prop = FontProperties(size=size, weight="bold" if bold else "normal")
    points, _, _ = _TEXT_TO_PATH.get_text_width_height_descent(text, prop, ismath=False)
    return points / 72 * WIDTH / INCHES


def _wrap(text: str, width_units: float, size: float, bold: bool = False) -> str:
    """Break ``text`` at spaces into lines that fit ``width_units`` at ``size`` points.

    Words are never split. The lines are then balanced (no lone last word) by narrowing the
    width while the number of lines holds.
    """
    words = text.split()

    def greedy(limit: float) -> list[str]:
        lines, line = [], ""
        for word in words:
            trial = f"{line} {word}" if line else word
            if line and _width(trial, size, bold) > limit:
                lines.append(line)
                line = word
            else:
                line = trial
        return [*lines, line]

    lines, limit = greedy(width_units), width_units
    while limit > 0.1 and len(narrower := greedy(limit - 0.05)) == len(lines):
        lines, limit = narrower, limit - 0.05
    return "\n".join(lines)


def _order(selection: Iterable[Claim]) -> list[Claim]:
    """Findings first (in table order), then popular claims by their number."""
    selection = list(selection)
    findings = [c for c in selection if c.kind == "finding"]
    popular = sorted((c for c in selection if c.kind == "popular"), key=lambda c: c.popular)
    return findings + popular


@dataclass(frozen=True)
class _Column:
    """One grade's column: where it is, its header text and its stacks of boxes."""

    grade: str
    left: float
    width: float
    header: str
    stacks: tuple[tuple[tuple[Claim, str, float, float], ...], ...]   # (claim, label, h, indent)

    @property
    def stack_width(self) -> float:
        return self.width / max(1, len(self.stacks))

    @property
    def height(self) -> float:
        return max((sum(b[2] + GAP for b in s) for s in self.stacks), default=0.0)


def _boxes(members: list[Claim], stack_width: float) -> list[tuple[Claim, str, float, float]]:
    inner = stack_width - 0.24
    out = []
    for c in members:
        indent = 0.62 if c.kind == "popular" else 0.16
        label = _wrap(c.label, inner - indent - 0.1, LABEL_SIZE)
        out.append((c, label, LINE * (label.count("\n") + 1) + 0.2, indent))
    return out


def _split(boxes: list, n: int) -> tuple[tuple, ...]:
    """Divide ``boxes`` (kept in reading order) into ``n`` stacks, as even in height as possible."""
    if n <= 1 or len(boxes) <= 1:
        return (tuple(boxes),)
    n = min(n, len(boxes))
    best, best_height = None, float("inf")
    for breaks in itertools.combinations(range(1, len(boxes)), n - 1):
        edges = (0, *breaks, len(boxes))
        stacks = tuple(tuple(boxes[a:b]) for a, b in itertools.pairwise(edges))
        height = max(sum(b[2] + GAP for b in s) for s in stacks)
        if height < best_height - 1e-9:
            best, best_height = stacks, height
    return best


def _plan(selection: Iterable[Claim]) -> tuple[list[_Column], float]:
    """The columns and the height of their headers.

    Every column starts with one stack of boxes. While the tallest column would run off a 16:9
    slide, it gets one more stack side by side (up to ``MAX_STACKS``) and a share of the width
    in proportion; empty columns stay narrow. If even that is not enough, the figure grows taller.
    """
    order = _order(selection)
    members = {g: [c for c in order if c.grade == g] for g in GRADE_NAMES}
    counts = evidence.grade_counts(order)
    stacks = {g: 1 if members[g] else 0 for g in GRADE_NAMES}
    while True:
        weights = {g: stacks[g] or EMPTY_WEIGHT for g in GRADE_NAMES}
        unit = (WIDTH - 2 * MARGIN - 4 * COLUMN_GAP) / sum(weights.values())
        headers = {g: _wrap(f"{g} ({counts[g]})", unit * weights[g] - 0.2, HEADER_SIZE, True)
                   for g in GRADE_NAMES}
        header_h = HEADER_LINE * max(h.count("\n") + 1 for h in headers.values()) + 0.34
        columns, left = [], MARGIN
        for g in GRADE_NAMES:
            width = unit * weights[g]
            boxes = _boxes(members[g], width / max(1, stacks[g]))
            columns.append(_Column(g, left, width, headers[g], _split(boxes, stacks[g])))
            left += width + COLUMN_GAP
        tallest = max(columns, key=lambda col: col.height)
        room = TOP - header_h - 0.2 - BOTTOM
        if tallest.height <= room or stacks[tallest.grade] >= min(MAX_STACKS,
                                                                 len(members[tallest.grade])):
            return columns, header_h
        stacks[tallest.grade] += 1


def _canvas(height: float):
    """A blank figure ``INCHES`` wide whose data units run 0-``WIDTH`` across, 0-``height`` up."""
    fig = plt.figure(figsize=(INCHES, INCHES * height / WIDTH))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, WIDTH)
    ax.set_ylim(0, height)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig, ax


def _default(selection):
    return evidence.claims(notebook=NOTEBOOK) if selection is None else tuple(selection)


def evidence_map(selection: Iterable[Claim] | None = None, *, title: str = TITLE
                 ) -> tuple[Figure, str]:
    """The evidence map of ``selection`` (by default every claim of notebook 04) and its alt text."""
    selection = _default(selection)
    if not selection:
        raise ValueError("the evidence map needs at least one claim")
    with style.context():
        columns, header_h = _plan(selection)     # measures text in the series' font
        tallest = max(col.height for col in columns)
        # A 16:9 slide (9 units high) unless the tallest column needs more room; the title,
        # legend and headers keep their distance from the top edge either way.
        height = max(9.0, (9.0 - TOP) + header_h + 0.2 + tallest + BOTTOM)
        shift = height - 9.0
        fig, ax = _canvas(height)

        ax.text(MARGIN, 8.6 + shift, title, fontsize=19, fontweight="bold", color=TEXT,
                va="center", gid="title")
        _legend(ax, 8.05 + shift)
        ax.text(WIDTH - MARGIN, 8.05 + shift, STRONGER,
                fontsize=13, fontstyle="italic", color=TEXT, ha="right", va="center",
                gid="legend")

        header_top = TOP + shift
        for col in columns:
            cx = col.left + col.width / 2
            ax.add_patch(FancyBboxPatch((col.left, header_top - header_h), col.width, header_h,
                                        boxstyle="round,pad=0,rounding_size=0.08",
                                        facecolor=style.TINTS["neutral"], edgecolor=TEXT,
                                        linewidth=1.5, gid=f"header:{col.grade}"))
            ax.text(cx, header_top - header_h / 2, col.header, ha="center", va="center",
                    fontsize=HEADER_SIZE, fontweight="bold", color=TEXT, linespacing=1.2,
                    gid=f"header:{col.grade}")
            y0 = header_top - header_h - 0.2
            if not any(col.stacks):
                ax.text(cx, y0 - 0.35, _wrap(EMPTY,
                                             col.width - 0.3, 13),
                        ha="center", va="top", fontsize=13, fontstyle="italic", color=TEXT,
                        linespacing=1.2, gid=f"empty:{col.grade}")
                continue
            for i, stack in enumerate(col.stacks):
                sx, y = col.left + (i + 0.5) * col.stack_width, y0
                for c, label, h, indent in stack:
                    _chip(ax, sx, y, col.stack_width - 0.24, h, c, label, indent)
                    y -= h + GAP
    return fig, evidence_map_alt(selection)


def evidence_map_slide(selection: Iterable[Claim] | None = None) -> tuple[Figure, str]:
    """The evidence map for a slide: per grade, its number of findings (a solid box) and the
    numbers of its popular claims (a dashed box of numbered circles), with no text smaller than
    ``style.SLIDE_TEXT``. The claims' wording is in the full map and the presenter notes."""
    selection = _default(selection)
    if not selection:
        raise ValueError("the evidence map needs at least one claim")
    size, height = style.SLIDE_TEXT, style.SLIDE_HEIGHT
    line = LINE * size / LABEL_SIZE
    width = (WIDTH - 2 * MARGIN - 4 * COLUMN_GAP) / len(GRADE_NAMES)
    counts = evidence.grade_counts(selection)
    with style.context():
        fig, ax = _canvas(height)
        headers = {g: _wrap(f"{g} ({counts[g]})", width - 0.2, size, True) for g in GRADE_NAMES}
        header_h = line * max(h.count("\n") + 1 for h in headers.values()) + 0.3
        top = height - 0.1
        for i, g in enumerate(GRADE_NAMES):
            left = MARGIN + i * (width + COLUMN_GAP)
            cx = left + width / 2
            ax.add_patch(FancyBboxPatch((left, top - header_h), width, header_h,
                                        boxstyle="round,pad=0,rounding_size=0.08",
                                        facecolor=style.TINTS["neutral"], edgecolor=TEXT,
                                        linewidth=1.5, gid=f"header:{g}"))
            ax.text(cx, top - header_h / 2, headers[g], ha="center", va="center", fontsize=size,
                    fontweight="bold", color=TEXT, linespacing=1.05, gid=f"header:{g}")
            y = top - header_h - 0.25
            members = [c for c in selection if c.grade == g]
            if not members:
                ax.text(cx, y - 0.1, _wrap(EMPTY, width - 0.2, size), ha="center", va="top",
                        fontsize=size, fontstyle="italic", color=TEXT, linespacing=1.05,
                        gid=f"empty:{g}")
                continue
            findings = sum(c.kind == "finding" for c in members)
            if findings:
                h = line + 0.3
                _group_box(ax, left, y, width, h, popular=False, gid=f"box:findings-{g}")
                ax.text(cx, y - h / 2, f"{findings} finding{'s' * (findings > 1)}",
                        ha="center", va="center", fontsize=size, color=TEXT, zorder=4,
                        gid=f"label:findings-{g}")
                y -= h + 0.2
            popular = [c.popular for c in _order(members) if c.kind == "popular"]
            if popular:
                per_row = int((width - 0.2) // 0.92)
                rows = -(-len(popular) // per_row)
                caption = _wrap("popular claims", width - 0.3, size)
                lines = line * (caption.count("\n") + 1)
                h = lines + 0.25 + rows * 0.92 + 0.1
                _group_box(ax, left, y, width, h, popular=True, gid=f"box:popular-{g}")
                ax.text(cx, y - 0.15 - lines / 2, caption, ha="center", va="center",
                        fontsize=size, color=TEXT, zorder=4, linespacing=1.05,
                        gid=f"label:popular-{g}")
                for k, number in enumerate(popular):
                    row, col = divmod(k, per_row)
                    in_row = min(per_row, len(popular) - row * per_row)
                    bx = cx + (col - (in_row - 1) / 2) * 0.92
                    by = y - 0.25 - lines - 0.46 - row * 0.92
                    ax.add_patch(Circle((bx, by), 0.43, facecolor="#FFFFFF", edgecolor=TEXT,
                                        linewidth=1.5, zorder=3, gid=f"popular:{g}"))
                    ax.text(bx, by, str(number), ha="center", va="center_baseline",
                            fontsize=size, fontweight="bold", color=TEXT, zorder=4,
                            gid=f"label:popular-{g}")
        ax.text(WIDTH - MARGIN, 0.35, STRONGER, fontsize=size, fontstyle="italic", color=TEXT,
                ha="right", va="center", gid="legend")
    return fig, evidence_map_alt(selection)


def _group_box(ax, left, top, w, h, *, popular: bool, gid: str) -> None:
    """A box of findings (solid) or popular claims (dashed), in the full map's colours."""
    role = "highlight" if popular else "support"
    ax.add_patch(FancyBboxPatch((left, top - h), w, h, boxstyle="round,pad=0,rounding_size=0.1",
                                facecolor=style.TINTS[role], edgecolor=style.PALETTE[role],
                                linewidth=2.5, linestyle="--" if popular else "-", gid=gid,
                                zorder=2))


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
