"""The interactive explorer for the teaching model of notebook 02 (reused in notebook 05).

Move a slider and the model runs again for 500 simulated people over 12 weeks. Three panels
show what happens:

1. one simulated person: their distress each day and how they met each urge;
2. the relief that person has come to expect from each way of coping;
3. the share of urges met by self-injury across all simulated people, with the middle half of
   people as a band.

A sentence under the figure says the same in words, and a box beside it says what the model is
and is not. The work is split in two so it can be tested without a browser: ``Explorer`` runs
the model and updates a figure that is built once (``Explorer.update`` returns the sentence),
and ``ExplorerWidget`` wires sliders to it and shows the figure as a PNG image, which also
survives static exports of the notebook.

Every sentence of the description is worked out from the run it describes
(``models/cycle_text.py``), so it cannot contradict the figure.
"""

from __future__ import annotations

import html
import struct
import zlib
from dataclasses import fields

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from . import a11y, about, style
from .fallback import StaticFallback
from .model import (
    PRESETS,
    RIDE_OUT,
    SELF_INJURY,
    SKILL,
    Params,
    Simulation,
    simulate,
    spread_across_people,
)
from .models import cycle_text
from .style import FigureWithAlt

DEFAULT_SEED = 2026
N_DAYS = 84  # 12 weeks: long enough to show the brief relief fading and the later costs
WINDOW_DAYS = 28  # shares are counted over the last 4 weeks, so single days do not dominate
WEEKS, WINDOW_WEEKS = N_DAYS // 7, WINDOW_DAYS // 7
FIGSIZE = (10, 7)  # inches; at DPI this gives an 800 x 560 pixel image
DPI = 80

#: Sliders shown first; the other parameters are under "More settings".
MAIN_CONTROLS = ("immediate_relief", "relief_hours", "delayed_cost", "cost_delay_days",
                 "learning_rate", "skill_practice", "baseline_stress")
CUSTOM = "Your own settings"
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

#: "What this model is - and is not". Notebooks, the widget and static exports all use this text.
ABOUT_MODEL = {
    "title": "What this model is \N{EM DASH} and is not",
    "is": (
        "A conceptual teaching model: a few simple rules that show how the immediate relief "
        "after self-injury can make it more likely to be chosen next time, while its "
        "longer-term costs arrive later and are linked back to it only weakly. It is not a "
        "prediction about any person. It was not fitted to data, and its numbers are not "
        "measurements: the shares of urges met by self-injury are far higher than daily-life "
        "studies report (in notebook 02, section 3, thoughts of self-injury were about three "
        "times as common as acts), so do not read them as realistic."
    ),
    "assumptions": [
        "Distress is one number from 0 (calm) to 1 (most intense), taken once a day. Because the "
        "model takes one step a day, the brief relief after self-injury (half an hour to six "
        "hours on the slider) has faded by the next day whatever its length.",
        "The sliders for relief and costs stay within what the daily-life studies of section 3 "
        "of notebook 02 report: relief is partial (at most 60% of distress) and brief (at most "
        "six hours), delayed costs are never zero, and they are linked back to self-injury "
        "less strongly than the relief, but never not at all. help(Params) gives each range "
        "and its sources.",
        "An \"urge\" here simply means distress above one fixed threshold; it is not an urge to "
        "self-injure, and it is not itself learned.",
        "There are only three ways of coping. All start out equally expected; the choice depends "
        "only on the relief each is expected to bring, plus chance (so even with no relief at "
        "all, chance alone sends some urges to self-injury).",
        "Expectations are learned from the immediate relief by a simple error-correcting rule "
        "(the same form as the Rescorla-Wagner rule of conditioning research).",
        "How weakly a delayed cost is linked back to self-injury is set by hand (\"Cost linked "
        "back\"); the model does not work it out from the length of the delay.",
        "The relief after self-injury comes every time and is larger at first than that of an "
        "unpractised skill. Both are invented, and both favour self-injury: in daily-life "
        "studies relief is inconsistent.",
        "The relief after self-injury fades; the relief from a skill or from riding it out does "
        "not (another invented difference).",
        "A delayed cost raises distress by a fixed amount after a fixed number of days.",
        "Skills bring more relief the more they are practised and have no delayed cost.",
        "All simulated people share the same settings; they differ only by chance.",
    ],
    "leaves_out": [
        "Social and interpersonal functions of self-injury, and other functions such as "
        "feeling something or self-punishment.",
        "Other ways of coping, and the way people combine them.",
        "Thoughts, beliefs and identity, for example self-criticism and stigma.",
        "Biology: stress systems, the body's opioid system and pain processing (notebook 04).",
        "Each person's history, relationships, culture and circumstances.",
        "Treatment relationships and everything therapy offers beyond practising skills "
        "(notebook 05).",
        "Positive reinforcement (feeling something good, not only less bad), and costs that "
        "come quickly, such as feeling less close to others within the hour.",
        "Other people's reactions, and how easy or hard self-injury is to turn to.",
        "Physical harm, suicide risk, and the ups and downs of recovery: settings here stay "
        "fixed for 12 weeks, while real change is rarely a straight line.",
        "What support mainly changes in the model is how often urges come; the share of urges "
        "met by self-injury hides that, so read it together with the number of urges.",
    ],
}


def about_the_model_markdown() -> str:
    """The "What this model is - and is not" box as Markdown, for notebooks and the book."""
    return about.markdown(ABOUT_MODEL)


def about_the_model_html() -> str:
    """The same box as HTML, for the widget."""
    return about.as_html(ABOUT_MODEL)


def _weeks(n_days: int) -> np.ndarray:
    return np.arange(n_days) / 7.0


class Explorer:
    """Runs the model and keeps one figure up to date: the part of the explorer that needs no
    browser.

    The figure is built once. ``update`` runs the model with new settings, moves the existing
    lines, markers and band to the new results and returns a sentence describing them; ``png``
    renders the figure as PNG bytes.
    """

    def __init__(self, n_people: int = 500, seed: int = DEFAULT_SEED, params: Params | None = None):
        self.n_people = n_people
        self.seed = seed
        self.simulation: Simulation | None = None
        self.description = ""
        # One saved picture of the still parts per scale of the expected-relief panel: drawing
        # one takes several times longer than an update, so each scale is drawn only once.
        self._backgrounds = {}
        with style.context():
            self._build_figure()
        self.update(params if params is not None else PRESETS["Before any skills"][0])
        # Lay the panels out once and then keep that layout: working it out again on every
        # update would take longer than the update itself.
        self._draw_background()
        self.figure.set_layout_engine("none")

    def _build_figure(self) -> None:
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
        ax.set_title(f"All {self.n_people} simulated people, over the last {WINDOW_WEEKS} weeks",
                     loc="left")
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))

        for ax in (self.ax_person, self.ax_values, self.ax_share):
            ax.title.set_fontsize(14)
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=11)

        # Only these change between updates. They are drawn on top of a saved picture of
        # everything else (axes, labels, legends), because drawing text is the slow part.
        self._changing = [self.threshold_line, self.distress_line, *self.choice_markers.values(),
                          *self.value_lines.values(), self.share_band, self.share_line]
        for artist in self._changing:
            artist.set_animated(True)

    def _draw_background(self) -> None:
        self.canvas.draw()
        self._backgrounds[self.ax_values.get_ylim()] = self.canvas.copy_from_bbox(self.figure.bbox)

    def update(self, params: Params) -> str:
        """Run the model with ``params``, update the figure in place and return a description."""
        sim = simulate(params, self.n_people, N_DAYS, self.seed)
        self.simulation = sim
        x = _weeks(N_DAYS)

        person = sim.distress[0]
        self.distress_line.set_ydata(person)
        self.threshold_line.set_ydata([params.urge_threshold] * 2)
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

        middle_half = spread_across_people(sim.share_self_injury(WINDOW_DAYS))
        self.share_band.set_data(x, middle_half[0], middle_half[1])
        self.share_line.set_ydata(sim.pooled_share_self_injury(WINDOW_DAYS))

        self.description = self._describe(sim, middle_half)
        return self.description

    def _describe(self, sim: Simulation, middle_half: np.ndarray) -> str:
        # Every sentence is worked out from this run (models/cycle_text.py), so it cannot
        # contradict the figure.
        return cycle_text.describe(sim, WINDOW_DAYS, middle_half)

    def png(self) -> bytes:
        """The figure as PNG bytes, at its own size (800 x 560 pixels)."""
        limits = self.ax_values.get_ylim()
        if limits not in self._backgrounds:
            self._draw_background()
        self.canvas.restore_region(self._backgrounds[limits])
        for artist in self._changing:
            artist.axes.draw_artist(artist)
        return _png(np.asarray(self.canvas.buffer_rgba()))


def _png(rgba: np.ndarray) -> bytes:
    """Encode an RGBA image (height x width x 4 bytes) as PNG.

    A plain encoder with fast compression: the image is re-sent on every slider move, and the
    general-purpose encoder spends most of its time choosing a filter for each row, which gains
    little on these mostly white figures. This is about three times quicker.
    """
    height, width, _ = rgba.shape
    rows = np.empty((height, 1 + 4 * width), dtype=np.uint8)
    rows[:, 0] = 0  # filter type "none" for every row
    rows[:, 1:] = rgba.reshape(height, 4 * width)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(rows, 1)) + chunk(b"IEND", b""))


def _slider(spec: dict, value) -> widgets.ValueWidget:
    """A keyboard-operable slider for one model parameter, built from its range in the model."""
    common = {
        "value": value, "min": spec["low"], "max": spec["high"], "step": spec["step"],
        "description": spec["label"], "description_allow_html": False,
        "tooltip": spec["help"], "continuous_update": False,
        "style": {"description_width": "14em"}, "layout": widgets.Layout(width="34em"),
    }
    if spec["whole"]:
        return widgets.IntSlider(**common)
    return widgets.FloatSlider(readout_format=".1f" if spec["step"] >= 0.5 else ".2f", **common)


class ExplorerWidget(StaticFallback, widgets.VBox):
    """The explorer as a widget: settings, the figure, a sentence describing it, and the box
    "What this model is - and is not".

    Every control is a standard slider or drop-down with a visible text label, so it can be used
    with the keyboard (Tab to move, arrow keys to change) and read by a screen reader.
    """

    def __init__(self, n_people: int = 500, seed: int = DEFAULT_SEED,
                 preset: str = "Before any skills"):
        if preset not in PRESETS:
            raise ValueError(f"preset must be one of {', '.join(PRESETS)} (got {preset!r})")
        start = PRESETS[preset][0]
        self.explorer = Explorer(n_people=n_people, seed=seed, params=start)
        self._quiet = False

        ranges = Params.ranges()
        self.sliders = {name: _slider(spec, getattr(start, name))
                        for name, spec in ranges.items()}
        self.preset = widgets.Dropdown(
            options=[*PRESETS, CUSTOM], value=preset, description="Settings",
            description_allow_html=False, style={"description_width": "14em"},
            layout=widgets.Layout(width="34em"))
        self.preset_note = widgets.HTML()
        # The figure is an <img> inside an HTML widget rather than an Image widget, because
        # only this way it can carry alt text. Both keep working in static exports.
        self.image = widgets.HTML()
        self.image.add_class("reliefcycle-explorer-figure")
        self.summary = widgets.HTML()
        self.summary.add_class("reliefcycle-explorer-summary")
        self.about = widgets.HTML(
            about.link_html(ABOUT_MODEL),
            layout=widgets.Layout(border=f"1px solid {style.PALETTE['neutral']}",
                                  padding="0 1em", max_width="800px"))

        more = [self.sliders[name] for name in ranges if name not in MAIN_CONTROLS]
        more_settings = widgets.Accordion(children=[widgets.VBox(more)], selected_index=None,
                                          titles=("More settings",))
        super().__init__(children=[
            widgets.HBox([self.preset, self.preset_note]),
            widgets.VBox([self.sliders[name] for name in MAIN_CONTROLS]),
            more_settings,
            self.image,
            self.summary,
            self.about,
        ])

        for slider in self.sliders.values():
            slider.observe(self._on_slider, names="value")
        self.preset.observe(self._on_preset, names="value")
        self._show_preset_note()
        self._show(self.explorer.description)

    def static_html(self) -> str:
        return ("<p><em>The live explorer needs a running Python kernel. The figure below it "
                "shows the same model with each preset.</em></p>" + about.link_html(ABOUT_MODEL))

    def static_text(self) -> str:
        return "The cycle explorer (live in JupyterLab). " + self.explorer.description

    def params(self) -> Params:
        """The settings the sliders show now."""
        return Params(**{name: slider.value for name, slider in self.sliders.items()})

    def apply_preset(self, name: str) -> None:
        """Move every slider to a preset, then update the figure once."""
        preset = PRESETS[name][0]
        self._quiet = True
        try:
            for f in fields(Params):
                self.sliders[f.name].value = getattr(preset, f.name)
        finally:
            self._quiet = False
        self.refresh()

    def refresh(self) -> None:
        """Run the model with the current settings and show the new figure and description."""
        self._show(self.explorer.update(self.params()))

    def _show(self, description: str) -> None:
        self.image.value = style.img_html(self.explorer.png(), FIGURE_ALT, max_width="800px")
        self.summary.value = (f'<div role="status" aria-live="polite"><p>{html.escape(description)}'
                              "</p></div>")

    def _show_preset_note(self) -> None:
        note = (PRESETS[self.preset.value][1] if self.preset.value in PRESETS
                else "You have changed the settings of a preset.")
        self.preset_note.value = f"<p>{html.escape(note)}</p>"

    def _on_preset(self, change) -> None:
        if self._quiet:
            return
        self._show_preset_note()
        if change["new"] in PRESETS:
            self.apply_preset(change["new"])

    def _on_slider(self, change) -> None:
        if self._quiet:
            return
        chosen = self.preset.value
        if chosen in PRESETS and self.params() != PRESETS[chosen][0]:
            self._quiet = True
            try:
                self.preset.value = CUSTOM
            finally:
                self._quiet = False
            self._show_preset_note()
        self.refresh()


def explorer(n_people: int = 500, seed: int = DEFAULT_SEED,
             preset: str = "Before any skills") -> ExplorerWidget:
    """The interactive explorer for a notebook: ``explorer()`` as the last line of a cell."""
    a11y.label_controls()
    return ExplorerWidget(n_people=n_people, seed=seed, preset=preset)


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
            sim = simulate(params, n_people, N_DAYS, seed)
            pooled = sim.pooled_share_self_injury(WINDOW_DAYS)
            middle_half = spread_across_people(sim.share_self_injury(WINDOW_DAYS))
            ax.fill_between(x, middle_half[0], middle_half[1], color=style.TINTS["cost"],
                            label="Middle half of people")
            ax.plot(x, pooled, color=style.PALETTE["cost"], label="All urges together")
            ax.set_title(name, fontsize=15)
            per_week = cycle_text.urges_per_week(sim)
            ax.text(0.98, 0.04, f"{per_week:.1f} urges a week per person", transform=ax.transAxes,
                    ha="right", fontsize=12)
            finals.append((name, pooled[-1], per_week))
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

