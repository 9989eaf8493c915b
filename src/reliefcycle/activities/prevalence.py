"""The prevalence explorer of notebook 01: how common self-injury is, by study and measure.

Three labelled drop-downs filter the estimates of ``data/prevalence.csv``; the figure and a
summary follow. Loading, checking, filtering and the words are in
``reliefcycle.models.prevalence``, the figure in ``reliefcycle.figures.prevalence``; this module
holds the widget, with a static version for exports (``StaticFallback``).

Notebook 01 calls ``prevalence.explorer()``, ``prevalence.load()``, ``prevalence.static_plot()``
and ``prevalence.table_markdown()``; all are importable from here.
"""

from __future__ import annotations

import html
from pathlib import Path

import ipywidgets as widgets

from reliefcycle.core import a11y, style
from reliefcycle.core.citations import Bibliography
from reliefcycle.core.fallback import StaticFallback
from reliefcycle.figures.prevalence import ForestPlot, static_plot
from reliefcycle.models.prevalence import (
    AGE_GROUPS,
    ALL,
    DEFINITIONS,
    MEASURES,
    describe,
    figure_alt,
    load,
    select,
    table_markdown,
)

__all__ = ["PrevalenceExplorer", "explorer", "load", "static_plot", "table_markdown"]


def _dropdown(description: str, everything: str, values: tuple[str, ...]) -> widgets.Dropdown:
    return widgets.Dropdown(
        options=[(everything, ALL)] + [(v, v) for v in values], value=ALL,
        description=description, description_allow_html=False,
        style={"description_width": "9em"}, layout=widgets.Layout(width="30em"))


class PrevalenceExplorer(StaticFallback, widgets.VBox):
    """Three labelled drop-downs (age group, measure, definition), the figure and a summary.

    Drop-downs are standard select controls: Tab reaches them, the arrow keys change them, and
    screen readers read their labels. The summary under the figure is announced when it changes.
    """

    def __init__(self, estimates):
        self.estimates = tuple(estimates)
        self.plot = ForestPlot(self.estimates)
        self.age_group = _dropdown("Age group", "All age groups", AGE_GROUPS)
        self.measure = _dropdown("Measure", "Lifetime and 12-month", MEASURES)
        self.definition = _dropdown("Definition", "All definitions", DEFINITIONS)
        self.controls = (self.age_group, self.measure, self.definition)
        # The figure is an <img> in an HTML widget so it can carry alt text (see explore.py).
        self.image = widgets.HTML()
        self.image.add_class("reliefcycle-prevalence-figure")
        self.summary = widgets.HTML()
        self.summary.add_class("reliefcycle-prevalence-summary")
        self.description = ""
        super().__init__(children=[widgets.VBox(list(self.controls)), self.image, self.summary])
        for control in self.controls:
            control.observe(lambda _change: self.refresh(), names="value")
        self.refresh()

    def choices(self) -> dict[str, str]:
        return {"age_group": self.age_group.value, "measure": self.measure.value,
                "definition": self.definition.value}

    def refresh(self) -> str:
        """Filter with the current choices, update the figure in place and the summary."""
        choices = self.choices()
        selected = select(self.estimates, **choices)
        self.plot.update(selected)
        self.description = describe(selected, len(self.estimates), **choices)
        self.image.value = style.img_html(self.plot.png(), figure_alt(selected), max_width="880px")
        self.summary.value = (f'<div role="status" aria-live="polite"><p>'
                              f"{html.escape(self.description)}</p></div>")
        return self.description

    def static_html(self) -> str:
        return ("<p><em>The live explorer needs a running Python kernel. The figure below it "
                "shows every estimate, and this table gives the same numbers.</em></p>"
                + _table_html(self.estimates))

    def static_text(self) -> str:
        return ("The prevalence explorer (live in JupyterLab). "
                + describe(self.estimates, len(self.estimates)))


def _table_html(estimates) -> str:
    head = "".join(f"<th>{h}</th>" for h in ("Source", "Who", "Age group", "Definition",
                                             "Measure", "Estimate (95% CI)", "Note"))
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(v)}</td>" for v in (
            e.source, e.population, e.age_group, e.definition, e.measure, e.value_text(),
            e.note))
        + "</tr>" for e in estimates)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def explorer(path: str | Path | None = None,
             bib: Bibliography | str | Path | None = None) -> PrevalenceExplorer:
    """The interactive explorer for a notebook: ``explorer()`` as the last line of a cell."""
    a11y.label_controls()
    return PrevalenceExplorer(load(path, bib))
