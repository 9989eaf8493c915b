"""The static figure of the cascade teaching model, for the book and the slides (notebook 03).

``cascade_static()`` draws two panels: negative emotion with a weak and a strong link, and the
strong link with each way of interrupting it. It returns the figure with its alt text, which
gives the numbers of every run.
"""

from __future__ import annotations

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from reliefcycle.core import style
from reliefcycle.core.style import FigureWithAlt
from reliefcycle.models.cascade import (
    HIGH,
    INTERRUPTERS,
    MINUTES,
    Cascade,
    CascadeParams,
    interrupter,
    keeps_going,
    simulate,
)

#: Line styles for the static comparison, so the lines differ in more than colour.
_COMPARE = {
    "none": {"color": style.PALETTE["distress"], "linestyle": "-", "linewidth": 3},
    "distraction": {"color": style.PALETTE["highlight"], "linestyle": "--", "linewidth": 2.5},
    "skill": {"color": style.PALETTE["skill"], "linestyle": "-.", "linewidth": 2.5},
    "support": {"color": style.PALETTE["support"], "linestyle": ":", "linewidth": 3},
}


def cascade_static(weak: float = 0.3, strong: float = 0.7, minute: int = 30) -> FigureWithAlt:
    """Two panels of the cascade model for the book and the slides.

    Left: negative emotion with a weak and a strong link, no interruption. Right: the strong
    link with each interruption starting at ``minute``. Returns the figure and its alt text.
    """
    runs_left = {w: simulate(CascadeParams(coupling=w)) for w in (weak, strong)}
    runs_right = {i.id: simulate(CascadeParams(coupling=strong, interruption=i.id,
                                               interruption_minute=minute))
                  for i in INTERRUPTERS}
    with style.context():
        fig = Figure(figsize=(12, 5.4), layout="constrained")
        FigureCanvasAgg(fig)
        left, right = fig.subplots(1, 2, sharey=True)
        for w, look in zip((weak, strong), ({"color": style.PALETTE["support"], "linestyle": "--",
                                             "linewidth": 2.5}, _COMPARE["none"]), strict=True):
            word = "Strong" if keeps_going(runs_left[w]) else "Weak"
            left.plot(runs_left[w].minutes, runs_left[w].emotion, label=f"{word} link ({w:g})",
                      **look)
        left.set_title("No interruption", loc="left", fontsize=16)
        for item in INTERRUPTERS:
            run = runs_right[item.id]
            right.plot(run.minutes, run.emotion, label=item.label, **_COMPARE[item.id])
        right.axvline(minute, color=style.PALETTE["text"], linewidth=1)
        right.text(minute + 1, 1.03, f"interruption starts (minute {minute})", fontsize=12,
                   va="top")
        right.set_title(f"Strong link ({strong:g}), interrupted", loc="left", fontsize=16)
        for ax in (left, right):
            ax.axhline(HIGH, color=style.PALETTE["neutral"], linewidth=1)
            ax.text(MINUTES - 1, HIGH + 0.015, "high", ha="right", va="bottom", fontsize=12)
            ax.set(xlim=(0, MINUTES), ylim=(0, 1.05), xticks=range(0, MINUTES + 1, 30),
                   xlabel="Minutes after the start")
            ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), ncols=2, fontsize=12)
        left.set_ylabel("Negative emotion (0 to 1)")
        fig.suptitle("Teaching model: negative emotion in an emotional cascade", fontsize=17)

    strong_run = runs_left[strong]
    courses = "; ".join(_static_course(runs_right[i.id]) for i in INTERRUPTERS if i.id != "none")
    alt = (f"Two line charts from the conceptual cascade model, over {MINUTES} minutes. Left, "
           f"without interruption: with a weak link ({weak:g}) negative emotion peaks at "
           f"{runs_left[weak].peak:.2f} and fades; with a strong link ({strong:g}) it rises to "
           f"{strong_run.peak:.2f} at minute {strong_run.peak_minute}, stays at or above "
           f"{HIGH:g} for {strong_run.minutes_high} minutes, and eases on its own to "
           f"{strong_run.end:.2f} by minute {MINUTES}. Right, the strong link interrupted at "
           f"minute {minute}: {courses}. "
           "The model is for teaching only and predicts nothing about any person.")
    return FigureWithAlt(fig, alt)


def _static_course(run: Cascade) -> str:
    """A short account of one interrupted run, for the static figure's alt text."""
    start, stop = run.interruption_window
    words = (f"with {interrupter(run.params.interruption).label.lower()}, emotion falls from "
             f"{run.emotion[start]:.2f} to {run.emotion[stop - 1]:.2f} while it lasts")
    after = run.emotion[stop:]
    if stop < MINUTES and after.max() > after[0] + 0.05:
        words += f", builds up again to {after.max():.2f}"
    return (f"{words}, with {run.minutes_high} minutes at or above {HIGH:g} in all, and is "
            f"{run.end:.2f} at minute {MINUTES}")
