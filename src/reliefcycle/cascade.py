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
- ``sentences()`` / ``describe()``  the words under the figure, each worked out from the run
- ``CascadePlot``                    a figure built once and updated in place
- ``cascade_explorer()``             the widget (sliders, figure, description, assumptions)
- ``cascade_static()``               a static two-panel figure for the book and the slides
"""

from __future__ import annotations

import html
import io
from dataclasses import dataclass, fields
from typing import NamedTuple

import ipywidgets as widgets
import numpy as np
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from . import a11y, about, parameters, style
from .fallback import StaticFallback
from .models import cycle_text

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


# --- the figure, built once and updated in place -----------------------------------------------

FIGSIZE = (10, 5.6)
DPI = 80
EMOTION_STYLE = {"color": style.PALETTE["distress"], "linestyle": "-", "linewidth": 3}
RUMINATION_STYLE = {"color": style.PALETTE["cost"], "linestyle": "--", "linewidth": 2.5}
REFERENCE_STYLE = {"color": style.PALETTE["neutral"], "linestyle": ":", "linewidth": 2.5}
FIGURE_ALT = ("Line chart from the conceptual cascade model: negative emotion and rumination "
              "over two hours after an upsetting event, with a shaded band where an "
              "interruption is active and a dotted line for the same run without it. The text "
              "below the figure describes what it shows.")


class CascadePlot:
    """Runs the model and keeps one figure up to date, with no widgets (testable anywhere).

    ``update(params)`` moves the existing lines and band to the new run and returns the
    description; ``png()`` renders the figure.
    """

    def __init__(self, params: CascadeParams | None = None):
        with style.context():
            self.figure = Figure(figsize=FIGSIZE, dpi=DPI, layout="constrained")
            self.canvas = FigureCanvasAgg(self.figure)
            ax = self.ax = self.figure.subplots()
            x = np.arange(MINUTES + 1)
            empty = np.full(MINUTES + 1, np.nan)
            self.band = Rectangle((0, 0), 0, 1, transform=ax.get_xaxis_transform(),
                                  facecolor=style.TINTS["skill"], edgecolor="none",
                                  alpha=0.7, label="Interruption active", zorder=0)
            ax.add_patch(self.band)
            (self.reference,) = ax.plot(x, empty, label="Emotion, no interruption",
                                        **REFERENCE_STYLE)
            (self.emotion,) = ax.plot(x, empty, label="Negative emotion", **EMOTION_STYLE)
            (self.rumination,) = ax.plot(x, empty, label="Rumination", **RUMINATION_STYLE)
            ax.axhline(HIGH, color=style.PALETTE["neutral"], linewidth=1)
            ax.text(MINUTES - 1, HIGH + 0.015, "high", ha="right", va="bottom", fontsize=13)
            ax.axvline(EVENT_MINUTE, color=style.PALETTE["text"], linewidth=1)
            ax.text(EVENT_MINUTE + 1, 1.0, "upsetting\nevent", va="top", fontsize=13)
            ax.set(xlim=(0, MINUTES), ylim=(0, 1.05), xticks=range(0, MINUTES + 1, 15),
                   xlabel="Minutes", ylabel="Level (0 = none, 1 = most)")
            ax.set_title("Teaching model: an emotional cascade", loc="left")
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=12)
        self.run: Cascade | None = None
        self.description = ""
        # Only these artists change. They are drawn on top of a saved picture of everything else
        # (axes, labels, legend), because drawing text is the slow part of a redraw.
        for artist in self.artists:
            artist.set_animated(True)
        self._background = None
        self.update(params if params is not None else CascadeParams())
        # Lay the figure out once, then keep that layout for every update.
        self._draw_background()
        self.figure.set_layout_engine("none")

    @property
    def artists(self) -> list:
        """The artists that change between updates (the rest of the figure never does)."""
        return [self.band, self.reference, self.emotion, self.rumination]

    def update(self, params: CascadeParams) -> str:
        """Run the model with ``params``, move the existing artists and return a description."""
        run = simulate(params)
        without = simulate(CascadeParams(event=params.event, coupling=params.coupling))
        self.run = run
        self.emotion.set_ydata(run.emotion)
        self.rumination.set_ydata(run.rumination)
        window = run.interruption_window
        self.reference.set_ydata(without.emotion if window else np.full(MINUTES + 1, np.nan))
        if window is None:
            self.band.set_visible(False)
        else:
            self.band.set_visible(True)
            self.band.set_x(window[0])
            self.band.set_width(window[1] - window[0])
        self.description = describe(run, without)
        return self.description

    def _draw_background(self) -> None:
        self.canvas.draw()
        self._background = self.canvas.copy_from_bbox(self.figure.bbox)

    def png(self) -> bytes:
        """The figure as PNG bytes: the saved background with the changing artists on top."""
        if self._background is None:
            self._draw_background()
        self.canvas.restore_region(self._background)
        for artist in self.artists:
            if artist.get_visible():
                self.ax.draw_artist(artist)
        buffer = io.BytesIO()
        # Fast compression: the image is sent again on every change of a control.
        PIL.Image.fromarray(np.asarray(self.canvas.buffer_rgba())).save(
            buffer, format="png", compress_level=1)
        return buffer.getvalue()


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


# --- the widget -----------------------------------------------------------------------------------

def _slider(name: str, value) -> widgets.ValueWidget:
    spec = CascadeParams.ranges()[name]
    common = {"value": value, "min": spec["low"], "max": spec["high"], "step": spec["step"],
              "description": spec["label"], "description_allow_html": False,
              "tooltip": spec["help"], "continuous_update": False,
              "style": {"description_width": "16em"}, "layout": widgets.Layout(width="36em")}
    if spec["whole"]:
        return widgets.IntSlider(**common)
    return widgets.FloatSlider(readout_format=".2f", **common)


class CascadeWidget(StaticFallback, widgets.VBox):
    """Sliders for the event and the link, a choice of interruption and its start, the figure,
    a sentence describing it (announced to screen readers), and the model's assumptions.

    Every control is a standard ipywidgets control with a visible text label, so it works with
    the keyboard (Tab to move, arrow keys to change).
    """

    def __init__(self, params: CascadeParams | None = None):
        start = params if params is not None else CascadeParams()
        self.plot = CascadePlot(start)
        self.sliders = {name: _slider(name, getattr(start, name))
                        for name in CascadeParams.ranges()}
        self.interruption = widgets.Dropdown(
            options=[(i.label, i.id) for i in INTERRUPTERS], value=start.interruption,
            description="Interruption", description_allow_html=False,
            tooltip="Choose what interrupts the loop",
            style={"description_width": "16em"}, layout=widgets.Layout(width="36em"))
        self.interruption_note = widgets.HTML()
        self.image = widgets.HTML()
        self.summary = widgets.HTML()
        self.about = widgets.HTML(
            about.link_html(ABOUT_MODEL),
            layout=widgets.Layout(border=f"1px solid {style.PALETTE['neutral']}",
                                  padding="0 1em", max_width="800px"))
        controls = [self.sliders["event"], self.sliders["coupling"], self.interruption,
                    self.interruption_note, self.sliders["interruption_minute"]]
        super().__init__([widgets.VBox(controls), self.image, self.summary, self.about])
        for control in [*self.sliders.values(), self.interruption]:
            control.observe(self._on_change, names="value")
        self._show()

    def params(self) -> CascadeParams:
        """The settings the controls show now."""
        return CascadeParams(interruption=self.interruption.value,
                             **{name: s.value for name, s in self.sliders.items()})

    def refresh(self) -> str:
        """Update the figure and the description from the controls; returns the description."""
        self.plot.update(self.params())
        self._show()
        return self.plot.description

    def _on_change(self, _change) -> None:
        self.refresh()

    def _show(self) -> None:
        item = interrupter(self.interruption.value)
        self.interruption_note.value = f"<p>{html.escape(item.description)}</p>"
        self.image.value = style.img_html(self.plot.png(), FIGURE_ALT, max_width="800px")
        self.summary.value = ('<div role="status" aria-live="polite"><p>'
                              f"{html.escape(self.plot.description)}</p></div>")

    def static_html(self) -> str:
        return ("<p><em>The live cascade model needs a running Python kernel. The figure below "
                "it shows the same model for fixed settings.</em></p>" + about.link_html(ABOUT_MODEL))

    def static_text(self) -> str:
        return "The cascade model (live in JupyterLab). " + self.plot.description


def cascade_explorer(params: CascadeParams | None = None) -> CascadeWidget:
    """The interactive cascade model for a notebook: ``cascade_explorer()`` ends a cell."""
    a11y.label_controls()
    return CascadeWidget(params)


# --- the static figure --------------------------------------------------------------------------

class FigureWithAlt(NamedTuple):
    """A figure and the text alternative that describes it (for ``style.show``)."""

    figure: Figure
    alt: str


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
