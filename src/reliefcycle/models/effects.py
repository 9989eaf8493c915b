"""How much treatments help, and how sure we are: the effect sizes of notebook 05.

The numbers live in ``data/effects.csv``, one row per comparison: the treatment and what it was
compared with, who was studied, the outcome, the effect measure (``g``, ``d``, ``OR`` or
``risk difference``), the estimate with its 95% confidence interval, which direction favours
the treatment (``better``: ``lower`` or ``higher``), what kind of evidence it is, the citation
key, and where the number was checked (``source``: findings.md, or the page it was verified on).

``load`` reads and checks the file. A missing field, an unknown measure or direction, a number
that is not a number, an interval the wrong way round, an estimate outside its own interval or
a key that is not in ``references.bib`` is an ``EffectsDataError`` that names the row and the
field. ``reading_help(effect)`` says what a number means in plain language, and what its
interval adds.

The forest plot is in ``reliefcycle.figures.effects``; the graded claims about treatment in
``reliefcycle.models.treatment_claims``.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from reliefcycle.citations import Bibliography, bibliography

COLUMNS = ("key", "treatment", "comparison", "population", "outcome", "measure", "estimate",
           "ci_low", "ci_high", "better", "evidence", "source")
NUMBERS = ("estimate", "ci_low", "ci_high")
DIRECTIONS = ("lower", "higher")


class EffectsDataError(ValueError):
    """A problem in the effect-size data; the message names the row and the field."""


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


@dataclass(frozen=True)
class Effect:
    """One comparison between a treatment and a comparison condition."""

    row: int
    key: str
    citation: str  #: the APA in-text citation, e.g. "Kothgassner et al., 2021"
    treatment: str
    comparison: str
    population: str
    outcome: str
    measure: str
    estimate: float
    ci_low: float
    ci_high: float
    better: str
    evidence: str
    source: str
    decimals: int = 2

    @property
    def kind(self) -> Measure:
        return MEASURES[self.measure]

    def number(self, value: float) -> str:
        """A value with as many decimals as the source gives (hyphen-minus for negatives)."""
        return f"{value:.{self.decimals}f}"

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

def _decimals(*texts: str) -> int:
    return max((len(t.partition(".")[2]) for t in texts), default=0)


def parse(rows: list[dict], bib: Bibliography, source: str = "effects.csv") -> tuple[Effect, ...]:
    """Check the rows of the data file and turn them into ``Effect`` objects.

    Rows are numbered as in a spreadsheet: the header is row 1, the first comparison row 2.
    """
    effects = []
    for number, raw in enumerate(rows, start=2):
        row = {name: (raw.get(name) or "").strip() for name in COLUMNS}
        what = " / ".join(part for part in (row["treatment"], row["outcome"]) if part)
        where = f"{source}, row {number}" + (f" ({what})" if what else "")

        def fail(field: str, problem: str, where=where) -> EffectsDataError:
            return EffectsDataError(f"{where}, field '{field}': {problem}")

        extra = sorted(name for name in raw if name is not None and name not in COLUMNS)
        if extra or None in raw:
            raise fail(extra[0] if extra else "(unnamed)", "unexpected column or extra value")
        for name in COLUMNS:
            if not row[name]:
                raise fail(name, "missing")
        if row["measure"] not in MEASURES:
            raise fail("measure", f"unknown measure '{row['measure']}'; use one of "
                                  + ", ".join(MEASURES))
        if row["better"] not in DIRECTIONS:
            raise fail("better", f"'{row['better']}' is neither 'lower' nor 'higher' (the "
                                 "direction that favours the treatment)")
        values = {}
        for name in NUMBERS:
            try:
                values[name] = float(row[name])
            except ValueError:
                raise fail(name, f"'{row[name]}' is not a number") from None
            if not math.isfinite(values[name]):
                raise fail(name, f"'{row[name]}' is not a finite number")
        low, estimate, high = values["ci_low"], values["estimate"], values["ci_high"]
        if low > high:
            raise fail("ci_low", f"the interval runs the wrong way ({row['ci_low']} is above "
                                 f"{row['ci_high']})")
        if not low <= estimate <= high:
            raise fail("estimate", f"{row['estimate']} lies outside its own interval "
                                   f"({row['ci_low']} to {row['ci_high']})")
        if MEASURES[row["measure"]].log_scale and low <= 0:
            raise fail("ci_low", "a ratio must be above 0")
        if row["key"] not in bib.entries:
            raise fail("key", f"'{row['key']}' is not in references.bib")
        effects.append(Effect(
            row=number, key=row["key"], citation=bib.intext(row["key"]),
            treatment=row["treatment"], comparison=row["comparison"],
            population=row["population"], outcome=row["outcome"], measure=row["measure"],
            estimate=estimate, ci_low=low, ci_high=high, better=row["better"],
            evidence=row["evidence"], source=row["source"],
            decimals=_decimals(row["estimate"], row["ci_low"], row["ci_high"])))
    if not effects:
        raise EffectsDataError(f"{source}: no rows")
    return tuple(effects)


def read_rows(text: str, source: str = "effects.csv") -> list[dict]:
    """The rows of a CSV text as dictionaries; the header must name exactly ``COLUMNS``."""
    reader = csv.DictReader(io.StringIO(text))
    header = tuple(reader.fieldnames or ())
    if header != COLUMNS:
        missing = [c for c in COLUMNS if c not in header]
        unknown = [c for c in header if c not in COLUMNS]
        field = (missing or unknown or ["(order)"])[0]
        raise EffectsDataError(f"{source}, row 1 (header), field '{field}': the header must be "
                               + ",".join(COLUMNS))
    return list(reader)


def load(path: str | Path | None = None, bib: Bibliography | None = None) -> tuple[Effect, ...]:
    """Read and check the effect sizes (by default the package's ``data/effects.csv``)."""
    if path is None:
        text = resources.files("reliefcycle").joinpath("data", "effects.csv").read_text("utf-8")
        source = "effects.csv"
    else:
        text, source = Path(path).read_text(encoding="utf-8"), Path(path).name
    bib = bibliography(bib)
    return parse(read_rows(text, source), bib, source)


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
