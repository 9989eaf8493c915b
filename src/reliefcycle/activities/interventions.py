"""The intervention explorer of notebook 05: where parts of treatment act on the cycle.

Switch on a part of treatment and see, at once, which stages of the cycle it acts on and what
the conceptual learning model does over 12 weeks. The mapping and the model runs are in
``reliefcycle.models.interventions``, the diagram and the static figure in
``reliefcycle.figures.interventions``; this module holds the live part:

- ``InterventionExplorer``   the diagram and a chart, built once; ``update`` changes them in
                             place and returns a description (no widgets, testable anywhere)
- ``InterventionWidget``     labelled check boxes wired to the explorer, with a static version
                             for exports (``StaticFallback``)
- ``about_components_markdown``   how the model represents each part, with the model's box

Notebook 05 calls ``interventions.intervention_explorer()``, ``small_multiples()``,
``cycle_with_components()``, ``about_components_markdown()`` and ``COMPONENT_IDS``; all are
importable from here.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

import ipywidgets as widgets
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from reliefcycle.activities import explore
from reliefcycle.core import about, style
from reliefcycle.core.fallback import StaticFallback
from reliefcycle.figures.interventions import ComponentDiagram, cycle_with_components, small_multiples
from reliefcycle.models.interventions import (
    COMPONENT_IDS,
    COMPONENTS,
    N_DAYS,
    N_PEOPLE,
    SEED,
    WEEKS,
    chosen_components,
    describe,
    run,
)

__all__ = ["COMPONENT_IDS", "InterventionExplorer", "InterventionWidget",
           "about_components_markdown", "cycle_with_components", "intervention_explorer",
           "small_multiples"]

CHART_DPI = 80


# --- the explorer -----------------------------------------------------------------------------

CHART_ALT = (f"Two line charts from the conceptual teaching model, over {WEEKS} weeks, each "
             "comparing no part of treatment switched on (dashed line) with the parts switched "
             "on (solid line): days with distress over the threshold ('urges' in the model) "
             "per simulated person in each week, and the share of all urges so far met by "
             "self-injury. The text below the figure gives the numbers.")


class InterventionExplorer:
    """The intervention explorer without widgets: a diagram and a chart, each built once.

    ``update(active)`` runs the model with those components switched on, restyles the diagram,
    moves the chart's lines, and returns a description. ``diagram.png()`` and
    ``chart_png()`` render the current pictures.
    """

    def __init__(self, n_people: int = N_PEOPLE, seed: int = SEED):
        self.n_people, self.seed = n_people, seed
        self.baseline = run((), n_people, seed)
        self.outcome = self.baseline
        self.diagram = ComponentDiagram()
        with style.context():
            self._build_chart()
        self.description = ""
        self.update(())

    def _build_chart(self) -> None:
        fig = Figure(figsize=(10, 6), dpi=CHART_DPI, layout="constrained")
        FigureCanvasAgg(fig)
        self.chart = fig
        self.ax_urges, self.ax_share = fig.subplots(2, 1, sharex=True)
        weeks = np.arange(1, WEEKS + 1)
        days = np.arange(N_DAYS) / 7.0 + 1 / 7
        none_look = {"color": style.PALETTE["neutral"], "linestyle": "--", "linewidth": 2.5,
                     "label": "None switched on"}
        chosen_look = {"color": style.PALETTE["skill"], "linewidth": 3,
                       "label": "Parts switched on"}
        ax = self.ax_urges
        ax.plot(weeks, self.baseline.weekly_urges, marker="s", **none_look)
        (self.urges_line,) = ax.plot(weeks, self.baseline.weekly_urges, marker="o",
                                     **chosen_look)
        top = max(1.0, float(np.ceil(self.baseline.weekly_urges.max() + 0.5)))
        ax.set(ylim=(0, top), ylabel="Days per\nperson")
        ax.set_title("Days with distress over the threshold ('urges' in the model), each week",
                     loc="left", fontsize=14)
        ax = self.ax_share
        ax.plot(days, self.baseline.share_so_far, **none_look)
        (self.share_line,) = ax.plot(days, self.baseline.share_so_far, **chosen_look)
        ax.set(ylim=(0, 1), ylabel="Urges met by\nself-injury", xlabel="Week",
               xlim=(0, WEEKS + 0.2), xticks=range(0, WEEKS + 1, 2))
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_title("Share of urges so far met by self-injury", loc="left", fontsize=14)
        for ax in (self.ax_urges, self.ax_share):
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=12)
        # Lay the chart out once and keep that layout. Only the two solid lines change, so they
        # are drawn on top of a saved picture of everything else (drawing text is the slow part).
        for line in (self.urges_line, self.share_line):
            line.set_animated(True)
        fig.canvas.draw()
        fig.set_layout_engine("none")
        self._background = fig.canvas.copy_from_bbox(fig.bbox)

    def update(self, active: Iterable[str]) -> str:
        chosen = tuple(c.id for c in chosen_components(active))
        self.outcome = run(chosen, self.n_people, self.seed) if chosen else self.baseline
        self.diagram.show(chosen)
        self.urges_line.set_ydata(self.outcome.weekly_urges)
        self.share_line.set_ydata(self.outcome.share_so_far)
        self.description = describe(chosen, self.outcome, self.baseline)
        return self.description

    def chart_png(self) -> bytes:
        """The chart as PNG bytes (800 x 480 pixels): the saved background plus the lines."""
        canvas = self.chart.canvas
        canvas.restore_region(self._background)
        for line in (self.urges_line, self.share_line):
            line.axes.draw_artist(line)
        return explore._png(np.asarray(canvas.buffer_rgba()))


def about_components_markdown() -> str:
    """How each part of treatment is represented in the model, and what that leaves out."""
    lines = ["**How the explorer represents each part of treatment**", "",
             "| | part of treatment | where it acts on the cycle | what changes in the model |",
             "|---|---|---|---|"]
    lines += [f"| {c.letter} | {c.label} | {c.acts_on} | {c.in_model} |" for c in COMPONENTS]
    lines += ["", "*Beyond the model's own limits (below), this mapping also leaves out:*", "",
              "- that each part takes weeks to learn or to arrange: here it is fully on from "
              "day 1 and stays on;",
              "- how the parts work together in a real treatment, and the relationship in which "
              "they are learned;",
              "- that a treatment can help in ways the model has no setting for (hope, meaning, "
              "feeling understood).", "",
              "*The model's own description, as in notebook 02 (its section numbers refer to "
              "notebook 02):*"]
    return "\n".join(lines) + "\n\n" + explore.about_the_model_markdown()


def about_components_html() -> str:
    """The table of ``about_components_markdown`` as HTML for the widget, with a link to the
    model's box (shown once, in the notebook cell above the explorer)."""
    rows = "".join(f"<tr><td>{c.letter}</td><td>{html.escape(c.label)}</td>"
                   f"<td>{html.escape(c.acts_on)}</td><td>{html.escape(c.in_model)}</td></tr>"
                   for c in COMPONENTS)
    return ("<p><strong>How the explorer represents each part of treatment</strong></p>"
            "<table><thead><tr><th></th><th>part of treatment</th><th>where it acts on the "
            "cycle</th><th>what changes in the model</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>" + about.link_html(explore.ABOUT_MODEL))


class InterventionWidget(StaticFallback, widgets.VBox):
    """Labelled check boxes, the cycle diagram, the model's chart and a description.

    Every control is a standard check box with a visible text label, so it can be reached
    with the Tab key, switched with the Space bar and read by a screen reader.
    """

    def __init__(self, n_people: int = N_PEOPLE, seed: int = SEED):
        self.explorer = InterventionExplorer(n_people, seed)
        self.boxes = {
            c.id: widgets.Checkbox(value=False, description=f"{c.letter}. {c.label}",
                                   indent=False, tooltip=c.what,
                                   layout=widgets.Layout(width="30em"))
            for c in COMPONENTS}
        heading = widgets.HTML("<p><strong>Switch on parts of treatment:</strong></p>")
        self.diagram_image = widgets.HTML(layout=widgets.Layout(max_width="800px"))
        self.chart_image = widgets.HTML(layout=widgets.Layout(max_width="800px"))
        self.summary = widgets.HTML()
        mapping = widgets.HTML(
            "<details><summary>How the model represents each part of treatment</summary>"
            + about_components_html() + "</details>")
        super().__init__(children=[heading, widgets.VBox(list(self.boxes.values())),
                                   self.diagram_image, self.chart_image, self.summary, mapping])
        for box in self.boxes.values():
            box.observe(self._on_change, names="value")
        self._show()

    def active(self) -> tuple[str, ...]:
        return tuple(cid for cid, box in self.boxes.items() if box.value)

    def _on_change(self, _change) -> None:
        self.explorer.update(self.active())
        self._show()

    def _show(self) -> None:
        e = self.explorer
        self.diagram_image.value = style.img_html(e.diagram.png(), e.diagram.alt(),
                                                  max_width="800px")
        self.chart_image.value = style.img_html(e.chart_png(), CHART_ALT, max_width="800px")
        self.summary.value = (f'<div role="status" aria-live="polite"><p>'
                              f"{html.escape(e.description)}</p></div>")

    def static_html(self) -> str:
        return ("<p><em>The live intervention explorer needs a running Python kernel. The "
                "figures below it show the diagram with every part switched on, and each part "
                "on its own in the model.</em></p>" + about_components_html())

    def static_text(self) -> str:
        return "The intervention explorer (live in JupyterLab). " + self.explorer.description


def intervention_explorer(n_people: int = N_PEOPLE, seed: int = SEED) -> InterventionWidget:
    """The interactive explorer for a notebook: ``intervention_explorer()`` as a cell's last line."""
    return InterventionWidget(n_people, seed)
