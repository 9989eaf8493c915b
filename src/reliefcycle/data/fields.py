"""Field types that several schemas share, each with the message a data author needs."""

from __future__ import annotations

import re
from typing import Annotated, TypeVar

from pydantic import AfterValidator, BeforeValidator, StringConstraints

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
#: A notebook's file stem: a number or a letter, then words joined by underscores.
STEM = re.compile(r"(?:\d\d|[A-Z])_[a-z0-9_]+")
Item = TypeVar("Item")


def _prose(value: str) -> str:
    # YAML's folded text keeps line breaks and double spaces that nobody meant to show.
    text = " ".join(value.split())
    if not text:
        raise ValueError("must be a non-empty text")
    return text


def _slug(value: str) -> str:
    if not SLUG.fullmatch(value):
        raise ValueError(f"'{value}' is not lower-case words joined by hyphens (like 'friend-message')")
    return value


def _stem(value: str) -> str:
    if not STEM.fullmatch(value):
        raise ValueError(f"'{value}' is not a notebook file stem such as '02_the_cycle'")
    return value


def _listed(value):
    if not isinstance(value, list | tuple):
        raise ValueError("must be a list, like [a, b]")
    return value


def _not_empty(value: tuple) -> tuple:
    if not value:
        raise ValueError("must list at least one")
    return value


#: Text a reader sees: not empty, runs of white space read as one space.
Text = Annotated[str, AfterValidator(_prose)]


def sized_text(min_length: int = 1, max_length: int | None = None):
    """``Text`` of ``min_length`` to ``max_length`` characters, as written in the file."""
    return Annotated[str, StringConstraints(min_length=min_length, max_length=max_length),
                     AfterValidator(_prose)]


#: An id such as ``friend-message``: lower-case words joined by hyphens.
Slug = Annotated[str, AfterValidator(_slug)]
#: A notebook's file stem such as ``02_the_cycle`` (whether the notebook exists is not checked).
Stem = Annotated[str, AfterValidator(_stem)]
#: A list in the file, kept as a tuple so that records cannot change once read: ``Items[Text]``.
Items = Annotated[tuple[Item, ...], BeforeValidator(_listed)]
#: A list with at least one item.
NonEmpty = Annotated[tuple[Item, ...], BeforeValidator(_listed), AfterValidator(_not_empty)]
