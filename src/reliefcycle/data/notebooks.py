"""Schema of ``notebooks.yml``: the title and content-note topic of every notebook, by file stem."""

from __future__ import annotations

import re

from pydantic import field_validator

from reliefcycle.data import DataError, Record, keyed, validate
from reliefcycle.data.fields import Text

FILE = "notebooks.yml"
#: A notebook's file stem: a number or a letter, then words joined by underscores.
STEM = re.compile(r"(?:\d\d|[A-Z])_[a-z0-9_]+")


class Notebook(Record):
    stem: str
    title: Text
    #: Completes the content note's first sentence.
    topic: Text
    #: Where the notebook talks about suicide, when it does.
    suicide: Text | None = None

    @field_validator("stem")
    @classmethod
    def _stem(cls, stem: str) -> str:
        if not STEM.fullmatch(stem):
            raise ValueError(f"'{stem}' is not a notebook file stem such as '02_the_cycle'")
        return stem


def parse(raw, error: type[DataError] = DataError) -> dict[str, Notebook]:
    """The checked records by stem, in the order of the file."""
    records = keyed(raw, "stem", file=FILE, label="notebook", error=error)
    return {n.stem: n for n in validate(records, Notebook, file=FILE, label="notebook",
                                         id_field="stem", error=error)}
