"""The words beside the cascade teaching model of notebook 03.

- ``sentences()`` / ``describe()``  the description under the figure: every number and every
                                     claim in it is worked out from the run it describes
- ``ABOUT_MODEL``                    the box "What this model is - and is not", with
                                     ``about_the_model_markdown()`` and ``about_the_model_html()``
"""

from __future__ import annotations

from reliefcycle.core import about
from reliefcycle.models import cycle_text
from reliefcycle.models.cascade import (
    HIGH,
    HOLDS_FROM,
    MINUTES,
    PUSH_FADED,
    Cascade,
    CascadeParams,
    interrupter,
    keeps_going,
    simulate,
)

#: The last sentence of every description, so it is never read as a forecast.
LABEL = cycle_text.LABEL


def _link(without: Cascade) -> str:
    coupling = without.params.coupling
    if coupling == 0:
        return ("With no link between rumination and negative emotion, only the event's own "
                "push moves emotion.")
    link = f"With a link of {coupling:.2f} between rumination and negative emotion"
    if not keeps_going(without):
        return (f"{link}, the loop cannot push emotion any higher once the event's own push "
                "has faded, and emotion dies down.")
    words = (f"{link}, the two keep pushing each other up after the event's own push has "
             "faded")
    after = without.emotion[PUSH_FADED:]
    if after.argmax() < len(after) - 1:
        words += (", until the loop slowly eases on its own (in this model the loop loses "
                  "strength over time)")
    return words + "."


def _course(run: Cascade) -> str:
    if run.peak_minute == MINUTES:
        course = f"keeps rising, to {run.peak:.2f} at minute {MINUTES}"
    else:
        course = (f"peaks at {run.peak:.2f} at minute {run.peak_minute} and is {run.end:.2f} "
                  f"at minute {MINUTES}")
    if run.minutes_high:
        course += f", with {run.minutes_high} minutes at or above {HIGH:g}"
    return f"Without an interruption, negative emotion (on a scale from 0 to 1) {course}."


def _interruption(run: Cascade, without: Cascade) -> str:
    item = interrupter(run.params.interruption)
    start, _ = run.interruption_window
    if round(run.peak, 2) < round(without.peak, 2):
        peak = f"it lowers the peak from {without.peak:.2f} to {run.peak:.2f}"
    elif start < without.peak_minute:
        peak = f"it barely changes the peak ({run.peak:.2f})"
    else:
        peak = f"it starts at or after the peak, so the peak stays at {run.peak:.2f}"
    if round(run.mean, 2) < round(without.mean, 2):
        mean = f"falls from {without.mean:.2f} to {run.mean:.2f}"
    else:
        mean = f"hardly changes ({run.mean:.2f})"
    text = (f"{item.label} from minute {start}: {peak}, and the average level over the "
            f"{MINUTES} minutes {mean}")
    if without.minutes_high == run.minutes_high and run.minutes_high:
        text += f"; time at or above {HIGH:g} stays at {run.minutes_high} minutes"
    elif without.minutes_high:
        text += (f"; time at or above {HIGH:g} falls from {without.minutes_high} to "
                 f"{run.minutes_high} minutes")
    return text + "."


#: A rise after an interruption ends smaller than this is not called building up again.
BUILDS_UP = 0.05


def _after(run: Cascade) -> str:
    _, stop = run.interruption_window
    after = run.emotion[stop:]
    if after.max() <= after[0] + BUILDS_UP:
        return (f"After it ends at minute {stop}, the loop does not build up again: emotion "
                f"stays at or below {after.max():.2f}.")
    top = stop + int(after.argmax())
    text = (f"After it ends at minute {stop}, the loop builds up again, to {after.max():.2f} "
            f"at minute {top}")
    if top < MINUTES:
        text += ", before it eases on its own"
    return text + (": an interruption that ends can pause a strong loop without settling it, "
                   "so it may need repeating or combining with support.")


def sentences(run: Cascade, without: Cascade | None = None) -> dict[str, str]:
    """The description of ``run``, sentence by sentence, by name (``link``, ``course``, and
    with an interruption ``interruption`` and, if it ends before the run does, ``after``; then
    ``label``). Every number and every claim is worked out from ``run`` and from ``without``,
    the same run with no interruption (computed when not given)."""
    p = run.params
    if without is None:
        without = simulate(CascadeParams(event=p.event, coupling=p.coupling))
    out = {"link": _link(without), "course": _course(without)}
    window = run.interruption_window
    if window is not None:
        out["interruption"] = _interruption(run, without)
        if window[1] < MINUTES:
            out["after"] = _after(run)
    out["label"] = LABEL
    return out


def describe(run: Cascade, without: Cascade | None = None) -> str:
    """The description of ``run`` as one paragraph (see ``sentences``)."""
    return " ".join(sentences(run, without).values())


# --- what the model is, and is not --------------------------------------------------------------

ABOUT_MODEL = {
    "title": "What this model is \N{EM DASH} and is not",
    "is": (
        "A conceptual teaching model of one idea from the emotional cascade model: rumination "
        "and negative emotion can feed each other. It was not fitted to data, its numbers are "
        "not measurements, and it predicts nothing about any person."
    ),
    "assumptions": [
        "Negative emotion and rumination are each one number from 0 (none) to 1 (most "
        "intense), updated once a minute.",
        "One upsetting event gives emotion a push that fades on its own within about half an "
        "hour.",
        "Each feeds the other with the same strength (the link slider). Above about "
        f"{HOLDS_FROM:g} the loop can keep emotion high for a while after the event's push has "
        "faded, if the event pushed emotion high enough; the stronger the link, the smaller "
        "the event needed.",
        "Left alone, the loop slowly loses strength: hardly at all in the first half hour, "
        "and to half its strength an hour and a half after the event. So even a strong loop "
        "eases on its own in the end; the stronger the link, the longer that takes.",
        "Rumination follows emotion more slowly than emotion follows rumination.",
        "Distraction, a skill and support change the links by fixed, made-up amounts for a "
        "fixed time; real strategies vary from person to person and from moment to moment.",
        "Distraction can help get through a peak; relied on alone it can become avoidance, "
        "which is why skills and support matter too.",
    ],
    "leaves_out": [
        "Urges and behaviour of any kind. In the theory, an intense physical sensation can "
        "also interrupt a cascade, but only briefly, and longer-term costs follow; the model "
        "leaves that out on purpose and shows only ways of interrupting that do not carry the "
        "harms of self-injury.",
        "Most of how emotion eases in life: intense emotion and urges rise and fall and pass "
        "with time, sleep or a change of situation, and urges often pass without any action "
        "(notebook 02). The model stands in for all of that with one fixed, made-up easing "
        "curve.",
        "How the person appraises the event, their history, and differences between people.",
        "Other people's responses beyond the single option of support.",
        "The body's stress responses and everything over longer time scales: days, learning "
        "and change (the cycle of notebook 02 covers learning).",
    ],
}


def about_the_model_markdown() -> str:
    """The "What this model is - and is not" box as Markdown."""
    return about.markdown(ABOUT_MODEL)


def about_the_model_html() -> str:
    """The same box as HTML, for the widget and static exports."""
    return about.as_html(ABOUT_MODEL)

