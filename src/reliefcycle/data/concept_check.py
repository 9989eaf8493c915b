"""Schema of the concept check, ``concept-check.yml`` (notebooks 00 and 07).

The file holds a ``version`` and ``MIN_ITEMS`` to ``MAX_ITEMS`` items. Each item is a statement a
learner judges true or false: a *myth* (a common belief the series corrects) is false, and its
correction starts "Not so."; a *fact* is true, and its correction starts "True.". Every item names
its evidence and how strong it is, and the notebook section that teaches its idea.
"""

from __future__ import annotations

import zlib
from typing import Literal, get_args

from pydantic import Field, ValidationInfo, field_validator

from reliefcycle.data import DataError, Record, validate, validate_file
from reliefcycle.data.fields import NonEmpty, Slug, Stem, Text, sized_text

FILE = "concept-check.yml"
Topic = Literal["what-it-is", "why-it-persists", "relief", "biology", "treatment", "responding"]
TOPICS = get_args(Topic)
MIN_ITEMS, MAX_ITEMS = 12, 16
#: How the correction of each kind of item starts.
OPENING = {"myth": "Not so.", "fact": "True."}


class Section(Record):
    """The notebook section that teaches an item's idea."""

    notebook: Stem
    number: int = Field(ge=1, le=9)
    title: sized_text(3)

    def label(self) -> str:
        return f"notebook {self.notebook[:2]}, section {self.number}: {self.title}"


class Item(Record):
    """One statement of the check, with its answer, correction, evidence and section."""

    id: Slug
    topic: Topic
    # Declared before the answer and the correction, which are checked against it.
    kind: Literal[tuple(OPENING)]
    statement: sized_text(20, 240)
    answer: bool
    correction: sized_text(40)
    evidence: NonEmpty[Text]
    strength: sized_text(5)
    section: Section

    @field_validator("answer")
    @classmethod
    def _myth_false_fact_true(cls, answer: bool, info: ValidationInfo) -> bool:
        kind = info.data.get("kind")
        if kind and answer != (kind == "fact"):
            raise ValueError(f"a {kind}'s answer must be {str(kind == 'fact').lower()}")
        return answer

    @field_validator("correction")
    @classmethod
    def _opening(cls, correction: str, info: ValidationInfo) -> str:
        kind = info.data.get("kind")
        if kind and not correction.startswith(OPENING[kind]):
            raise ValueError(f"the correction of a {kind} must start with '{OPENING[kind]}'")
        return correction


class Check(Record):
    """The whole concept check."""

    version: int = Field(ge=1, le=15)
    items: tuple[Item, ...]

    @field_validator("items")
    @classmethod
    def _count(cls, items: tuple[Item, ...]) -> tuple[Item, ...]:
        if not MIN_ITEMS <= len(items) <= MAX_ITEMS:
            raise ValueError(f"the check has {MIN_ITEMS} to {MAX_ITEMS} items (found {len(items)})")
        return items

    def item(self, item_id: str) -> Item:
        return next(i for i in self.items if i.id == item_id)

    @property
    def fingerprint(self) -> int:
        """One byte that changes when the items or their order change (answer codes carry it)."""
        ids = ",".join(i.id for i in self.items)
        return zlib.crc32(f"{self.version}:{ids}".encode()) & 0xFF


def parse(raw, file: str = FILE, error: type[DataError] = DataError) -> Check:
    """The checked concept check; each item is checked on its own, so errors name the item."""
    if isinstance(raw, dict):
        raw = {**raw, "items": validate(raw.get("items"), Item, file=file, label="item", error=error)}
    return validate_file(raw, Check, file=file, error=error)
