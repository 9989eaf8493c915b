"""The function sorter of notebook 03: short invented stories, sorted into the four functions.

Each story says only what the situation was, how the person felt and what changed afterwards.
The learner ticks one or more of the four functions of self-injury (automatic or social, negative
or positive reinforcement) and gets feedback that explains, function by function, why each fits
or does not. A fifth choice, *None of these*, is the answer when nothing eased and nothing
wanted came, as daily-life studies found after some acts. The stories live in
``data/function-vignettes.yml``. Every reason starts with its
verdict ("Fits.", "Arguable.", "Does not fit." or "Not described."); feedback lines replace that
word with a heading of their own, so a line never states two verdicts.

- ``load()`` / ``parse(raw)``  read the stories and check them against their schema in
                               ``reliefcycle.data.vignettes`` (a problem raises
                               ``VignetteError``, which names the file, story and field)
- ``grade(deck, story, chosen)``  feedback for a set of ticked functions (pure logic)
- ``static_html(deck)``        every story with its answer folded inside ``<details>``
- ``function_sorter()``        the widget (one story at a time, checkboxes, Check button)
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import ipywidgets as widgets
import yaml

from reliefcycle import data
from reliefcycle.core.fallback import StaticFallback
from reliefcycle.data import DataError, vignettes
from reliefcycle.data.vignettes import CHOICES, Function, Vignette, split_reason
from reliefcycle.data.vignettes import FILE as DATA_FILE
from reliefcycle.data.vignettes import NONE as NONE

#: The heading a feedback line gives a function the learner ticked that is not an answer.
EXTRA_HEADINGS = {"Does not fit.": "Not this one", "Not described.": "Not described in the story"}


class VignetteError(DataError):
    """The sorter's data file is malformed; the message names the file, record and field."""


@dataclass(frozen=True)
class Deck:
    """The four functions and the stories, checked."""

    functions: dict[str, Function]
    vignettes: tuple[Vignette, ...]

    def vignette(self, vignette_id: str) -> Vignette:
        for v in self.vignettes:
            if v.id == vignette_id:
                return v
        raise VignetteError(f"no story with id '{vignette_id}'")


@dataclass(frozen=True)
class Result:
    """What a set of ticked functions got right, missed and added, and the feedback to show.

    ``lines`` are the feedback sentences, one per function ticked or expected, then the
    explanation; ``message`` joins them for plain-text displays.
    """

    correct: bool
    found: tuple[str, ...]
    missed: tuple[str, ...]
    extra: tuple[str, ...]
    arguable: tuple[str, ...]
    lines: tuple[str, ...]

    @property
    def message(self) -> str:
        return " ".join(self.lines)


def parse(raw, file: str = DATA_FILE) -> Deck:
    """Check the raw YAML data against its schema (``reliefcycle.data.vignettes``) and return a
    ``Deck``; any problem raises ``VignetteError`` naming the file, record and field."""
    functions, stories = vignettes.parse(raw, file, VignetteError)
    return Deck(functions, stories)


def load(path: str | Path | None = None) -> Deck:
    """The stories from ``path``, or from the package's own data file."""
    if path is None:
        return parse(data.read_yaml(DATA_FILE))
    path = Path(path)
    return parse(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)


def grade(deck: Deck, vignette: Vignette | str, chosen: Iterable[str]) -> Result:
    """Feedback on the functions ``chosen`` for a story (a ``Vignette`` or its id).

    Correct means every answer is ticked and nothing else, apart from functions marked
    arguable. Each ticked or expected function gets a line saying why it fits or not.
    """
    v = deck.vignette(vignette) if isinstance(vignette, str) else vignette
    chosen = list(chosen)
    unknown = [c for c in chosen if c not in CHOICES]
    if unknown:
        raise VignetteError(f"'{unknown[0]}' is not a function; choose from "
                            f"{', '.join(CHOICES)}")
    picked = set(chosen)
    if not picked:
        return Result(False, (), v.answers, (), (),
                      ("Tick one or more functions first, then press Check.",))
    found = tuple(f for f in v.answers if f in picked)
    missed = tuple(f for f in v.answers if f not in picked)
    arguable = tuple(f for f in v.arguable if f in picked)
    extra = tuple(f for f in CHOICES if f in picked and f not in v.answers + v.arguable)
    correct = not missed and not extra
    if correct and len(v.answers) > 1:
        verdict = "Yes: you found all of them."
    elif correct:
        verdict = "Yes."
    elif found:
        verdict = "Partly."
    elif arguable:
        verdict = "Defensible, but not the best fit."
    else:
        verdict = "Not quite."

    def line(heading: str, fid: str) -> str:
        return f"{heading}: {deck.functions[fid].label} \N{EM DASH} {split_reason(v.reasons[fid])[1]}"

    lines = [verdict]
    lines += [line("Right", f) for f in found]
    lines += [line("Defensible", f) for f in arguable]
    lines += [line("Also fits", f) for f in missed]
    lines += [line(EXTRA_HEADINGS[split_reason(v.reasons[f])[0]], f) for f in extra]
    lines.append(v.explanation)
    return Result(correct, found, missed, extra, arguable, tuple(lines))


def answer_text(deck: Deck, v: Vignette) -> str:
    """The answer of a story in words, e.g. for static exports."""
    names = " and ".join(deck.functions[f].label for f in v.answers)
    text = f"{names}. {v.explanation}"
    for f in v.arguable:
        text += (f" Also defensible: {deck.functions[f].label} \N{EM DASH} "
                 f"{split_reason(v.reasons[f])[1]}")
    return text


def static_html(deck: Deck) -> str:
    """Every story, the four functions to choose from, and the answer folded in ``<details>``."""
    options = "".join(f"<li>{html.escape(f.label)}</li>" for f in deck.functions.values())
    parts = [
        "<p><em>Function sorter: for each story, decide which function or functions it shows "
        "(more than one can fit, and sometimes none does). The choices are:</em></p>",
        f"<ul>{options}</ul>",
    ]
    for n, v in enumerate(deck.vignettes, start=1):
        reasons = "".join(f"<li><strong>{html.escape(deck.functions[f].label)}</strong>: "
                          f"{html.escape(v.reasons[f])}</li>" for f in CHOICES)
        parts.append(
            f"<p><strong>Story {n}: {html.escape(v.name)}.</strong> {html.escape(v.story)}</p>"
            f"<details><summary>Show answer</summary><p>{html.escape(answer_text(deck, v))}</p>"
            f"<ul>{reasons}</ul></details>")
    return "\n".join(parts)


def static_text(deck: Deck) -> str:
    """The stories as plain text, without answers."""
    return "\n".join(f"Story {n}: {v.name}. {v.story}"
                     for n, v in enumerate(deck.vignettes, start=1))


# --- the widget -----------------------------------------------------------------------------------

class SorterWidget(StaticFallback, widgets.VBox):
    """One story at a time: four labelled checkboxes, Check, and Previous / Next.

    Ticks are remembered per story, so moving back and forth keeps them. Feedback is announced
    to screen readers (``aria-live``). Static exports show every story with folded answers.
    """

    def __init__(self, deck: Deck | None = None):
        self.deck = deck if deck is not None else load()
        self.index = 0
        self.ticked: dict[str, set[str]] = {v.id: set() for v in self.deck.vignettes}
        self.heading = widgets.HTML()
        self.story = widgets.HTML(layout=widgets.Layout(max_width="48em"))
        self.boxes = {fid: widgets.Checkbox(value=False, description=f.label, indent=False,
                                            description_allow_html=False,
                                            layout=widgets.Layout(width="auto"))
                      for fid, f in self.deck.functions.items()}
        self.check_button = widgets.Button(description="Check", button_style="primary",
                                           tooltip="Check the functions you ticked")
        self.previous_button = widgets.Button(description="Previous story", icon="arrow-left",
                                              tooltip="Go back one story")
        self.next_button = widgets.Button(description="Next story", icon="arrow-right",
                                          tooltip="Go on to the next story")
        self.feedback = widgets.HTML(layout=widgets.Layout(min_height="3em", max_width="48em"))
        self._quiet = False
        for fid, box in self.boxes.items():
            box.observe(lambda change, fid=fid: self._on_tick(fid, change["new"]), names="value")
        self.check_button.on_click(lambda _: self.check())
        self.previous_button.on_click(lambda _: self.go(self.index - 1))
        self.next_button.on_click(lambda _: self.go(self.index + 1))
        note = widgets.HTML("<p><em>Private and offline: your answers stay on this page and are "
                            "not recorded.</em></p>")
        super().__init__([note, self.heading, self.story, widgets.VBox(list(self.boxes.values())),
                          widgets.HBox([self.check_button, self.previous_button,
                                        self.next_button]),
                          self.feedback])
        self._show()

    @property
    def current(self) -> Vignette:
        return self.deck.vignettes[self.index]

    def go(self, index: int) -> None:
        """Show story ``index`` (from 0); past either end, wrap round."""
        self.index = index % len(self.deck.vignettes)
        self._show()

    def check(self) -> Result:
        """Grade the ticked functions of the current story and show the feedback."""
        result = grade(self.deck, self.current, self.ticked[self.current.id])
        first, *rest = result.lines
        items = "".join(f"<li>{html.escape(line)}</li>" for line in rest)
        self.feedback.value = (f'<div role="status" aria-live="polite"><p><strong>'
                               f"{html.escape(first)}</strong></p><ul>{items}</ul></div>")
        return result

    def _on_tick(self, fid: str, value: bool) -> None:
        if self._quiet:
            return
        (self.ticked[self.current.id].add if value else self.ticked[self.current.id].discard)(fid)

    def _show(self) -> None:
        v = self.current
        self.heading.value = (f"<p style='font-size:1.1em'><strong>Story {self.index + 1} of "
                              f"{len(self.deck.vignettes)}: {html.escape(v.name)}</strong></p>")
        self.story.value = f"<p style='font-size:1.1em'>{html.escape(v.story)}</p>"
        self._quiet = True
        try:
            for fid, box in self.boxes.items():
                box.value = fid in self.ticked[v.id]
        finally:
            self._quiet = False
        self.feedback.value = ""

    def static_html(self) -> str:
        return static_html(self.deck)

    def static_text(self) -> str:
        return static_text(self.deck)


def function_sorter(deck: Deck | None = None) -> SorterWidget:
    """The function sorter for a notebook: ``sorter.function_sorter()`` ends a cell."""
    return SorterWidget(deck)
