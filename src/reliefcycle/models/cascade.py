"""A conceptual teaching model of an emotional cascade, and what interrupts it (notebook 03).

The emotional cascade model (Selby & Joiner, 2009) says that rumination (going over and over
something upsetting) and negative emotion can feed each other, so each pushes the other higher.
This module turns that one idea into a few lines of arithmetic so students can see it move. It
is a *teaching* model: it was not fitted to data, its numbers are not measurements, and it
predicts nothing about any person (``ABOUT_MODEL`` lists its assumptions and omissions).

Each simulated minute:

1. Negative emotion moves part of the way towards a target set by the upsetting event (a push
   that fades on its own) and by rumination, times the **coupling**.
2. Rumination moves part of the way towards a target set by negative emotion, times the same
   coupling.
3. Left alone, the loop slowly loses strength (**natural easing**): both links are multiplied by
   ``easing()``, which is 1 at the event, hardly changes in the first half hour and is one half
   ``EASE_HALF`` minutes after the event. It stands in for the way intense emotion passes with
   time, sleep or a change of situation, so even a strong loop eases in the end.
4. While an **interruption** is active (distraction, an emotion-regulation skill, or support
   from another person) it weakens one or both links and may calm emotion directly.

Targets pass through a saturating S-shaped curve (``x**2 / (x**2 + HALF**2)``), so both
quantities stay between 0 (none) and 1 (most intense), small stirrings die away on their own,
and only a strong enough loop keeps itself going for a while. Every step only ever moves a
quantity towards a higher target when its inputs are higher, and the easing depends on time
alone, so stronger coupling can only raise the curves and an interruption can only lower them;
the tests check both. The model deliberately contains no behaviour at all: it shows only ways
of interrupting the loop that do not carry the harms of self-injury.


- ``CascadeParams`` / ``simulate()`` the pure model (numpy only), with validated parameters
- ``keeps_going()``                  whether the loop kept itself going after the event faded

The words under the figure and the box "What this model is - and is not" are in
``reliefcycle.models.cascade_text``; the figures in ``reliefcycle.figures.cascade``; the widget
in ``reliefcycle.activities.cascade``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from reliefcycle.core import parameters

# Fixed parts of the model: plain numbers chosen for teaching, not measured.
MINUTES = 120              # length of a run, in minutes after the start
EVENT_MINUTE = 5           # when the upsetting event happens
EVENT_FADE = 10.0          # minutes for the event's own push to fall to about a third
EVENT_GAIN = 1.5           # how hard an event of size 1 pushes emotion
LOOP_GAIN = 2.4            # coupling 1 means each link has this strength
EMOTION_RATE = 0.12        # share of the gap to its target that emotion closes each minute
RUMINATION_RATE = 0.06     # rumination follows more slowly than emotion
HALF = 0.5                 # input at which a target is half way (the S-curve's midpoint)
HIGH = 0.6                 # "high" negative emotion, for the description and the figure
EASE_HALF = 90.0           # minutes after the event at which the loop has half its strength
EASE_STEEPNESS = 4         # how late and how quickly the easing sets in (higher: later, faster)

#: Minutes after the event by which its own push has faded (to under 2% of its start).
PUSH_FADED = EVENT_MINUTE + 4 * round(EVENT_FADE)

#: Coupling from about this value up can keep emotion high (at or above ``HIGH``) after the
#: event's push has faded, if the event is big enough; the stronger the link, the smaller the
#: event needed. Found by running the model (the tests check it), not derived.
HOLDS_FROM = 0.45


def _s_curve(x: float) -> float:
    """Saturating S-shaped response from 0 towards 1: slow start, steep middle, flat top."""
    x = max(0.0, x)
    return x * x / (x * x + HALF * HALF)


def easing(minutes: np.ndarray) -> np.ndarray:
    """Natural easing: the share of its strength the loop keeps at each minute (1 until the
    event; 0.99 half an hour after it; 0.5 ``EASE_HALF`` minutes after it; then towards 0)."""
    since = np.maximum(np.asarray(minutes, dtype=float) - EVENT_MINUTE, 0.0)
    return 1.0 / (1.0 + (since / EASE_HALF) ** EASE_STEEPNESS)


@dataclass(frozen=True)
class Interrupter:
    """One way of interrupting the loop, and how the model represents it.

    ``to_rumination`` and ``to_emotion`` multiply the two links while it is active (1 = no
    change); ``calming`` lowers emotion's target directly; ``minutes`` is how long it lasts
    (``None``: to the end of the run). The numbers are illustrative choices, not measurements.
    """

    id: str
    label: str
    description: str
    to_rumination: float
    to_emotion: float
    calming: float
    minutes: int | None


INTERRUPTERS = (
    Interrupter("none", "No interruption", "Nothing interrupts the loop.", 1.0, 1.0, 0.0, 0),
    Interrupter("distraction", "Distraction",
                "Attention goes elsewhere for 20 minutes (a game, a walk, a call about "
                "something else): rumination is broken off, so emotion and rumination feed "
                "each other far less while it lasts.",
                0.2, 0.5, 0.0, 20),
    Interrupter("skill", "An emotion-regulation skill",
                "Practised skills, such as slowing the breath and naming the feeling, used on "
                "and off over 45 minutes: they calm emotion a little and weaken both links.",
                0.6, 0.6, 0.3, 45),
    Interrupter("support", "Support from someone",
                "Talking it through with someone who listens, from then on: it calms emotion "
                "and weakens both links.",
                0.5, 0.5, 0.2, None),
)
INTERRUPTER_IDS = tuple(i.id for i in INTERRUPTERS)


def interrupter(interrupter_id: str) -> Interrupter:
    """The interrupter with this id; anything else raises ``ValueError`` naming the choices."""
    for item in INTERRUPTERS:
        if item.id == interrupter_id:
            return item
    raise ValueError(f"interruption must be one of {', '.join(INTERRUPTER_IDS)} "
                     f"(got {interrupter_id!r})")


_param = parameters.setting
UNMEASURED = parameters.UNMEASURED


@dataclass(frozen=True)
class CascadeParams:
    """Settings of the cascade model. Numbers outside their range raise ``ValueError``.

    ``event``                 size of the upsetting event, 0.1 to 1 (default 0.6)
    ``coupling``              how strongly rumination and negative emotion feed each other,
                              0 to 1 (default 0.7; from about ``HOLDS_FROM`` the loop can keep
                              emotion high for a while after the event, if the event is big
                              enough)
    ``interruption``          one of ``INTERRUPTER_IDS`` (default ``"none"``)
    ``interruption_minute``   when the interruption starts, 10 to 90 (default 30)

    ``CascadeParams.ranges()`` gives each range with its basis and sources. The model has no
    self-injury in it, so no setting describes relief from it.
    """

    event: float = _param(0.6, 0.1, 1.0, "Upsetting event",
                          "How big the upsetting event is (0.1 = small, 1 = very big).",
                          UNMEASURED)
    coupling: float = _param(0.7, 0.0, 1.0, "Rumination-emotion link",
                             "How strongly rumination and negative emotion feed each other "
                             "(0 = not at all, 1 = very strongly).",
                             "The link is the idea of the emotional cascade model, a theory; "
                             "its strength has not been measured on any scale, so the whole "
                             "range from none to very strong is shown.", "selby2009cascades")
    interruption: str = "none"
    interruption_minute: int = _param(30, 10, 90, "Interruption starts (minute)",
                                      "The minute at which the interruption starts.",
                                      UNMEASURED, step=1, whole=True)

    def __post_init__(self):
        interrupter(self.interruption)
        parameters.check(self)

    @classmethod
    def ranges(cls) -> dict[str, dict]:
        """Range, step, label, explanation, basis and sources of every numeric parameter."""
        return {f.name: {"default": f.default, **f.metadata} for f in fields(cls)
                if f.name != "interruption"}


@dataclass(frozen=True)
class Cascade:
    """One run of the model: negative emotion and rumination at each minute (0 to ``MINUTES``)."""

    params: CascadeParams
    minutes: np.ndarray
    emotion: np.ndarray
    rumination: np.ndarray

    @property
    def peak(self) -> float:
        """Highest negative emotion in the run."""
        return float(self.emotion.max())

    @property
    def peak_minute(self) -> int:
        """First minute at which negative emotion is at its highest."""
        return int(self.emotion.argmax())

    @property
    def minutes_high(self) -> int:
        """Minutes with negative emotion at or above ``HIGH``."""
        return int((self.emotion >= HIGH).sum())

    @property
    def mean(self) -> float:
        """Average negative emotion over the whole run."""
        return float(self.emotion.mean())

    @property
    def end(self) -> float:
        """Negative emotion at the last minute."""
        return float(self.emotion[-1])

    @property
    def interruption_window(self) -> tuple[int, int] | None:
        """First and last minute (exclusive) of the interruption, or ``None`` without one."""
        item = interrupter(self.params.interruption)
        if item.id == "none":
            return None
        start = self.params.interruption_minute
        stop = MINUTES if item.minutes is None else min(MINUTES, start + item.minutes)
        return start, stop


def simulate(params: CascadeParams) -> Cascade:
    """Run the cascade model minute by minute. No randomness: the same settings always give
    the same curves."""
    if not isinstance(params, CascadeParams):
        raise ValueError(f"params must be a CascadeParams object (got {type(params).__name__})")
    minutes = np.arange(MINUTES + 1)
    since = minutes - EVENT_MINUTE
    push = np.where(since >= 0, EVENT_GAIN * params.event * np.exp(-np.maximum(since, 0)
                                                                   / EVENT_FADE), 0.0)
    # Link strengths at each minute: the loop slowly eases on its own, and an interruption
    # weakens the links (and may calm emotion) while it is active.
    gain = LOOP_GAIN * params.coupling * easing(minutes)
    to_rumination = gain.copy()
    to_emotion = gain.copy()
    calming = np.zeros(MINUTES + 1)
    item = interrupter(params.interruption)
    if item.id != "none":
        start = params.interruption_minute
        stop = MINUTES + 1 if item.minutes is None else start + item.minutes
        active = (minutes >= start) & (minutes < stop)
        to_rumination[active] *= item.to_rumination
        to_emotion[active] *= item.to_emotion
        calming[active] = item.calming

    emotion = np.zeros(MINUTES + 1)
    rumination = np.zeros(MINUTES + 1)
    for t in range(MINUTES):
        e, r = emotion[t], rumination[t]
        emotion_target = _s_curve(push[t] + to_emotion[t] * r - calming[t])
        rumination_target = _s_curve(to_rumination[t] * e)
        emotion[t + 1] = e + EMOTION_RATE * (emotion_target - e)
        rumination[t + 1] = r + RUMINATION_RATE * (rumination_target - r)
    return Cascade(params, minutes, emotion, rumination)


def keeps_going(run: Cascade) -> bool:
    """Whether rumination and emotion kept pushing each other up after the event's own push had
    faded (emotion rises after minute ``PUSH_FADED``)."""
    after = run.emotion[PUSH_FADED:]
    return bool(after.max() > after[0] + 0.01)

