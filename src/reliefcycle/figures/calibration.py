"""The calibration picture of notebook 07: how sure a learner was, against how often they were right.

For each confidence level (a guess ... certain) it shows the share of statements judged right,
before the series (open circles) and after it (filled squares), beside the dotted line that
confidence alone would suggest. Shapes and line styles differ as well as colours, and the alt text
gives every number.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from reliefcycle.core import style

from ..models.concept_check import CONFIDENCE, EXPECTED, Answers, Calibration, Check, calibration


def _describe(name: str, cal: Calibration) -> str:
    parts = [f"{CONFIDENCE[level]}: {cal.right[level]} of {cal.counts[level]} right"
             for level in CONFIDENCE if cal.counts[level]]
    return f"{name}, " + ("; ".join(parts) if parts else "no answers with a confidence rating")


def calibration_alt(check: Check, before: Answers, after: Answers) -> str:
    """The text description of ``calibration_figure`` with the same numbers."""
    return ("Calibration chart: for each level of confidence, the share of statements judged "
            "right, with a dotted line for the share that confidence alone would suggest. "
            f"{_describe('Before the series', calibration(check, before))}. "
            f"{_describe('After the series', calibration(check, after))}.")


def calibration_figure(check: Check, before: Answers, after: Answers) -> tuple[Figure, str]:
    """(figure, alt text) comparing confidence with correctness before and after."""
    levels = list(CONFIDENCE)
    with style.context():
        fig, ax = plt.subplots(figsize=(8, 4.8), layout="constrained")
        ax.plot(levels, [EXPECTED[k] for k in levels], ls=":", lw=2.5, color=style.PALETTE["neutral"],
                label="what confidence alone suggests")
        looks = (("before the series", before, "o", "--", "none", style.PALETTE["distress"]),
                 ("after the series", after, "s", "-", style.PALETTE["skill"], style.PALETTE["skill"]))
        for name, answers, marker, line, fill, colour in looks:
            cal = calibration(check, answers)
            xs = [k for k in levels if cal.counts[k]]
            ax.plot(xs, [cal.share(k) for k in xs], marker=marker, ms=13, ls=line, lw=2.5,
                    color=colour, markerfacecolor=fill, markeredgewidth=2.5, label=name)
        ax.set_xticks(levels, [CONFIDENCE[k] for k in levels])
        ax.set_xlim(0.6, 4.4)
        ax.set_ylim(-0.05, 1.08)
        ax.set_yticks([0, 0.25, 0.5, 0.75, 1], ["0%", "25%", "50%", "75%", "100%"])
        ax.set_xlabel("how sure you were")
        ax.set_ylabel("statements judged right")
        ax.legend(loc="lower right", fontsize=12)
    return fig, calibration_alt(check, before, after)
