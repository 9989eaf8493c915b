"""Practice scenarios for responding to a disclosure of self-injury, with feedback on each reply.

Each scenario (``data/scenarios.yml``) is a short disclosure - from a friend, a student, a client
or a colleague - told without any detail of the self-injury itself, with three possible replies.
Every reply is rated *helpful*, *partly helpful* or *unhelpful* (exactly one is helpful), and its
feedback explains the likely effect on the person who disclosed. A reply that does one of the
things notebook 06 lists as making things worse names it under ``breaks`` (see ``WORSE``), and
such a reply is always rated *unhelpful*: the rating follows the series' own guidance.

- ``load()`` / ``parse(raw)``   the scenarios, checked against their schema in
                                ``reliefcycle.data.scenarios`` and the language rules (bad data
                                raises ``ScenarioError`` naming the file, scenario and field)
- ``Practice``                  the logic alone: which scenario, which reply was chosen, and the
                                feedback for it; no widgets
- ``respond(scenario, choice)`` the feedback for one reply (``Response``)
- ``practice()``                the widget: a scenario at a time, the replies as radio buttons,
                                *Show feedback* and *Explain all three replies* buttons, and
                                *Previous* / *Next* and a *Scenario* menu to move between them
- ``static_html()`` / ``static_markdown()``
                                every scenario with its feedback folded inside ``<details>``, for
                                the book, slides and printed handouts

Everything runs in the reader's own kernel; no choice is recorded or sent anywhere.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cache

import ipywidgets as widgets

from reliefcycle import data
from reliefcycle.core import safety, style
from reliefcycle.core.fallback import StaticFallback
from reliefcycle.core.stepping import Steps
from reliefcycle.data import DataError, validate
from reliefcycle.data.scenarios import RATINGS as RATINGS
from reliefcycle.data.scenarios import REPLIES_PER_SCENARIO, WHO, Scenario
from reliefcycle.data.scenarios import WORSE as WORSE
from reliefcycle.data.scenarios import Reply as Reply

DATA_FILE = "scenarios.yml"
#: Background tint of the feedback box for each rating (text stays in the dark text colour; the
#: rating is also written out in words, so colour is never the only cue).
RATING_TINTS = {"helpful": style.TINTS["skill"], "partly": style.TINTS["highlight"],
                "unhelpful": style.TINTS["cost"]}
LETTERS = "ABCDEFGHIJ"


class ScenarioError(DataError):
    """A scenario is malformed; the message names the file, the scenario and the field."""


@dataclass(frozen=True)
class Response:
    """What the learner sees after choosing a reply (``choice`` is ``None`` before choosing)."""

    choice: int | None
    rating: str | None
    message: str


# --- data ----------------------------------------------------------------------------------------

def parse(raw) -> tuple[Scenario, ...]:
    """Check the YAML records and turn them into ``Scenario`` objects (in file order)."""
    scenarios = tuple(validate(raw, Scenario, file=DATA_FILE, label="scenario", error=ScenarioError))
    for s in scenarios:
        texts = {"title": s.title, "situation": s.situation, "takeaway": s.takeaway}
        for n, r in enumerate(s.replies, start=1):
            texts |= {f"replies[{n}].text": r.text, f"replies[{n}].feedback": r.feedback}
        safety.check_fields(texts, f"{DATA_FILE}, scenario '{s.id}'", ScenarioError)
    return scenarios


@cache
def load() -> tuple[Scenario, ...]:
    """The series' scenarios from ``data/scenarios.yml``."""
    return parse(data.read_yaml(DATA_FILE))


def select(who=None, scenarios: tuple[Scenario, ...] | None = None) -> tuple[Scenario, ...]:
    """The scenarios in which one of ``who`` (e.g. ``["student", "friend"]``) discloses."""
    scenarios = load() if scenarios is None else scenarios
    if who is None:
        return scenarios
    wanted = (who,) if isinstance(who, str) else tuple(who)
    unknown = [w for w in wanted if w not in WHO]
    if unknown:
        raise ScenarioError(f"who: '{unknown[0]}' is not one of {', '.join(WHO)}")
    chosen = tuple(s for s in scenarios if s.who in wanted)
    if not chosen:
        raise ScenarioError(f"who: no scenario for {', '.join(wanted)}")
    return chosen


# --- logic ---------------------------------------------------------------------------------------

def respond(scenario: Scenario, choice: int | None) -> Response:
    """The feedback for choosing reply ``choice`` (from 0); ``None`` means nothing chosen yet."""
    if choice is None:
        return Response(None, None, "Choose a reply first, then press Show feedback.")
    if not isinstance(choice, int) or not 0 <= choice < len(scenario.replies):
        raise IndexError(f"scenario '{scenario.id}': reply {choice!r} does not exist "
                         f"(there are {len(scenario.replies)}, numbered from 0)")
    reply = scenario.replies[choice]
    return Response(choice, reply.rating,
                    f"Reply {LETTERS[choice]}: {reply.label}. {reply.feedback}")


class Practice(Steps):
    """Which scenario is being discussed, and the reply chosen in each (no widgets).

    Scenarios and replies are counted from 0 here; people see them numbered from 1 and lettered
    from A. A choice is remembered per scenario, so going back shows it again.
    """

    noun = "scenario"

    def __init__(self, scenarios: tuple[Scenario, ...] | None = None):
        scenarios = load() if scenarios is None else tuple(scenarios)
        if not scenarios:
            raise ScenarioError("a practice needs at least one scenario")
        super().__init__(scenarios)
        self.choices: dict[str, int] = {}

    @property
    def scenarios(self) -> tuple[Scenario, ...]:
        return self.items

    @property
    def heading(self) -> str:
        """For example "Scenario 2 of 8: A student stays behind after class"."""
        return f"Scenario {self.index + 1} of {len(self)}: {self.current.title}"

    @property
    def choice(self) -> int | None:
        """The reply chosen in the current scenario, if any."""
        return self.choices.get(self.current.id)

    def choose(self, choice: int | None) -> Response:
        """Record the reply chosen in the current scenario and return its feedback."""
        response = respond(self.current, choice)
        if choice is None:
            self.choices.pop(self.current.id, None)
        else:
            self.choices[self.current.id] = choice
        return response

    def explain_all(self) -> list[Response]:
        """The feedback on every reply of the current scenario, for a group discussion."""
        return [respond(self.current, i) for i in range(len(self.current.replies))]


# --- rendering -----------------------------------------------------------------------------------

def _esc(text: str) -> str:
    return html.escape(text, quote=False)


def scenario_html(scenario: Scenario, heading: str) -> str:
    """The situation and the lettered replies, as HTML."""
    replies = "".join(f"<li><strong>Reply {LETTERS[i]}.</strong> \u201c{_esc(r.text)}\u201d</li>"
                      for i, r in enumerate(scenario.replies))
    return (f'<div style="font-size: 1.15em; line-height: 1.45; max-width: 52em">'
            f'<p style="margin: 0 0 0.4em 0"><strong>{_esc(heading)}</strong><br>'
            f"Who is telling you: a {_esc(scenario.who)}</p>"
            f'<p style="margin: 0 0 0.6em 0">{_esc(scenario.situation)}</p>'
            f'<p style="margin: 0">Which reply would you give?</p>'
            f'<ul style="list-style: none; padding-left: 0.5em">{replies}</ul></div>')


def response_html(response: Response, scenario: Scenario) -> str:
    """One reply's feedback in a tinted box (``role=status`` so screen readers announce it)."""
    if response.rating is None:
        return f'<div role="status" aria-live="polite"><p>{_esc(response.message)}</p></div>'
    return (f'<div role="status" aria-live="polite">{_feedback_box(response)}'
            f"<p><strong>The key point:</strong> {_esc(scenario.takeaway)}</p></div>")


def _feedback_box(response: Response) -> str:
    tint = RATING_TINTS[response.rating]
    return (f'<p style="background: {tint}; color: {style.PALETTE["text"]}; padding: 0.5em 0.7em;'
            f' border-radius: 4px; max-width: 52em">{_esc(response.message)}</p>')


def all_feedback_html(scenario: Scenario) -> str:
    """Feedback on all three replies (announced as one status message)."""
    boxes = "".join(_feedback_box(respond(scenario, i)) for i in range(len(scenario.replies)))
    return (f'<div role="status" aria-live="polite">{boxes}'
            f"<p><strong>The key point:</strong> {_esc(scenario.takeaway)}</p></div>")


def static_html(scenarios: tuple[Scenario, ...] | None = None) -> str:
    """Every scenario with its replies; the feedback folded inside ``<details>``."""
    scenarios = load() if scenarios is None else scenarios
    parts = []
    for n, s in enumerate(scenarios, start=1):
        replies = "".join(f"<li>\u201c{_esc(r.text)}\u201d</li>" for r in s.replies)
        explained = "".join(f"<li><strong>Reply {LETTERS[i]} ({_esc(r.label.lower())}).</strong> "
                            f"{_esc(r.feedback)}</li>" for i, r in enumerate(s.replies))
        parts.append(
            f"<p><strong>Scenario {n}: {_esc(s.title)}.</strong> {_esc(s.situation)}</p>"
            f'<ol type="A">{replies}</ol>'
            f"<details><summary>Feedback on each reply</summary><ul>{explained}</ul>"
            f"<p><strong>The key point:</strong> {_esc(s.takeaway)}</p></details>")
    return "\n".join(parts)


def static_markdown(scenarios: tuple[Scenario, ...] | None = None) -> str:
    """The same as ``static_html`` in Markdown, e.g. for a printed workshop handout."""
    scenarios = load() if scenarios is None else scenarios
    parts = []
    for n, s in enumerate(scenarios, start=1):
        lines = [f"**Scenario {n}: {s.title}.** {s.situation}", ""]
        lines += [f"- **Reply {LETTERS[i]}.** \u201c{r.text}\u201d" for i, r in enumerate(s.replies)]
        lines += ["", "<details><summary>Feedback on each reply</summary>", ""]
        lines += [f"- **Reply {LETTERS[i]} ({r.label.lower()}).** {r.feedback}"
                  for i, r in enumerate(s.replies)]
        lines += ["", f"**The key point:** {s.takeaway}", "", "</details>", ""]
        parts.append("\n".join(lines))
    return "\n".join(parts)


def static_text(scenarios: tuple[Scenario, ...] | None = None) -> str:
    """The scenarios as plain text, without the feedback."""
    scenarios = load() if scenarios is None else scenarios
    return "\n".join(f"Scenario {n}: {s.title}. {s.situation}"
                     for n, s in enumerate(scenarios, start=1))


# --- widget --------------------------------------------------------------------------------------

class ScenarioPractice(StaticFallback, widgets.VBox):
    """The scenarios one at a time, with feedback on the chosen reply (build it with
    ``practice()``).

    The *Scenario* menu is the one source of truth for which scenario is shown: *Previous* and
    *Next* move it. All controls are standard ipywidgets controls with a visible label, so they
    can be reached with the Tab key and worked with Enter, Space and the arrow keys.
    """

    def __init__(self, scenarios: tuple[Scenario, ...] | None = None):
        self.practice = Practice(scenarios)
        count = len(self.practice)
        self.menu = widgets.Dropdown(
            options=[(f"{n}. {s.title}", n - 1)
                     for n, s in enumerate(self.practice.scenarios, start=1)],
            value=0, description="Scenario", style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"))
        self.previous_button = widgets.Button(
            description="Previous", icon="arrow-left",
            tooltip="Go back one scenario (from the first, go to the last)")
        self.next_button = widgets.Button(
            description="Next", icon="arrow-right",
            tooltip=f"Go on to the next scenario (after scenario {count}, start again)")
        self.card = widgets.HTML()
        self.choices = widgets.RadioButtons(
            options=[f"Reply {LETTERS[i]}" for i in range(REPLIES_PER_SCENARIO)], value=None,
            description="Your reply", style={"description_width": "initial"})
        self.show_button = widgets.Button(
            description="Show feedback", button_style="primary",
            tooltip="See what the reply you chose is likely to do",
            layout=widgets.Layout(width="auto"))
        self.all_button = widgets.Button(
            description="Explain all three replies",
            tooltip="See the feedback on every reply, for a group discussion",
            layout=widgets.Layout(width="auto"))
        self.feedback = widgets.HTML(layout=widgets.Layout(min_height="2em"))

        self.menu.observe(self._on_menu, names="value")
        self.previous_button.on_click(lambda _: self._move(self.practice.previous()))
        self.next_button.on_click(lambda _: self._move(self.practice.next()))
        self.show_button.on_click(lambda _: self.show_feedback())
        self.all_button.on_click(lambda _: self.explain_all())

        note = widgets.HTML("<p><em>Private and offline: your choices stay on this page and are "
                            "not recorded.</em></p>")
        navigation = widgets.HBox([self.previous_button, self.next_button, self.menu])
        buttons = widgets.HBox([self.show_button, self.all_button])
        super().__init__([note, navigation, self.card, self.choices, buttons, self.feedback])
        self.add_class("reliefcycle-scenarios")
        self._show()

    def static_html(self) -> str:
        return static_html(self.practice.scenarios)

    def static_text(self) -> str:
        return static_text(self.practice.scenarios)

    def show_feedback(self) -> Response:
        """Feedback on the reply chosen with the radio buttons."""
        choice = None if self.choices.index is None else int(self.choices.index)
        response = self.practice.choose(choice)
        self.feedback.value = response_html(response, self.practice.current)
        return response

    def explain_all(self) -> list[Response]:
        """Feedback on all three replies of the current scenario."""
        self.feedback.value = all_feedback_html(self.practice.current)
        return self.practice.explain_all()

    def _move(self, index: int) -> None:
        self.menu.value = index

    def _on_menu(self, change) -> None:
        self.practice.go(change["new"])
        self._show()

    def _show(self) -> None:
        self.card.value = scenario_html(self.practice.current, self.practice.heading)
        self.choices.index = self.practice.choice
        self.feedback.value = ""


def practice(who=None) -> ScenarioPractice:
    """The practice scenarios, ready to display: ``scenarios.practice()``.

    ``who`` limits them to some speakers, e.g. ``scenarios.practice(["student", "colleague"])``.
    """
    return ScenarioPractice(select(who))
