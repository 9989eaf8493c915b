"""Schema of the prevalence estimates of notebook 01, ``prevalence.csv``.

One row is one pooled estimate from a meta-analysis: who was studied, the age group, the measure
(lifetime or 12-month), the definition, the estimate in percent with its 95% confidence interval
(both ends blank when the source gives none), the citation key and an optional note for the table.
Whether the key is in ``references.bib`` is checked by ``reliefcycle.models.prevalence``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import AfterValidator, FiniteFloat, model_validator

from reliefcycle.data import Row
from reliefcycle.data.fields import Text

FILE = "prevalence.csv"
#: The allowed values of the three categories, in the order the explorer offers them.
AGE_GROUPS = ("adolescents", "young adults", "adults")
MEASURES = ("lifetime", "12-month")
#: A source that reports "deliberate self-harm" without saying whether acts with suicidal intent
#: were counted gets the third label: calling it "any intent" would claim more than it says.
DEFINITIONS = ("NSSI", "self-harm (any intent)", "deliberate self-harm (intent not stated)")


def _percentage(value: float) -> float:
    if not 0 <= value <= 100:
        raise ValueError(f"a percentage must lie between 0 and 100 (found {value:g})")
    return value


Percent = Annotated[FiniteFloat, AfterValidator(_percentage)]


class Estimate(Row):
    """One row of the file: a pooled prevalence estimate, in percent, with its citation key."""

    NUMBERS = ("estimate", "ci_low", "ci_high")
    key: Text
    population: Text
    age_group: Literal[AGE_GROUPS]
    measure: Literal[MEASURES]
    definition: Literal[DEFINITIONS]
    estimate: Percent
    ci_low: Percent | None = None
    ci_high: Percent | None = None
    note: str = ""

    @model_validator(mode="after")
    def _within_interval(self):
        low, high = self.ci_low, self.ci_high
        if (low is None) != (high is None):
            field = "ci_high" if high is None else "ci_low"
            raise ValueError(f"field '{field}': Field required; give both ends of the interval "
                             "or leave both blank")
        if low is not None and not low <= self.estimate <= high:
            raise ValueError(f"field 'estimate': {self.number(self.estimate)} lies outside its "
                             f"confidence interval {self.number(low)} to {self.number(high)}")
        return self


COLUMNS = Estimate.columns()


def name(row: Mapping) -> str:
    """What a row is called in messages besides its number: its citation key."""
    return (row.get("key") or "").strip()
