"""The prevalence explorer of notebook 01: how common self-injury is, by study and measure.

The estimates live in ``data/prevalence.csv``, one row per pooled estimate from a meta-analysis:
who was studied, the age group, the measure (lifetime or 12-month), the definition (NSSI;
self-harm of any intent; or deliberate self-harm whose source does not say whether acts with
suicidal intent were counted), the estimate in percent, its 95% confidence interval (blank when the
source gives none), the citation key and an optional note for the table. ``load`` reads and
checks the file: a missing field, a value outside the allowed categories, an estimate outside its
own interval or a key that is not in ``references.bib`` is a ``PrevalenceDataError`` naming the
row and the field.

The rest is split so it can be tested without a browser:

- ``select`` and ``describe``   pure filtering and a sentence describing what is shown
- ``ForestPlot``                one figure, built once; ``update`` moves its artists in place
- ``PrevalenceExplorer``        three labelled drop-downs wired to a ``ForestPlot``, with a
                                static version for exports (``StaticFallback``)
- ``static_plot``               every estimate in one figure, for the book and the slides
"""

from __future__ import annotations

import csv
import html
import io
import math
import textwrap
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import PercentFormatter
from matplotlib.transforms import blended_transform_factory

from . import a11y, style
from .citations import Bibliography, bibliography
from .fallback import StaticFallback

#: The allowed values of the three categories, in the order the explorer offers them.
AGE_GROUPS = ("adolescents", "young adults", "adults")
MEASURES = ("lifetime", "12-month")
#: A source that reports "deliberate self-harm" without saying whether acts with suicidal intent
#: were counted gets the third label: calling it "any intent" would claim more than it says.
DEFINITIONS = ("NSSI", "self-harm (any intent)", "deliberate self-harm (intent not stated)")
#: Choosing this in a filter keeps every value of that category.
ALL = "all"

COLUMNS = ("key", "population", "age_group", "measure", "definition", "estimate", "ci_low",
           "ci_high", "note")
REQUIRED = ("key", "population", "age_group", "measure", "definition", "estimate")
CATEGORIES = {"age_group": AGE_GROUPS, "measure": MEASURES, "definition": DEFINITIONS}

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
NO_CI = "no CI given"
NO_MATCH = "This data set has no estimate for that combination; choose another."


class PrevalenceDataError(ValueError):
    """A problem in the prevalence data; the message names the row and the field."""


@dataclass(frozen=True)
class Estimate:
    """One pooled prevalence estimate, in percent, with its source."""

    row: int
    key: str
    source: str  # the APA in-text citation, e.g. "Lim et al., 2019"
    population: str
    age_group: str
    measure: str
    definition: str
    estimate: float
    ci_low: float | None
    ci_high: float | None
    note: str = ""
    decimals: int = 1  # as many as the source gives, so "11.0" stays "11.0"

    @property
    def has_ci(self) -> bool:
        return self.ci_low is not None

    @property
    def label(self) -> str:
        """Two lines for the plot: the source, then what was counted in whom."""
        return f"{self.source}\n{self.age_group} · {self.definition} · {self.measure}"

    @property
    def what(self) -> str:
        """What was counted in whom, in one line: "adolescents, NSSI, lifetime"."""
        return f"{self.age_group}, {self.definition}, {self.measure}"

    def value_text(self) -> str:
        """For example "22.1% (CI 16.9–28.4)" or "17.2% (no CI given)"."""
        interval = (f"CI {self.number(self.ci_low)}\N{EN DASH}{self.number(self.ci_high)}"
                    if self.has_ci else NO_CI)
        return f"{self.number(self.estimate)}% ({interval})"

    def number(self, value: float) -> str:
        """A percentage with as many decimals as the source gives."""
        return f"{value:.{self.decimals}f}"


def _decimals(*texts: str) -> int:
    return max((len(t.partition(".")[2]) for t in texts if t), default=0)


# --- loading and checking -------------------------------------------------------------------

def parse(rows: list[dict], bib: Bibliography, source: str = "prevalence.csv") -> tuple[Estimate, ...]:
    """Check the rows of the data file and turn them into ``Estimate`` objects.

    Rows are numbered as in a spreadsheet: the header is row 1, the first estimate row 2.
    """
    estimates = []
    for number, raw in enumerate(rows, start=2):
        row = {name: (raw.get(name) or "").strip() for name in COLUMNS}
        where = f"{source}, row {number}" + (f" ({row['key']})" if row["key"] else "")

        def fail(field: str, problem: str, where=where):
            raise PrevalenceDataError(f"{where}: field '{field}' {problem}")

        for field in REQUIRED:
            if not row[field]:
                fail(field, "is missing")
        for field, allowed in CATEGORIES.items():
            if row[field] not in allowed:
                fail(field, f"is '{row[field]}'; use one of: {', '.join(allowed)}")
        numbers = {}
        for field in ("estimate", "ci_low", "ci_high"):
            if row[field]:
                try:
                    numbers[field] = float(row[field])
                except ValueError:
                    fail(field, f"is '{row[field]}', which is not a number")
                if not (math.isfinite(numbers[field]) and 0 <= numbers[field] <= 100):
                    fail(field, f"is {row[field]}; a percentage must lie between 0 and 100")
        low, high = numbers.get("ci_low"), numbers.get("ci_high")
        if (low is None) != (high is None):
            fail("ci_high" if high is None else "ci_low",
                 "is missing; give both ends of the interval or leave both blank")
        if low is not None and not low <= numbers["estimate"] <= high:
            fail("estimate", f"{row['estimate']} lies outside its confidence interval "
                             f"{row['ci_low']} to {row['ci_high']}")
        if row["key"] not in bib:
            fail("key", f"'{row['key']}' is not in {bib.source}")
        estimates.append(Estimate(
            row=number, key=row["key"], source=bib.intext(row["key"]),
            population=row["population"], age_group=row["age_group"], measure=row["measure"],
            definition=row["definition"], estimate=numbers["estimate"], ci_low=low, ci_high=high,
            note=row["note"], decimals=_decimals(row["estimate"], row["ci_low"], row["ci_high"])))
    if not estimates:
        raise PrevalenceDataError(f"{source}: has no estimates")
    return tuple(estimates)


def read_rows(path: str | Path | None = None) -> list[dict]:
    """The rows of the data file as dictionaries (the package's own file by default)."""
    text = (Path(path).read_text(encoding="utf-8") if path is not None else
            resources.files("reliefcycle").joinpath("data", "prevalence.csv").read_text("utf-8"))
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
    if missing:
        raise PrevalenceDataError(f"{Path(path).name if path else 'prevalence.csv'}: header "
                                  f"row 1 lacks the column(s) {', '.join(missing)}")
    return list(reader)


def load(path: str | Path | None = None,
         bib: Bibliography | str | Path | None = None) -> tuple[Estimate, ...]:
    """Read and check the estimates; ``bib`` is a ``Bibliography`` or the path to one."""
    bib = bibliography(bib)
    source = Path(path).name if path is not None else "prevalence.csv"
    return parse(read_rows(path), bib, source)


# --- pure logic: filtering and describing -------------------------------------------------------

def select(estimates, age_group: str = ALL, measure: str = ALL,
           definition: str = ALL) -> tuple[Estimate, ...]:
    """The estimates that match every choice (``ALL`` keeps every value), in file order."""
    chosen = {"age_group": age_group, "measure": measure, "definition": definition}
    for field, value in chosen.items():
        if value != ALL and value not in CATEGORIES[field]:
            raise ValueError(f"{field} must be '{ALL}' or one of: "
                             f"{', '.join(CATEGORIES[field])} (got {value!r})")
    return tuple(e for e in estimates
                 if all(value in (ALL, getattr(e, field)) for field, value in chosen.items()))


def _choices_text(age_group: str, measure: str, definition: str) -> str:
    parts = [("age group", age_group), ("measure", measure), ("definition", definition)]
    return "; ".join(f"{name}: {'all' if value == ALL else value}" for name, value in parts)


def describe(selected, total: int, age_group: str = ALL, measure: str = ALL,
             definition: str = ALL) -> str:
    """A few sentences saying what the figure shows for these choices."""
    choices = _choices_text(age_group, measure, definition)
    if not selected:
        return f"{NO_MATCH} (You chose {choices}.)"
    if len(selected) == 1:
        (only,) = selected
        return (f"Showing 1 of {total} estimates ({choices}). "
                f"{only.source}, {only.what}: {only.value_text()}.")
    shown = "all" if len(selected) == total else f"{len(selected)} of"
    low = min(selected, key=lambda e: e.estimate)
    high = max(selected, key=lambda e: e.estimate)
    text = [f"Showing {shown} {total} estimates ({choices}).",
            f"They range from {low.number(low.estimate)}% ({low.source}: {low.what}) "
            f"to {high.number(high.estimate)}% ({high.source}: {high.what})."]
    with_ci = [e for e in selected if e.has_ci]
    without = len(selected) - len(with_ci)
    if with_ci:
        widest = max(with_ci, key=lambda e: e.ci_high - e.ci_low)
        n = len(with_ci)
        some = "All of them come" if not without else f"{n} of them {'comes' if n == 1 else 'come'}"
        which = "it" if n == 1 else "the widest"
        text.append(f"{some} with a 95% confidence interval; {which} runs from "
                    f"{widest.number(widest.ci_low)}% to {widest.number(widest.ci_high)}% "
                    f"({widest.source}: {widest.what}).")
    if without and with_ci:
        text.append(f"{without} {'comes' if without == 1 else 'come'} without one, because the "
                    "source summary gives none.")
    elif without:
        text.append("None of them comes with a confidence interval, because the source summary "
                    "gives none.")
    text.append("The studies defined and measured self-injury in different ways, so compare "
                "rows rather than quoting one number.")
    return " ".join(text)


def figure_alt(selected) -> str:
    """The text alternative of the figure: every row in words."""
    if not selected:
        return f"An empty chart of prevalence estimates. {NO_MATCH}"
    rows = "; ".join(f"{e.source}, {e.what}: {e.value_text()}" for e in selected)
    return (f"Chart of {len(selected)} pooled prevalence estimates of self-injury from "
            "meta-analyses, one row each, with a dot for the estimate and a horizontal line for "
            f"its 95% confidence interval where the source gives one. {rows}.")


def table_markdown(estimates) -> str:
    """Every estimate as a Markdown table (the text version of the figure)."""
    lines = ["| Source | Who | Age group | Definition | Measure | Estimate (95% CI) | Note |",
             "|---|---|---|---|---|---|---|"]
    for e in estimates:
        lines.append(f"| {e.source} | {e.population} | {e.age_group} | {e.definition} | "
                     f"{e.measure} | {e.value_text()} | {e.note} |")
    return "\n".join(lines) + "\n"


# --- the figure ---------------------------------------------------------------------------------

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


class FigureWithAlt(NamedTuple):
    """A figure and the text alternative that describes it (for ``style.show``)."""

    figure: Figure
    alt: str


def static_plot(estimates=None) -> FigureWithAlt:
    """Every estimate in one figure, for the book and the slides:
    ``fig, alt = static_plot(); style.show(fig, alt)``."""
    estimates = tuple(estimates) if estimates is not None else load()
    plot = ForestPlot(estimates)
    return FigureWithAlt(plot.figure, figure_alt(estimates))


# --- the widget --------------------------------------------------------------------------------

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
