"""Evidence grades, and the table of graded claims that notebooks 04 and 05 check.

Every biological or treatment claim in the series carries one of five grades, defined here once
(``GRADES``). The claims themselves live in ``data/claims.yml``, one record per claim, and are
loaded and validated here, so a notebook asks for its claims instead of repeating them:

    >>> from reliefcycle import evidence
    >>> mine = evidence.claims(notebook="04_brain_and_body")            # doctest: +SKIP
    >>> popular = evidence.claims(kind="popular", popular=[1, 2, 3])    # doctest: +SKIP
    >>> evidence.claim("popular-dopamine").grade                        # doctest: +SKIP
    'unsupported'

Each record has these fields (all required unless marked optional):

``id``           short unique name, lowercase words joined by hyphens
``notebook``     the notebook that presents the claim (a stem from ``data/notebooks.yml``)
``kind``         ``finding`` (a result from studies) or ``popular`` (a claim that circulates)
``popular``      only for ``kind: popular``: its number in the series' list of popular claims
``topic``        a one-word subject such as ``pain`` or ``opioids`` (free text, for selection)
``label``        a short name for figures and menus (at most ``MAX_LABEL`` characters)
``claim``        the claim as paraphrased, without any method detail
``grade``        one of the five grades
``measured``     what was actually measured
``who``          in whom, and how many
``study_types``  the kinds of study behind the grade (from ``STUDY_TYPES``)
``keys``         citation keys; each must be in ``references.bib``
``parts``        the parts the claim asserts, each ``{part: ..., grade: ...}``: which part holds
``why``          why this grade and not another
``safer``        a safer, calibrated way to say it

The record's ``grade`` must be the one the two-part rule (``combine``, text in ``TWO_PART_RULE``)
gives for its parts; a single-part claim has one part with the claim's own grade.

The record's schema is ``reliefcycle.data.claims``; a bad record is a ``ClaimError`` (a
``ValueError``) naming the file, the claim and the field.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import yaml

from reliefcycle.data import DataError, validate
from reliefcycle.data.claims import KINDS as KINDS
from reliefcycle.data.claims import MAX_LABEL as MAX_LABEL
from reliefcycle.data.claims import STUDY_TYPES as STUDY_TYPES
from reliefcycle.data.claims import Claim


@dataclass(frozen=True)
class Grade:
    name: str
    meaning: str


GRADES = (
    Grade("well supported", "consistent findings across systematic reviews or meta-analyses, "
          "or across many studies with different designs"),
    Grade("partly supported", "several studies agree, with important limits: small samples, "
          "one time point, one population, or only part of the claim"),
    Grade("weak or indirect", "a hypothesis with little direct evidence, or evidence about "
          "something nearby rather than the claim itself"),
    Grade("unsupported", "no direct study, or studies that looked found no difference"),
    Grade("contradicted", "the evidence points the other way"),
)

#: The grade names, strongest first: the order of the evidence map's columns.
GRADE_NAMES = tuple(g.name for g in GRADES)


def grade(name: str) -> Grade:
    """The grade called ``name``; an unknown name is an error that lists the five grades."""
    for g in GRADES:
        if g.name == name:
            return g
    raise ValueError(f"unknown evidence grade '{name}'; use one of: "
                     + ", ".join(g.name for g in GRADES))


def grade_index(name: str) -> int:
    """Position of a grade from 0 (well supported) to 4 (contradicted)."""
    return GRADE_NAMES.index(grade(name).name)


def grades_markdown(rule: bool = False) -> str:
    """The five grades as a Markdown table, for display in a notebook.

    With ``rule=True`` the two-part rule and the weak/unsupported boundary follow the table.
    """
    rows = "\n".join(f"| **{g.name}** | {g.meaning} |" for g in GRADES)
    table = "| Grade | What it means |\n|---|---|\n" + rows
    return table + "\n\n" + rule_markdown() if rule else table


# --- claims with more than one part ---------------------------------------------------------------

#: Where "weak or indirect" ends and "unsupported" begins: the direction of the evidence there is.
BOUNDARY = (
    "**Weak or indirect** means that some evidence points the claim's way, but it is indirect "
    "(about something nearby, such as a laboratory stand-in for self-injury) or preliminary (one "
    "small direct study). **Unsupported** means that no study points its way: nobody has tested "
    "it and nothing nearby points its way, or the studies that tested it found no difference or "
    "no link, or the only nearby evidence points the other way but too indirectly to call the "
    "claim contradicted.")

#: The one rule for grading a claim with more than one part, applied to every claim alike.
TWO_PART_RULE = (
    "**Claims with two parts.** Many claims join two statements, such as *what happens* and "
    "*what it does* (\u201cX is released, and that is what calms\u201d). Each part is graded on "
    "its own, and the record shows which part holds. The whole claim then takes the grade of "
    "its **weaker part**, because a claim is only as well established as its least established "
    "part. One exception follows the definition of *partly supported* (\u201conly part of the "
    "claim\u201d): when one part is well or partly supported and the other is only weak or "
    "indirect, the claim is **partly supported**. If the weaker part is unsupported or "
    "contradicted, no amount of support for the other part lifts the claim above that grade.")


def combine(part_grades: Iterable[str]) -> str:
    """The grade of a whole claim from the grades of its parts (the rule in ``TWO_PART_RULE``).

    >>> combine(["partly supported", "unsupported"])
    'unsupported'
    >>> combine(["well supported", "weak or indirect"])
    'partly supported'
    """
    indices = [grade_index(g) for g in part_grades]
    if not indices:
        raise ValueError("a claim needs at least one graded part")
    weakest, strongest = max(indices), min(indices)
    weak = GRADE_NAMES.index("weak or indirect")
    if weakest == weak and strongest < weak:
        return "partly supported"
    return GRADE_NAMES[weakest]


def rule_markdown() -> str:
    """The two-part rule and the weak/unsupported boundary, for display beside the grade table."""
    return TWO_PART_RULE + "\n\n" + BOUNDARY


# --- the claims table ---------------------------------------------------------------------------

class ClaimError(DataError):
    """A claim record is malformed; the message names the file, the claim and the field."""


CLAIMS_FILE = "claims.yml"


def _known_notebooks() -> set[str]:
    from reliefcycle.core.safety import notebook_info

    return set(notebook_info())


def parse_claims(raw, known_keys: Collection[str], *, source: str = CLAIMS_FILE,
                 notebooks: Collection[str] | None = None) -> tuple[Claim, ...]:
    """Check the raw YAML records against their schema and turn them into ``Claim`` objects.

    ``known_keys`` are the citation keys of ``references.bib``; ``notebooks`` the notebook stems
    a claim may name (by default those of ``data/notebooks.yml``). Every problem is a
    ``ClaimError`` whose message starts with the file, the claim and the field.
    """
    records = validate(raw, Claim, file=source, label="claim", error=ClaimError)
    notebooks = _known_notebooks() if notebooks is None else set(notebooks)
    numbers = {}
    for c in records:
        def fail(field: str, problem: str, c=c):
            raise ClaimError(f"{source}, claim '{c.id}': field '{field}': {problem}")

        if c.notebook not in notebooks:
            fail("notebook", f"unknown notebook '{c.notebook}'")
        for key in c.keys:
            if key not in known_keys:
                fail("keys", f"unknown citation key '{key}' (not in references.bib)")
        expected = combine(p.grade for p in c.parts)
        if c.grade != expected:
            fail("grade", f"'{c.grade}' does not follow the two-part rule: its parts "
                          f"({', '.join(p.grade for p in c.parts)}) give '{expected}'")
        if c.popular in numbers:
            fail("popular", f"number {c.popular} is already used by claim '{numbers[c.popular]}'")
        if c.popular is not None:
            numbers[c.popular] = c.id
    return tuple(records)


def bibliography(bib=None):
    """``bib`` as a ``Bibliography`` (``None`` for the project's ``references.bib``)."""
    from reliefcycle.core.citations import bibliography

    try:
        return bibliography(bib)
    except FileNotFoundError as error:
        raise ClaimError(f"{error}; to check the claims' citation keys, pass bib= (a path, a "
                         "Bibliography or a set of keys)") from None


def _keys_of(bib) -> Collection[str]:
    from reliefcycle.core.citations import Bibliography

    if bib is None or isinstance(bib, (str, Path)):
        bib = bibliography(bib)
    if isinstance(bib, Bibliography):
        return set(bib.entries)
    return set(bib)


def load_claims(path: str | Path | None = None, *, bib=None) -> tuple[Claim, ...]:
    """Load and validate a claims file (by default the package's ``data/claims.yml``).

    ``bib`` gives the citation keys every claim's ``keys`` must come from: ``None`` for the
    project's ``references.bib``, a path to a ``.bib`` file, a ``Bibliography``, or any
    collection of keys (handy in tests).
    """
    if path is None and bib is None:
        return _default_claims()
    if path is None:
        text, source = _packaged_text(), CLAIMS_FILE
    else:
        text, source = Path(path).read_text(encoding="utf-8"), Path(path).name
    return parse_claims(yaml.safe_load(text), _keys_of(bib), source=source)


def _packaged_text() -> str:
    return resources.files("reliefcycle").joinpath("data", CLAIMS_FILE).read_text("utf-8")


@cache
def _default_claims() -> tuple[Claim, ...]:
    return parse_claims(yaml.safe_load(_packaged_text()), _keys_of(None), source=CLAIMS_FILE)


def claims(notebook: str | None = None, *, kind: str | None = None, topic: str | None = None,
           ids: Iterable[str] | None = None, popular: Iterable[int] | None = None,
           table: Iterable[Claim] | None = None) -> tuple[Claim, ...]:
    """Claims of the table that match every filter given, in the table's order.

    ``ids`` and ``popular`` (numbers in the list of popular claims) return the claims in the
    order asked for; naming a claim that does not exist is an error. ``table`` is a table loaded
    with ``load_claims`` (by default the package's own).
    """
    table = tuple(_default_claims() if table is None else table)
    if kind is not None and kind not in KINDS:
        raise ClaimError(f"unknown kind '{kind}'; use one of: {', '.join(KINDS)}")
    chosen = table
    if ids is not None:
        by_id = {c.id: c for c in table}
        missing = [i for i in ids if i not in by_id]
        if missing:
            raise ClaimError(f"no claim with id {', '.join(repr(m) for m in missing)}")
        chosen = tuple(by_id[i] for i in ids)
    if popular is not None:
        by_number = {c.popular: c for c in chosen if c.popular is not None}
        missing = [n for n in popular if n not in by_number]
        if missing:
            raise ClaimError(f"no popular claim numbered {', '.join(map(str, missing))}")
        chosen = tuple(by_number[n] for n in popular)
    return tuple(c for c in chosen
                 if (notebook is None or c.notebook == notebook)
                 and (kind is None or c.kind == kind)
                 and (topic is None or c.topic == topic))


def claim(claim_id: str, table: Iterable[Claim] | None = None) -> Claim:
    """The claim with this id."""
    return claims(ids=[claim_id], table=table)[0]


def grade_counts(selection: Iterable[Claim]) -> dict[str, int]:
    """How many of ``selection`` have each grade, strongest grade first (zeros included)."""
    selection = tuple(selection)
    return {name: sum(c.grade == name for c in selection) for name in GRADE_NAMES}


def _citations(c: Claim, bib) -> str:
    return "; ".join(bib.link(k) for k in c.keys)


#: What the "Which part holds" column says for a claim with a single part.
SINGLE_PART = "one part, graded as a whole"


def part_cell(c: Claim) -> str:
    """The "Which part holds" cell of ``claims_markdown``: each part with its grade, or
    ``SINGLE_PART`` when the claim has only one part (its grade is then the claim's grade)."""
    if len(c.parts) == 1:
        return SINGLE_PART
    return c.holds().replace("|", "/")


def claims_markdown(selection: Iterable[Claim], bib=None) -> str:
    """The claims as a Markdown table: claim, grade, which part holds, kinds of study and works.

    For a claim with more than one part the overall grade (the two-part rule) is followed by
    each part with its own grade, so a reader sees which part holds. Citations are links to the
    notebook's References cell (``bib`` as in ``load_claims``).
    """
    bib = bibliography(bib)
    rows = []
    for c in sorted(selection, key=lambda c: (c.grade_index, c.kind != "finding",
                                              c.popular or 0)):
        name = f"{c.title}: {c.label}"
        rows.append(f"| {name} | **{c.grade}** | {part_cell(c)} | {', '.join(c.study_types)} "
                    f"| {_citations(c, bib)} |")
    return ("| Claim | Grade | Which part holds | Kinds of study | Works |\n"
            "|---|---|---|---|---|\n" + "\n".join(rows))
