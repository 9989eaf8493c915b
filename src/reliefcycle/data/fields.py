"""Field types that several schemas share, each with the message a data author needs."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


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


#: Text a reader sees: not empty, runs of white space read as one space.
Text = Annotated[str, AfterValidator(_prose)]
#: An id such as ``friend-message``: lower-case words joined by hyphens.
Slug = Annotated[str, AfterValidator(_slug)]
