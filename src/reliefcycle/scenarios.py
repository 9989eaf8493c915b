"""Practice scenarios for responding to a disclosure of self-injury, with feedback on each reply.

Each scenario (``data/scenarios.yml``) is a short disclosure - from a friend, a student, a client
or a colleague - told without any detail of the self-injury itself, with three possible replies.
Every reply is rated *helpful*, *partly helpful* or *unhelpful* (exactly one is helpful), and its
feedback explains the likely effect on the person who disclosed. A reply that does one of the
things notebook 06 lists as making things worse names it under ``breaks`` (see ``WORSE``), and
such a reply is always rated *unhelpful*: the rating follows the series' own guidance.

- ``load()`` / ``parse(raw)``   the checked scenarios (bad data raises ``ScenarioError``, a
                                ``ValueError`` naming the scenario and the field)
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
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import ipywidgets as widgets
import yaml

from . import safety, style
from .fallback import StaticFallback
from .stepping import Steps

#: Who discloses in a scenario.
WHO = ("friend", "student", "client", "colleague")
#: Ratings of a reply, best first, with the words shown to the learner.
RATINGS = {"helpful": "Helpful", "partly": "Partly helpful", "unhelpful": "Unhelpful"}
#: Background tint of the feedback box for each rating (text stays in the dark text colour; the
#: rating is also written out in words, so colour is never the only cue).
RATING_TINTS = {"helpful": style.TINTS["skill"], "partly": style.TINTS["highlight"],
                "unhelpful": style.TINTS["cost"]}
REPLIES_PER_SCENARIO = 3
LETTERS = "ABCDEFGHIJ"
FIELDS = ("id", "who", "title", "situation", "replies", "takeaway")
REPLY_FIELDS = ("text", "rating", "feedback")
OPTIONAL_REPLY_FIELDS = ("breaks",)
#: What notebook 06 teaches makes things worse (its section 3 table, and sections 1 and 4).
#: A reply that does any of these is rated unhelpful, however kindly it is meant.
WORSE = {
    "shock": "meets the disclosure with panic, shock or alarm",
    "asks-for-detail": "asks about the act itself: what exactly, how often, or to see an injury",
    "dismisses": "minimises, dismisses or passes over what was shared",
    "takes-over": "takes over, or acts without telling the person or hearing them first",
    "promises-secrecy": "promises secrecy that cannot be kept",
    "ultimatum": "makes support or fairness conditional, like an ultimatum",
    "delays-care": "puts off care for an injury that may need looking after today",
    "bypasses-lead": "keeps the school's safeguarding or wellbeing lead out of it",
}
SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class ScenarioError(ValueError):
    """A scenario is malformed; the message names the scenario and the field."""


@dataclass(frozen=True)
class Reply:
    text: str
    rating: str
    feedback: str
    breaks: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The rating in words, e.g. "Partly helpful"."""
        return RATINGS[self.rating]


@dataclass(frozen=True)
class Scenario:
    id: str
    who: str
    title: str
    situation: str
    replies: tuple[Reply, ...]
    takeaway: str

    @property
    def best(self) -> int:
        """Index (from 0) of the helpful reply."""
        return next(i for i, r in enumerate(self.replies) if r.rating == "helpful")


@dataclass(frozen=True)
class Response:
    """What the learner sees after choosing a reply (``choice`` is ``None`` before choosing)."""

    choice: int | None
    rating: str | None
    message: str


# --- data ----------------------------------------------------------------------------------------

def _text(value, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ScenarioError(f"{where}: must be a non-empty text")
    text = " ".join(value.split())
    findings = safety.lint_text(text)
    if findings:
        rules = ", ".join(sorted({f.rule for f in findings}))
        raise ScenarioError(f"{where}: breaks the language rules ({rules})")
    return text


def _reply(raw, where: str) -> Reply:
    if not isinstance(raw, dict):
        raise ScenarioError(f"{where}: must be a mapping with {', '.join(REPLY_FIELDS)}")
    missing = [f for f in REPLY_FIELDS if f not in raw]
    if missing:
        raise ScenarioError(f"{where}: missing {', '.join(missing)}")
    unknown = sorted(set(raw) - set(REPLY_FIELDS) - set(OPTIONAL_REPLY_FIELDS))
    if unknown:
        raise ScenarioError(f"{where}: unknown field {', '.join(unknown)}")
    if raw["rating"] not in RATINGS:
        raise ScenarioError(f"{where}.rating: '{raw['rating']}' is not one of {', '.join(RATINGS)}")
    breaks = raw.get("breaks", [])
    if not isinstance(breaks, list) or any(b not in WORSE for b in breaks):
        raise ScenarioError(f"{where}.breaks: must be a list of {', '.join(WORSE)}")
    if breaks and raw["rating"] != "unhelpful":
        raise ScenarioError(f"{where}.rating: a reply that {WORSE[breaks[0]]} is unhelpful, "
                            f"not '{raw['rating']}'")
    return Reply(_text(raw["text"], f"{where}.text"), raw["rating"],
                 _text(raw["feedback"], f"{where}.feedback"), tuple(breaks))


def _scenario(raw, number: int) -> Scenario:
    if not isinstance(raw, dict):
        raise ScenarioError(f"scenario {number}: must be a mapping with {', '.join(FIELDS)}")
    sid = raw.get("id", f"number {number}")
    where = f"scenario '{sid}'"
    missing = [f for f in FIELDS if f not in raw]
    if missing:
        raise ScenarioError(f"{where}: missing {', '.join(missing)}")
    unknown = sorted(set(raw) - set(FIELDS))
    if unknown:
        raise ScenarioError(f"{where}: unknown field {', '.join(unknown)}")
    if not isinstance(sid, str) or not SLUG.fullmatch(sid):
        raise ScenarioError(f"{where}.id: use lowercase words joined by hyphens")
    if raw["who"] not in WHO:
        raise ScenarioError(f"{where}.who: '{raw['who']}' is not one of {', '.join(WHO)}")
    replies = raw["replies"]
    if not isinstance(replies, list) or len(replies) != REPLIES_PER_SCENARIO:
        count = len(replies) if isinstance(replies, list) else "no list of"
        raise ScenarioError(f"{where}.replies: needs exactly {REPLIES_PER_SCENARIO} replies "
                            f"(found {count})")
    parsed = tuple(_reply(r, f"{where}.replies[{i}]") for i, r in enumerate(replies))
    helpful = sum(r.rating == "helpful" for r in parsed)
    if helpful != 1:
        raise ScenarioError(f"{where}.replies: needs exactly one reply rated 'helpful' "
                            f"(found {helpful})")
    if len({r.text.lower() for r in parsed}) != len(parsed):
        raise ScenarioError(f"{where}.replies: two replies have the same text")
    return Scenario(sid, raw["who"], _text(raw["title"], f"{where}.title"),
                    _text(raw["situation"], f"{where}.situation"), parsed,
                    _text(raw["takeaway"], f"{where}.takeaway"))


def parse(raw) -> tuple[Scenario, ...]:
    """Check the YAML records and turn them into ``Scenario`` objects (in file order)."""
    if not isinstance(raw, list) or not raw:
        raise ScenarioError("scenarios: the file must hold a non-empty list of scenarios")
    scenarios = tuple(_scenario(item, n) for n, item in enumerate(raw, start=1))
    seen: set[str] = set()
    for s in scenarios:
        if s.id in seen:
            raise ScenarioError(f"scenario '{s.id}'.id: used by more than one scenario")
        seen.add(s.id)
    return scenarios


@cache
def load() -> tuple[Scenario, ...]:
    """The series' scenarios from ``data/scenarios.yml``."""
    path = resources.files("reliefcycle").joinpath("data", "scenarios.yml")
    return parse(yaml.safe_load(path.read_text("utf-8")))


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
