"""Self-check questions with feedback that explains every option.

Questions live in ``data/self-checks/<notebook>.yml`` (one file per notebook). In JupyterLab they appear as
small widgets: pick an option, press *Check*, read why it is right or wrong. Everything happens
in your own browser and kernel: nothing is recorded or sent anywhere. In static exports (the
book, slides, HTML) the same questions appear with the answers folded away under "Show answer".
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cache

import ipywidgets as widgets

from reliefcycle import data
from reliefcycle.core.fallback import StaticFallback
from reliefcycle.data import DataError, validate
from reliefcycle.data.self_checks import Question


class QuestionError(DataError):
    """A self-check question is malformed; the message names the file, question and field."""


@dataclass(frozen=True)
class Feedback:
    correct: bool
    message: str


def parse(raw: list, notebook: str) -> list[Question]:
    """Turn the YAML records of one notebook into checked ``Question`` objects."""
    return validate(raw, Question, file=f"self-checks/{notebook}.yml", label="question",
                    error=QuestionError)


@cache
def _raw(notebook: str) -> list:
    if not data.exists("self-checks", f"{notebook}.yml"):
        raise QuestionError(f"no self-check questions for notebook '{notebook}' "
                            f"(expected data/self-checks/{notebook}.yml)")
    return data.read_yaml("self-checks", f"{notebook}.yml")


def questions_for(notebook: str) -> list[Question]:
    """The self-check questions of a notebook, by its file stem."""
    return parse(_raw(notebook), notebook)


def grade(question: Question, choice: int | None) -> Feedback:
    """Feedback for choosing option ``choice`` (0-based); ``None`` means nothing chosen yet."""
    if choice is None:
        return Feedback(False, "Choose an answer first, then press Check.")
    if not 0 <= choice < len(question.options):
        raise QuestionError(f"{question.id}: option {choice} does not exist "
                            f"(there are {len(question.options)})")
    option = question.options[choice]
    verdict = "Yes." if option.correct else "Not quite."
    return Feedback(option.correct, f"{verdict} {option.feedback}")


def static_html(questions: list[Question]) -> str:
    """The questions for static exports, each answer folded inside ``<details>``."""
    parts = []
    for n, q in enumerate(questions, start=1):
        items = "".join(f"<li>{html.escape(o.text)}</li>" for o in q.options)
        explained = "".join(
            f"<li><strong>{html.escape(o.text)}</strong> {'(correct)' if o.correct else ''}: "
            f"{html.escape(o.feedback)}</li>" for o in q.options)
        parts.append(
            f"<p><strong>Question {n}.</strong> {html.escape(q.prompt)}</p><ol type=\"A\">{items}</ol>"
            f"<details><summary>Show answer</summary><ul>{explained}</ul></details>")
    return "\n".join(parts)


class QuestionWidget(widgets.VBox):
    """One question: the options as radio buttons, a Check button and a feedback line."""

    def __init__(self, question: Question, number: int):
        self.question = question
        self.prompt = widgets.HTML(f"<p style='font-size:1.1em'><strong>Question {number}."
                                   f"</strong> {html.escape(question.prompt)}</p>")
        self.choices = widgets.RadioButtons(
            options=[o.text for o in question.options], value=None,
            description=f"Question {number}", style={"description_width": "initial"},
            layout=widgets.Layout(width="auto"))
        self.button = widgets.Button(description="Check", tooltip="Check your answer",
                                     button_style="primary")
        self.feedback = widgets.HTML(value="", layout=widgets.Layout(min_height="2em"))
        self.button.on_click(lambda _: self.check())
        super().__init__([self.prompt, self.choices, self.button, self.feedback])

    def check(self) -> Feedback:
        choice = None if self.choices.index is None else int(self.choices.index)
        result = grade(self.question, choice)
        self.feedback.value = f"<div role='status' aria-live='polite'>{html.escape(result.message)}</div>"
        return result


class Quiz(StaticFallback, widgets.VBox):
    """All self-check questions of one notebook; falls back to folded answers when static."""

    def __init__(self, questions: list[Question]):
        self.questions = questions
        self.items = [QuestionWidget(q, n) for n, q in enumerate(questions, start=1)]
        note = widgets.HTML("<p><em>Private and offline: your answers stay on this page and "
                            "are not recorded.</em></p>")
        super().__init__([note, *self.items])

    def static_html(self) -> str:
        return static_html(self.questions)

    def static_text(self) -> str:
        return "\n".join(f"Question {n}. {q.prompt}" for n, q in enumerate(self.questions, start=1))


def quiz(notebook: str) -> Quiz:
    """The self-check for a notebook, ready to display: ``checks.quiz("02_the_cycle")``."""
    return Quiz(questions_for(notebook))
