"""The pictures of the intervention explorer (notebook 05).

- ``ComponentDiagram``        the cycle diagram of notebook 02 with the stages that parts of
                              treatment act on emphasised: built once, restyled in place
- ``cycle_with_components``   that diagram for a fixed set of parts, with its alt text
- ``small_multiples``         the static version of the explorer: one panel per part
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Iterable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch
from matplotlib.ticker import PercentFormatter

from reliefcycle.core import style
from reliefcycle.core.style import FigureWithAlt
from reliefcycle.figures import cycle_diagram
from reliefcycle.models.cycle_stages import STAGE_IDS, stage_by_id
from reliefcycle.models.interventions import (
    COMPONENT_IDS,
    COMPONENTS,
    N_DAYS,
    N_PEOPLE,
    SEED,
    WEEKS,
    chosen_components,
    run,
    share_text,
    stages_for,
)

DIAGRAM_DPI = 60   # the diagram is 13.33 x 8 inches: about 800 x 480 pixels
#: Fast PNG compression: the pictures are sent again on every switch.
_FAST_PNG = {"compress_level": 1}

#: Text colour, fills and the legend's place (slide units: 16 across, 9.6 high).
_TEXT = style.PALETTE["text"]
_LEGEND_X, _LEGEND_TOP, _LEGEND_STEP = 0.3, 3.9, 0.45
_TAGS_BELOW = ("stressor", "urge", "self-injury")
_TAG = 0.46        # side of a lettered tag
_TITLE = "How the cycle keeps going"


class ComponentDiagram:
    """The cycle diagram with several stages emphasised: built once, restyled in place.

    ``show(active)`` emphasises the stages the active components act on (thick edge, full
    tint), fades the others, shows a lettered tag on each stage for each component acting on
    it, and lists the active components in a legend. Text stays dark throughout.
    """

    def __init__(self):
        fig, _ = cycle_diagram.cycle_diagram()
        plt.close(fig)              # drawn by pyplot; keep it out of pyplot's figure list
        FigureCanvasAgg(fig)
        self.figure = fig
        self.ax = fig.axes[0]
        by_gid = {}
        for artist in fig.findobj():
            by_gid.setdefault(str(artist.get_gid()), []).append(artist)
        self.boxes = {s: by_gid[f"box:{s}"][0] for s in STAGE_IDS}
        self.badges = {s: [a for a in by_gid[f"badge:{s}"] if not hasattr(a, "get_text")][0]
                       for s in STAGE_IDS}
        self.title = next(t for t in fig.texts + self.ax.texts if t.get_text() == _TITLE)
        self.tags = {}
        with style.context():
            for stage in STAGE_IDS:
                box = self.boxes[stage]
                right, top = box.get_x() + box.get_width(), box.get_y() + box.get_height()
                acting = [c for c in COMPONENTS if stage in c.stages]
                for k, c in enumerate(acting):
                    x = right - 0.12 - _TAG - k * (_TAG + 0.12)
                    # Boxes of the top row carry their tags just below them, where the picture
                    # is empty; the others on their top edge, clear of their centred words.
                    y = box.get_y() - 0.08 - _TAG if stage in _TAGS_BELOW else top - _TAG / 2
                    patch = FancyBboxPatch((x, y), _TAG, _TAG, boxstyle="round,pad=0,rounding_size=0.08",
                                           facecolor=style.TINTS["skill"],
                                           edgecolor=style.PALETTE["skill"], linewidth=2,
                                           zorder=6, gid=f"tag:{c.id}:{stage}")
                    self.ax.add_patch(patch)
                    letter = self.ax.text(x + _TAG / 2, y + _TAG / 2, c.letter, ha="center",
                                          va="center_baseline", fontsize=13, fontweight="bold",
                                          color=_TEXT, zorder=7, gid=f"tag:{c.id}:{stage}")
                    self.tags[(c.id, stage)] = (patch, letter)
            self.legend_heading = self.ax.text(
                _LEGEND_X, _LEGEND_TOP, "Switched on:", fontsize=13, fontweight="bold",
                color=_TEXT, va="center", gid="legend")
            self.legend_lines = [
                self.ax.text(_LEGEND_X, _LEGEND_TOP - (k + 1) * _LEGEND_STEP, "", fontsize=13,
                             color=_TEXT, va="center", gid="legend")
                for k in range(len(COMPONENTS))]
        self.active: tuple[str, ...] = ()
        self._pngs: dict[tuple[tuple[str, ...], int], bytes] = {}
        self.show(())

    def show(self, active: Iterable[str]) -> None:
        chosen = chosen_components(active)
        self.active = tuple(c.id for c in chosen)
        targeted = set(stages_for(self.active))
        for stage_id, box in self.boxes.items():
            role = stage_by_id(stage_id).role
            if not chosen or stage_id in targeted or stage_id == "change":
                fill, edge = style.TINTS[role], style.PALETTE[role]
                width = 6.0 if stage_id in targeted else 2.5
            else:
                fill, edge, width = "#FFFFFF", cycle_diagram.FADED, 1.5
            for patch in (box, self.badges[stage_id]):
                patch.set_facecolor(fill)
                patch.set_edgecolor(edge)
                patch.set_linewidth(width if patch is box else max(1.5, width / 2))
        for (cid, _), artists in self.tags.items():
            for artist in artists:
                artist.set_visible(cid in self.active)
        self.title.set_text("Where the parts switched on act on the cycle" if chosen
                            else _TITLE)
        self.legend_heading.set_visible(bool(chosen))
        for k, line in enumerate(self.legend_lines):
            line.set_text(f"{chosen[k].letter}   {chosen[k].short}" if k < len(chosen) else "")

    def alt(self) -> str:
        """Text description of the diagram as it is now."""
        return diagram_alt(self.active)

    def png(self, dpi: int = DIAGRAM_DPI) -> bytes:
        """The diagram as it is now, as PNG bytes. Each picture is drawn once and then reused
        (there are only 32 sets of components), so switching back and forth is instant."""
        key = (self.active, dpi)
        if key not in self._pngs:
            buffer = io.BytesIO()
            with style.context():
                self.figure.savefig(buffer, format="png", dpi=dpi, pil_kwargs=_FAST_PNG)
            self._pngs[key] = buffer.getvalue()
        return self._pngs[key]


def diagram_alt(active: Iterable[str]) -> str:
    """Text description of the cycle diagram with these components switched on."""
    chosen = chosen_components(active)
    text = cycle_diagram.cycle_alt()
    if not chosen:
        return text + " No part of treatment is switched on."
    where = "; ".join(f"{c.letter}, {c.label.lower()}, acts on {c.acts_on}" for c in chosen)
    return text + f" Emphasised, with lettered tags: {where}."


def cycle_with_components(active: Iterable[str]) -> tuple[Figure, str]:
    """The cycle diagram with the stages the components act on emphasised: (figure, alt)."""
    diagram = ComponentDiagram()
    diagram.show(active)
    return diagram.figure, diagram.alt()



def small_multiples(n_people: int = N_PEOPLE, seed: int = SEED) -> FigureWithAlt:
    """One panel per component, and one with all five: the share of urges so far met by
    self-injury over 12 weeks, against no component switched on. Returns (figure, alt)."""
    days = np.arange(N_DAYS) / 7.0 + 1 / 7
    baseline = run((), n_people, seed)
    cases = [((c.id,), f"{c.letter}. {c.label}") for c in COMPONENTS]
    cases.append((COMPONENT_IDS, "All five together"))
    results = []
    with style.context():
        fig = Figure(figsize=(13, 8), layout="constrained")
        FigureCanvasAgg(fig)
        axes = fig.subplots(2, 3, sharex=True, sharey=True).ravel()
        for ax, (active, title) in zip(axes, cases, strict=True):
            outcome = run(active, n_people, seed)
            results.append((title, outcome))
            ax.plot(days, baseline.share_so_far, color=style.PALETTE["neutral"], linestyle="--",
                    linewidth=2.5, label="None switched on")
            ax.plot(days, outcome.share_so_far, color=style.PALETTE["skill"], linewidth=3,
                    label="Switched on")
            ax.set_title(textwrap.fill(title, 26), fontsize=14, loc="left")
            ax.text(0.97, 0.05, f"urges a week: {baseline.urges_per_week:.1f} \N{RIGHTWARDS ARROW} "
                    f"{outcome.urges_per_week:.1f}", transform=ax.transAxes, ha="right",
                    fontsize=12, color=_TEXT)
            ax.set(xlim=(0, WEEKS + 0.2), ylim=(0, 1), xticks=range(0, WEEKS + 1, 4))
            ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        for ax in axes[3:]:
            ax.set_xlabel("Week")
        for ax in axes[::3]:
            ax.set_ylabel("Urges met by self-injury")
        axes[0].legend(loc="upper right", fontsize=12)
        fig.suptitle(f"Teaching model, {n_people} simulated people: share of urges so far met "
                     "by self-injury, with each part of treatment switched on", fontsize=15)
    parts = "; ".join(f"{title.split('. ')[-1].lower()}: {share_text(o.share)} of urges, "
                      f"{o.urges_per_week:.1f} urges a week" for title, o in results)
    alt = (f"Six small line charts from the conceptual teaching model, one for each part of "
           f"treatment switched on alone and one for all five together, each against no part "
           f"switched on (dashed line: {share_text(baseline.share)} of urges met by self-injury over "
           f"{WEEKS} weeks, {baseline.urges_per_week:.1f} urges a week per person). With each "
           f"switched on: {parts}. It is a teaching model, not a prediction about any person.")
    return FigureWithAlt(fig, alt)
