"""Schema of the series' glossary, ``glossary.yml`` (the fields are described in
``reliefcycle.models.glossary``).

A definition is plain words, at most ``MAX_WORDS`` long. An entry that states a theory or a
finding, not only a meaning, says so under ``evidence``; its ``level`` and ``hedges`` (the
teaching notebook's own words) must appear in the definition, and a theory's definition names
itself as one (``THEORY_WORDS``).
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator

from reliefcycle.data import Record
from reliefcycle.data.fields import Items, NonEmpty, Text

#: What an entry that makes a claim rests on.
EVIDENCE = {"theory": "a proposed explanation (a model or hypothesis)",
            "finding": "what studies found"}
#: Words by which a theory's definition says that it is one.
THEORY_WORDS = re.compile(r"\b(?:theory|theoretical|hypothesis|proposes|learning account)\b", re.I)
#: Longest definition, in words: a glossary entry is a plain-words summary, not a lesson.
MAX_WORDS = 70


def normalise(text: str) -> str:
    """Lower case, hyphens and dashes as spaces, runs of white space as one space."""
    text = re.sub(r"[-\u2010-\u2015]", " ", text.lower())
    return " ".join(text.replace("\u2019", "'").split())


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise(text)).strip("-")


def contains(text: str, phrase: str) -> bool:
    """Whether ``phrase`` occurs in ``text``, ignoring case, line breaks, emphasis and quotes."""
    def flat(s):
        return normalise(re.sub(r"[*_\"“”]", "", s))
    return flat(phrase) in flat(text)


class Term(Record):
    # Fields are checked in this order; the evidence fields are checked against the definition.
    term: Text
    short: Text | None = None
    also: Items[Text] = ()
    definition: Text
    taught_in: NonEmpty[Text]
    see_also: Items[Text] = ()
    evidence: Literal[tuple(EVIDENCE)] | None = None
    level: Text | None = Field(default=None, validate_default=True)
    hedges: Items[Text] = ()
    claims: Items[Text] = ()

    @field_validator("definition")
    @classmethod
    def _short_and_table_safe(cls, definition: str) -> str:
        words = len(definition.split())
        if words > MAX_WORDS:
            raise ValueError(f"{words} words; keep it to {MAX_WORDS} or fewer")
        if "|" in definition:
            raise ValueError("'|' would break the Markdown table")
        return definition

    @field_validator("evidence")
    @classmethod
    def _theory_says_so(cls, evidence: str | None, info: ValidationInfo) -> str | None:
        if evidence == "theory" and not THEORY_WORDS.search(info.data.get("definition", "theory")):
            raise ValueError("the definition of a theory must say that it is one "
                             "(theory, hypothesis, proposes, ...)")
        return evidence

    @field_validator("level", "hedges", "claims")
    @classmethod
    def _only_with_evidence(cls, value, info: ValidationInfo):
        if value and not info.data.get("evidence"):
            raise ValueError("only an entry with `evidence` has one")
        return value

    @field_validator("level")
    @classmethod
    def _level_given(cls, level: str | None, info: ValidationInfo) -> str | None:
        if level is None and info.data.get("evidence"):
            raise ValueError("an entry with `evidence` says how strong it is, in the teaching "
                             "notebook's words")
        return level

    @field_validator("level", "hedges")
    @classmethod
    def _kept_in_definition(cls, value, info: ValidationInfo):
        phrases = [value] if isinstance(value, str) else list(value or ())
        for phrase in phrases:
            if "definition" in info.data and not contains(info.data["definition"], phrase):
                raise ValueError(f"the definition drops the notebook's '{phrase}'")
        return value

    @property
    def names(self) -> tuple[str, ...]:
        """Every form that counts as this term: the term, its abbreviation, other forms."""
        return tuple(n for n in (self.term, self.short, *self.also) if n)

    @property
    def anchor(self) -> str:
        """The in-page anchor of the term in the glossary notebook, e.g. ``term-urge``."""
        return "term-" + slug(self.term)

    @property
    def sort_key(self) -> str:
        return normalise(self.term)
