"""Shared drawing helpers for the diagrams: a slide-sized canvas, boxes, arrows, wrapped text.

The diagrams (``series_map``, ``cycle_diagram``) are laid out on a grid whose data units run
0-16 across a 16:9 slide, so a 12 pt label stays 12 pt when the slide is shown at its natural size.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from matplotlib.path import Path as MplPath

from reliefcycle.core import style

TEXT = style.PALETTE["text"]

#: Size of every exported diagram, in inches: a 16:9 slide, so figures fill a projector screen
#: and a 12 pt label stays 12 pt when the slide is shown at its natural size.
SLIDE = (13.33, 7.5)


def wrap(text: str, width_units: float, size: float) -> str:
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


def canvas(height_units: float = 9.0) -> tuple[Figure, plt.Axes]:
    """A blank slide whose data units run 0-16 across, so layouts read like a grid."""
    fig = plt.figure(figsize=(SLIDE[0], SLIDE[0] * height_units / 16))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, 16)
    ax.set_ylim(0, height_units)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig, ax


def box(ax, cx, cy, w, h, *, fill, edge, lw=2.5, ls="-", rounding=0.22, gid=None):
    """A rounded box centred on ``(cx, cy)``, drawn above the arrows."""
    ax.add_patch(FancyBboxPatch((cx - w / 2, cy - h / 2), w, h,
                                boxstyle=f"round,pad=0,rounding_size={rounding}",
                                facecolor=fill, edgecolor=edge, linewidth=lw, linestyle=ls,
                                gid=gid, zorder=2))


def arrow(ax, points, *, colour=TEXT, lw=2.5, head=24, gid=None, zorder=1):
    """An arrow along straight segments through ``points``, with its head at the last one."""
    codes = [MplPath.MOVETO] + [MplPath.LINETO] * (len(points) - 1)
    ax.add_patch(FancyArrowPatch(path=MplPath(points, codes), arrowstyle="-|>",
                                 mutation_scale=head, color=colour, linewidth=lw, shrinkA=0,
                                 shrinkB=0, joinstyle="miter", capstyle="butt", gid=gid,
                                 zorder=zorder))
