"""The sentences under the cycle explorer (notebook 02), each worked out from the run it describes.

Every number in the text is taken from the simulation, and every word that makes a claim (the
relief was partial, it was brief, costs arrived) rests on a number from the same run, so the
text cannot say something the figure does not show. Relief is never mentioned without its
brevity and its costs, as the series' safe-messaging guide asks. ``tests/test_cycle_text.py``
checks each sentence against the simulation over the whole range of every setting.

``sentences(sim)`` gives the sentences by name (``share``, ``relief``, ``brevity``,
``costs``, ``expectations``, ``next_day``, ``label``); ``describe(sim)`` joins them into the
paragraph the explorer shows. ``ABOUT_MODEL`` is the box "What this model is - and is not" that
stands beside the model, with ``about_the_model_markdown()`` and ``about_the_model_html()``.
"""

from __future__ import annotations

import math

import numpy as np

from reliefcycle.core import about
from reliefcycle.models.model import RIDE_OUT, SELF_INJURY, SKILL, Simulation, relief_left_next_day

#: The ways of coping as they read inside a sentence, in the order of the choice codes.
SPOKEN_NAMES = {SELF_INJURY: "self-injury", SKILL: "a practised skill", RIDE_OUT: "riding it out"}
#: The last sentence, so the text is never read as a forecast.
LABEL = "This is a conceptual teaching model, not a prediction about any person."


def percent(share: float) -> str:
    """A share as a whole percentage ("37%")."""
    return f"{100 * share:.0f}%"


def urges_per_week(sim: Simulation) -> float:
    """Urges per simulated person per week."""
    return sim.urge.sum() / sim.n_people / (sim.n_days / 7)


def next_day_distress(sim: Simulation) -> np.ndarray:
    """Mean distress on the day after an urge, by the way that urge was met (NaN if never)."""
    choice, following = sim.choice[:, :-1], sim.distress[:, 1:]
    return np.array([following[choice == option].mean() if (choice == option).any() else np.nan
                     for option in SPOKEN_NAMES])


def _share(sim: Simulation, window_days: int, middle_half: np.ndarray) -> str:
    pooled = sim.pooled_share_self_injury(window_days)
    weeks, window_weeks = sim.n_days // 7, window_days // 7
    first, last = window_days - 1, sim.n_days - 1
    last_weeks = f"weeks {weeks - window_weeks + 1} to {weeks}"
    if np.isnan(pooled[last]):
        return (f"With these settings, none of the {sim.n_people} simulated people had an urge "
                f"in {last_weeks}, so no urge was met by self-injury.")
    earlier = ("" if np.isnan(pooled[first]) else
               f", compared with {percent(pooled[first])} in weeks 1 to {window_weeks}")
    return (f"With these settings, in {last_weeks} about {percent(pooled[last])} of the urges "
            f"of {sim.n_people} simulated people were met by self-injury (middle half of the "
            f"people who had urges: {percent(middle_half[0, last])} to "
            f"{percent(middle_half[1, last])}){earlier}.")


def _expectations(sim: Simulation) -> str:
    expected = sim.values[:, -1].mean(axis=0)
    return (f"A simulated person had about {urges_per_week(sim):.1f} urges a week. By week "
            f"{sim.n_days // 7} the drop in distress they expected was, on average, "
            f"{expected[SELF_INJURY]:.2f} from self-injury, {expected[SKILL]:.2f} from a "
            f"practised skill and {expected[RIDE_OUT]:.2f} from riding it out: each is learned "
            "from the relief it brought right away and, for self-injury, only "
            f"{percent(sim.params.cost_weight)} as strongly from the delayed costs.")


def _relief(sim: Simulation) -> str:
    acts = sim.choice == SELF_INJURY
    rate = sim.params.immediate_relief
    if not acts.any():
        return ("No urge was met by self-injury in this run, so it brought no relief and no "
                "delayed cost.")
    before = sim.distress[acts].mean()
    after = before - sim.relief[acts].mean()
    if rate == 0:
        return (f"Right after self-injury, distress did not drop at all with these settings "
                f"(on average {before:.2f} before and after).")
    return (f"Right after self-injury, distress dropped on average from {before:.2f} to "
            f"{after:.2f}: partial relief, {percent(rate)} of the distress.")


def left_next_day(params) -> str:
    """How much of the relief after self-injury is left the next day, in words ("only 2%")."""
    left = relief_left_next_day(params)
    return "less than 1%" if left < 0.005 else f"only {percent(left)}"


def faded_after(params, hours: float) -> float:
    """Share of the relief after self-injury that has faded ``hours`` after the act.

    ``relief_hours`` is a time constant, not a duration: after that many hours about
    two-thirds (1 - 1/e) of the relief has faded, and the rest keeps fading.
    """
    return 1.0 - math.exp(-hours / params.relief_hours)


def costs_per_person(sim: Simulation) -> float:
    """Delayed costs of self-injury that arrived within the run, per simulated person."""
    return float((sim.cost > 0).sum() / sim.n_people)


def _brevity(sim: Simulation) -> str:
    hours = sim.params.relief_hours
    amount = left_next_day(sim.params)
    relieved = (sim.choice == SELF_INJURY).any() and sim.params.immediate_relief > 0
    subject = "The relief was" if relieved else "Any relief from self-injury would be"
    unit = "hour" if hours == 1 else "hours"
    faded = percent(faded_after(sim.params, hours))
    return (f"{subject} brief: here about {faded} of it has faded after {hours:g} {unit}, "
            f"so by the next day {amount} of it is left.")


def _costs(sim: Simulation) -> str:
    p = sim.params
    acts = int((sim.choice == SELF_INJURY).sum())
    days = "day" if p.cost_delay_days == 1 else "days"
    cost = (f"a delayed cost: {p.cost_delay_days} {days} later distress rises by "
            f"{p.delayed_cost:.2f}")
    if not acts:
        return f"Each act would bring {cost}."
    arrived = int((sim.cost > 0).sum())
    weeks = sim.n_days // 7
    counted = (f"on average {costs_per_person(sim):.1f} such costs per simulated person "
               f"arrived within these {weeks} weeks" if arrived
               else f"none had arrived by week {weeks}")
    if acts > arrived:
        counted += f", and {(acts - arrived) / sim.n_people:.1f} more per person were still to come"
    return f"Each act also brought {cost}; {counted}."


def _next_day(sim: Simulation) -> str:
    after = next_day_distress(sim)
    parts = [f"{after[option]:.2f} after {name}" for option, name in SPOKEN_NAMES.items()
             if not np.isnan(after[option])]
    if not parts:
        return "No urge came before the last day, so there is no day after an urge to compare."
    return "On the day after an urge, distress was on average " + ", ".join(parts) + "."


def sentences(sim: Simulation, window_days: int, middle_half: np.ndarray) -> dict[str, str]:
    """The description of ``sim``, sentence by sentence, by name.

    ``window_days`` is the window of the shares of urges met by self-injury, and
    ``middle_half`` the spread of each person's share across people (both as in the figure).
    """
    return {
        "share": _share(sim, window_days, middle_half),
        "relief": _relief(sim),
        "brevity": _brevity(sim),
        "costs": _costs(sim),
        "expectations": _expectations(sim),
        "next_day": _next_day(sim),
        "label": LABEL,
    }


def describe(sim: Simulation, window_days: int, middle_half: np.ndarray) -> str:
    """The description of ``sim`` as one paragraph."""
    return " ".join(sentences(sim, window_days, middle_half).values())


#: "What this model is - and is not". Notebooks, the widget and static exports all use this text.
ABOUT_MODEL = {
    "title": "What this model is \N{EM DASH} and is not",
    "is": (
        "A conceptual teaching model: a few simple rules that show how the immediate relief "
        "after self-injury can make it more likely to be chosen next time, while its "
        "longer-term costs arrive later and are linked back to it only weakly. It is not a "
        "prediction about any person. It was not fitted to data, and its numbers are not "
        "measurements: the shares of urges met by self-injury are far higher than daily-life "
        "studies report (in notebook 02, section 3, thoughts of self-injury were about three "
        "times as common as acts), so do not read them as realistic."
    ),
    "assumptions": [
        "Distress is one number from 0 (calm) to 1 (most intense), taken once a day. Because the "
        "model takes one step a day, the brief relief after self-injury (half an hour to six "
        "hours on the slider) has faded by the next day whatever its length.",
        "The sliders for relief and costs stay within what the daily-life studies of section 3 "
        "of notebook 02 report: relief is partial (at most 60% of distress) and brief (at most "
        "six hours), delayed costs are never zero, and they are linked back to self-injury "
        "less strongly than the relief, but never not at all. help(Params) gives each range "
        "and its sources.",
        "An \"urge\" here simply means distress above one fixed threshold; it is not an urge to "
        "self-injure, and it is not itself learned.",
        "There are only three ways of coping. All start out equally expected; the choice depends "
        "only on the relief each is expected to bring, plus chance (so even with no relief at "
        "all, chance alone sends some urges to self-injury).",
        "Expectations are learned from the immediate relief by a simple error-correcting rule "
        "(the same form as the Rescorla-Wagner rule of conditioning research).",
        "How weakly a delayed cost is linked back to self-injury is set by hand (\"Cost linked "
        "back\"); the model does not work it out from the length of the delay.",
        "The relief after self-injury comes every time and is larger at first than that of an "
        "unpractised skill. Both are invented, and both favour self-injury: in daily-life "
        "studies relief is inconsistent.",
        "The relief after self-injury fades; the relief from a skill or from riding it out does "
        "not (another invented difference).",
        "A delayed cost raises distress by a fixed amount after a fixed number of days.",
        "Skills bring more relief the more they are practised and have no delayed cost.",
        "All simulated people share the same settings; they differ only by chance.",
    ],
    "leaves_out": [
        "Social and interpersonal functions of self-injury, and other functions such as "
        "feeling something or self-punishment.",
        "Other ways of coping, and the way people combine them.",
        "Thoughts, beliefs and identity, for example self-criticism and stigma.",
        "Biology: stress systems, the body's opioid system and pain processing (notebook 04).",
        "Each person's history, relationships, culture and circumstances.",
        "Treatment relationships and everything therapy offers beyond practising skills "
        "(notebook 05).",
        "Positive reinforcement (feeling something good, not only less bad), and costs that "
        "come quickly, such as feeling less close to others within the hour.",
        "Other people's reactions, and how easy or hard self-injury is to turn to.",
        "Physical harm, suicide risk, and the ups and downs of recovery: settings here stay "
        "fixed for 12 weeks, while real change is rarely a straight line.",
        "What support mainly changes in the model is how often urges come; the share of urges "
        "met by self-injury hides that, so read it together with the number of urges.",
    ],
}


def about_the_model_markdown() -> str:
    """The "What this model is - and is not" box as Markdown, for notebooks and the book."""
    return about.markdown(ABOUT_MODEL)


def about_the_model_html() -> str:
    """The same box as HTML, for the widget."""
    return about.as_html(ABOUT_MODEL)
