"""How common self-injury is, by study and measure: the prevalence data of notebook 01.

The estimates live in ``data/prevalence.csv``, one row per pooled estimate from a meta-analysis:
who was studied, the age group, the measure (lifetime or 12-month), the definition (NSSI;
self-harm of any intent; or deliberate self-harm whose source does not say whether acts with
suicidal intent were counted), the estimate in percent, its 95% confidence interval (blank when the
source gives none), the citation key and an optional note for the table. ``load`` reads and
checks the file: a missing field, a value outside the allowed categories, an estimate outside its
own interval or a key that is not in ``references.bib`` is a ``PrevalenceDataError`` naming the
row and the field.

The rest is plain Python, testable without a browser or a figure:

- ``select`` and ``describe``   filtering, and a few sentences describing what is shown
- ``figure_alt``                the figure's text alternative: every estimate in words
- ``table_markdown``            every estimate as a table, the text version of the figure

The figure is in ``reliefcycle.figures.prevalence``, the explorer widget in
``reliefcycle.prevalence``.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from reliefcycle.citations import Bibliography, bibliography

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
