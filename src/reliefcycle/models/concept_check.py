"""The concept check: its items, a learner's answers, what changed, and anonymous class codes.

The items live in ``data/concept-check.yml``; ``load()`` reads them through their schema in
``reliefcycle.data.concept_check``, so a bad file stops with an error that names the file, the
item and the field. A learner judges each statement true or false and says how sure they are
(1 a guess ... 4 certain), once before the series and once after it. Everything here is plain
Python: no widgets, no files written.

An *answer code* is a short string made from one set of answers (never a name, never free text),
which a learner can hand to an instructor; ``class_view()`` turns many codes into per-item counts
and hides any count below ``MIN_COUNT`` (and any phase with fewer codes), which makes single answers
harder to pick out; comparing two runs can still reveal a late code, so it is run once.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from reliefcycle import data
from reliefcycle.data import DataError
from reliefcycle.data import concept_check as schema
from reliefcycle.data.concept_check import TOPICS as TOPICS
from reliefcycle.data.concept_check import Check, Item
from reliefcycle.data.concept_check import Section as Section

#: How sure a learner is, from 1 to 4, in the words the widget and the paper version use.
CONFIDENCE = {1: "a guess", 2: "not very sure", 3: "fairly sure", 4: "certain"}
#: The share right that each confidence level would suggest for a true/false statement.
EXPECTED = {1: 0.5, 2: 2 / 3, 3: 5 / 6, 4: 1.0}
PHASES = {"before": "B", "after": "A"}
#: Class counts below this are not shown (a small group could be recognised).
MIN_COUNT = 5


class ConceptCheckError(DataError):
    """The concept check or a code is malformed; the message names the file, item and field."""


def parse(raw, source: str = schema.FILE) -> Check:
    """Check the raw YAML data; a problem raises ``ConceptCheckError`` naming file, item, field."""
    return schema.parse(raw, source, ConceptCheckError)


def load(path: str | Path | None = None) -> Check:
    """The concept check from ``path`` (default: the package's ``data/concept-check.yml``)."""
    if path is None:
        return _packaged()
    path = Path(path)
    return parse(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)


@cache
def _packaged() -> Check:
    return parse(data.read_yaml(schema.FILE), f"data/{schema.FILE}")


# --- answers and what they show -------------------------------------------------------------------

@dataclass(frozen=True)
class Answer:
    """One response: ``True``/``False`` (``None`` if skipped) and confidence 1-4."""

    response: bool | None
    confidence: int | None = None

    def __post_init__(self):
        if self.confidence is not None and self.confidence not in CONFIDENCE:
            raise ConceptCheckError(f"confidence must be 1 to 4 (got {self.confidence!r})")


Answers = Mapping[str, Answer]


def is_right(item: Item, answer: Answer | None) -> bool:
    return answer is not None and answer.response is not None and answer.response == item.answer


def is_sure(answer: Answer | None) -> bool:
    return answer is not None and (answer.confidence or 0) >= 3


def score(check: Check, answers: Answers) -> int:
    """How many statements were judged right."""
    return sum(is_right(item, answers.get(item.id)) for item in check.items)


@dataclass(frozen=True)
class Change:
    """An item's result after the series, compared with before."""

    item: Item
    before_right: bool
    after_right: bool
    after_sure: bool

    @property
    def group(self) -> str:
        """'now right', 'still right', 'right but unsure' or 'not yet right'."""
        if not self.after_right:
            return "not yet right"
        if not self.after_sure:
            return "right but unsure"
        return "still right" if self.before_right else "now right"


def changes(check: Check, before: Answers, after: Answers) -> list[Change]:
    """One ``Change`` per item, in the check's order."""
    return [Change(item, is_right(item, before.get(item.id)), is_right(item, after.get(item.id)),
                   is_sure(after.get(item.id))) for item in check.items]


@dataclass(frozen=True)
class Calibration:
    """Share right at each confidence level (``None`` where no statement had that level)."""

    counts: dict[int, int]
    right: dict[int, int]

    def share(self, level: int) -> float | None:
        return self.right[level] / self.counts[level] if self.counts[level] else None


def calibration(check: Check, answers: Answers) -> Calibration:
    """How often the learner was right at each confidence level (answered items only)."""
    counts, right = dict.fromkeys(CONFIDENCE, 0), dict.fromkeys(CONFIDENCE, 0)
    for item in check.items:
        answer = answers.get(item.id)
        if answer is None or answer.response is None or answer.confidence is None:
            continue
        counts[answer.confidence] += 1
        right[answer.confidence] += is_right(item, answer)
    return Calibration(counts, right)


def corrections_markdown(items: Iterable[Item]) -> str:
    """The myths among ``items``, each with its correction: shown at the end wherever they appear."""
    myths = [i for i in items if i.kind == "myth"]
    return "**The myths above, corrected:**\n\n" + "\n".join(
        f"- *{i.statement}* {i.correction}" for i in myths)


# --- anonymous answer codes ------------------------------------------------------------------------

_RESPONSE = {None: 0, True: 1, False: 2}
_CONFUSABLE = str.maketrans({"0": "O", "1": "I", "8": "B"})


def _check_bytes(check: Check, body: bytes) -> bytes:
    """A 16-bit CRC of the answers, started from the check's fingerprint: it catches every
    single mistyped character (a burst of at most 5 bits) and codes from another version."""
    return binascii.crc_hqx(body, check.fingerprint).to_bytes(2, "big")


def encode(check: Check, phase: str, answers: Answers) -> str:
    """A short code for one set of answers, e.g. ``B-KQ2M-...``: no name and no free text."""
    if phase not in PHASES:
        raise ConceptCheckError(f"phase must be 'before' or 'after' (got {phase!r})")
    bits = 0
    for item in check.items:
        answer = answers.get(item.id, Answer(None))
        confidence = 0 if answer.response is None else (answer.confidence or 1) - 1
        bits = (bits << 4) | (_RESPONSE[answer.response] << 2) | confidence
    body = bits.to_bytes((4 * len(check.items) + 7) // 8, "big")
    text = base64.b32encode(body + _check_bytes(check, body)).decode().rstrip("=")
    return PHASES[phase] + "-" + "-".join(text[i:i + 4] for i in range(0, len(text), 4))


def decode(check: Check, code: str) -> tuple[str, dict[str, Answer]]:
    """(phase, answers) from a code; a mistyped or foreign code raises a clear error."""
    cleaned = re.sub(r"[\s-]", "", str(code)).upper().translate(_CONFUSABLE)
    phase = {v: k for k, v in PHASES.items()}.get(cleaned[:1])
    if phase is None:
        raise ConceptCheckError(f"code '{code}': must start with B (before) or A (after)")
    text = cleaned[1:]
    try:
        raw = base64.b32decode(text + "=" * (-len(text) % 8))
    except ValueError:
        raise ConceptCheckError(f"code '{code}': contains characters a code never has") from None
    size = (4 * len(check.items) + 7) // 8
    if len(raw) != size + 2 or _check_bytes(check, raw[:-2]) != raw[-2:]:
        raise ConceptCheckError(f"code '{code}': mistyped, incomplete or made with a different "
                                "version of the check (its check characters do not match)")
    bits = int.from_bytes(raw[:-2], "big")
    answers = {}
    for item in reversed(check.items):
        response = {0: None, 1: True, 2: False}.get((bits >> 2) & 3, "bad")
        if response == "bad":
            raise ConceptCheckError(f"code '{code}': not a valid answer code")
        answers[item.id] = Answer(response, None if response is None else (bits & 3) + 1)
        bits >>= 4
    return phase, dict(reversed(answers.items()))


# --- the class view -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class ItemCounts:
    """How many of a class answered an item right, before and after (``None`` = not shown)."""

    item: Item
    before: tuple[int, int] | None
    after: tuple[int, int] | None

    @staticmethod
    def share(counts: tuple[int, int] | None) -> str:
        if counts is None:
            return "not shown"
        right, n = counts
        return f"{round(100 * right / n)}% ({right} of {n})"


@dataclass(frozen=True)
class ClassView:
    """A class's per-item results from anonymous codes, with small counts withheld."""

    sizes: dict[str, int]
    rows: list[ItemCounts]

    def still_common(self, share: float = 0.25) -> list[ItemCounts]:
        """Myths that at least ``share`` of the class (and at least MIN_COUNT people) still held."""
        return [r for r in self.rows if r.item.kind == "myth" and r.after is not None
                and r.after[1] - r.after[0] >= MIN_COUNT
                and (r.after[1] - r.after[0]) / r.after[1] >= share]

    def markdown(self) -> str:
        lines = [f"Codes: {self.sizes['before']} before, {self.sizes['after']} after. Counts "
                 f"under {MIN_COUNT}, and any phase with fewer than {MIN_COUNT} codes, are not "
                 "shown, which makes single answers harder to pick out. Run this once, after all "
                 "codes are in: comparing two runs (say, before and after one late code) can show "
                 "that person's answers as the difference.", "",
                 "| statement | kind | right before | right after |", "|---|---|---|---|"]
        lines += [f"| {r.item.statement} | {r.item.kind} | {ItemCounts.share(r.before)} | "
                  f"{ItemCounts.share(r.after)} |" for r in self.rows]
        common = self.still_common()
        lines += ["", "**Myths still common after the series:** "
                  + ("; ".join(f"{r.item.statement} (see {r.item.section.label()})" for r in common)
                     if common else "none that a quarter or more of the class still held.")]
        return "\n".join(lines + ["", corrections_markdown([r.item for r in self.rows])])


def _counts(check: Check, sets: list[dict[str, Answer]], item: Item) -> tuple[int, int] | None:
    """(right, answered) for an item, or ``None`` when a group of 1 to MIN_COUNT-1 would show."""
    answered = [a for a in sets if a[item.id].response is not None]
    right = sum(is_right(item, a[item.id]) for a in answered)
    groups = (right, len(answered) - right)
    if len(answered) < MIN_COUNT or any(0 < g < MIN_COUNT for g in groups):
        return None
    return right, len(answered)


def class_view(check: Check, codes: Iterable[str]) -> ClassView:
    """Per-item before/after counts from codes (one per line, blank lines ignored)."""
    sets: dict[str, list[dict[str, Answer]]] = {"before": [], "after": []}
    problems = []
    for n, code in enumerate(codes, start=1):
        if not code.strip():
            continue
        try:
            phase, answers = decode(check, code.strip())
        except ConceptCheckError as error:
            problems.append(f"line {n}: {error}")
            continue
        sets[phase].append(answers)
    if problems:
        raise ConceptCheckError("\n".join(problems))
    # A phase with only a few codes shows nothing, not even per-item totals.
    shown = {phase: found if len(found) >= MIN_COUNT else [] for phase, found in sets.items()}
    rows = [ItemCounts(item, _counts(check, shown["before"], item), _counts(check, shown["after"], item))
            for item in check.items]
    return ClassView({k: len(v) for k, v in sets.items()}, rows)
