"""The forest plot of notebook 05: how much treatments help, with 95% confidence intervals.

``forest_plot()`` draws every estimate of ``data/effects.csv`` with its interval, one panel per
way of measuring, each panel turned so that further right means more benefit; ``forest_alt()``
describes it in words from the same rows.
"""

from __future__ import annotations

import math
import textwrap

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FixedLocator, NullLocator

from reliefcycle.core import style
from reliefcycle.core.style import FigureWithAlt
from reliefcycle.models.effects import MEASURES, Effect, load


def _panels(effects) -> list[tuple[str, str, list[Effect]]]:
    """Group rows by (measure, direction) in the order they first appear."""
    groups: dict[tuple[str, str], list[Effect]] = {}
    for e in effects:
        groups.setdefault((e.measure, e.better), []).append(e)
    return [(measure, better, rows) for (measure, better), rows in groups.items()]


def _nice_ticks(low: float, high: float, log: bool) -> list[float]:
    if log:
        candidates = [0.1, 0.2, 0.5, 1, 2, 5]
    else:
        step = next(s for s in (0.05, 0.1, 0.25, 0.5) if (high - low) / s <= 6)
        start = math.floor(low / step) * step
        candidates = [round(start + i * step, 2) for i in range(int((high - start) / step) + 2)]
    return [t for t in candidates if low <= t <= high]


def _minus(text: str) -> str:
    """Typographic minus signs for the figure (the data and the notebook use hyphen-minus)."""
    return text.replace("-", "\N{MINUS SIGN}")


#: Layout of the forest plot, in inches.
_WIDTH, _LEFT, _RIGHT = 14.0, 4.9, 2.3
_ROW, _TITLE_SPACE, _TICK_SPACE, _GAP, _TOP, _BOTTOM = 1.0, 0.5, 0.45, 0.35, 0.8, 0.75
_PANEL_TITLES = {
    "g": "Hedges' g: 0 = no difference",
    "d": "Cohen's d: 0 = no difference",
    "OR": "Odds ratio: 1 = no difference (log scale)",
    "risk difference": "Risk difference: 0 = no difference",
}


def forest_plot(effects: tuple[Effect, ...] | None = None) -> FigureWithAlt:
    """Every estimate with its 95% interval, one panel per way of measuring.

    Panels are turned so that further right always means more benefit for the treatment (for
    measures where lower favours the treatment the axis runs from high to low); tick labels
    show the values as the studies report them. A filled square marks an interval that excludes
    "no difference", an open square one that includes it.
    """
    effects = load() if effects is None else effects
    panels = _panels(effects)
    blocks = [_TITLE_SPACE + _ROW * len(rows) + _TICK_SPACE for _, _, rows in panels]
    height = _TOP + sum(blocks) + _GAP * (len(panels) - 1) + _BOTTOM
    with style.context():
        fig = Figure(figsize=(_WIDTH, height))
        FigureCanvasAgg(fig)
        top = height - _TOP
        for (measure, better, rows), block in zip(panels, blocks, strict=True):
            kind = MEASURES[measure]
            plot_height = _ROW * len(rows)
            bottom = top - _TITLE_SPACE - plot_height
            ax = fig.add_axes((_LEFT / _WIDTH, bottom / height,
                               (_WIDTH - _LEFT - _RIGHT) / _WIDTH, plot_height / height))
            top = top - block - _GAP
            ys = list(range(len(rows)))[::-1]
            values = [v for e in rows for v in (e.ci_low, e.ci_high)] + [kind.null]
            low, high = min(values), max(values)
            if kind.log_scale:
                ax.set_xscale("log")
                low, high = low / 1.3, high * 1.3
            else:
                pad = 0.08 * (high - low)
                low, high = low - pad, high + pad
            ax.axvline(kind.null, color=style.PALETTE["neutral"], linewidth=2, linestyle="--")
            for y, e in zip(ys, rows, strict=True):
                ax.plot([e.ci_low, e.ci_high], [y, y], color=style.PALETTE["support"],
                        linewidth=3, solid_capstyle="butt")
                filled = not e.interval_includes_no_difference
                ax.plot([e.estimate], [y], marker="s", markersize=13, linestyle="none",
                        markeredgewidth=2, markeredgecolor=style.PALETTE["support"],
                        markerfacecolor=style.PALETTE["support"] if filled else "#FFFFFF")
                value = (f"{e.number(e.estimate)} [{e.number(e.ci_low)}, "
                         f"{e.number(e.ci_high)}]")
                ax.annotate(_minus(value), (1.02, y), xycoords=("axes fraction", "data"),
                            va="center", fontsize=13, color=style.PALETTE["text"])
            labels = [textwrap.fill(f"{e.treatment} vs {e.comparison}: {e.outcome}", 50) + "\n"
                      + textwrap.fill(f"{e.population}, {e.citation}", 50) for e in rows]
            ax.set_yticks(ys, labels, fontsize=12, linespacing=1.1)
            ax.set_ylim(-0.6, len(rows) - 0.4)
            ticks = _nice_ticks(low, high, kind.log_scale)
            ax.xaxis.set_major_locator(FixedLocator(ticks))
            ax.xaxis.set_minor_locator(NullLocator())
            ax.set_xticklabels([_minus(f"{t:g}") for t in ticks], fontsize=12)
            ax.set_xlim((high, low) if better == "lower" else (low, high))
            side = "lower" if better == "lower" else "higher"
            ax.set_title(f"{_PANEL_TITLES[measure]}; {side} values favour the treatment",
                         loc="left", fontsize=13, fontweight="bold")
        fig.text(0.5, 0.3 / height, "\N{LEFTWARDS ARROW} favours the comparison          "
                 "in every panel          favours the treatment \N{RIGHTWARDS ARROW}",
                 ha="center", fontsize=13, color=style.PALETTE["text"])
        fig.suptitle("How much do treatments help? Estimates with 95% confidence intervals",
                     fontsize=16, y=1 - 0.25 / height)
    return FigureWithAlt(fig, forest_alt(effects))


def forest_alt(effects: tuple[Effect, ...]) -> str:
    """Text description of ``forest_plot(effects)``, built from the same rows."""
    items = "; ".join(
        f"{e.treatment} vs {e.comparison}, {e.outcome} ({e.population}, {e.citation}): "
        f"{e.value_text}" for e in effects)
    crossing = [e for e in effects if e.interval_includes_no_difference]
    note = ("" if not crossing else
            " Only " + ", ".join(f"the {e.treatment} estimate ({e.measure})" for e in crossing)
            + " has an interval that includes no difference (an open square).")
    return (f"Forest plot of {len(effects)} treatment comparisons in {len(_panels(effects))} "
            "panels, one per effect measure, each turned so that further right means more "
            f"benefit for the treatment: {items}.{note}")

