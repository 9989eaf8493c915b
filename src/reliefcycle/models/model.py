"""A conceptual learning model of the distress -> relief -> reinforcement cycle.

This is a *teaching* model. It shows how a pattern can form when relief comes quickly and costs
come later; it is not a prediction about any person and it was not fitted to data.

Each simulated day works like this:

1. **Distress** settles a little towards the person's usual level, random stressors push it up,
   and any delayed cost that falls due today is added. Distress runs from 0 (calm) to 1 (the
   most intense).
2. If distress is above the **urge threshold**, the simulated person has an urge and picks a way
   of coping: self-injury, a practised skill, or riding it out. The choice is a *softmax* over
   the relief each option has come to be expected to bring: options expected to bring more
   relief are picked more often, and "choice noise" adds randomness.
3. **What follows each choice.** Self-injury brings a quick, partial drop in distress that fades
   within hours, and a **delayed cost** (distress returns higher some days later: shame, strain
   on relationships, secrecy). A skill brings a smaller drop that grows with practice and has no
   delayed cost. Riding it out brings a small drop (``ride_out_relief``): distress eases slowly
   on its own.
4. **Learning** (the Rescorla-Wagner rule): the expected relief of the chosen option moves a step
   towards the relief it just brought. Only the *immediate* relief is learned in full; a delayed
   cost is linked back to self-injury only weakly ("cost noticed"). That asymmetry is negative
   reinforcement, and it is the cycle this series is about.

The settings for that relief and those costs stay within what daily-life studies report
(relief partial and brief, costs never zero); each setting's range carries its basis and sources.

Everything is computed for many simulated people at once (numpy arrays with one row per person),
so the spread between people is visible.
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass, fields

import numpy as np

from reliefcycle.core import parameters

#: Choice codes in ``Simulation.choice``.
NO_URGE = -1
SELF_INJURY = 0
SKILL = 1
RIDE_OUT = 2

# Fixed parts of the model. They are not parameters so that the sliders stay few; each is a
# plain number a student can find and change here.
EASING_BASE = 0.3           # share of the gap to the usual level that closes each day
EASING_WITH_SUPPORT = 0.25  # extra easing per day with full support
SUPPORT_BUFFER = 0.5        # full support halves the impact of each stressor
STRESSOR_MEAN = 0.25        # average size of a stressor (sizes vary: exponential distribution)
DAILY_NOISE = 0.05          # day-to-day wobble in distress (standard deviation)
SKILL_RELIEF_START = 0.1    # share of distress a skill relieves before any practice
SKILL_RELIEF_MAX = 0.5      # share of distress a fully practised skill relieves
SKILL_RELIEF_GROWTH = SKILL_RELIEF_MAX - SKILL_RELIEF_START
PRACTICE_STEP = 0.04        # daily skill gain with full practice (a share of what is left to learn)
RIDE_OUT_RELIEF = 0.1       # default share of distress that eases after riding out an urge

MAX_PEOPLE = 100_000
MAX_DAYS = 3650


def _param(default, low, high, unit, label, explanation, basis, *sources, **options):
    """A ``Params`` field whose range, unit, explanation, basis and sources travel with it."""
    return parameters.setting(default, low, high, label, explanation, basis, *sources, unit=unit,
                              **options)


UNMEASURED = parameters.UNMEASURED


@dataclass(frozen=True)
class Params:
    """Settings of the teaching model (all numbers; see the table below for ranges and units).

    Create one with keyword arguments, e.g. ``Params(skill_practice=0.8)``; anything not given
    keeps its default. Values outside their range raise ``ValueError``. To change one value of
    an existing ``Params`` use ``dataclasses.replace(params, learning_rate=0.5)``.

    The settings for the relief and the costs of self-injury stay within what daily-life
    studies report: relief is partial and brief, and costs are never zero. Each setting's
    ``basis`` and ``sources`` (in ``Params.ranges()``) say where its range comes from.
    """

    # Each field: default, lowest and highest allowed value, unit, slider label, explanation,
    # why the range is what it is, and the studies it rests on.
    immediate_relief: float = _param(
        0.5, 0.0, 0.6, "share of distress", "Immediate relief",
        "How much of the distress drops right after self-injury (0 = none; at most 0.6: "
        "relief is partial).",
        "Daily-life studies found relief after self-injury partial and inconsistent: less tense "
        "feeling right afterwards in one study, but only four of eight studies in a systematic "
        "review found negative feelings falling afterwards, and with hourly questions they were "
        "higher in the hour after. None found distress gone, so relief stays well short of all "
        "of it; 0 (no relief) matches the studies that found none.",
        "kranzler2018ecological", "hepp2020systematic", "koenig2021highfrequency")
    relief_hours: float = _param(
        1.0, 0.5, 6.0, "hours", "Relief lasts (hours)",
        "How long the brief relief after self-injury lasts before distress comes back "
        "(about two-thirds of it has faded after this many hours; at most 6: relief is brief).",
        "With hourly questions any relief was gone within the hour; asking less often, one "
        "study saw negative feelings ease over the following hours. No study reports relief "
        "lasting a day, so the range runs from half an hour to a few hours.",
        "koenig2021highfrequency", "armey2011changes", step=0.5)
    delayed_cost: float = _param(
        0.15, 0.05, 1.0, "distress points", "Delayed cost",
        "How much distress rises later because of self-injury (shame, strain, secrecy); never "
        "zero.",
        "A teaching choice: no study measures a delayed cost on this scale, or its size. What "
        "studies show is that costs can follow: with hourly questions, negative feelings were "
        "higher and felt closeness lower in the hour after self-injury. The model never lets "
        "costs vanish, so the lowest setting is above 0.",
        "koenig2021highfrequency")
    cost_delay_days: int = _param(
        3, 1, 14, "days", "Cost arrives after (days)",
        "How many days after self-injury the delayed cost arrives.", UNMEASURED,
        step=1, whole=True)
    cost_weight: float = _param(
        0.3, 0.1, 0.8, "weight", "Cost linked back",
        "How strongly a delayed cost is linked back to self-injury when it arrives, compared "
        "with the immediate relief (0.1 = weakly, 0.8 = nearly as strongly).",
        "A teaching choice: no study measures how strongly a delayed cost is linked back to "
        "self-injury. A narrative review of mostly animal laboratory research found that a "
        "delayed consequence usually shapes behaviour less than an immediate one, so by "
        "analogy the link stays below the relief's (at most 0.8); the model keeps it above 0 "
        "so that costs always count for something.",
        "lattal2010delayed")
    learning_rate: float = _param(
        0.3, 0.0, 1.0, "per experience", "Learning rate",
        "How far expectations move after each experience (0 = no learning).", UNMEASURED)
    skill_practice: float = _param(
        0.05, 0.0, 1.0, "share of days", "Skill practice",
        "How much skills are practised, from 0 (never) to 1 (every day, as in skills training). "
        "Practice, and each use during an urge, makes a skill bring more relief next time.",
        UNMEASURED)
    baseline_stress: float = _param(
        0.35, 0.0, 1.0, "distress points", "Baseline stress",
        "The usual level of distress on an ordinary day (0 = calm, 1 = most intense).",
        UNMEASURED)
    stressor_chance: float = _param(
        0.2, 0.0, 1.0, "per day", "Stressor chance",
        "The chance of a stressful event on any one day.", UNMEASURED)
    urge_threshold: float = _param(
        0.6, 0.05, 1.0, "distress points", "Urge threshold",
        "Distress above this level brings an urge to do something about it.", UNMEASURED)
    choice_noise: float = _param(
        0.15, 0.02, 1.0, "temperature", "Choice noise",
        "How random the choice of coping is (small = nearly always the option expected to bring "
        "the most relief; large = close to a coin toss).", UNMEASURED, step=0.01)
    support: float = _param(
        0.0, 0.0, 1.0, "share", "Support",
        "Support from other people: softens each stressor and helps distress settle.",
        UNMEASURED)
    ride_out_relief: float = _param(
        RIDE_OUT_RELIEF, 0.0, 0.5, "share of distress", "Relief from riding it out",
        "How much of the distress eases after getting through an urge without self-injury or a "
        "practised skill (distress-tolerance skills can raise it).", UNMEASURED)

    def __post_init__(self):
        parameters.check(self)

    @classmethod
    def ranges(cls) -> dict[str, dict]:
        """Range, step, unit, label, explanation, and the basis and sources of the range of
        every parameter, by name.

        The explorer builds its sliders from this, so the ranges are defined in one place.
        """
        return {f.name: {"default": f.default, **f.metadata} for f in fields(cls)}


def _parameter_table() -> str:
    rows = [f"    {name:<17} {m['low']:g} to {m['high']:g} {m['unit']} (default {m['default']:g})."
            f" {m['help']} Range: {m['basis']}"
            + (f" Sources: {', '.join(m['sources'])}." if m["sources"] else "")
            for name, m in Params.ranges().items()]
    return "\n    Parameters:\n\n" + "\n".join(rows) + "\n"


# help(Params) then lists every parameter from the same metadata that validation uses.
Params.__doc__ += _parameter_table()


#: Ready-made settings for the notebooks. Each differs from the first in one way only, so a
#: comparison shows the effect of that one change.
PRESETS: dict[str, tuple[Params, str]] = {
    "Before any skills": (
        Params(),
        "Self-injury brings quick, brief relief; skills have had little practice."),
    "After skills training": (
        Params(skill_practice=0.8),
        "Skills are practised on most days, so they bring more relief as weeks go by."),
    "A stressful period": (
        Params(stressor_chance=0.45),
        "Stressful events happen on almost half of all days, for all 12 weeks."),
    "More support": (
        Params(support=0.8),
        "Support from other people softens stressors and helps distress settle."),
}


@dataclass(frozen=True)
class Simulation:
    """What happened to each simulated person on each day.

    Arrays have one row per person and one column per day, except ``values``, which has a third
    axis for the three ways of coping (``SELF_INJURY``, ``SKILL``, ``RIDE_OUT``).
    """

    params: Params
    seed: int
    distress: np.ndarray  #: distress before coping that day, 0 to 1
    urge: np.ndarray      #: True on days when distress passed the urge threshold
    choice: np.ndarray    #: way of coping chosen (choice code), ``NO_URGE`` (-1) on other days
    values: np.ndarray    #: relief each option is expected to bring, after that day's learning
    relief: np.ndarray    #: immediate drop in distress brought by that day's choice
    cost: np.ndarray      #: delayed cost of earlier self-injury arriving that day

    @property
    def n_people(self) -> int:
        return self.distress.shape[0]

    @property
    def n_days(self) -> int:
        return self.distress.shape[1]

    def _share_self_injury(self, window: int, pooled: bool) -> np.ndarray:
        _check_count("window", window, 1, MAX_DAYS)
        counts = np.stack([self.choice == SELF_INJURY, self.urge]).astype(float)
        if pooled:
            counts = counts.sum(axis=1)
        # Running totals; subtracting the total from `window` days earlier leaves the window.
        totals = np.cumsum(counts, axis=-1)
        totals[..., window:] -= totals[..., :-window].copy()
        met, urges = totals
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(urges > 0, met / urges, np.nan)

    def share_self_injury(self, window: int = 28) -> np.ndarray:
        """Each person's share of urges met by self-injury over the last ``window`` days.

        Shape (n_people, n_days). Early days use the days so far. The share is ``nan`` where a
        person had no urge in the window (a share of nothing is undefined, not zero).
        """
        return self._share_self_injury(window, pooled=False)

    def pooled_share_self_injury(self, window: int = 28) -> np.ndarray:
        """Share of all urges, pooled across people, met by self-injury over the last ``window``
        days. Shape (n_days,); ``nan`` on days when nobody had an urge in the window."""
        return self._share_self_injury(window, pooled=True)


def _check_count(name: str, value, low: int, high: int) -> None:
    if not (isinstance(value, numbers.Integral) and not isinstance(value, bool)
            and low <= value <= high):
        raise ValueError(f"{name} must be a whole number between {low} and {high} (got {value!r})")


def relief_left_next_day(params: Params) -> float:
    """Share of the relief after self-injury still there the next day (relief fades with a time
    constant of ``relief_hours``, and the model takes one step a day)."""
    return math.exp(-24.0 / params.relief_hours)


def simulate(params: Params, n_people: int = 500, n_days: int = 84, seed: int = 0) -> Simulation:
    """Run the teaching model for ``n_people`` simulated people over ``n_days`` days.

    The same ``params``, sizes and ``seed`` always give the same result. All people start calm
    (at their baseline) and expect the same from every way of coping (nothing yet: 0).
    """
    if not isinstance(params, Params):
        raise ValueError(f"params must be a Params object (got {type(params).__name__})")
    _check_count("n_people", n_people, 1, MAX_PEOPLE)
    _check_count("n_days", n_days, 1, MAX_DAYS)
    _check_count("seed", seed, 0, 2**63 - 1)
    p = params
    n, days = int(n_people), int(n_days)
    delay = int(p.cost_delay_days)

    # All randomness is drawn up front, so the loop below only does arithmetic.
    rng = np.random.default_rng(seed)
    stressors = np.where(rng.random((days, n)) < p.stressor_chance,
                         rng.exponential(STRESSOR_MEAN, (days, n)), 0.0)
    wobble = rng.normal(0.0, DAILY_NOISE, (days, n))
    choice_draw = rng.random((days, n))

    easing = EASING_BASE + EASING_WITH_SUPPORT * p.support
    stressors *= 1.0 - SUPPORT_BUFFER * p.support
    # Everything that pushes distress and does not depend on earlier days, added up front.
    push = stressors + wobble + easing * p.baseline_stress
    keep = 1.0 - easing
    relief_left = relief_left_next_day(p)
    practice_gain = PRACTICE_STEP * p.skill_practice
    cost_learning = p.learning_rate * p.cost_weight

    distress = np.empty((days, n))
    choice = np.empty((days, n), dtype=np.int8)
    values = np.empty((days, 3, n))
    relief = np.empty((days, n))
    cost = np.zeros((days + delay, n))

    carried = np.full(n, p.baseline_stress)
    # One row per way of coping (self-injury, skill, riding out): the relief each is expected
    # to bring. Rows rather than columns keep every step below a fast whole-array operation.
    expected = np.zeros((3, n))
    skill_level = np.zeros(n)
    # Share of distress each option relieves; only the skill's row changes, with practice.
    relief_rates = np.empty((3, n))
    relief_rates[SELF_INJURY] = p.immediate_relief
    relief_rates[RIDE_OUT] = p.ride_out_relief
    options = np.array([SELF_INJURY, SKILL, RIDE_OUT], dtype=np.int8)[:, None]

    for t in range(days):
        arriving = cost[t]
        level = np.clip(carried * keep + push[t] + arriving, 0.0, 1.0)

        # A delayed cost pulls the value of self-injury towards the cost, but only as strongly
        # as the cost is noticed: costs that come later are hard to link back.
        if cost_learning and p.delayed_cost:
            noticed = cost_learning * (arriving > 0)
            expected[SELF_INJURY] -= noticed * (arriving + expected[SELF_INJURY])

        # Softmax choice: each option's weight grows with the relief it is expected to bring.
        weights = np.exp((expected - expected.max(axis=0)) / p.choice_noise)
        draw = choice_draw[t] * (weights[0] + weights[1] + weights[2])
        picked = (draw >= weights[0]).astype(np.int8) + (draw >= weights[0] + weights[1])
        picked[level <= p.urge_threshold] = NO_URGE
        chosen = picked == options  # one row per option, True where it was chosen today

        relief_rates[SKILL] = SKILL_RELIEF_START + SKILL_RELIEF_GROWTH * skill_level
        got = (relief_rates * chosen).sum(axis=0) * level

        # Rescorla-Wagner: only the chosen option learns, from the relief it brought just now.
        expected += p.learning_rate * chosen * (got - expected)

        # Practice between urges (as in skills training) and every use during an urge both
        # make the skill bring more relief next time.
        skill_level += practice_gain * (1.0 + chosen[SKILL]) * (1.0 - skill_level)
        cost[t + delay] += p.delayed_cost * chosen[SELF_INJURY]

        # Relief after self-injury fades (distress comes back); other relief stays and distress
        # keeps settling from there.
        carried = level - got * (1.0 - (1.0 - relief_left) * chosen[SELF_INJURY])

        distress[t] = level
        choice[t] = picked
        values[t] = expected
        relief[t] = got

    choice = choice.T.copy()
    return Simulation(
        params=p, seed=int(seed),
        distress=distress.T.copy(), urge=choice != NO_URGE, choice=choice,
        values=values.transpose(2, 0, 1).copy(), relief=relief.T.copy(),
        cost=cost[:days].T.copy(),
    )


def spread_across_people(per_person: np.ndarray, quantiles=(0.25, 0.75)) -> np.ndarray:
    """Quantiles across people (rows) for each day (column), ignoring ``nan``.

    With the default quantiles this gives the *middle half* of people: a quarter of people lie
    below the first row and a quarter above the second. Shape (len(quantiles), n_days); ``nan``
    on days when no person has a value. Uses the same interpolation as ``numpy.nanquantile``.
    """
    by_day = np.sort(np.asarray(per_person, dtype=float).T, axis=1)  # nan sorts last
    counts = np.count_nonzero(~np.isnan(by_day), axis=1)
    days = np.arange(by_day.shape[0])
    out = np.full((len(quantiles), by_day.shape[0]), np.nan)
    has_value = counts > 0
    for row, q in enumerate(quantiles):
        position = q * np.maximum(counts - 1, 0)
        below = np.floor(position).astype(int)
        above = np.minimum(below + 1, np.maximum(counts - 1, 0))
        fraction = position - below
        low, high = by_day[days, below], by_day[days, above]
        out[row] = np.where(has_value, low + fraction * (high - low), np.nan)
    return out
