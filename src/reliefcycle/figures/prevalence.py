"""The prevalence figure of notebook 01: one row per estimate, with its confidence interval.

``ForestPlot`` is built once with a slot for every estimate and shows any selection in place,
so the explorer (``reliefcycle.activities.prevalence``) can redraw it quickly; ``static_plot`` draws every
estimate for the book and the slides. Definitions differ in marker shape as well as colour, and
measures in filled or open markers, so the plot reads without colour.
"""

from __future__ import annotations

import io
import math
import textwrap

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import PercentFormatter
from matplotlib.transforms import blended_transform_factory

from reliefcycle.core import style
from reliefcycle.core.style import FigureWithAlt
from reliefcycle.models.prevalence import MEASURES, NO_MATCH, Estimate, figure_alt, load

#: How each definition is drawn: shape and colour differ, so the plot reads without colour.
DEFINITION_STYLE = {
    "NSSI": {"marker": "o", "color": style.PALETTE["support"]},
    "self-harm (any intent)": {"marker": "s", "color": style.PALETTE["distress"]},
    "deliberate self-harm (intent not stated)": {"marker": "^", "color": style.PALETTE["skill"]},
}
#: Lifetime estimates are drawn filled, 12-month estimates open (white inside).
OPEN_MEASURES = ("12-month",)

FIGSIZE = (11, 7.5)  # inches; at DPI this gives an 880 x 600 pixel image
DPI = 80
TITLE = ("How common is self-injury?\n"
         "Pooled estimates from meta-analyses, with 95% confidence intervals")
XLABEL = "Share of people who reported it (%)"


def _no_match_lines() -> str:
    """NO_MATCH broken into short lines, so it fits inside the axes."""
    return ";\n".join(textwrap.fill(part, 30) for part in NO_MATCH.split("; "))


def _x_limit(estimates) -> float:
    top = max((e.ci_high if e.has_ci else e.estimate) for e in estimates)
    return 5 * math.ceil(top / 5 + 0.01) + 5


class ForestPlot:
    """One row per estimate: a dot for the estimate and a line with end caps for its interval.

    The figure is built once with a slot for every estimate. ``update`` shows the selected
    estimates in those slots, top to bottom in file order, and hides the rest; nothing is
    created or removed, so the same figure can be redrawn quickly and predictably.
    """

    def __init__(self, estimates):
        self.estimates = tuple(estimates)
        self.shown: tuple[Estimate, ...] = ()
        with style.context():
            self._build()
        # Lay the figure out once, with every row label, then keep that layout: a subset never
        # has longer labels, and the axes stay in the same place whatever is selected.
        self.update(self.estimates)
        self.canvas.draw()
        self.figure.set_layout_engine("none")

    def _build(self) -> None:
        fig = Figure(figsize=FIGSIZE, dpi=DPI, layout="constrained")
        self.canvas = FigureCanvasAgg(fig)
        self.figure = fig
        self.ax = ax = fig.subplots()
        to_row = blended_transform_factory(ax.transAxes, ax.transData)
        self.intervals, self.points, self.values = [], [], []
        for _ in self.estimates:
            (interval,) = ax.plot([], [], linewidth=2.5, marker="|", markersize=14,
                                  markeredgewidth=2.5)
            (point,) = ax.plot([], [], linestyle="none", markersize=12, markeredgewidth=2.5,
                               zorder=3)
            value = ax.text(1.02, 0, "", transform=to_row, va="center", ha="left", fontsize=13)
            self.intervals.append(interval)
            self.points.append(point)
            self.values.append(value)
        self.no_match = ax.text(0.5, 0.5, _no_match_lines(), transform=ax.transAxes,
                                ha="center", va="center", fontsize=16, visible=False)
        ax.set_xlim(0, _x_limit(self.estimates))
        ax.xaxis.set_major_formatter(PercentFormatter(decimals=0))
        ax.set_xlabel(XLABEL)
        ax.grid(axis="y", visible=False)
        fig.suptitle(TITLE, fontsize=16)
        handles = [Line2D([], [], linestyle="none", markersize=11, markeredgewidth=2.5,
                          label=definition, **look)
                   for definition, look in DEFINITION_STYLE.items()]
        handles += [Line2D([], [], linestyle="none", marker="o", markersize=11,
                           markeredgewidth=2.5, color=style.PALETTE["neutral"],
                           markerfacecolor=(style.PALETTE["background"] if measure in OPEN_MEASURES
                                            else style.PALETTE["neutral"]),
                           label=f"{measure} (marker {'open' if measure in OPEN_MEASURES else 'filled'})")
                    for measure in MEASURES]
        handles.append(Line2D([], [], color=style.PALETTE["neutral"], marker="|", markersize=14,
                              markeredgewidth=2.5, label="95% confidence interval"))
        fig.legend(handles=handles, loc="outside lower center", ncols=3, fontsize=12)

    def update(self, selected) -> None:
        """Show ``selected`` (in the order given), one per row from the top; hide the rest."""
        selected = tuple(selected)
        n = len(selected)
        for slot, (interval, point, value) in enumerate(zip(self.intervals, self.points,
                                                            self.values, strict=True)):
            visible = slot < n
            for artist in (interval, point, value):
                artist.set_visible(visible)
            if not visible:
                continue
            e = selected[slot]
            y = n - 1 - slot
            look = DEFINITION_STYLE[e.definition]
            interval.set_data([e.ci_low, e.ci_high] if e.has_ci else [], [y, y] if e.has_ci else [])
            interval.set_color(look["color"])
            point.set_data([e.estimate], [y])
            point.set_marker(look["marker"])
            point.set_color(look["color"])
            point.set_markerfacecolor(style.PALETTE["background"] if e.measure in OPEN_MEASURES
                                      else look["color"])
            value.set_y(y)
            value.set_text(e.value_text())
        self.no_match.set_visible(n == 0)
        self.ax.set_yticks(range(n), [e.label for e in reversed(selected)])
        # At least four rows' worth of height, with the rows at the top, so a few rows are
        # not spread over the whole figure.
        self.ax.set_ylim(n - max(n, 4) - 0.7, n - 0.3)
        self.shown = selected

    def png(self) -> bytes:
        """The figure as PNG bytes."""
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=DPI, facecolor=style.PALETTE["background"])
        return buffer.getvalue()



def static_plot(estimates=None) -> FigureWithAlt:
    """Every estimate in one figure, for the book and the slides:
    ``fig, alt = static_plot(); style.show(fig, alt)``."""
    estimates = tuple(estimates) if estimates is not None else load()
    plot = ForestPlot(estimates)
    return FigureWithAlt(plot.figure, figure_alt(estimates))
