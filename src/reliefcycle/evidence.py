"""Evidence grades: how strongly the research supports a claim.

Every biological or treatment claim in the series carries one of five grades, defined here once.
Notebook 04 grades the popular claims about self-injury with them.
"""

from __future__ import annotations

from dataclasses import dataclass


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


def grade(name: str) -> Grade:
    """The grade called ``name``; an unknown name is an error that lists the five grades."""
    for g in GRADES:
        if g.name == name:
            return g
    raise ValueError(f"unknown evidence grade '{name}'; use one of: "
                     + ", ".join(g.name for g in GRADES))


def grades_markdown() -> str:
    """The five grades as a Markdown table, for display in a notebook."""
    rows = "\n".join(f"| **{g.name}** | {g.meaning} |" for g in GRADES)
    return "| Grade | What it means |\n|---|---|\n" + rows
