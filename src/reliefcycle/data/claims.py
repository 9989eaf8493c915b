"""Schema of the graded claims, ``claims.yml`` and ``treatment-claims.yml`` (notebooks 04 and 05).

Both files hold the same records; their fields are described in ``reliefcycle.models.evidence``, which
also checks what a single record cannot show: that the grade follows the two-part rule for its
parts, that the citation keys are in ``references.bib``, that the notebook exists and that no two
claims share a popular-claim number.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, ValidationInfo, field_validator

from reliefcycle.data import Record
from reliefcycle.data.fields import NonEmpty, Slug, Stem, Text, sized_text

#: The five evidence grades, strongest first (what each means: ``reliefcycle.models.evidence.GRADES``).
GRADES = ("well supported", "partly supported", "weak or indirect", "unsupported", "contradicted")
Grade = Literal[GRADES]
KINDS = ("finding", "popular")
#: Kinds of study a grade can rest on. Add a new kind here (one line) when a claim needs it.
STUDY_TYPES = (
    "meta-analysis", "systematic review", "scoping review", "narrative review", "theory",
    "randomised controlled trial", "controlled trial", "uncontrolled trial",
    "longitudinal", "cross-sectional", "daily-life (EMA)", "laboratory", "neuroimaging",
    "biomarker", "qualitative", "guideline", "case report", "definition",
)
#: Longest label, in characters: labels name claims in figures and menus.
MAX_LABEL = 48


class Part(Record):
    """One statement a claim makes, with its own grade (written ``{part: ..., grade: ...}``)."""

    text: Text = Field(alias="part")
    grade: Grade


class Claim(Record):
    """One graded claim."""

    id: Slug
    notebook: Stem
    # Declared before ``popular``, which is checked against it.
    kind: Literal[KINDS]
    popular: int | None = Field(default=None, validate_default=True)
    topic: Text
    label: sized_text(max_length=MAX_LABEL)
    claim: Text
    grade: Grade
    measured: Text
    who: Text
    study_types: NonEmpty[Literal[STUDY_TYPES]]
    keys: NonEmpty[Text]
    parts: NonEmpty[Part]
    why: Text
    safer: Text

    @field_validator("popular", mode="before")
    @classmethod
    def _numbered_if_popular(cls, number, info: ValidationInfo):
        if info.data.get("kind") != "popular":
            if number is not None:
                raise ValueError(f"only popular claims have a number (found {number!r})")
        elif isinstance(number, bool) or not isinstance(number, int) or number < 1:
            raise ValueError("a popular claim needs its number in the list of popular claims "
                             f"(a whole number from 1; found {number!r})")
        return number

    @field_validator("study_types", "keys")
    @classmethod
    def _each_once(cls, values: tuple[str, ...]) -> tuple[str, ...]:
        twice = sorted({v for v in values if values.count(v) > 1})
        if twice:
            raise ValueError(f"lists an entry twice ({', '.join(twice)})")
        return values

    @property
    def grade_index(self) -> int:
        """0 (well supported) to 4 (contradicted)."""
        return GRADES.index(self.grade)

    @property
    def title(self) -> str:
        """How the claim is introduced to readers, e.g. "Popular claim 1" or "Finding"."""
        return f"Popular claim {self.popular}" if self.kind == "popular" else "Finding"

    def holds(self) -> str:
        """Which part holds: each part with its grade, in one line for readers."""
        if len(self.parts) == 1:
            return f"{self.parts[0].text}: {self.parts[0].grade}."
        return " ".join(f"({n}) {p.text}: {p.grade}." for n, p in enumerate(self.parts, 1))

    def text(self) -> str:
        """Every word of the record, for checks of language and of relief wording."""
        return "\n".join([self.label, self.claim, self.measured, self.who, self.why, self.safer]
                         + [p.text for p in self.parts])
