"""The glossary: its data, its tables, and its agreement with the notebooks of the series."""

from __future__ import annotations

import copy
import re

import nbformat
import pytest
import yaml

from reliefcycle.core import safety
from reliefcycle.data import DataError
from reliefcycle.models import glossary
from reliefcycle.models.glossary import GlossaryError, Term, lookup, parse

from paths import NOTEBOOKS, ROOT, apply_change, read

DATA = ROOT / "src" / "reliefcycle" / "data" / "glossary.yml"
RAW = yaml.safe_load(DATA.read_text(encoding="utf-8"))
TERMS = glossary.load()
EXISTING = {p.stem: p for p in NOTEBOOKS}


# --- the series ----------------------------------------------------------------------------------

@pytest.mark.parametrize("term", TERMS, ids=[t.term for t in TERMS])
def test_term_is_used_in_each_existing_notebook_that_teaches_it(term):
    checked = [stem for stem in term.taught_in if stem in EXISTING]
    for stem in checked:
        text = glossary.notebook_text(read(EXISTING[stem]))
        assert glossary.mentions(term, text), (
            f"'{term.term}' is not used in {stem}, which its taught_in lists")
    if not checked:
        pytest.skip(f"none of {', '.join(term.taught_in)} exists yet")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_every_marked_term_has_an_entry(path):
    nb = read(path)
    markdown = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    for name in glossary.marked_terms(markdown):
        entry = lookup(name)  # raises GlossaryError when the term has no entry
        assert path.stem in entry.taught_in, (
            f"{path.stem} marks '{name}', so its entry needs {path.stem} in taught_in")


def test_problems_over_the_whole_series_is_empty():
    assert glossary.problems({p.stem: read(p) for p in NOTEBOOKS}) == []


def test_our_notebooks_mark_what_they_teach():
    for stem in ("06_responding_well",):
        if stem not in EXISTING:
            continue
        marked = {lookup(n).term for n in glossary.marked_terms(
            "\n".join(c.source for c in read(EXISTING[stem]).cells if c.cell_type == "markdown"))}
        taught = {t.term for t in TERMS if stem in t.taught_in}
        assert taught <= marked, f"{stem} does not mark {sorted(taught - marked)}"


@pytest.mark.parametrize("term", TERMS, ids=[t.term for t in TERMS])
def test_definitions_pass_the_lint(term):
    for text in (term.term, term.definition, *term.also):
        assert safety.lint_text(text, term.term) == []


def test_data_file_passes_the_lint_and_has_no_helpline_numbers():
    text = DATA.read_text(encoding="utf-8")
    assert safety.lint_text(text) == []
    for number in ("988", "116 123", "741741", "85258", "50808", "686868", "1737", "13 11 14",
                   "0800 1111", "1800 66 66 66", "1800 55 1800", "1-800-668-6868"):
        assert number not in text


def test_terms_from_the_series_are_all_there():
    expected = ["negative reinforcement", "positive reinforcement", "punishment",
                "ecological momentary assessment", "EMA", "experiential avoidance model",
                "learned value", "Rescorla-Wagner rule", "conceptual teaching model",
                "non-suicidal self-injury", "NSSI", "content note", "function",
                "four-function model", "emotional cascade model", "benefits and barriers model",
                "DBT", "ERGT", "MBT", "evidence grade", "meta-analysis", "confidence interval",
                "effect size", "respectful curiosity", "lived experience"]
    for name in expected:
        assert lookup(name)


def test_sorted_and_every_see_also_resolves():
    assert [t.sort_key for t in TERMS] == sorted(t.sort_key for t in TERMS)
    for t in TERMS:
        for other in t.see_also:
            assert lookup(other).term != t.term


# --- rendering -----------------------------------------------------------------------------------

def test_letter_ranges_cover_every_term_exactly_once():
    ranges = [("A", "D"), ("E", "M"), ("N", "Z")]
    counts = [len(glossary.in_range(TERMS, a, b)) for a, b in ranges]
    assert sum(counts) == len(TERMS) and min(counts) > 0


def test_table_has_a_row_and_an_anchor_per_term():
    table = glossary.table_markdown("A", "Z")
    assert table.count("\n") == len(TERMS) + 1
    for t in TERMS:
        assert f'<a id="{t.anchor}"></a>**{t.term}**' in table
    links = set(re.findall(r"\]\(#(term-[a-z0-9-]+)\)", table))
    assert links <= {t.anchor for t in TERMS}


def test_table_is_deterministic_and_names_notebooks_by_title():
    assert glossary.table_markdown("N", "Z") == glossary.table_markdown("N", "Z")
    row = next(line for line in glossary.table_markdown("N", "N").splitlines()
               if "**negative reinforcement**" in line)
    assert "00 Start here; 02 The cycle" in row


def test_abbreviation_is_shown_after_the_term():
    assert "**ecological momentary assessment** (EMA)" in glossary.table_markdown("E", "E")


def test_empty_range_says_so():
    terms = parse([{"term": "urge", "definition": "A pull to act.", "taught_in": ["02_the_cycle"]}])
    assert glossary.table_markdown("A", "B", terms) == "*No terms from A to B.*"


@pytest.mark.parametrize("first, last", [("D", "A"), ("AB", "C"), ("1", "Z")])
def test_bad_letter_range(first, last):
    with pytest.raises(GlossaryError, match="letter range"):
        glossary.in_range(TERMS, first, last)


def test_by_notebook_lists_each_term_under_each_notebook():
    table = glossary.by_notebook_markdown()
    for t in TERMS:
        assert table.count(f"[{t.term}](#{t.anchor})") == len(t.taught_in)


def test_glossary_notebook_shows_the_current_tables():
    path = ROOT / "notebooks" / "A_glossary.ipynb"
    if not path.exists():
        pytest.skip("the glossary notebook is not built yet")
    outputs = [o["data"]["text/markdown"] for c in read(path).cells if c.cell_type == "code"
               for o in c.get("outputs", []) if "text/markdown" in o.get("data", {})]
    for first, last in [("A", "D"), ("E", "M"), ("N", "Z")]:
        assert glossary.table_markdown(first, last) in outputs, "run `make execute`"


# --- marking and matching ----------------------------------------------------------------------

def test_marked_terms_read_text_or_title():
    text = 'A <dfn>Stigma</dfn> and <dfn title="lived experience">lived-\nexperience</dfn>.'
    assert glossary.marked_terms(text) == ["Stigma", "lived experience"]


@pytest.mark.parametrize("name, text, used", [
    ("Rescorla-Wagner rule", "the **Rescorla-Wagner** rule", True),
    ("Rescorla-Wagner rule", "the Rescorla\u2013Wagner rule", True),
    ("evidence grade", "How to read evidence grades", True),
    ("learned value", "a *learned\nvalue*", True),
    ("ecological momentary assessment", "EMA studies", True),
    ("ecological momentary assessment", "a gamma wave", False),
    ("learned value", "learned valuables", False),
    ("urge", "surgery", False),
])
def test_mentions_ignores_case_hyphens_markup_and_plurals(name, text, used):
    assert glossary.mentions(lookup(name), text) is used


def test_references_cell_does_not_count_as_teaching():
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("<!-- references: generated by `make references` from "
                                      "references.bib; do not edit -->\n## References\n\nurge")])
    assert not glossary.mentions(lookup("urge"), glossary.notebook_text(nb))


def test_problems_name_term_and_notebook():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
        "Nothing about the topic, but <dfn>grimoire</dfn> and <dfn>stigma</dfn>.")])
    found = glossary.problems({"02_the_cycle": nb})
    assert "glossary term 'urge': not used in 02_the_cycle, which its taught_in lists" in found
    assert "02_the_cycle: 'grimoire' is marked with <dfn> but is not in the glossary" in found
    assert ("02_the_cycle: 'stigma' is marked with <dfn>, so add 02_the_cycle to the taught_in "
            "of glossary term 'stigma'") in found


def test_lookup_by_any_name_and_unknown():
    assert lookup("nssi").term == "non-suicidal self-injury"
    assert lookup("DBT-A").term == "dialectical behaviour therapy"
    with pytest.raises(GlossaryError, match="'grimoire' is not in the glossary"):
        lookup("grimoire")


# --- bad data ------------------------------------------------------------------------------------

def bad(change):
    raw = copy.deepcopy(RAW)
    change(raw)
    return raw


def entry(raw, name):
    return next(r for r in raw if r["term"] == name)


URGE = "glossary.yml, term 'urge': field"


@pytest.mark.parametrize("change, message", [
    (lambda r: entry(r, "urge").pop("definition"), f"{URGE} 'definition': Field required"),
    (lambda r: entry(r, "urge").update(example="x"),
     f"{URGE} 'example': Extra inputs are not permitted"),
    (lambda r: entry(r, "urge").update(definition=" "), f"{URGE} 'definition': must be a non-empty text"),
    (lambda r: entry(r, "urge").update(definition="Seen in self-harmers."),
     f"{URGE} 'definition': breaks the language rules (self_harmer_label)"),
    (lambda r: entry(r, "urge").update(term="self-harmer urge"),
     "glossary.yml, term 'self-harmer urge': field 'term': breaks the language rules"),
    (lambda r: entry(r, "urge").update(definition="word " * 71),
     f"{URGE} 'definition': 71 words; keep it to 70 or fewer"),
    (lambda r: entry(r, "urge").update(definition="a | b"),
     f"{URGE} 'definition': '|' would break the Markdown table"),
    (lambda r: entry(r, "urge").update(taught_in=[]), f"{URGE} 'taught_in': must list at least one"),
    (lambda r: entry(r, "urge").update(taught_in=["07_epilogue"]),
     f"{URGE} 'taught_in': '07_epilogue' is not a notebook of the series"),
    (lambda r: entry(r, "urge").update(taught_in=[2]),
     f"{URGE} 'taught_in[1]': Input should be a valid string"),
    (lambda r: entry(r, "urge").update(taught_in="02_the_cycle"), f"{URGE} 'taught_in': must be a list"),
    (lambda r: entry(r, "urge").update(see_also=["grimoire"]),
     f"{URGE} 'see_also': 'grimoire' is not a term of the glossary"),
    (lambda r: entry(r, "urge").update(see_also=["urge"]), f"{URGE} 'see_also': refers to itself"),
    (lambda r: entry(r, "urge").update(also=["  "]), f"{URGE} 'also[1]': must be a non-empty text"),
    (lambda r: entry(r, "urge").update(short=["U", "UR"]),
     f"{URGE} 'short': Input should be a valid string (found ['U', 'UR'])"),
    (lambda r: entry(r, "urge").update(short="EMA"),
     f"{URGE} 'short': 'EMA' is already used by 'ecological momentary assessment'"),
    (lambda r: r.append({"term": "Urge", "definition": "Again.", "taught_in": ["02_the_cycle"]}),
     "glossary.yml, term 'Urge': field 'term': 'Urge' is already used by 'urge'"),
    (lambda r: r.append("urge"), f"glossary.yml, term {len(RAW) + 1}: expected a mapping"),
])
def test_bad_data_names_the_term_and_field(change, message):
    with pytest.raises(GlossaryError) as error:
        parse(bad(change))
    assert message in str(error.value)


@pytest.mark.parametrize("raw", [[], None, {"term": "x"}])
def test_empty_or_wrong_file_is_an_error(raw):
    with pytest.raises(GlossaryError, match="non-empty list"):
        parse(raw)


def test_glossary_error_is_a_value_error():
    assert issubclass(GlossaryError, DataError) and issubclass(GlossaryError, ValueError)


def test_term_names_and_anchor():
    t = Term(term="Rescorla-Wagner rule", definition="A rule.", taught_in=("02_the_cycle",),
             short="RW", also=("RW rule",))
    assert t.names == ("Rescorla-Wagner rule", "RW", "RW rule")
    assert t.anchor == "term-rescorla-wagner-rule"


# --- claims keep the hedges and the evidence level of the notebooks that teach them ---------------

def test_every_claim_keeps_the_teaching_notebooks_hedges_and_level():
    assert glossary.hedge_problems({p.stem: read(p) for p in NOTEBOOKS}) == []


@pytest.mark.parametrize("term", [t for t in TERMS if t.claims], ids=lambda t: t.term)
def test_an_entry_resting_on_graded_claims_gives_their_current_grade(term):
    from reliefcycle.models import evidence
    for claim_id in term.claims:
        grade = evidence.claim(claim_id).grade
        assert glossary.contains(term.definition, grade), (
            f"'{term.term}' rests on claim {claim_id}, graded '{grade}' in data/claims.yml")


@pytest.mark.parametrize("name, sentence", [
    ("emotional cascade model", "an intense physical sensation can interrupt the spiral"),
    ("benefits and barriers model", "the brief emotional relief is open to almost anyone"),
])
def test_theories_once_stated_as_fact_are_marked_as_theories(name, sentence):
    entry = lookup(name)
    assert entry.evidence == "theory" and glossary.THEORY_WORDS.search(entry.definition)
    for part in re.split(r"(?<=[.;])\s+", entry.definition):
        if sentence in part.lower():  # still there only inside a sentence that names the theory
            assert glossary.THEORY_WORDS.search(part), part


@pytest.mark.parametrize("name", ["experiential avoidance model", "emotional cascade model",
                                  "benefits and barriers model", "endogenous opioid system"])
def test_the_series_theories_are_marked(name):
    assert lookup(name).evidence == "theory"


def _with(term: str, **change):
    raw = copy.deepcopy(RAW)
    entry = next(e for e in raw if e["term"] == term)
    apply_change(entry, change)
    return raw


@pytest.mark.parametrize("term, change, message", [
    ("stigma", {"evidence": "opinion"},
     "glossary.yml, term 'stigma': field 'evidence': Input should be 'theory' or 'finding'"),
    ("stigma", {"level": None}, "glossary.yml, term 'stigma': field 'level': an entry with "
                                "`evidence` says how strong it is"),
    ("stigma", {"hedges": ["it is thought"]}, "glossary.yml, term 'stigma': field 'hedges': the "
                                              "definition drops the notebook's 'it is thought'"),
    ("stigma", {"level": "a meta-analysis"}, "glossary.yml, term 'stigma': field 'level': the "
                                             "definition drops the notebook's 'a meta-analysis'"),
    ("emotional cascade model",
     {"definition": "Rumination and negative emotion feed each other; a strong sensation interrupts "
                    "the spiral, as a theoretical paper describes, and in the theory the "
                    "interruption is brief."},
     None),
    ("urge", {"level": "a theoretical model"},
     "glossary.yml, term 'urge': field 'level': only an entry with `evidence` has one"),
    ("urge", {"claims": ["opioids-state"]},
     "glossary.yml, term 'urge': field 'claims': only an entry with `evidence` has one"),
    ("benefits and barriers model",
     {"definition": 'A model of why some start. If the brief emotional "benefits" are open to '
                    "almost anyone, barriers matter; a theoretical model by its authors' account."},
     None),
])
def test_bad_evidence_fields_name_the_term(term, change, message):
    if message is None:  # a theory whose words still say "theory" is accepted
        parse(_with(term, **change))
        return
    with pytest.raises(GlossaryError, match=re.escape(message)):
        parse(_with(term, **change))


def test_a_theory_must_say_that_it_is_one():
    change = {"definition": 'A model of barriers: if the brief emotional "benefits" are open to '
                            "almost anyone, barriers decide, says a theoretical model."}
    parse(_with("benefits and barriers model", **change))  # "theoretical" names it
    change["definition"] = change["definition"].replace("theoretical model", "model by its authors")
    with pytest.raises(GlossaryError, match="a theoretical model|must say that it is one"):
        parse(_with("benefits and barriers model", **change))


def test_hedge_problems_name_the_term_and_notebook():
    nb = read(EXISTING["03_why_people_self_injure"])
    for cell in nb.cells:
        cell.source = re.sub("in the theory", "in fact", cell.source, flags=re.I)
        if cell.cell_type == "code":
            cell.outputs = []
    found = glossary.hedge_problems({"03_why_people_self_injure": nb})
    assert any("emotional cascade model" in f and "in the theory" in f for f in found)
