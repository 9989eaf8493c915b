"""Schema of ``notebooks.yml``: the title and content-note topic of every notebook, by file stem."""

from __future__ import annotations

from reliefcycle.data import DataError, Record, keyed, validate
from reliefcycle.data.fields import Stem, Text

FILE = "notebooks.yml"


class Notebook(Record):
    stem: Stem
    title: Text
    #: Completes the content note's first sentence.
    topic: Text
    #: Where the notebook talks about suicide, when it does.
    suicide: Text | None = None


def parse(raw, error: type[DataError] = DataError) -> dict[str, Notebook]:
    """The checked records by stem, in the order of the file."""
    records = keyed(raw, "stem", file=FILE, label="notebook", error=error)
    return {n.stem: n for n in validate(records, Notebook, file=FILE, label="notebook",
                                         id_field="stem", error=error)}
