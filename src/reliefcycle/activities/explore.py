"""The interactive explorer for the teaching model of notebook 02 (reused in notebook 05).

Move a slider and the model runs again for 500 simulated people over 12 weeks, and the figure
and the sentence under it follow. This module is the thin widget layer over three others:

- the runs: ``reliefcycle.models.cycle_run``;
- the sentence under the figure and the box "What this model is - and is not":
  ``reliefcycle.models.cycle_text`` (every sentence is worked out from the run it describes,
  so it cannot contradict the figure);
- the figure, built once and updated in place, and the static small multiples:
  ``reliefcycle.figures.cycle_plot``.

``Explorer`` joins a run to the figure and needs no browser (``Explorer.update`` returns the
sentence); ``ExplorerWidget`` wires sliders to it and shows the figure as a PNG image, which
also survives static exports of the notebook. Notebook 02 calls ``explorer()``,
``preset_small_multiples()`` and ``about_the_model_markdown()``.
"""

from __future__ import annotations

import html
import struct
import zlib
from dataclasses import fields

import ipywidgets as widgets
import numpy as np

from reliefcycle.core import a11y, about, style
from reliefcycle.core.fallback import StaticFallback
from reliefcycle.core.style import FigureWithAlt
from reliefcycle.figures.cycle_plot import FIGURE_ALT, CyclePlot, preset_small_multiples
from reliefcycle.models import cycle_run, cycle_text
from reliefcycle.models.cycle_run import DEFAULT_SEED, N_DAYS, WINDOW_DAYS
from reliefcycle.models.cycle_text import ABOUT_MODEL, about_the_model_html, about_the_model_markdown
from reliefcycle.models.model import PRESETS, Params, Simulation

__all__ = ["ABOUT_MODEL", "CUSTOM", "DEFAULT_SEED", "FIGURE_ALT", "MAIN_CONTROLS", "N_DAYS",
           "WINDOW_DAYS", "Explorer", "ExplorerWidget", "FigureWithAlt",
           "about_the_model_html", "about_the_model_markdown", "explorer",
           "preset_small_multiples"]

#: Sliders shown first; the other parameters are under "More settings".
MAIN_CONTROLS = ("immediate_relief", "relief_hours", "delayed_cost", "cost_delay_days",
                 "learning_rate", "skill_practice", "baseline_stress")
CUSTOM = "Your own settings"


class Explorer(CyclePlot):
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
        super().__init__(n_people)
        self.update(params if params is not None else PRESETS["Before any skills"][0])
        self.keep_layout()

    def update(self, params: Params) -> str:
        """Run the model with ``params``, update the figure in place and return a description."""
        cycle = cycle_run.run(params, self.n_people, self.seed)
        self.simulation = cycle.simulation
        self.show(cycle)
        self.description = cycle_text.describe(cycle.simulation, WINDOW_DAYS, cycle.middle_half)
        return self.description

    def png(self) -> bytes:
        """The figure as PNG bytes, at its own size (800 x 560 pixels)."""
        return _png(self.rgba())


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
