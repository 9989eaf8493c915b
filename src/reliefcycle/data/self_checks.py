"""Schema of the self-check questions, ``self-checks/<notebook>.yml`` (one file per notebook)."""

from __future__ import annotations

from pydantic import Field, field_validator

from reliefcycle.data import Record


class Option(Record):
    text: str = Field(min_length=1)
    correct: bool = False
    feedback: str = Field(min_length=1)


class Question(Record):
    id: str = Field(min_length=1)
    prompt: str = Field(min_length=1)
    options: tuple[Option, ...] = Field(min_length=2)

    @field_validator("options")
    @classmethod
    def _one_correct(cls, options):
        if sum(o.correct for o in options) != 1:
            raise ValueError("needs exactly one correct option")
        return options

    @property
    def answer(self) -> int:
        return next(i for i, o in enumerate(self.options) if o.correct)
