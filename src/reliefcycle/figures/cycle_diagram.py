"""The self-injury cycle as a diagram (notebook 02): brief relief, longer-term costs, and the
learning link that keeps the cycle going.

The cycle's words live in ``models.cycle_stages.STAGES``. Stages never rely on colour alone:
they are labelled and numbered, the learning link is dashed, and text stays dark on white or
on a light tint.

- ``cycle_diagram(highlight)``  the cycle, optionally with one stage emphasised for the
                                walk-through; alt text from ``cycle_alt(highlight)``
- ``cycle_slide()``             the slide version: labels only, no text under ``style.SLIDE_TEXT``
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch
from matplotlib.path import Path as MplPath

from reliefcycle.core import style
from reliefcycle.figures.drawing import TEXT, arrow, box, canvas, wrap
from reliefcycle.models.cycle_stages import STAGES, stage_by_id

#: Box edges and arrows of stages that are not the one being discussed.
FADED = "#BDBDBD"

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
    arrow(ax, list(zip(cx + 0.5 * np.cos(angles), cy + 0.5 * np.sin(angles), strict=True)),
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
        arrow(ax, [side(a, "right"), side(b, "left")], colour=colour(a, b), lw=lw,
              gid=f"arrow:{a}")
    (rx, ry), (cx, cy) = side("relief", "bottom"), side("costs", "right")
    arrow(ax, [(rx, ry), (rx, cy), (cx, cy)], colour=colour("relief", "costs"), lw=lw,
          gid="arrow:relief")
    (cx, cy), (ux, uy) = side("costs", "left"), side("urge", "bottom")
    arrow(ax, [(cx, cy), (ux, cy), (ux, uy)], colour=colour("costs", "urge"), lw=lw,
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
    arrow(ax, [(ux + 0.5, top + neck), (ux + 0.5, top)], colour=link, lw=learning_lw,
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
        fig, ax = canvas(_HEIGHT)
        ax.text(0.2, 9.3, "How the cycle keeps going", fontsize=20, fontweight="bold",
                color=TEXT, va="center")

        for number, stage in enumerate(STAGES, start=1):
            cx, cy, w, h = _CYCLE_BOXES[stage.id]
            fill, edge, lw = look(stage.id)
            box(ax, cx, cy, w, h, fill=fill, edge=edge, lw=lw, gid=f"box:{stage.id}",
                ls=_EDGE_STYLE.get(stage.id, "-"), rounding=_CORNERS.get(stage.id, 0.3))
            label = wrap(stage.label, w - 0.5, 16)
            detail = wrap(stage.detail, w - 0.4, 13)
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
        fig, ax = canvas(style.SLIDE_HEIGHT)
        for number, stage in enumerate(STAGES, start=1):
            cx, cy, w, h = boxes[stage.id]
            box(ax, cx, cy, w, h, fill=style.TINTS[stage.role], edge=style.PALETTE[stage.role],
                lw=3, gid=f"box:{stage.id}", ls=_EDGE_STYLE.get(stage.id, "-"),
                rounding=_CORNERS.get(stage.id, 0.3))
            ax.text(cx + 0.15, cy, wrap(stage.label, w - 0.3, _BIG), ha="center", va="center",
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
