"""Schema of the effect sizes of notebook 05, ``effects.csv``.

One row is one comparison: the treatment and what it was compared with, who was studied, the
outcome, the effect measure, the estimate with its 95% confidence interval, which direction
favours the treatment (``better``), what kind of evidence it is, the citation key, and where the
number was checked (``source``: findings.md, or the page it was verified on). Every field is
required. Whether the key is in ``references.bib`` is checked by ``reliefcycle.models.effects``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from pydantic import FiniteFloat, model_validator

from reliefcycle.data import Row
from reliefcycle.data.fields import Text

FILE = "effects.csv"
#: The effect measures (what each means: ``reliefcycle.models.effects.MEASURES``).
MEASURES = ("g", "d", "OR", "risk difference")
#: Measures that are ratios, so that 1 means no difference and every value is above 0.
RATIOS = ("OR",)
DIRECTIONS = ("lower", "higher")


class Effect(Row):
    """One row of the file: a comparison between a treatment and a comparison condition."""

    NUMBERS = ("estimate", "ci_low", "ci_high")
    key: Text
    treatment: Text
    comparison: Text
    population: Text
    outcome: Text
    measure: Literal[MEASURES]
    estimate: FiniteFloat
    ci_low: FiniteFloat
    ci_high: FiniteFloat
    better: Literal[DIRECTIONS]
    evidence: Text
    source: Text

    @model_validator(mode="after")
    def _within_interval(self):
        low, high = self.number(self.ci_low), self.number(self.ci_high)
        if self.ci_low > self.ci_high:
            raise ValueError(f"field 'ci_low': the interval runs the wrong way ({low} is above "
                             f"{high})")
        if not self.ci_low <= self.estimate <= self.ci_high:
            raise ValueError(f"field 'estimate': {self.number(self.estimate)} lies outside its "
                             f"own interval ({low} to {high})")
        if self.measure in RATIOS and self.ci_low <= 0:
            raise ValueError("field 'ci_low': a ratio must be above 0")
        return self


COLUMNS = Effect.columns()


def name(row: Mapping) -> str:
    """What a row is called in messages besides its number: "DBT-A / self-harm"."""
    return " / ".join(p.strip() for p in (row.get("treatment"), row.get("outcome")) if p and p.strip())
