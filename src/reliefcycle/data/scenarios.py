"""Schema of the practice scenarios of notebook 06, ``scenarios.yml``.

A scenario is a disclosure with exactly three replies, exactly one of them rated helpful. A reply
that does one of the things notebook 06 lists as making things worse names it under ``breaks``,
and such a reply is always rated unhelpful: the rating follows the series' own guidance.
"""

from __future__ import annotations

from typing import Literal

from pydantic import ValidationInfo, field_validator

from reliefcycle.data import Record
from reliefcycle.data.fields import Items, Slug, Text

#: Who discloses in a scenario.
WHO = ("friend", "student", "client", "colleague")
#: Ratings of a reply, best first, with the words shown to the learner.
RATINGS = {"helpful": "Helpful", "partly": "Partly helpful", "unhelpful": "Unhelpful"}
REPLIES_PER_SCENARIO = 3
#: What notebook 06 teaches makes things worse (its section 3 table, and sections 1 and 4).
#: A reply that does any of these is rated unhelpful, however kindly it is meant.
WORSE = {
    "shock": "meets the disclosure with panic, shock or alarm",
    "asks-for-detail": "asks about the act itself: what exactly, how often, or to see an injury",
    "dismisses": "minimises, dismisses or passes over what was shared",
    "takes-over": "takes over, or acts without telling the person or hearing them first",
    "promises-secrecy": "promises secrecy that cannot be kept",
    "ultimatum": "makes support or fairness conditional, like an ultimatum",
    "delays-care": "puts off care for an injury that may need looking after today",
    "bypasses-lead": "keeps the school's safeguarding or wellbeing lead out of it",
}


class Reply(Record):
    text: Text
    # Declared before the rating, which is checked against it.
    breaks: Items[Literal[tuple(WORSE)]] = ()
    rating: Literal[tuple(RATINGS)]
    feedback: Text

    @field_validator("rating")
    @classmethod
    def _worse_is_unhelpful(cls, rating: str, info: ValidationInfo) -> str:
        breaks = info.data.get("breaks")
        if breaks and rating != "unhelpful":
            raise ValueError(f"a reply that {WORSE[breaks[0]]} is unhelpful, not '{rating}'")
        return rating

    @property
    def label(self) -> str:
        """The rating in words, e.g. "Partly helpful"."""
        return RATINGS[self.rating]


class Scenario(Record):
    id: Slug
    who: Literal[WHO]
    title: Text
    situation: Text
    replies: Items[Reply]
    takeaway: Text

    @field_validator("replies")
    @classmethod
    def _three_one_helpful_all_different(cls, replies: tuple[Reply, ...]) -> tuple[Reply, ...]:
        if len(replies) != REPLIES_PER_SCENARIO:
            raise ValueError(f"needs exactly {REPLIES_PER_SCENARIO} replies (found {len(replies)})")
        helpful = sum(r.rating == "helpful" for r in replies)
        if helpful != 1:
            raise ValueError(f"needs exactly one reply rated 'helpful' (found {helpful})")
        if len({r.text.lower() for r in replies}) != len(replies):
            raise ValueError("two replies have the same text")
        return replies

    @property
    def best(self) -> int:
        """Index (from 0) of the helpful reply."""
        return next(i for i, r in enumerate(self.replies) if r.rating == "helpful")
