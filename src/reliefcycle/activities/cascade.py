"""The cascade explorer of notebook 03: the teaching model with sliders, built to feel instant.

The model itself (``reliefcycle.models.cascade``), the words under the figure
(``reliefcycle.models.cascade_text``) and the static figure (``reliefcycle.figures.cascade``)
live in their own modules; this one holds what a live notebook needs:

- ``CascadePlot``          a figure built once and updated in place (no widgets, testable anywhere)
- ``cascade_explorer()``   the widget (sliders, figure, description, link to the assumptions)

Notebook 03 calls ``cascade.cascade_explorer()``, ``cascade.cascade_static()`` and
``cascade.about_the_model_markdown()``; the last two are imported here so those calls keep
working.
"""

from __future__ import annotations

import html
import io

import ipywidgets as widgets
import numpy as np
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from reliefcycle.core import a11y, about, style
from reliefcycle.core.fallback import StaticFallback
from reliefcycle.figures.cascade import cascade_static
from reliefcycle.models.cascade import (
    EVENT_MINUTE,
    HIGH,
    INTERRUPTERS,
    MINUTES,
    Cascade,
    CascadeParams,
    interrupter,
    simulate,
)
from reliefcycle.models.cascade_text import ABOUT_MODEL, about_the_model_markdown, describe

__all__ = ["CascadePlot", "CascadeWidget", "about_the_model_markdown", "cascade_explorer",
           "cascade_static"]


# --- the figure, built once and updated in place -----------------------------------------------

FIGSIZE = (10, 5.6)
DPI = 80
EMOTION_STYLE = {"color": style.PALETTE["distress"], "linestyle": "-", "linewidth": 3}
RUMINATION_STYLE = {"color": style.PALETTE["cost"], "linestyle": "--", "linewidth": 2.5}
REFERENCE_STYLE = {"color": style.PALETTE["neutral"], "linestyle": ":", "linewidth": 2.5}
FIGURE_ALT = ("Line chart from the conceptual cascade model: negative emotion and rumination "
              "over two hours after an upsetting event, with a shaded band where an "
              "interruption is active and a dotted line for the same run without it. The text "
              "below the figure describes what it shows.")


class CascadePlot:
    """Runs the model and keeps one figure up to date, with no widgets (testable anywhere).

    ``update(params)`` moves the existing lines and band to the new run and returns the
    description; ``png()`` renders the figure.
    """

    def __init__(self, params: CascadeParams | None = None):
        with style.context():
            self.figure = Figure(figsize=FIGSIZE, dpi=DPI, layout="constrained")
            self.canvas = FigureCanvasAgg(self.figure)
            ax = self.ax = self.figure.subplots()
            x = np.arange(MINUTES + 1)
            empty = np.full(MINUTES + 1, np.nan)
            self.band = Rectangle((0, 0), 0, 1, transform=ax.get_xaxis_transform(),
                                  facecolor=style.TINTS["skill"], edgecolor="none",
                                  alpha=0.7, label="Interruption active", zorder=0)
            ax.add_patch(self.band)
            (self.reference,) = ax.plot(x, empty, label="Emotion, no interruption",
                                        **REFERENCE_STYLE)
            (self.emotion,) = ax.plot(x, empty, label="Negative emotion", **EMOTION_STYLE)
            (self.rumination,) = ax.plot(x, empty, label="Rumination", **RUMINATION_STYLE)
            ax.axhline(HIGH, color=style.PALETTE["neutral"], linewidth=1)
            ax.text(MINUTES - 1, HIGH + 0.015, "high", ha="right", va="bottom", fontsize=13)
            ax.axvline(EVENT_MINUTE, color=style.PALETTE["text"], linewidth=1)
            ax.text(EVENT_MINUTE + 1, 1.0, "upsetting\nevent", va="top", fontsize=13)
            ax.set(xlim=(0, MINUTES), ylim=(0, 1.05), xticks=range(0, MINUTES + 1, 15),
                   xlabel="Minutes", ylabel="Level (0 = none, 1 = most)")
            ax.set_title("Teaching model: an emotional cascade", loc="left")
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=12)
        self.run: Cascade | None = None
        self.description = ""
        # Only these artists change. They are drawn on top of a saved picture of everything else
        # (axes, labels, legend), because drawing text is the slow part of a redraw.
        for artist in self.artists:
            artist.set_animated(True)
        self._background = None
        self.update(params if params is not None else CascadeParams())
        # Lay the figure out once, then keep that layout for every update.
        self._draw_background()
        self.figure.set_layout_engine("none")

    @property
    def artists(self) -> list:
        """The artists that change between updates (the rest of the figure never does)."""
        return [self.band, self.reference, self.emotion, self.rumination]

    def update(self, params: CascadeParams) -> str:
        """Run the model with ``params``, move the existing artists and return a description."""
        run = simulate(params)
        without = simulate(CascadeParams(event=params.event, coupling=params.coupling))
        self.run = run
        self.emotion.set_ydata(run.emotion)
        self.rumination.set_ydata(run.rumination)
        window = run.interruption_window
        self.reference.set_ydata(without.emotion if window else np.full(MINUTES + 1, np.nan))
        if window is None:
            self.band.set_visible(False)
        else:
            self.band.set_visible(True)
            self.band.set_x(window[0])
            self.band.set_width(window[1] - window[0])
        self.description = describe(run, without)
        return self.description

    def _draw_background(self) -> None:
        self.canvas.draw()
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)

    def png(self) -> bytes:
        """The figure as PNG bytes: the saved background with the changing artists on top."""
        if self._background is None:
            self._draw_background()
        self.canvas.restore_region(self._background)
        for artist in self.artists:
            if artist.get_visible():
                self.ax.draw_artist(artist)
        buffer = io.BytesIO()
        # Fast compression: the image is sent again on every change of a control.
        PIL.Image.fromarray(np.asarray(self.canvas.buffer_rgba())).save(
            buffer, format="png", compress_level=1)
        return buffer.getvalue()



# --- the widget -----------------------------------------------------------------------------------

def _slider(name: str, value) -> widgets.ValueWidget:
    spec = CascadeParams.ranges()[name]
    common = {"value": value, "min": spec["low"], "max": spec["high"], "step": spec["step"],
              "description": spec["label"], "description_allow_html": False,
              "tooltip": spec["help"], "continuous_update": False,
              "style": {"description_width": "16em"}, "layout": widgets.Layout(width="36em")}
    if spec["whole"]:
        return widgets.IntSlider(**common)
    return widgets.FloatSlider(readout_format=".2f", **common)


class CascadeWidget(StaticFallback, widgets.VBox):
    """Sliders for the event and the link, a choice of interruption and its start, the figure,
    a sentence describing it (announced to screen readers), and the model's assumptions.

    Every control is a standard ipywidgets control with a visible text label, so it works with
    the keyboard (Tab to move, arrow keys to change).
    """

    def __init__(self, params: CascadeParams | None = None):
        start = params if params is not None else CascadeParams()
        self.plot = CascadePlot(start)
        self.sliders = {name: _slider(name, getattr(start, name))
                        for name in CascadeParams.ranges()}
        self.interruption = widgets.Dropdown(
            options=[(i.label, i.id) for i in INTERRUPTERS], value=start.interruption,
            description="Interruption", description_allow_html=False,
            tooltip="Choose what interrupts the loop",
            style={"description_width": "16em"}, layout=widgets.Layout(width="36em"))
        self.interruption_note = widgets.HTML()
        self.image = widgets.HTML()
        self.summary = widgets.HTML()
        self.about = widgets.HTML(
            about.link_html(ABOUT_MODEL),
            layout=widgets.Layout(border=f"1px solid {style.PALETTE['neutral']}",
                                  padding="0 1em", max_width="800px"))
        controls = [self.sliders["event"], self.sliders["coupling"], self.interruption,
                    self.interruption_note, self.sliders["interruption_minute"]]
        super().__init__([widgets.VBox(controls), self.image, self.summary, self.about])
        for control in [*self.sliders.values(), self.interruption]:
            control.observe(self._on_change, names="value")
        self._show()

    def params(self) -> CascadeParams:
        """The settings the controls show now."""
        return CascadeParams(interruption=self.interruption.value,
                             **{name: s.value for name, s in self.sliders.items()})

    def refresh(self) -> str:
        """Update the figure and the description from the controls; returns the description."""
        self.plot.update(self.params())
        self._show()
        return self.plot.description

    def _on_change(self, _change) -> None:
        self.refresh()

    def _show(self) -> None:
        item = interrupter(self.interruption.value)
        self.interruption_note.value = f"<p>{html.escape(item.description)}</p>"
        self.image.value = style.img_html(self.plot.png(), FIGURE_ALT, max_width="800px")
        self.summary.value = ('<div role="status" aria-live="polite"><p>'
                              f"{html.escape(self.plot.description)}</p></div>")

    def static_html(self) -> str:
        return ("<p><em>The live cascade model needs a running Python kernel. The figure below "
                "it shows the same model for fixed settings.</em></p>" + about.link_html(ABOUT_MODEL))

    def static_text(self) -> str:
        return "The cascade model (live in JupyterLab). " + self.plot.description


def cascade_explorer(params: CascadeParams | None = None) -> CascadeWidget:
    """The interactive cascade model for a notebook: ``cascade_explorer()`` ends a cell."""
    a11y.label_controls()
    return CascadeWidget(params)
