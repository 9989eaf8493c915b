"""Schema of the function sorter's stories, ``function-vignettes.yml`` (notebook 03).

The file describes the five choices a learner can tick (the four functions and *None of these*)
and the stories. Each story lists its answers, the choices that are arguable, and one reason per
choice that starts with its verdict: "Fits." for an answer, "Arguable." for an arguable choice,
and "Does not fit." or "Not described." for the others.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ValidationInfo, field_validator

from reliefcycle.data import DataError, Record, keyed, validate, validate_file
from reliefcycle.data.fields import Items, NonEmpty, Slug, Text

FILE = "function-vignettes.yml"
#: The four cells of the model, in the order the checkboxes show them.
FUNCTION_IDS = ("automatic-negative", "automatic-positive", "social-negative", "social-positive")
#: The choice for a story in which no function followed (nothing eased, nothing wanted came).
NONE = "none"
#: Everything a learner can tick: the four functions, then "None of these".
CHOICES = (*FUNCTION_IDS, NONE)
Choice = Literal[CHOICES]
#: The reason shown when "None of these" is ticked for a story in which something did follow.
NONE_DOES_NOT_FIT = ("Does not fit. Something did change afterwards in this story, even if only "
                     "for a short time.")
#: The verdict each reason starts with: for an answer, for an arguable function, for the others.
FITS, ARGUABLE, OTHER_VERDICTS = "Fits.", "Arguable.", ("Does not fit.", "Not described.")


def split_reason(reason: str) -> tuple[str, str]:
    """A reason's verdict (its first sentence, e.g. ``"Fits."``) and the explanation after it."""
    verdict, _, body = reason.partition(". ")
    return verdict + ".", body.strip()


def _in_order(ids: tuple[str, ...]) -> tuple[str, ...]:
    if len(set(ids)) != len(ids):
        raise ValueError("lists a function twice")
    return tuple(c for c in CHOICES if c in ids)


class Function(Record):
    id: Choice
    label: Text
    description: Text


class Vignette(Record):
    id: Slug
    name: Text
    story: Text
    # Declared in this order because each is checked against those before it.
    answers: NonEmpty[Choice]
    arguable: Items[Choice] = ()
    explanation: Text
    reasons: dict[Choice, Text]

    @field_validator("answers")
    @classmethod
    def _answers(cls, answers: tuple[str, ...]) -> tuple[str, ...]:
        if NONE in answers and len(answers) > 1:
            raise ValueError(f"'{NONE}' can only be the one answer of a story")
        return _in_order(answers)

    @field_validator("arguable")
    @classmethod
    def _arguable(cls, arguable: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        if NONE in arguable:
            raise ValueError(f"'{NONE}' can only be the one answer of a story")
        if set(arguable) & set(info.data.get("answers", ())):
            raise ValueError("repeats a function from 'answers'")
        return _in_order(arguable)

    @field_validator("reasons")
    @classmethod
    def _reasons(cls, reasons: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        answers, arguable = info.data.get("answers", ()), info.data.get("arguable", ())
        needed = CHOICES if NONE in answers else FUNCTION_IDS
        missing = [c for c in needed if c not in reasons]
        if missing:
            raise ValueError(f"needs one line for each of {', '.join(needed)} "
                             f"(missing {', '.join(missing)})")
        reasons = {c: reasons.get(c, NONE_DOES_NOT_FIT) for c in CHOICES}
        for choice, reason in reasons.items():
            allowed = ((FITS,) if choice in answers else (ARGUABLE,) if choice in arguable
                       else OTHER_VERDICTS)
            verdict, body = split_reason(reason)
            if verdict not in allowed or not body:
                raise ValueError(f"the line for '{choice}' must start with "
                                 f"{' or '.join(repr(a) for a in allowed)} and then say why")
        return reasons


class Sorter(Record):
    """The whole file: the choices by id, and the stories (each checked on its own)."""

    functions: dict
    vignettes: list


def parse(raw, file: str = FILE, error: type[DataError] = DataError):
    """The five choices (in ``CHOICES`` order, by id) and the stories, checked."""
    top = validate_file(raw, Sorter, file=file, error=error)
    functions = validate(keyed(top.functions, "id", file=file, label="function", error=error),
                         Function, file=file, label="function", error=error)
    missing = [c for c in CHOICES if c not in {f.id for f in functions}]
    if missing:
        raise error(f"{file}: field 'functions': must describe exactly these five choices: "
                    f"{', '.join(CHOICES)} (missing {', '.join(missing)})")
    by_id = {f.id: f for f in functions}
    stories = validate(top.vignettes, Vignette, file=file, label="story", error=error)
    return {c: by_id[c] for c in CHOICES}, tuple(stories)
