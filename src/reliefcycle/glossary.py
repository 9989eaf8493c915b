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

``load()`` checks every record (bad data raises ``GlossaryError``, a ``ValueError`` naming the
term and the field). ``table_markdown("A", "D")`` renders the terms from A to D as one Markdown
table, sorted and deterministic, for a code cell in the glossary notebook. Each term gets an
anchor ``#term-<slug>`` (e.g. ``#term-negative-reinforcement``) so "see also" entries link
within the glossary.

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
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from . import safety

FIELDS = ("term", "short", "also", "definition", "taught_in", "see_also", "evidence", "level",
          "hedges", "claims")
#: What an entry that makes a claim rests on.
EVIDENCE = {"theory": "a proposed explanation (a model or hypothesis)",
            "finding": "what studies found"}
#: Words by which a theory's definition says that it is one.
THEORY_WORDS = re.compile(r"\b(?:theory|theoretical|hypothesis|proposes|learning account)\b", re.I)
REQUIRED = ("term", "definition", "taught_in")
#: Longest definition, in words: a glossary entry is a plain-words summary, not a lesson.
MAX_WORDS = 70
DFN = re.compile(r"<dfn(?:\s+title\s*=\s*\"([^\"]*)\")?\s*>(.*?)</dfn>", re.I | re.S)


class GlossaryError(ValueError):
    """A glossary record is malformed; the message names the term and the field."""


@dataclass(frozen=True)
class Term:
    term: str
    definition: str
    taught_in: tuple[str, ...]
    see_also: tuple[str, ...] = ()
    short: str = ""
    also: tuple[str, ...] = ()
    evidence: str = ""
    level: str = ""
    hedges: tuple[str, ...] = ()
    claims: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Every form that counts as this term: the term, its abbreviation, other forms."""
        return tuple(n for n in (self.term, self.short, *self.also) if n)

    @property
    def anchor(self) -> str:
        """The in-page anchor of the term in the glossary notebook, e.g. ``term-urge``."""
        return "term-" + slug(self.term)

    @property
    def sort_key(self) -> str:
        return normalise(self.term)


def normalise(text: str) -> str:
    """Lower case, hyphens and dashes as spaces, runs of white space as one space."""
    text = re.sub(r"[-\u2010-\u2015]", " ", text.lower())
    return " ".join(text.replace("\u2019", "'").split())


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise(text)).strip("-")


# --- data ----------------------------------------------------------------------------------------

def _text(value, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise GlossaryError(f"{where}: must be a non-empty text")
    text = " ".join(value.split())
    findings = safety.lint_text(text)
    if findings:
        rules = ", ".join(sorted({f.rule for f in findings}))
        raise GlossaryError(f"{where}: breaks the language rules ({rules})")
    return text


def _names(value, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise GlossaryError(f"{where}: must be a list of non-empty texts")
    return tuple(" ".join(v.split()) for v in value)


def _term(raw, number: int, notebooks) -> Term:
    if not isinstance(raw, dict):
        raise GlossaryError(f"glossary entry {number}: must be a mapping with "
                            f"{', '.join(REQUIRED)}")
    name = raw.get("term", f"entry {number}")
    where = f"glossary term '{name}'"
    missing = [f for f in REQUIRED if f not in raw]
    if missing:
        raise GlossaryError(f"{where}: missing {', '.join(missing)}")
    unknown = sorted(set(raw) - set(FIELDS))
    if unknown:
        raise GlossaryError(f"{where}: unknown field {', '.join(unknown)}")
    term = _text(raw["term"], f"{where}.term")
    definition = _text(raw["definition"], f"{where}.definition")
    words = len(definition.split())
    if words > MAX_WORDS:
        raise GlossaryError(f"{where}.definition: {words} words; keep it to {MAX_WORDS} or fewer")
    if "|" in definition:
        raise GlossaryError(f"{where}.definition: '|' would break the Markdown table")
    taught_in = _names(raw["taught_in"], f"{where}.taught_in")
    if not taught_in:
        raise GlossaryError(f"{where}.taught_in: name at least one notebook")
    for stem in taught_in:
        if stem not in notebooks:
            raise GlossaryError(f"{where}.taught_in: '{stem}' is not a notebook of the series "
                                "(see data/notebooks.yml)")
    short = _names(raw.get("short"), f"{where}.short")
    if len(short) > 1:
        raise GlossaryError(f"{where}.short: give one abbreviation")
    evidence, level, hedges, claims = _evidence(raw, definition, where)
    return Term(term, definition, taught_in, _names(raw.get("see_also"), f"{where}.see_also"),
                short[0] if short else "", _names(raw.get("also"), f"{where}.also"),
                evidence, level, hedges, claims)


def _evidence(raw, definition: str, where: str):
    """The entry's evidence fields, checked against its own definition."""
    evidence = raw.get("evidence")
    if evidence is None:
        extra = [f for f in ("level", "hedges", "claims") if f in raw]
        if extra:
            raise GlossaryError(f"{where}.{extra[0]}: only an entry with `evidence` has one")
        return "", "", (), ()
    if evidence not in EVIDENCE:
        raise GlossaryError(f"{where}.evidence: '{evidence}' is not one of {', '.join(EVIDENCE)}")
    if "level" not in raw:
        raise GlossaryError(f"{where}: missing level (how strong, in the notebook's words)")
    level = _names(raw["level"], f"{where}.level")[0]
    hedges = _names(raw.get("hedges"), f"{where}.hedges")
    for phrase in (level, *hedges):
        if not contains(definition, phrase):
            raise GlossaryError(f"{where}.definition: drops the notebook's '{phrase}'")
    if evidence == "theory" and not THEORY_WORDS.search(definition):
        raise GlossaryError(f"{where}.definition: a theory must say that it is one "
                            "(theory, hypothesis, proposes, ...)")
    return evidence, level, hedges, _names(raw.get("claims"), f"{where}.claims")


def contains(text: str, phrase: str) -> bool:
    """Whether ``phrase`` occurs in ``text``, ignoring case, line breaks, emphasis and quotes."""
    def flat(s):
        return normalise(re.sub(r"[*_\"“”]", "", s))
    return flat(phrase) in flat(text)


def parse(raw, notebooks=None) -> tuple[Term, ...]:
    """Check the YAML records and return the terms sorted alphabetically.

    ``notebooks`` are the known notebook stems (default: those of ``data/notebooks.yml``).
    """
    notebooks = set(safety.notebook_info()) if notebooks is None else set(notebooks)
    if not isinstance(raw, list) or not raw:
        raise GlossaryError("glossary: the file must hold a non-empty list of terms")
    terms = [_term(item, n, notebooks) for n, item in enumerate(raw, start=1)]
    owner: dict[str, str] = {}
    for t in terms:
        for name in t.names:
            key = normalise(name)
            if key in owner:
                raise GlossaryError(f"glossary term '{t.term}': '{name}' is already used by "
                                    f"'{owner[key]}'")
            owner[key] = t.term
    for t in terms:
        for other in t.see_also:
            if normalise(other) not in owner:
                raise GlossaryError(f"glossary term '{t.term}'.see_also: '{other}' is not a term "
                                    "of the glossary")
            if owner[normalise(other)] == t.term:
                raise GlossaryError(f"glossary term '{t.term}'.see_also: refers to itself")
    return tuple(sorted(terms, key=lambda t: t.sort_key))


@cache
def load() -> tuple[Term, ...]:
    """The series' glossary from ``data/glossary.yml``, sorted alphabetically."""
    path = resources.files("reliefcycle").joinpath("data", "glossary.yml")
    return parse(yaml.safe_load(path.read_text("utf-8")))


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
    from .citations import is_references_cell

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
