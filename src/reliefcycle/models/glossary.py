"""The series' glossary: each term in plain words, with the notebook(s) where it is taught.

Terms live in ``data/glossary.yml``, one record each::

    - term: negative reinforcement        # lower case unless a name (Rescorla-Wagner rule)
      short: NSSI                          # optional abbreviation, shown after the term
      also: [negative reinforcer]          # optional other forms that count as the term
      definition: >-                       # plain words; the language lint applies
        When a behaviour becomes more likely because it takes away something unpleasant...
      taught_in: [02_the_cycle]            # notebook stems (as in data/notebooks.yml)
      see_also: [positive reinforcement]   # optional; other terms of the glossary
      evidence: theory                     # only for an entry that makes a claim: theory | finding
      level: a theoretical model           # how strong, in the teaching notebook's own words
      hedges: [can persist]                # the notebook's hedges the definition keeps
      claims: [opioids-state]              # optional; graded claims (data/claims.yml) it rests on

``load()`` checks every record against its schema (``reliefcycle.data.glossary``) and the rest
of the series (bad data raises ``GlossaryError`` naming the file, the term and the field).
``table_markdown("A", "D")`` renders the terms from A to D as one Markdown table, sorted and
deterministic, for a code cell in the glossary notebook. Each term gets an anchor
``#term-<slug>`` (e.g. ``#term-negative-reinforcement``) so "see also" entries link within the
glossary.

**Marking a glossary term in a notebook.** Where a notebook introduces a term of the glossary,
its markdown marks it with the HTML element for a defining instance, ``<dfn>``::

    <dfn>respectful curiosity</dfn>
    <dfn title="lived experience">lived-experience</dfn>   (another form; the title names the term)

The element's text, or its ``title`` when it has one, must be a term, an abbreviation or an
``also`` form of the glossary (case does not matter). ``<dfn>`` renders as italics in
JupyterLab, the book and slides, and tells screen readers that the term is defined here.
``problems()`` checks both directions for a set of notebooks: each term appears in every
existing notebook listed in its ``taught_in``, and each marked term has an entry whose
``taught_in`` names the notebook that marks it.

**Claims keep their hedges.** An entry that states a theory or a finding, not only a meaning,
says so under ``evidence``; its ``level`` and ``hedges`` must appear in the definition (checked on
loading) and in the text of a notebook that teaches it (``hedge_problems()``), so the glossary
never states as fact what the notebook presents as a theory, or more strongly than the notebook
does. A theory's definition also names itself as one (``THEORY_WORDS``).
"""

from __future__ import annotations

import html
import re
from functools import cache

from reliefcycle import data
from reliefcycle.core import safety
from reliefcycle.data import DataError, validate
from reliefcycle.data.glossary import THEORY_WORDS as THEORY_WORDS
from reliefcycle.data.glossary import Term, contains, normalise

DATA_FILE = "glossary.yml"
DFN = re.compile(r"<dfn(?:\s+title\s*=\s*\"([^\"]*)\")?\s*>(.*?)</dfn>", re.I | re.S)


class GlossaryError(DataError):
    """A glossary record is malformed; the message names the file, the term and the field."""


# --- data ----------------------------------------------------------------------------------------

def parse(raw, notebooks=None) -> tuple[Term, ...]:
    """Check the YAML records and return the terms sorted alphabetically.

    Each record is checked against its schema (``reliefcycle.data.glossary``), then against the
    rest of the series: the language rules, the notebooks (default: those of
    ``data/notebooks.yml``), and the other terms (names used once, ``see_also`` resolves).
    """
    notebooks = set(safety.notebook_info()) if notebooks is None else set(notebooks)
    terms = validate(raw, Term, file=DATA_FILE, label="term", id_field="term", error=GlossaryError)
    owner: dict[str, str] = {}
    for t in terms:
        where = f"{DATA_FILE}, term '{t.term}'"
        safety.check_fields({"term": t.term, "definition": t.definition}, where, GlossaryError)
        for stem in t.taught_in:
            if stem not in notebooks:
                raise GlossaryError(f"{where}: field 'taught_in': '{stem}' is not a notebook of the "
                                    "series (see data/notebooks.yml)")
        for field, names in {"term": [t.term], "short": [t.short] if t.short else [],
                             "also": t.also}.items():
            for name in names:
                if normalise(name) in owner:
                    raise GlossaryError(f"{where}: field '{field}': '{name}' is already used by "
                                        f"'{owner[normalise(name)]}'")
                owner[normalise(name)] = t.term
    for t in terms:
        for other in t.see_also:
            where = f"{DATA_FILE}, term '{t.term}': field 'see_also'"
            if normalise(other) not in owner:
                raise GlossaryError(f"{where}: '{other}' is not a term of the glossary")
            if owner[normalise(other)] == t.term:
                raise GlossaryError(f"{where}: refers to itself")
    return tuple(sorted(terms, key=lambda t: t.sort_key))


@cache
def load() -> tuple[Term, ...]:
    """The series' glossary from ``data/glossary.yml``, sorted alphabetically."""
    return parse(data.read_yaml(DATA_FILE))


def lookup(name: str, terms: tuple[Term, ...] | None = None) -> Term:
    """The entry for ``name`` (a term, abbreviation or other form; case does not matter)."""
    terms = load() if terms is None else terms
    key = normalise(name)
    for t in terms:
        if key in {normalise(n) for n in t.names}:
            return t
    raise GlossaryError(f"'{name}' is not in the glossary")


# --- rendering -----------------------------------------------------------------------------------

def _notebook_label(stem: str) -> str:
    title = safety.notebook_info()[stem]["title"]
    number = stem.split("_", 1)[0]
    return f"{number} {title}"


def in_range(terms: tuple[Term, ...], first: str, last: str) -> tuple[Term, ...]:
    """The terms whose first letter lies between ``first`` and ``last`` (inclusive)."""
    first, last = first.lower(), last.lower()
    if not (len(first) == len(last) == 1 and first.isalpha() and last.isalpha()
            and first <= last):
        raise GlossaryError(f"letter range '{first}' to '{last}' must be two letters in order")
    return tuple(t for t in terms if first <= t.sort_key[:1] <= last)


def table_markdown(first: str = "A", last: str = "Z", terms: tuple[Term, ...] | None = None) -> str:
    """The terms from ``first`` to ``last`` as one Markdown table (term, meaning, where taught,
    see also). Each term carries its anchor, and "see also" links to the other terms."""
    terms = load() if terms is None else terms
    chosen = in_range(terms, first, last)
    if not chosen:
        return f"*No terms from {first.upper()} to {last.upper()}.*"
    rows = ["| Term | What it means | Taught in | See also |", "|---|---|---|---|"]
    for t in chosen:
        name = f'<a id="{t.anchor}"></a>**{html.escape(t.term, quote=False)}**'
        if t.short:
            name += f" ({html.escape(t.short, quote=False)})"
        taught = "; ".join(_notebook_label(s) for s in t.taught_in)
        see = ", ".join(f"[{o}](#{lookup(o, terms).anchor})" for o in t.see_also) or "-"
        rows.append(f"| {name} | {t.definition} | {taught} | {see} |")
    return "\n".join(rows)


def by_notebook_markdown(terms: tuple[Term, ...] | None = None) -> str:
    """A table: each notebook of the series and the glossary terms taught in it."""
    terms = load() if terms is None else terms
    rows = ["| Notebook | Terms taught there |", "|---|---|"]
    for stem in safety.notebook_info():
        taught = [f"[{t.term}](#{t.anchor})" for t in terms if stem in t.taught_in]
        if taught:
            rows.append(f"| {_notebook_label(stem)} | {', '.join(taught)} |")
    return "\n".join(rows)


# --- checks over notebooks -----------------------------------------------------------------------

def marked_terms(markdown: str) -> list[str]:
    """The terms marked with ``<dfn>`` in some markdown (the ``title`` when given)."""
    return [" ".join((title or text).split()) for title, text in DFN.findall(markdown)]


def notebook_text(nb) -> str:
    """The words a reader sees in a notebook: markdown cells and text outputs, without the
    generated References cell (titles there do not count as teaching a term)."""
    from reliefcycle.core.citations import is_references_cell

    parts = []
    for cell in nb.cells:
        if cell.cell_type == "markdown" and not is_references_cell(cell):
            parts.append(cell.source)
        for output in cell.get("outputs", []):
            if "text" in output:
                parts.append(output["text"])
            for mime in ("text/markdown", "text/plain"):
                if mime in output.get("data", {}):
                    parts.append(output["data"][mime])
    return "\n".join("".join(p) for p in parts)


def mentions(term: Term, text: str) -> bool:
    """Whether ``text`` uses the term or one of its other forms (case does not matter; a plural
    "s" or "es" counts, so "evidence grades" uses "evidence grade")."""
    haystack = " " + re.sub(r"[^\w' ]", " ", normalise(text)) + " "
    haystack = " ".join(haystack.split())
    for name in term.names:
        needle = " ".join(re.sub(r"[^\w' ]", " ", normalise(name)).split())
        if re.search(rf"(?<!\w){re.escape(needle)}(?:e?s)?(?!\w)", haystack):
            return True
    return False


def problems(notebooks: dict, terms: tuple[Term, ...] | None = None) -> list[str]:
    """Every mismatch between the glossary and the notebooks given as ``{stem: notebook}``.

    Only the notebooks given are checked: a term taught in a notebook that does not exist yet is
    skipped. Each problem names the term and the notebook.
    """
    terms = load() if terms is None else terms
    found = []
    texts = {stem: notebook_text(nb) for stem, nb in notebooks.items()}
    for t in terms:
        for stem in t.taught_in:
            if stem in texts and not mentions(t, texts[stem]):
                found.append(f"glossary term '{t.term}': not used in {stem}, which its "
                             "taught_in lists")
    for stem, nb in notebooks.items():
        markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
        for name in marked_terms(markdown):
            try:
                entry = lookup(name, terms)
            except GlossaryError:
                found.append(f"{stem}: '{name}' is marked with <dfn> but is not in the glossary")
                continue
            if stem not in entry.taught_in:
                found.append(f"{stem}: '{name}' is marked with <dfn>, so add {stem} to the "
                             f"taught_in of glossary term '{entry.term}'")
    return found


def hedge_problems(notebooks: dict, terms: tuple[Term, ...] | None = None) -> list[str]:
    """Every entry that states a claim without the evidence level or a hedge that the notebooks
    teaching it use (``{stem: notebook}``; entries whose notebooks are not given are skipped)."""
    terms = load() if terms is None else terms
    texts = {stem: notebook_text(nb) for stem, nb in notebooks.items()}
    found = []
    for t in terms:
        teaching = [texts[s] for s in t.taught_in if s in texts]
        if not t.evidence or not teaching:
            continue
        for phrase in (t.level, *t.hedges):
            if not any(contains(text, phrase) for text in teaching):
                found.append(f"glossary term '{t.term}': '{phrase}' is not how "
                             f"{' or '.join(t.taught_in)} puts it")
    return found
