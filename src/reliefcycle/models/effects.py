"""How much treatments help, and how sure we are: the effect sizes of notebook 05.

The numbers live in ``data/effects.csv``, one row per comparison: the treatment and what it was
compared with, who was studied, the outcome, the effect measure (``g``, ``d``, ``OR`` or
``risk difference``), the estimate with its 95% confidence interval, which direction favours
the treatment (``better``: ``lower`` or ``higher``), what kind of evidence it is, the citation
key, and where the number was checked (``source``: findings.md, or the page it was verified on).

``load`` reads the file and checks each row against its schema, ``reliefcycle.data.effects``,
and each key against ``references.bib``. A missing field, an unknown measure or direction, a
number that is not a number, an interval the wrong way round, an estimate outside its own
interval or an unknown key is an ``EffectsDataError`` that names the file, the row and the
field. ``reading_help(effect)`` says what a number means in plain language, and what its
interval adds.

The forest plot is in ``reliefcycle.figures.effects``; the graded claims about treatment in
``reliefcycle.models.treatment_claims``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from reliefcycle import data
from reliefcycle.core.citations import Bibliography, bibliography
from reliefcycle.data import DataError, row_name, validate_rows
from reliefcycle.data import effects as schema
from reliefcycle.data.effects import COLUMNS as COLUMNS


class EffectsDataError(DataError):
    """A problem in the effect-size data; the message names the file, the row and the field."""


@dataclass(frozen=True)
class Measure:
    """One way of expressing a treatment effect."""

    name: str         #: as written in the data file and after the estimate, e.g. "g"
    long: str         #: e.g. "Hedges' g"
    null: float       #: the value that means "no difference"
    log_scale: bool   #: ratios are drawn on a log scale, so 0.5 and 2 are equally far from 1
    meaning: str      #: one sentence for the reading help


MEASURES = {
    "g": Measure("g", "Hedges' g", 0.0, False,
                 "a standardised mean difference: how far apart the average outcomes of the two "
                 "groups are, in standard deviations (the usual spread of scores)"),
    "d": Measure("d", "Cohen's d", 0.0, False,
                 "a standardised mean difference, like g: how far apart the average outcomes of "
                 "the two groups are, in standard deviations"),
    "OR": Measure("OR", "odds ratio", 1.0, True,
                  "an odds ratio: the odds of the outcome with the treatment divided by the odds "
                  "with the comparison, so 1 means no difference"),
    "risk difference": Measure("risk difference", "risk difference", 0.0, False,
                               "a risk difference: the share of people with the outcome after "
                               "the treatment minus the share after the comparison"),
}


class Effect(schema.Effect):
    """One comparison between a treatment and a comparison condition."""

    citation: str = ""  #: the APA in-text citation, e.g. "Kothgassner et al., 2021"

    @property
    def kind(self) -> Measure:
        return MEASURES[self.measure]

    @property
    def value_text(self) -> str:
        """For example "g = -0.44 (95% CI -0.81 to -0.07)", as the notebook writes it."""
        return (f"{self.measure} = {self.number(self.estimate)} (95% CI "
                f"{self.number(self.ci_low)} to {self.number(self.ci_high)})")

    @property
    def favours_treatment(self) -> bool:
        """True when the estimate lies on the side of "no difference" that favours the treatment."""
        below = self.estimate < self.kind.null
        return below if self.better == "lower" else self.estimate > self.kind.null

    @property
    def interval_includes_no_difference(self) -> bool:
        return self.ci_low <= self.kind.null <= self.ci_high

    @property
    def label(self) -> str:
        """Two lines for the plot: what was compared on which outcome, then who and the source."""
        return (f"{self.treatment} vs {self.comparison}: {self.outcome}\n"
                f"{self.population} ({self.citation})")


# --- loading and checking -------------------------------------------------------------------

def parse(text: str, bib: Bibliography, source: str = schema.FILE) -> tuple[Effect, ...]:
    """Check the CSV text against the schema and the bibliography; rows become ``Effect``s."""
    effects = validate_rows(text, Effect, file=source, name=schema.name, error=EffectsDataError)
    for e in effects:
        if e.key not in bib.entries:
            raise EffectsDataError(f"{row_name(source, e.row, schema.name(dict(e)))}: field 'key': "
                                   f"'{e.key}' is not in references.bib")
    return tuple(e.model_copy(update={"citation": bib.intext(e.key)}) for e in effects)


def load(path: str | Path | None = None, bib: Bibliography | None = None) -> tuple[Effect, ...]:
    """Read and check the effect sizes (by default the package's ``data/effects.csv``)."""
    if path is None:
        return parse(data.text(schema.FILE), bibliography(bib))
    return parse(Path(path).read_text(encoding="utf-8"), bibliography(bib), Path(path).name)


# --- reading help ---------------------------------------------------------------------------

def _pairs_out_of_100(smd: float) -> int:
    """Common-language reading of a standardised difference: in how many of 100 random pairs
    (one person from each group) the treated person has the better outcome, assuming
    bell-shaped scores with equal spread. 50 means no difference."""
    return round(100 * 0.5 * (1 + math.erf(abs(smd) / 2)))


def reading_help(effect: Effect) -> str:
    """What an effect size means, in plain language, and what its interval adds."""
    kind = effect.kind
    size = abs(effect.estimate)
    lines = [f"**{effect.value_text}** ({effect.citation}): {effect.treatment} vs "
             f"{effect.comparison}, {effect.outcome}, in {effect.population}; "
             f"{effect.evidence}. The measure is {kind.meaning}."]
    if effect.measure in ("g", "d"):
        near, far = sorted((abs(effect.ci_low), abs(effect.ci_high)))
        lines.append(
            f"On {effect.outcome}, the groups that had {effect.treatment} did better than the "
            f"comparison groups by about {size:.2f} standard deviations. As a rough translation "
            "(assuming bell-shaped scores): compare one randomly chosen person from each group, "
            f"and the one who had {effect.treatment} does better in about "
            f"{_pairs_out_of_100(size)} of 100 such pairs, where 50 would mean no difference. "
            "Self-harm counts are not bell-shaped, so treat this as a rough guide.")
        if effect.interval_includes_no_difference:
            lines.append("The interval includes 0, so the data also fit no difference at all.")
        else:
            lines.append(
                f"The interval runs from {near:.2f} to {far:.2f} standard deviations (about "
                f"{_pairs_out_of_100(near)} to {_pairs_out_of_100(far)} pairs in 100): the data "
                "fit any benefit in that range, but not no benefit. The wider the interval, the "
                "less sure we can be of the size.")
    elif effect.measure == "OR":
        share = "about a third" if 0.3 <= effect.estimate < 0.4 else f"{effect.estimate:.2f} times"
        lines.append(
            f"The odds of {effect.outcome} with {effect.treatment} were {share} as high as with "
            f"{effect.comparison}. Odds are not risk: the odds compare people who had the "
            "outcome with people who did not, so an odds ratio is not the share of people "
            "spared; when an outcome is common, it makes a difference look bigger than the ratio "
            "of shares does.")
        if effect.interval_includes_no_difference:
            lines.append(
                f"But the interval runs from {effect.number(effect.ci_low)} to "
                f"{effect.number(effect.ci_high)} and includes 1 (no difference), so the data "
                "also fit no effect: a promising estimate, not an established one.")
        else:
            lines.append(f"The interval runs from {effect.number(effect.ci_low)} to "
                         f"{effect.number(effect.ci_high)} and does not include 1.")
    else:
        fewer = [round(100 * abs(v)) for v in (effect.estimate, effect.ci_high, effect.ci_low)]
        lines.append(
            f"About {fewer[0]} fewer people in every 100 had the outcome ({effect.outcome}) with "
            f"{effect.treatment} than with {effect.comparison}; the interval runs from "
            f"{fewer[1]} to {fewer[2]} fewer in 100. A pooled difference can differ from the "
            "raw difference between the groups' overall shares because pooling weights trials "
            "differently.")
    return " ".join(lines)



def reading_help_markdown(measures=("g", "OR", "risk difference"),
                          effects: tuple[Effect, ...] | None = None) -> str:
    """Reading help for the first row of each measure named, one paragraph each."""
    effects = load() if effects is None else effects
    chosen = [next(e for e in effects if e.measure == m) for m in measures]
    return "\n\n".join(reading_help(e) for e in chosen) + "\n"
