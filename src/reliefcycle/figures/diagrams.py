"""Conceptual diagrams for the series, drawn as code: only boxes, arrows and words.

Every diagram function returns ``(fig, alt_text)``: a matplotlib figure and a short text
description of what it shows, for screen readers and text-only exports. The words in the
diagrams live as data (``NOTEBOOKS`` and ``ROUTES`` here, the cycle's ``STAGES`` in
``models.cycle_stages``), so a test can check every label, caption and description against the
series' language rules.

- ``series_map()``       the notebooks of the series and three ways through them (notebook 00)
- ``cycle_diagram()``    the self-injury cycle: brief relief, longer-term costs, and the learning
                         link that keeps the cycle going (notebook 02)
- ``*_slide()``          slide versions of the diagrams (and of the function-rates plot): the same
                         data, labels only, no text under ``style.SLIDE_TEXT``, for the decks
- ``export_all()``       writes every figure in ``FIGURES`` to ``figures/`` as SVG and PNG, with
                         its alt text in ``figures/alt-text.yml``

The diagrams never rely on colour alone: every box is labelled in words, stages are numbered,
the learning link is dashed, and the route markers differ in shape and letter. Text is always
dark on white or on a light tint, the pairs that ``style`` checks for contrast.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import yaml
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, RegularPolygon
from matplotlib.path import Path as MplPath

from reliefcycle.core import style
from reliefcycle.figures.evidence_map import evidence_map, evidence_map_slide
from reliefcycle.figures.functions_diagram import (
    four_function_diagram,
    four_function_slide,
    function_rates_slide,
)
from reliefcycle.models.cycle_stages import STAGES, stage_by_id

TEXT = style.PALETTE["text"]
#: Box edges and arrows of stages that are not the one being discussed.
FADED = "#BDBDBD"

#: Size of every exported diagram, in inches: a 16:9 slide, so figures fill a projector screen
#: and a 12 pt label stays 12 pt when the slide is shown at its natural size.
SLIDE = (13.33, 7.5)


# --- series map --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Notebook:
    """One notebook of the series as the map shows it."""

    number: str
    title: str
    idea: str
    #: Time on the core path; ``None`` for reference material used at any time.
    minutes: int | None
    #: Time in full, for a notebook with "going deeper" parts (``None`` when it has none).
    full: int | None = None


@dataclass(frozen=True)
class Route:
    """One way through the series, shown by a lettered marker on each notebook it uses."""

    letter: str
    name: str
    summary: str
    stops: tuple[str, ...]
    #: Notebooks of which a route uses only a part (their marker has a dashed outline).
    partly: tuple[str, ...] = ()
    role: str = "support"
    #: Marker shape: a circle, a square or a diamond, so routes differ in more than colour.
    shape: str = "circle"


NOTEBOOKS = (
    Notebook("00", "Start here", "Three ways in, and what you think now", 25),
    Notebook("01", "What self-injury is (and is not)", "Definitions, how common, and myths", 30),
    Notebook("02", "The cycle", "Brief relief, longer-term costs: why it repeats", 35),
    Notebook("03", "Why people self-injure", "Reasons people give, and the theories", 28, 45),
    Notebook("04", "Brain and body", "What biology shows, and how sure we are", 30, 50),
    Notebook("05", "Breaking the cycle", "Treatments and skills that weaken the cycle", 30, 50),
    Notebook("06", "Responding well", "Calm, caring replies and where to find help", 35),
    Notebook("07", "Looking back", "What changed since you started", 15),
    Notebook("A", "Glossary", "Key terms in plain words", None),
)

_SEQUENCE = tuple(n.number for n in NOTEBOOKS if n.minutes is not None)
_SELF_STUDY_HOURS = round(sum(n.minutes or 0 for n in NOTEBOOKS) / 30) / 2  # to the half hour

ROUTES = (
    Route("S", "Self-study", f"every notebook in order, about {_SELF_STUDY_HOURS:g} hours on the core path",
          _SEQUENCE, role="support", shape="circle"),
    Route("C", "Class, 50 min", "00 \u2192 02, plus part of 05", ("00", "02", "05"),
          partly=("05",), role="highlight", shape="square"),
    Route("W", "Workshop, 90 min", "00 \u2192 02 \u2192 06", ("00", "02", "06"),
          role="skill", shape="diamond"),
)


def _wrap(text: str, width_units: float, size: float) -> str:
    """Break ``text`` into lines that fit ``width_units`` of a slide-sized diagram.

    DejaVu Sans averages a little under 0.6 em per character; 1 unit is 1/16 of the slide width.
    Lines are balanced (no lone last word) by narrowing the width while the line count holds.
    """
    inches = width_units * SLIDE[0] / 16
    chars = max(8, int(inches * 72 / (0.58 * size)))
    lines = textwrap.wrap(text, chars, break_on_hyphens=False)
    while chars > 8 and len(textwrap.wrap(text, chars - 1, break_on_hyphens=False)) == len(lines):
        chars -= 1
    return textwrap.fill(text, chars, break_on_hyphens=False)


def _canvas(height_units: float = 9.0) -> tuple[Figure, plt.Axes]:
    """A blank slide whose data units run 0-16 across, so layouts read like a grid."""
    fig = plt.figure(figsize=(SLIDE[0], SLIDE[0] * height_units / 16))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 16)
    ax.set_ylim(0, height_units)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig, ax


def _box(ax, cx, cy, w, h, *, fill, edge, lw=2.5, ls="-", rounding=0.22, gid=None):
    ax.add_patch(FancyBboxPatch((cx - w / 2, cy - h / 2), w, h,
                                boxstyle=f"round,pad=0,rounding_size={rounding}",
                                facecolor=fill, edgecolor=edge, linewidth=lw, linestyle=ls,
                                gid=gid, zorder=2))


def _arrow(ax, points, *, colour=TEXT, lw=2.5, head=24, gid=None, zorder=1):
    """An arrow along straight segments through ``points``, with its head at the last one."""
    codes = [MplPath.MOVETO] + [MplPath.LINETO] * (len(points) - 1)
    ax.add_patch(FancyArrowPatch(path=MplPath(points, codes), arrowstyle="-|>",
                                 mutation_scale=head, color=colour, linewidth=lw, shrinkA=0,
                                 shrinkB=0, joinstyle="miter", capstyle="butt", gid=gid,
                                 zorder=zorder))


def _route_marker(ax, cx, cy, route: Route, *, partly: bool, gid: str, size: float = 12):
    """A small shape with the route's letter; a dashed outline means 'part of this notebook'.

    The shape grows with the letter's ``size`` (points) above 16."""
    k = max(1.0, size / 16)
    kw = {"facecolor": "#FFFFFF" if partly else style.TINTS[route.role],
          "edgecolor": style.PALETTE[route.role] if not partly else TEXT,
          "linewidth": 2, "linestyle": "--" if partly else "-", "zorder": 3, "gid": gid}
    if route.shape == "circle":
        patch = Circle((cx, cy), 0.24 * k, **kw)
    elif route.shape == "square":
        patch = FancyBboxPatch((cx - 0.21 * k, cy - 0.21 * k), 0.42 * k, 0.42 * k,
                               boxstyle="square,pad=0", **kw)
    else:
        patch = RegularPolygon((cx, cy), numVertices=4, radius=0.29 * k, **kw)
    ax.add_patch(patch)
    ax.text(cx, cy, route.letter, ha="center", va="center_baseline", fontsize=size,
            fontweight="bold", color=TEXT, zorder=4, gid=gid)


def series_map() -> tuple[Figure, str]:
    """Map of the series for notebook 00: the notebooks in order, and three ways through them.

    Each notebook is a box with its number, title, one-line idea and time. Lettered markers show
    which notebooks each route uses (S self-study, C a 50-minute class, W a 90-minute workshop).
    """
    with style.context():
        fig, ax = _canvas(9.0)
        ax.text(0.2, 8.65, "Why self-injury persists: the series at a glance", fontsize=20,
                fontweight="bold", color=TEXT, va="center")
        w, h = 3.55, 2.35
        columns = (1.975, 5.99, 10.01, 14.025)
        rows = (6.6, 3.55)
        centres = {}
        for i, nb in enumerate(n for n in NOTEBOOKS if n.minutes is not None):
            cx, cy = columns[i % 4], rows[i // 4]
            centres[nb.number] = (cx, cy)
            _box(ax, cx, cy, w, h, fill=style.TINTS["neutral"], edge=TEXT, lw=2,
                 gid=f"box:{nb.number}")
            left, top = cx - w / 2 + 0.2, cy + h / 2 - 0.18
            title = _wrap(f"{nb.number}  {nb.title}", w - 0.4, 15)
            ax.text(left, top, title, fontsize=15, fontweight="bold", color=TEXT, va="top",
                    linespacing=1.15, gid=f"label:{nb.number}")
            idea_top = top - 0.3 * (title.count("\n") + 1) - 0.12
            ax.text(left, idea_top, _wrap(nb.idea, w - 0.4, 13), fontsize=13, color=TEXT,
                    va="top", linespacing=1.15, gid=f"label:{nb.number}")
            bottom = cy - h / 2 + 0.34
            when = f"{nb.minutes} min" + (f" ({nb.full} in full)" if nb.full else "")
            ax.text(left, bottom, when, fontsize=13, color=TEXT, va="center",
                    gid=f"label:{nb.number}")
            markers = [r for r in ROUTES if nb.number in r.stops]
            for k, route in enumerate(markers):
                mx = cx + w / 2 - 0.38 - 0.62 * (len(markers) - 1 - k)
                _route_marker(ax, mx, bottom, route, partly=nb.number in route.partly,
                              gid=f"label:{nb.number}")

        for a, b in zip(_SEQUENCE, _SEQUENCE[1:], strict=False):
            (x1, y1), (x2, y2) = centres[a], centres[b]
            if y1 == y2:
                _arrow(ax, [(x1 + w / 2 + 0.04, y1), (x2 - w / 2 - 0.04, y2)])
            else:
                # Row break: down into the gutter, back to the left, and down into the next row.
                mid = (y1 - h / 2 + y2 + h / 2) / 2
                _arrow(ax, [(x1, y1 - h / 2 - 0.04), (x1, mid), (x2, mid),
                            (x2, y2 + h / 2 + 0.04)])

        ax.text(0.2, 1.55, "Three ways through", fontsize=15, fontweight="bold", color=TEXT,
                va="center")
        # Legend entries get the room their text needs: one line each, except self-study.
        x = 0.45
        for route, width in zip(ROUTES, (4.2, 5.25, 4.0), strict=True):
            _route_marker(ax, x, 0.75, route, partly=False, gid=f"legend:{route.letter}")
            ax.text(x + 0.45, 0.75, _wrap(f"{route.name}: {route.summary}", width, 13),
                    fontsize=13, color=TEXT, va="center", linespacing=1.15,
                    gid=f"legend:{route.letter}")
            x += width + 0.95
        ax.text(15.8, 1.55, "Times: core path (in full).  Dashed marker: part of that notebook.  "
                "Glossary: any time.", fontsize=12, color=TEXT, va="center", ha="right")
    return fig, series_map_alt()


def series_map_alt() -> str:
    """Text description of ``series_map()``, built from the same data as the figure."""
    timed = [n for n in NOTEBOOKS if n.minutes is not None]
    order = ", ".join(f"{n.number} {n.title}" for n in timed)
    lows, highs = min(n.minutes for n in timed), max(n.minutes for n in timed)
    deeper = ", ".join(f"{n.number} ({n.full})" for n in timed if n.full)
    others = [n for n in NOTEBOOKS if n.minutes is None]
    # Screen readers say "right arrow" for the arrow sign, so the description uses words.
    routes = "; ".join(f"{r.name} ({r.letter}): " + r.summary.replace(" \u2192 ", ", then ")
                       for r in ROUTES)
    return (
        f"Map of the notebook series in {len(timed)} boxes joined by arrows, in this order: "
        f"{order}; each box gives the notebook's main idea and its core path of {lows} to "
        f"{highs} minutes, and the minutes in full where a notebook has going-deeper parts: "
        f"{deeper}. The {' and '.join(n.title for n in others)} can be used at any time. "
        f"Lettered markers show three ways through the series: {routes}."
    )


# --- the cycle ---------------------------------------------------------------------------------

#: Where each stage sits: centre x, centre y, width, height (slide units, 16 across).
_CYCLE_BOXES = {
    "stressor": (1.75, 5.75, 2.9, 1.75),
    "urge": (5.75, 5.75, 3.3, 1.75),
    "self-injury": (9.85, 5.75, 2.9, 1.75),
    "relief": (13.85, 5.75, 3.3, 1.75),
    "costs": (9.8, 2.55, 6.6, 1.75),
    "learning": (9.8, 8.05, 9.6, 1.05),
    "change": (8.0, 0.75, 11.0, 1.05),
}
_HEIGHT = 9.6
#: Shapes that tell stages apart without colour: the stressor comes from outside the loop, so it
#: alone has square corners, and the learning link is dashed like its arrow.
_CORNERS = {"stressor": 0.02}
_EDGE_STYLE = {"learning": "--"}


def _number_badge(ax, cx, cy, number, *, fill, edge, lw, gid):
    ax.add_patch(Circle((cx, cy), 0.26, facecolor=fill, edgecolor=edge, linewidth=lw,
                        zorder=4, gid=gid))
    ax.text(cx, cy, str(number), ha="center", va="center_baseline", fontsize=13,
            fontweight="bold", color=TEXT, zorder=5, gid=gid)


def _loop_marker(ax, cx, cy, *, colour, gid, lw=2.5, head=18, r_size=18, size=13,
                 words="reinforcing\nloop", gap=0.75):
    """The 'reinforcing loop' symbol of causal-loop diagrams: a circular arrow around an R.

    The arrow turns clockwise, the same way as the loop around it.
    """
    angles = np.radians(np.linspace(70, -225, 64))
    _arrow(ax, list(zip(cx + 0.5 * np.cos(angles), cy + 0.5 * np.sin(angles), strict=True)),
           colour=colour, lw=lw, head=head, gid=gid, zorder=3)
    ax.text(cx, cy, "R", ha="center", va="center_baseline", fontsize=r_size, fontweight="bold",
            color=TEXT, zorder=4, gid=gid)
    ax.text(cx + gap, cy, words, ha="left", va="center", fontsize=size,
            color=TEXT, linespacing=1.1, zorder=4, gid=gid)


def _cycle_links(ax, boxes, *, colour=lambda *stage_ids: TEXT, lw=2.5, learning_lw=2.5,
                 rise=1.05, size=14, linespacing=1.1):
    """The arrows of the cycle between the stage boxes at ``boxes`` (centre x, centre y, width,
    height): the main loop, its "more distress" label and the dashed learning link.
    ``colour(*stage_ids)`` gives an arrow's colour from the stages it joins."""

    def side(stage_id, where):
        """Point just outside the middle of a box's left, right, top or bottom edge."""
        cx, cy, w, h = boxes[stage_id]
        dx = {"left": -w / 2 - 0.06, "right": w / 2 + 0.06}.get(where, 0)
        dy = {"bottom": -h / 2 - 0.06, "top": h / 2 + 0.06}.get(where, 0)
        return cx + dx, cy + dy

    for a, b in (("stressor", "urge"), ("urge", "self-injury"), ("self-injury", "relief")):
        _arrow(ax, [side(a, "right"), side(b, "left")], colour=colour(a, b), lw=lw,
               gid=f"arrow:{a}")
    (rx, ry), (cx, cy) = side("relief", "bottom"), side("costs", "right")
    _arrow(ax, [(rx, ry), (rx, cy), (cx, cy)], colour=colour("relief", "costs"), lw=lw,
           gid="arrow:relief")
    (cx, cy), (ux, uy) = side("costs", "left"), side("urge", "bottom")
    _arrow(ax, [(cx, cy), (ux, cy), (ux, uy)], colour=colour("costs", "urge"), lw=lw,
           gid="arrow:costs")
    ax.text(ux - 0.15, (cy + uy) / 2, "more\ndistress", ha="right", va="center",
            fontsize=size, fontstyle="italic", color=TEXT, linespacing=linespacing,
            gid="label:more-distress")

    # The learning link arcs over the top row, under its own label, so it never crosses
    # the main loop.
    (rx, top), (ux, _) = side("relief", "top"), side("urge", "top")
    peak, neck = top + rise, 0.3
    curve = MplPath([(rx - 0.5, top), (rx - 0.5, peak), (ux + 0.5, peak),
                     (ux + 0.5, top + neck)],
                    [MplPath.MOVETO, MplPath.CURVE4, MplPath.CURVE4, MplPath.CURVE4])
    link = colour("learning", "relief", "urge")
    ax.add_patch(FancyArrowPatch(path=curve, arrowstyle="-", color=link, linewidth=learning_lw,
                                 linestyle=(0, (3, 2)), gid="arrow:learning", zorder=1))
    # A solid head on a short straight neck: a dashed head would look broken.
    _arrow(ax, [(ux + 0.5, top + neck), (ux + 0.5, top)], colour=link, lw=learning_lw,
           gid="arrow:learning")


def cycle_diagram(highlight: str | None = None) -> tuple[Figure, str]:
    """The self-injury cycle, optionally with one stage emphasised for a walk-through.

    A stressor raises distress and the urge; self-injury brings brief relief; longer-term
    costs follow and bring more distress, which leads back to the urge. A dashed learning link
    runs from brief relief back to the urge (negative reinforcement), and an R symbol marks the
    loop as reinforcing. A note at the foot says every link can be weakened. Stages are
    numbered in the order of ``STAGES``, the order of the walk-through.

    ``highlight`` is a stage id (``models.cycle_stages.STAGE_IDS``): that stage gets a thick
    edge and its full colour, the others fade to white boxes with thin grey edges. Text stays
    dark in every case, so a faded label is still readable.
    """
    if highlight is not None:
        stage_by_id(highlight)

    def look(stage_id):
        """Fill, edge colour and edge width of a stage in this drawing."""
        role = stage_by_id(stage_id).role
        if highlight is None:
            return style.TINTS[role], style.PALETTE[role], 2.5
        if stage_id == highlight:
            return style.TINTS[role], style.PALETTE[role], 6.0
        return "#FFFFFF", FADED, 1.5

    def arrow_colour(*stage_ids):
        return FADED if highlight is not None and highlight not in stage_ids else TEXT

    with style.context():
        fig, ax = _canvas(_HEIGHT)
        ax.text(0.2, 9.3, "How the cycle keeps going", fontsize=20, fontweight="bold",
                color=TEXT, va="center")

        for number, stage in enumerate(STAGES, start=1):
            cx, cy, w, h = _CYCLE_BOXES[stage.id]
            fill, edge, lw = look(stage.id)
            _box(ax, cx, cy, w, h, fill=fill, edge=edge, lw=lw, gid=f"box:{stage.id}",
                 ls=_EDGE_STYLE.get(stage.id, "-"), rounding=_CORNERS.get(stage.id, 0.3))
            label = _wrap(stage.label, w - 0.5, 16)
            detail = _wrap(stage.detail, w - 0.4, 13)
            # Centre the label and the detail together, whatever their number of lines.
            lines = label.count("\n") + 1, detail.count("\n") + 1
            block = 0.31 * lines[0] + 0.12 + 0.26 * lines[1]
            top = cy + block / 2
            ax.text(cx, top, label, ha="center", va="top", fontsize=16, fontweight="bold",
                    color=TEXT, zorder=3, linespacing=1.1, gid=f"label:{stage.id}")
            ax.text(cx, top - 0.31 * lines[0] - 0.12, detail, ha="center", va="top",
                    fontsize=13, color=TEXT, zorder=3, linespacing=1.1,
                    gid=f"label:{stage.id}")
            _number_badge(ax, cx - w / 2 + 0.05, cy + h / 2 - 0.05, number, fill=fill,
                          edge=edge, lw=max(1.5, lw / 2), gid=f"badge:{stage.id}")

        _cycle_links(ax, _CYCLE_BOXES, colour=arrow_colour,
                     learning_lw=4.0 if highlight == "learning" else 2.5)

        _loop_marker(ax, 8.35, 4.15, colour=arrow_colour("learning"),
                     gid="loop-marker")
    return fig, cycle_alt(highlight)


def cycle_alt(highlight: str | None = None) -> str:
    """Text description of ``cycle_diagram(highlight)``."""
    text = (
        "Diagram of the self-injury cycle as boxes joined by arrows. A stressor leads to "
        "rising distress and urge (urges often pass), then to self-injury, then to brief "
        "relief (distress may drop, for a short time); longer-term costs follow (distress "
        "returns, shame, secrecy, strain on relationships) and bring more distress, which leads "
        "back to the urge. A dashed learning link runs from brief relief back to the urge, "
        "because relief that comes right away makes self-injury more likely next time "
        "(negative reinforcement), and a circular arrow marked R labels the loop as "
        "reinforcing. A note at the foot says every link can be weakened by skills, support "
        "and treatment."
    )
    if highlight is not None:
        text += f" Highlighted: {stage_by_id(highlight).label.lower()}."
    return text


# --- slide versions ----------------------------------------------------------------------------
# The same facts as the figures above, for a projected slide whose headline says what the figure
# is: no title, fewer words (labels only), and no text smaller than ``style.SLIDE_TEXT``.

_BIG = style.SLIDE_TEXT
#: Where each stage sits on the slide version of the cycle: centre x, centre y, width, height.
_CYCLE_SLIDE_BOXES = {
    "stressor": (1.85, 4.8, 3.0, 1.5),
    "urge": (5.65, 4.8, 3.5, 1.5),
    "self-injury": (9.75, 4.8, 3.3, 1.5),
    "relief": (13.95, 4.8, 3.5, 1.5),
    "costs": (10.6, 2.0, 5.6, 1.2),
    "learning": (9.8, 6.8, 8.2, 0.8),
    "change": (8.0, 0.5, 9.0, 0.8),
}


def cycle_slide() -> tuple[Figure, str]:
    """The cycle for a slide: the stages' labels and numbers, the arrows, the learning link and
    the reinforcing-loop mark of ``cycle_diagram()``, with every word at least ``SLIDE_TEXT``."""
    boxes = _CYCLE_SLIDE_BOXES
    with style.context():
        fig, ax = _canvas(style.SLIDE_HEIGHT)
        for number, stage in enumerate(STAGES, start=1):
            cx, cy, w, h = boxes[stage.id]
            _box(ax, cx, cy, w, h, fill=style.TINTS[stage.role], edge=style.PALETTE[stage.role],
                 lw=3, gid=f"box:{stage.id}", ls=_EDGE_STYLE.get(stage.id, "-"),
                 rounding=_CORNERS.get(stage.id, 0.3))
            ax.text(cx + 0.15, cy, _wrap(stage.label, w - 0.3, _BIG), ha="center", va="center",
                    fontsize=_BIG, fontweight="bold", color=TEXT, zorder=3, linespacing=1.05,
                    gid=f"label:{stage.id}")
            ax.add_patch(Circle((cx - w / 2 + 0.05, cy + h / 2 - 0.05), 0.34, zorder=4,
                                facecolor="#FFFFFF", edgecolor=style.PALETTE[stage.role],
                                linewidth=2, gid=f"badge:{stage.id}"))
            ax.text(cx - w / 2 + 0.05, cy + h / 2 - 0.05, str(number), ha="center",
                    va="center_baseline", fontsize=_BIG, fontweight="bold", color=TEXT,
                    zorder=5, gid=f"badge:{stage.id}")

        _cycle_links(ax, boxes, lw=3, learning_lw=3, rise=0.95, size=_BIG, linespacing=1.05)
        _loop_marker(ax, 6.6, 3.45, colour=TEXT, gid="loop-marker", lw=3, head=20, r_size=_BIG,
                     size=_BIG, words="reinforcing loop", gap=0.7)
    return fig, cycle_alt()


def series_map_slide() -> tuple[Figure, str]:
    """The series map for a slide: each notebook's number, title and core time, and the
    lettered markers of the three ways through (``NOTEBOOKS``, ``ROUTES``)."""
    with style.context():
        fig, ax = _canvas(style.SLIDE_HEIGHT)
        w, h = 3.75, 2.8
        columns, rows = (1.95, 5.98, 10.02, 14.05), (6.05, 2.95)
        centres = {}
        for i, nb in enumerate(n for n in NOTEBOOKS if n.minutes is not None):
            cx, cy = columns[i % 4], rows[i // 4]
            centres[nb.number] = (cx, cy)
            _box(ax, cx, cy, w, h, fill=style.TINTS["neutral"], edge=TEXT, lw=2,
                 gid=f"box:{nb.number}")
            left, top = cx - w / 2 + 0.15, cy + h / 2 - 0.12
            ax.text(left, top, _wrap(f"{nb.number} {nb.title}", w - 0.5, _BIG), fontsize=_BIG,
                    fontweight="bold", color=TEXT, va="top", linespacing=1.0,
                    gid=f"label:{nb.number}")
            bottom = cy - h / 2 + 0.42
            ax.text(left, bottom + 0.72, f"{nb.minutes} min", fontsize=_BIG, color=TEXT,
                    va="center", gid=f"label:{nb.number}")
            markers = [r for r in ROUTES if nb.number in r.stops]
            for k, route in enumerate(markers):
                mx = left + 0.3 + 0.8 * k
                _route_marker(ax, mx, bottom, route, partly=nb.number in route.partly,
                              gid=f"label:{nb.number}", size=_BIG)
        for a, b in zip(_SEQUENCE, _SEQUENCE[1:], strict=False):
            (x1, y1), (x2, y2) = centres[a], centres[b]
            if y1 == y2:
                _arrow(ax, [(x1 + w / 2 + 0.03, y1), (x2 - w / 2 - 0.03, y2)], head=18)
            else:
                mid = (y1 - h / 2 + y2 + h / 2) / 2
                _arrow(ax, [(x1, y1 - h / 2 - 0.03), (x1, mid), (x2, mid),
                            (x2, y2 + h / 2 + 0.03)], head=18)
        x = 0.45
        for route, width in zip(ROUTES, (3.4, 4.7, 5.6), strict=True):
            _route_marker(ax, x, 0.85, route, partly=False, gid=f"legend:{route.letter}",
                          size=_BIG)
            ax.text(x + 0.5, 0.85, route.name, fontsize=_BIG, color=TEXT, va="center",
                    gid=f"legend:{route.letter}")
            x += width
    return fig, series_map_alt()


# --- export ------------------------------------------------------------------------------------

#: Every exported figure: file stem -> function returning (figure, alt text).
#: Adding a figure to ``figures/`` is one line here.
FIGURES: dict[str, Callable[[], tuple[Figure, str]]] = {
    "series-map": series_map,
    "cycle": cycle_diagram,
    "four-functions": four_function_diagram,
    "evidence-map": evidence_map,
    # Slide versions: the same facts in fewer words and larger text, for the decks.
    "series-map-slide": series_map_slide,
    "cycle-slide": cycle_slide,
    "four-functions-slide": four_function_slide,
    "evidence-map-slide": evidence_map_slide,
    "function-rates-slide": function_rates_slide,
}

ALT_TEXT_FILE = "alt-text.yml"
_ALT_HEADER = (
    "# Alt text of every figure in this folder, by file stem (the .svg and .png share it).\n"
    "# Written by reliefcycle.figures.diagrams.export_all(); edit the diagram code, not this file.\n"
)


class _AltTextDumper(yaml.SafeDumper):
    """Writes long texts as folded blocks, so the file reads like prose and diffs line by line."""


_AltTextDumper.add_representer(
    str, lambda dumper, text: dumper.represent_scalar(
        "tag:yaml.org,2002:str", text, style=">" if len(text) > 60 else None))


def save(fig: Figure, path: str | Path, alt: str) -> Path:
    """Save ``fig`` as SVG or PNG (by suffix) with ``alt`` in the file's metadata.

    SVGs carry no date and use the style's fixed hash salt, so saving the same figure twice
    gives the same bytes and a diff shows only real changes. PNGs are 150 dpi.
    """
    path = Path(path)
    metadata = {"Description": alt}
    if path.suffix == ".svg":
        metadata["Date"] = None
    with style.context():
        fig.savefig(path, dpi=150, metadata=metadata)
    return path


def export_all(outdir: str | Path = "figures") -> list[Path]:
    """Write every figure in ``FIGURES`` as SVG and PNG into ``outdir`` and record alt text.

    ``alt-text.yml`` in ``outdir`` maps each file stem to its alt text. Entries for other
    figures are kept while their files exist, so other modules can export into the same folder.
    Returns the paths written.
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    alt_file = outdir / ALT_TEXT_FILE
    alts = (yaml.safe_load(alt_file.read_text(encoding="utf-8")) or {}) if alt_file.exists() \
        else {}
    written = []
    for stem, make in FIGURES.items():
        fig, alt = make()
        try:
            for suffix in (".svg", ".png"):
                written.append(save(fig, outdir / f"{stem}{suffix}", alt))
        finally:
            plt.close(fig)
        alts[stem] = alt
    alts = {stem: text for stem, text in sorted(alts.items())
            if any((outdir / f"{stem}{s}").exists() for s in (".svg", ".png"))}
    alt_file.write_text(_ALT_HEADER + yaml.dump(alts, Dumper=_AltTextDumper, allow_unicode=True,
                                                width=96, sort_keys=True), encoding="utf-8")
    written.append(alt_file)
    return written
