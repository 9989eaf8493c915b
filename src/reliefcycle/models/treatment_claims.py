"""Popular claims 9-12 about treatment, graded, for notebook 05.

``treatment_claims()`` loads them; ``claims_markdown()`` writes each with its grade, what was
measured in whom, why, and a safer wording; ``cited_keys()`` finds the citation keys a Markdown
text links to.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import yaml

from reliefcycle.core.citations import Bibliography, bibliography
from reliefcycle.models import evidence

CLAIMS_FILE = "treatment-claims.yml"
#: The popular claims about treatment (numbers in shared/popular-claims.md) that notebook 05
#: checks. Claims 9 and 10 are graded in ``data/treatment-claims.yml``; 11 and 12 in the series'
#: shared table ``data/claims.yml``. Both files are loaded and checked by ``evidence``.
POPULAR_TREATMENT_CLAIMS = (9, 10, 11, 12)


def treatment_claims(bib: Bibliography | None = None,
                     path: str | Path | None = None) -> tuple[evidence.Claim, ...]:
    """Popular claims 9-12 about treatment, graded, in their numbered order.

    The records of ``data/treatment-claims.yml`` (or of ``path``) are checked by
    ``evidence.parse_claims`` (the same fields and rules as ``data/claims.yml``); claims not in
    that file come from the shared table. A claim numbered in both is an error, so neither file
    can silently override the other.
    """
    bib = bibliography(bib)
    if path is None:
        text = resources.files("reliefcycle").joinpath("data", CLAIMS_FILE).read_text("utf-8")
    else:
        text = Path(path).read_text(encoding="utf-8")
    own = evidence.parse_claims(yaml.safe_load(text), set(bib.entries), source=CLAIMS_FILE)
    shared = evidence.load_claims(bib=bib)
    numbers = {c.popular for c in own}
    clash = sorted(numbers & {c.popular for c in shared})
    if clash:
        raise evidence.ClaimError(f"{CLAIMS_FILE}: popular claim {clash[0]} is graded both here "
                                  f"and in {evidence.CLAIMS_FILE}")
    table = own + shared
    return evidence.claims(kind="popular", popular=POPULAR_TREATMENT_CLAIMS, table=table)


def claims_markdown(graded: tuple[evidence.Claim, ...] | None = None,
                    bib: Bibliography | None = None, cited=()) -> str:
    """Each graded claim with its grade, what was measured in whom, why, and a safer wording.

    Citations are in-notebook links (``[Author, year](#ref-key)``) to the References cell.
    APA letters (2021a, 2021b) are given within one reference list, so pass ``cited``, the keys
    the notebook cites, to get that notebook's letters. Notebook 05 shows this text in a markdown
    cell; after a change to the claims, replace that cell's text (below its first line) with
    ``claims_markdown(cited=<the keys notebook 05 cites>)``.
    """
    bib = bibliography(bib)
    graded = treatment_claims(bib) if graded is None else graded
    bib = bib.subset(set(cited) | {key for c in graded for key in c.keys})
    parts = []
    for c in graded:
        sources = "; ".join(bib.link(key) for key in c.keys)
        parts.append(
            f"**{c.title}: \"{c.claim}\"** Grade: **{c.grade}**.\n\n"
            f"- *Which part holds:* {c.holds()}\n"
            f"- *What was measured:* {c.measured}\n- *In whom:* {c.who} "
            f"({', '.join(c.study_types)})\n- *Why this grade:* {c.why}\n"
            f"- *A safer way to say it:* {c.safer}\n- *Works:* {sources}")
    return "\n\n".join(parts) + "\n"


def cited_keys(text: str) -> set[str]:
    """Every citation key linked in a Markdown text."""
    return set(re.findall(r"\]\(#ref-([A-Za-z0-9_:-]+)\)", text))
