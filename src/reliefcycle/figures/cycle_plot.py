"""The pictures of the cycle explorer (notebook 02): plain matplotlib, no widgets.

- ``CyclePlot``                the explorer's three panels, built once and moved to each new
                               run in place; ``rgba()`` draws only what changed
- ``preset_small_multiples``   the static version of the explorer: one panel per preset

The three panels show one simulated person's distress and how each urge was met, the relief
that person has come to expect from each way of coping, and the share of urges met by
self-injury across all simulated people, with the middle half of people as a band. The runs
come from ``reliefcycle.models.cycle_run``.
"""

from __future__ import annotations

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from reliefcycle.core import style
from reliefcycle.core.style import FigureWithAlt
from reliefcycle.models.model import PRESETS, RIDE_OUT, SELF_INJURY, SKILL

from ..models import cycle_text
from ..models.cycle_run import DEFAULT_SEED, N_DAYS, WEEKS, WINDOW_WEEKS, CycleRun, run

FIGSIZE = (10, 7)  # inches; at DPI this gives an 800 x 560 pixel image
DPI = 80
#: Alt text of the explorer's figure; the sentence under the figure gives the numbers.
FIGURE_ALT = (f"Three charts from the teaching model, over {WEEKS} weeks: one simulated person's "
              "distress and how each urge was met; what that person has come to expect from "
              "each way of coping; and the share of urges met by self-injury across all "
              "simulated people. The text below the figure describes what they show.")
#: Scales for the panel of expected relief, tried in order until the lines fit.
VALUE_LIMITS = ((-0.1, 0.5), (-0.5, 1.0), (-1.0, 1.0))

#: How each way of coping is drawn. Shape and line style differ as well as colour, so the panels
#: can be read without telling colours apart.
OPTION_STYLE = {
    SELF_INJURY: {"label": "Self-injury", "color": style.PALETTE["cost"], "marker": "D",
                  "linestyle": "-"},
    SKILL: {"label": "Practised skill", "color": style.PALETTE["skill"], "marker": "o",
            "linestyle": "--"},
    RIDE_OUT: {"label": "Riding it out", "color": style.PALETTE["support"], "marker": "s",
               "linestyle": ":"},
}


def _weeks(n_days: int) -> np.ndarray:
    return np.arange(n_days) / 7.0


class CyclePlot:
    """The explorer's figure, built once: ``show(run)`` moves its lines, markers and band to a
    new run, and ``rgba()`` draws it.

    Only the parts that change are drawn again; they go on top of a saved picture of everything
    else (axes, labels, legends), because drawing text is the slow part. There is one saved
    picture per scale of the expected-relief panel, each drawn once.
    """

    def __init__(self, n_people: int):
        self._backgrounds = {}
        with style.context():
            self._build_figure(n_people)

    def _build_figure(self, n_people: int) -> None:
        fig = Figure(figsize=FIGSIZE, dpi=DPI, layout="constrained")
        self.canvas = FigureCanvasAgg(fig)
        self.figure = fig
        self.ax_person, self.ax_values, self.ax_share = fig.subplots(
            3, 1, sharex=True, height_ratios=(1.3, 1, 1))
        x = _weeks(N_DAYS)
        empty = np.full(N_DAYS, np.nan)

        ax = self.ax_person
        self.threshold_line = ax.axhline(0.5, color=style.PALETTE["neutral"], linestyle="--",
                                         linewidth=1.5, label="Urge threshold")
        (self.distress_line,) = ax.plot(x, empty, color=style.PALETTE["distress"], linewidth=2,
                                        label="Distress")
        self.choice_markers = {}
        for option, look in OPTION_STYLE.items():
            (self.choice_markers[option],) = ax.plot(
                [], [], linestyle="none", marker=look["marker"], color=look["color"],
                markersize=8, markeredgecolor=style.PALETTE["text"], markeredgewidth=0.8,
                label=look["label"])
        ax.set(ylim=(0, 1.05), ylabel="Distress")
        ax.set_title("One simulated person: distress, and how each urge was met", loc="left")

        ax = self.ax_values
        self.value_lines = {}
        for option, look in OPTION_STYLE.items():
            (self.value_lines[option],) = ax.plot(x, empty, color=look["color"],
                                                  linestyle=look["linestyle"],
                                                  label=look["label"])
        ax.axhline(0, color=style.PALETTE["neutral"], linewidth=1)
        ax.set(ylim=VALUE_LIMITS[0], ylabel="Expected\nrelief")
        ax.set_title("What this person has come to expect from each option", loc="left")

        ax = self.ax_share
        self.share_band = ax.fill_between(x, empty, empty, color=style.TINTS["cost"],
                                          label="Middle half\nof people")
        (self.share_line,) = ax.plot(x, empty, color=style.PALETTE["cost"],
                                     label="All urges\ntogether")
        ax.set(ylim=(0, 1), ylabel="Urges met by\nself-injury", xlabel="Week",
               xlim=(0, WEEKS), xticks=range(WEEKS + 1))
        ax.set_title(f"All {n_people} simulated people, over the last {WINDOW_WEEKS} weeks",
                     loc="left")
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))

        for ax in (self.ax_person, self.ax_values, self.ax_share):
            ax.title.set_fontsize(14)
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=11)

        self._changing = [self.threshold_line, self.distress_line, *self.choice_markers.values(),
                          *self.value_lines.values(), self.share_band, self.share_line]
        for artist in self._changing:
            artist.set_animated(True)

    def show(self, cycle: CycleRun) -> None:
        """Move the lines, markers and band to ``cycle``; the first person is the one shown."""
        sim = cycle.simulation
        x = _weeks(N_DAYS)
        person = sim.distress[0]
        self.distress_line.set_ydata(person)
        self.threshold_line.set_ydata([sim.params.urge_threshold] * 2)
        for option, markers in self.choice_markers.items():
            days = np.flatnonzero(sim.choice[0] == option)
            markers.set_data(x[days], person[days])

        learned = sim.values[0]
        for option, line in self.value_lines.items():
            line.set_ydata(learned[:, option])
        # The scale of this panel changes only when the lines would leave it, and then in big
        # steps, so settings stay comparable by eye and there are few backgrounds to draw.
        limits = next(lim for lim in VALUE_LIMITS
                      if lim[0] <= learned.min() and learned.max() <= lim[1])
        if limits != self.ax_values.get_ylim():
            self.ax_values.set_ylim(limits)

        self.share_band.set_data(x, cycle.middle_half[0], cycle.middle_half[1])
        self.share_line.set_ydata(cycle.pooled)

    def keep_layout(self) -> None:
        """Lay the panels out once for what is shown now, and keep that layout from then on:
        working it out again on every update would take longer than the update itself."""
        self._draw_background()
        self.figure.set_layout_engine("none")

    def _draw_background(self) -> None:
        self.canvas.draw()
        self._backgrounds[self.ax_values.get_ylim()] = self.canvas.copy_from_bbox(self.figure.bbox)

    def rgba(self) -> np.ndarray:
        """The figure's pixels (height x width x 4), drawing in full only a scale not seen yet."""
        limits = self.ax_values.get_ylim()
        if limits not in self._backgrounds:
            self._draw_background()
        self.canvas.restore_region(self._backgrounds[limits])
        for artist in self._changing:
            artist.axes.draw_artist(artist)
        return np.asarray(self.canvas.buffer_rgba())


def preset_small_multiples(n_people: int = 500, seed: int = DEFAULT_SEED) -> FigureWithAlt:
    """One small panel per preset: the share of urges met by self-injury over 12 weeks.

    The static version of the explorer, for the book and the slides. Returns the figure and its
    alt text, e.g. ``fig, alt = preset_small_multiples(); style.show(fig, alt)``.
    """
    x = _weeks(N_DAYS)
    finals = []
    with style.context():
        fig = Figure(figsize=(10, 6.5), layout="constrained")
        FigureCanvasAgg(fig)
        axes = fig.subplots(2, 2, sharex=True, sharey=True).ravel()
        for ax, (name, (params, _)) in zip(axes, PRESETS.items(), strict=True):
            cycle = run(params, n_people, seed)
            ax.fill_between(x, cycle.middle_half[0], cycle.middle_half[1],
                            color=style.TINTS["cost"], label="Middle half of people")
            ax.plot(x, cycle.pooled, color=style.PALETTE["cost"], label="All urges together")
            ax.set_title(name, fontsize=15)
            per_week = cycle_text.urges_per_week(cycle.simulation)
            ax.text(0.98, 0.04, f"{per_week:.1f} urges a week per person", transform=ax.transAxes,
                    ha="right", fontsize=12)
            finals.append((name, cycle.pooled[-1], per_week))
        for ax in axes:
            ax.set(xlim=(0, WEEKS), ylim=(0, 1), xticks=range(0, WEEKS + 1, 2))
            ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        for ax in axes[2:]:
            ax.set_xlabel("Week")
        for ax in axes[::2]:
            ax.set_ylabel("Urges met by self-injury")
        axes[0].legend(loc="upper left", fontsize=11)
        fig.suptitle(f"Teaching model, {n_people} simulated people: share of urges met by "
                     f"self-injury (last {WINDOW_WEEKS} weeks)", fontsize=16)

    shares = ", ".join(f"{'no urges' if np.isnan(share) else cycle_text.percent(share)} "
                       f"({name.lower()}, "
                       f"{per_week:.1f} urges a week per person)"
                       for name, share, per_week in finals)
    alt = (f"Four small line charts from the conceptual teaching model, one per preset: "
           f"{', '.join(PRESETS)}. Each shows, over {WEEKS} weeks, the share of urges met by "
           f"self-injury across {n_people} simulated people (counted over the last "
           f"{WINDOW_WEEKS} weeks), with a shaded band for the middle half of people. In weeks "
           f"{WEEKS - WINDOW_WEEKS + 1} to {WEEKS} the share is "
           f"about {shares}. In the model the relief is brief and the longer-term costs come "
           "later; it is not a prediction about any person.")
    return FigureWithAlt(fig, alt)
