"""How common self-injury is, by study and measure: the prevalence data of notebook 01.

The estimates live in ``data/prevalence.csv``, one row per pooled estimate from a meta-analysis:
who was studied, the age group, the measure (lifetime or 12-month), the definition (NSSI;
self-harm of any intent; or deliberate self-harm whose source does not say whether acts with
suicidal intent were counted), the estimate in percent, its 95% confidence interval (blank when the
source gives none), the citation key and an optional note for the table. ``load`` reads the
file and checks each row against its schema, ``reliefcycle.data.prevalence``, and each key
against ``references.bib``: a missing field, a value outside the allowed categories, an estimate
outside its own interval or an unknown key is a ``PrevalenceDataError`` naming the file, the row
and the field.

The rest is plain Python, testable without a browser or a figure:

- ``select`` and ``describe``   filtering, and a few sentences describing what is shown
- ``figure_alt``                the figure's text alternative: every estimate in words
- ``table_markdown``            every estimate as a table, the text version of the figure

The figure is in ``reliefcycle.figures.prevalence``, the explorer widget in
``reliefcycle.activities.prevalence``.
"""

from __future__ import annotations

from pathlib import Path

from reliefcycle import data
from reliefcycle.core.citations import Bibliography, bibliography
from reliefcycle.data import DataError, row_name, validate_rows
from reliefcycle.data import prevalence as schema
from reliefcycle.data.prevalence import AGE_GROUPS, DEFINITIONS, MEASURES
from reliefcycle.data.prevalence import COLUMNS as COLUMNS

#: Choosing this in a filter keeps every value of that category.
ALL = "all"
CATEGORIES = {"age_group": AGE_GROUPS, "measure": MEASURES, "definition": DEFINITIONS}
NO_CI = "no CI given"
NO_MATCH = "This data set has no estimate for that combination; choose another."


class PrevalenceDataError(DataError):
    """A problem in the prevalence data; the message names the file, the row and the field."""


class Estimate(schema.Estimate):
    """One pooled prevalence estimate, in percent, with its source."""

    source: str = ""  # the APA in-text citation, e.g. "Lim et al., 2019", from references.bib

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


# --- loading and checking -------------------------------------------------------------------

def parse(text: str, bib: Bibliography, source: str = schema.FILE) -> tuple[Estimate, ...]:
    """Check the CSV text against the schema and the bibliography; rows become ``Estimate``s."""
    estimates = validate_rows(text, Estimate, file=source, name=schema.name,
                              error=PrevalenceDataError)
    for e in estimates:
        if e.key not in bib:
            raise PrevalenceDataError(f"{row_name(source, e.row, e.key)}: field 'key': "
                                      f"'{e.key}' is not in {bib.source}")
    return tuple(e.model_copy(update={"source": bib.intext(e.key)}) for e in estimates)


def load(path: str | Path | None = None,
         bib: Bibliography | str | Path | None = None) -> tuple[Estimate, ...]:
    """Read and check the estimates (by default the package's ``data/prevalence.csv``);
    ``bib`` is a ``Bibliography`` or the path to one."""
    if path is None:
        return parse(data.text(schema.FILE), bibliography(bib))
    return parse(Path(path).read_text(encoding="utf-8"), bibliography(bib), Path(path).name)


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
