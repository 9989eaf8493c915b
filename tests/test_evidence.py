"""Evidence grades, the claims table (data/claims.yml) and the "check the claim" activity."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from reliefcycle.activities import claim_check
from reliefcycle.core import safety
from reliefcycle.core.citations import find_citations
from reliefcycle.data import claims as schema
from reliefcycle.models import evidence
from reliefcycle.models.evidence import GRADE_NAMES, ClaimError
from reliefcycle.models.treatment_claims import treatment_claims

from paths import ROOT, read

NB04 = "04_brain_and_body"
NB04_PATH = ROOT / "notebooks" / f"{NB04}.ipynb"
KEYS = {"alpha2020", "beta2021"}
NOTEBOOKS = {"04_brain_and_body", "05_breaking_the_cycle"}


def record(**change) -> dict:
    """A valid claim record; keyword arguments replace (or, with None, remove) fields."""
    base = {
        "id": "small-claim", "notebook": "04_brain_and_body", "kind": "finding",
        "topic": "pain", "label": "A short label", "claim": "Something was found.",
        "grade": "partly supported", "measured": "Something, once.", "who": "20 adults.",
        "study_types": ["cross-sectional"], "keys": ["alpha2020"],
        "why": "Two small studies agree.", "safer": "Two small studies suggest something.",
        "parts": [{"part": "Something was found.", "grade": "partly supported"}],
    }
    if "grade" in change and "parts" not in change and change["grade"] is not None:
        base["parts"] = [{"part": "Something was found.", "grade": change["grade"]}]
    for field, value in change.items():
        if value is None:
            base.pop(field, None)
        else:
            base[field] = value
    return base


def parse(*records):
    return evidence.parse_claims(list(records), KEYS, notebooks=NOTEBOOKS)


# --- grades -------------------------------------------------------------------------------------

def test_five_grades_in_order():
    assert GRADE_NAMES == ("well supported", "partly supported", "weak or indirect",
                           "unsupported", "contradicted")
    assert [evidence.grade_index(g) for g in GRADE_NAMES] == [0, 1, 2, 3, 4]


def test_unknown_grade_lists_the_five():
    with pytest.raises(ValueError, match="unknown evidence grade 'proven'; use one of: well"):
        evidence.grade("proven")


def test_grades_markdown_is_a_table_of_five():
    table = evidence.grades_markdown()
    assert table.startswith("| Grade | What it means |")
    assert all(f"**{g}**" in table for g in GRADE_NAMES)


# --- validation: every bad record names the claim and the field ----------------------------------

def test_a_good_record_parses():
    (c,) = parse(record())
    assert c.id == "small-claim" and c.keys == ("alpha2020",) and c.popular is None
    assert c.grade_index == 1 and c.title == "Finding"


def test_unknown_grade_names_claim_and_field():
    with pytest.raises(ClaimError, match="claim 'small-claim': field 'grade': Input should be "
                                         "'well supported', 'partly supported', .* \\(found 'proven'\\)"):
        parse(record(grade="proven"))


def test_unknown_key_names_claim_and_field():
    with pytest.raises(ClaimError, match="claim 'small-claim': field 'keys': unknown citation key "
                                         "'gamma2022' \\(not in references.bib\\)"):
        parse(record(keys=["alpha2020", "gamma2022"]))


REQUIRED = [name for name, f in schema.Claim.model_fields.items() if f.is_required()]


def test_the_schema_has_the_grades_of_the_evidence_module():
    assert schema.GRADES == GRADE_NAMES


@pytest.mark.parametrize("field", [f for f in REQUIRED if f != "id"])
def test_missing_field_names_claim_and_field(field):
    with pytest.raises(ClaimError, match=f"claims.yml, claim 'small-claim': field '{field}': Field required"):
        parse(record(**{field: None}))


def test_missing_id_names_the_record_by_position():
    with pytest.raises(ClaimError, match="claims.yml, claim 2: field 'id': Field required"):
        parse(record(), record(id=None))


@pytest.mark.parametrize("change, field, problem", [
    ({"grades": "typo"}, "grades", "Extra inputs are not permitted (the fields are: id, notebook, "
                                   "kind, popular, topic, label, claim, grade, measured, who, "
                                   "study_types, keys, parts, why, safer)"),
    ({"why": "  "}, "why", "must be a non-empty text"),
    ({"claim": 3}, "claim", "Input should be a valid string (found 3)"),
    ({"keys": "alpha2020"}, "keys", "must be a list, like [a, b]"),
    ({"keys": []}, "keys", "must list at least one"),
    ({"keys": ["alpha2020", "alpha2020"]}, "keys", "lists an entry twice (alpha2020)"),
    ({"keys": ["alpha2020", 7]}, "keys[2]", "Input should be a valid string (found 7)"),
    ({"study_types": ["hearsay"]}, "study_types[1]", "Input should be 'meta-analysis', "),
    ({"study_types": []}, "study_types", "must list at least one"),
    ({"kind": "rumour"}, "kind", "Input should be 'finding' or 'popular' (found 'rumour')"),
    ({"notebook": "09_nowhere"}, "notebook", "unknown notebook '09_nowhere'"),
    ({"notebook": "the cycle"}, "notebook", "'the cycle' is not a notebook file stem"),
    ({"label": "x" * (evidence.MAX_LABEL + 1)}, "label", "String should have at most 48 characters"),
    ({"id": "Small Claim"}, "id", "'Small Claim' is not lower-case words joined by hyphens"),
    ({"topic": ""}, "topic", "must be a non-empty text"),
    ({"label": "  "}, "label", "String should have at least 1 character"),
    ({"kind": "popular"}, "popular", "needs its number in the list of popular claims (a whole "
                                     "number from 1; found None)"),
    ({"kind": "popular", "popular": 0}, "popular", "needs its number"),
    ({"kind": "popular", "popular": True}, "popular", "needs its number"),
    ({"popular": 3}, "popular", "only popular claims have a number (found 3)"),
    ({"parts": [{"part": "x", "grade": "partly supported", "note": "y"}]}, "parts[1].note",
     "Extra inputs are not permitted (the fields are: part, grade)"),
])
def test_bad_fields_are_named(change, field, problem):
    cid = change.get("id", "small-claim")
    expected = re.escape(f"claim '{cid}': field '{field}': ") + ".*" + re.escape(problem)
    with pytest.raises(ClaimError, match=expected):
        parse(record(**change))


def test_duplicate_ids_and_popular_numbers_are_errors():
    with pytest.raises(ClaimError, match="claim 'small-claim': field 'id': used by more than one claim"):
        parse(record(), record())
    first = record(id="first", kind="popular", popular=4)
    with pytest.raises(ClaimError, match="claim 'second': field 'popular': number 4 is already "
                                         "used by claim 'first'"):
        parse(first, record(id="second", kind="popular", popular=4))


def test_file_must_be_a_list_of_mappings():
    with pytest.raises(ClaimError, match="claims.yml: expected a non-empty list of claim records"):
        evidence.parse_claims({"id": "x"}, KEYS, notebooks=NOTEBOOKS)
    with pytest.raises(ClaimError, match="claims.yml, claim 1: expected a mapping of fields"):
        parse("just text")


def test_load_claims_from_files_names_the_file(tmp_path):
    bib = tmp_path / "small.bib"
    bib.write_text("@article{alpha2020,\n  author = {Alpha, A.},\n  title = {A title},\n"
                   "  journal = {J},\n  year = {2020},\n  doi = {10.1/x}\n}\n", encoding="utf-8")
    good = tmp_path / "good.yml"
    good.write_text(yaml.safe_dump([record()]), encoding="utf-8")
    (c,) = evidence.load_claims(good, bib=bib)
    assert c.id == "small-claim"
    bad = tmp_path / "bad.yml"
    bad.write_text(yaml.safe_dump([record(keys=["beta2021"])]), encoding="utf-8")
    with pytest.raises(ClaimError, match="bad.yml, claim 'small-claim': field 'keys': unknown "
                                         "citation key 'beta2021'"):
        evidence.load_claims(bad, bib=bib)
    assert evidence.load_claims(bad, bib={"beta2021"})[0].keys == ("beta2021",)


# --- selection ------------------------------------------------------------------------------------

@pytest.fixture
def table():
    return parse(
        record(id="f1", topic="pain"),
        record(id="f2", topic="opioids", notebook="05_breaking_the_cycle"),
        record(id="p2", kind="popular", popular=2, topic="pain"),
        record(id="p1", kind="popular", popular=1, grade="unsupported"),
    )


def test_select_by_notebook_kind_and_topic(table):
    ids = lambda cs: [c.id for c in cs]  # noqa: E731
    assert ids(evidence.claims(NB04, table=table)) == ["f1", "p2", "p1"]
    assert ids(evidence.claims("05_breaking_the_cycle", table=table)) == ["f2"]
    assert ids(evidence.claims(kind="popular", table=table)) == ["p2", "p1"]
    assert ids(evidence.claims(topic="pain", kind="finding", table=table)) == ["f1"]


def test_select_by_ids_and_numbers_keeps_the_order_asked(table):
    assert [c.id for c in evidence.claims(ids=["p1", "f1"], table=table)] == ["p1", "f1"]
    assert [c.id for c in evidence.claims(popular=[1, 2], table=table)] == ["p1", "p2"]
    assert evidence.claim("f2", table=table).notebook == "05_breaking_the_cycle"
    with pytest.raises(ClaimError, match="no claim with id 'nope'"):
        evidence.claims(ids=["nope"], table=table)
    with pytest.raises(ClaimError, match="no popular claim numbered 9"):
        evidence.claims(popular=[9], table=table)
    with pytest.raises(ClaimError, match="unknown kind 'myth'"):
        evidence.claims(kind="myth", table=table)


def test_grade_counts_include_empty_grades(table):
    counts = evidence.grade_counts(table)
    assert list(counts) == list(GRADE_NAMES)
    assert counts == {"well supported": 0, "partly supported": 3, "weak or indirect": 0,
                      "unsupported": 1, "contradicted": 0}


# --- the series' own table ------------------------------------------------------------------------

CLAIMS = evidence.load_claims()
RELIEF = re.compile(r"\brelief\b|\breliev(?:e|es|ed|ing)\b|\breinforc\w*", re.I)
BRIEF = re.compile(r"\b(?:temporary|short[-\s]?lived|short[-\s]?term|brief(?:ly)?|fleeting|fades?"
                   r"|does\s+not\s+last)\b", re.I)
LATER = re.compile(r"\b(?:long(?:er)?[-\s]?term|over\s+time)\b", re.I)


def test_the_table_loads_and_is_cached():
    assert evidence.load_claims() is CLAIMS
    assert len({c.id for c in CLAIMS}) == len(CLAIMS)


def test_notebook_04_checks_popular_claims_1_to_7_11_and_12():
    popular = evidence.claims(NB04, kind="popular")
    assert [c.popular for c in popular] == [1, 2, 3, 4, 5, 6, 7, 11, 12]
    assert len(evidence.claims(NB04, kind="finding")) >= 10


@pytest.mark.parametrize("c", CLAIMS, ids=lambda c: c.id)
def test_every_claim_passes_the_language_lint(c):
    assert safety.lint_text(c.text(), c.id) == []


@pytest.mark.parametrize("c", CLAIMS, ids=lambda c: c.id)
def test_relief_is_always_paired_with_brevity_and_costs(c):
    # The safe-messaging rule, applied to each record (the activity shows one record at a time).
    if RELIEF.search(c.text()):
        assert BRIEF.search(c.text()) and LATER.search(c.text()), c.id


@pytest.mark.parametrize("c", CLAIMS, ids=lambda c: c.id)
def test_no_chemical_story_is_told_as_fact(c):
    # Only the paraphrase of a popular claim (and its label) may repeat the story being checked.
    own_words = " ".join([c.why, c.safer, c.measured, c.who]
                         + ([c.claim, c.label] if c.kind == "finding" else []))
    assert not re.search(r"\breleases\b|\brush\b|\bbuzz\b|\beuphori\w*|endorphin hit|"
                         r"\baddicted\b", own_words, re.I), c.id
    # No aspect of injury severity, in any field (method detail rule).
    assert not re.search(r"\bsever(?:e|ity|ely)\b", c.text() + c.claim, re.I), c.id


@pytest.mark.parametrize("c", evidence.claims(kind="popular"), ids=lambda c: c.id)
def test_popular_claims_say_what_is_known_instead(c):
    assert len(c.safer.split()) >= 12 and len(c.why.split()) >= 20


@pytest.mark.skipif(not NB04_PATH.exists(), reason="notebook 04 is not built yet")
def test_notebook_04_cites_every_work_behind_its_claims():
    cited = {x.key for x in find_citations(read(NB04_PATH), NB04)}
    keys = {k for c in evidence.claims(NB04) for k in c.keys}
    assert keys - cited == set()


@pytest.mark.skipif(not NB04_PATH.exists(), reason="notebook 04 is not built yet")
def test_notebook_04_shows_each_finding_with_its_grade():
    cells = [c.source for c in read(NB04_PATH).cells if c.cell_type == "markdown"]
    for c in evidence.claims(NB04, kind="finding"):
        where = [s for s in cells if f"<!-- claim: {c.id} -->" in s]
        assert len(where) == 1, f"notebook 04 needs one '<!-- claim: {c.id} -->' marker"
        after = where[0].split(f"<!-- claim: {c.id} -->", 1)[1]
        # The claim comes first, in italics, so that a low grade on a negated finding cannot be
        # misread: "*Claim: a dopamine marker differs at rest.* **Grade: unsupported.**"
        assert re.match(r"\*Claim: [^*\n]+[.?]\* \*\*Grade: " + re.escape(c.grade) + r"\.\*\*",
                        after.lstrip()), c.id


def test_claims_markdown_links_every_work():
    selection = evidence.claims(NB04)
    table = evidence.claims_markdown(selection)
    assert table.count("\n|") == len(selection) + 1
    for c in selection:
        assert f"**{c.grade}**" in table
        assert all(f"](#ref-{k})" in table for k in c.keys)
    rows = table.splitlines()[2:]
    assert [evidence.grade_index(re.search(r"\*\*(.+?)\*\*", r).group(1)) for r in rows] == sorted(
        evidence.grade_index(c.grade) for c in selection)


# --- the "check the claim" activity ---------------------------------------------------------------

POPULAR = evidence.claims(NB04, kind="popular")


@given(st.sampled_from(POPULAR), st.sampled_from(GRADE_NAMES))
def test_check_compares_prediction_and_grade(c, predicted):
    verdict = claim_check.check(c, predicted)
    assert verdict.match == (predicted == c.grade)
    assert verdict.steps == GRADE_NAMES.index(predicted) - GRADE_NAMES.index(c.grade)
    assert f"\u201c{c.grade}\u201d" in verdict.message
    if verdict.steps < 0:
        assert "weaker than the claim sounds" in verdict.message
    elif verdict.steps > 0:
        assert "stronger than you expected" in verdict.message
    assert safety.lint_text(verdict.message) == []


def test_check_without_a_prediction_asks_for_one():
    verdict = claim_check.check(POPULAR[0], None)
    assert not verdict.match and verdict.message.startswith("Choose the grade")
    with pytest.raises(ValueError, match="unknown evidence grade"):
        claim_check.check(POPULAR[0], "proven")


@pytest.mark.parametrize("c", POPULAR, ids=lambda c: c.id)
def test_answer_shows_grade_reasons_measures_sample_keys_and_safer_wording(c):
    parts = dict(claim_check.answer_parts(c))
    assert list(parts) == ["Graded answer", "Which part holds", "Why this grade",
                           "What was measured",
                           "In whom, and how many", "Kinds of study", "Works",
                           "A safer way to say it"]
    assert parts["Graded answer"].startswith(c.grade)
    assert all(f"{p.text}: {p.grade}." in parts["Which part holds"] for p in c.parts)
    assert parts["Why this grade"] == c.why and parts["A safer way to say it"] == c.safer
    page = claim_check.answer_html(c)
    assert all(f'href="#ref-{k}"' in page for k in c.keys)
    markdown = claim_check.answer_markdown(c)
    assert safety.lint_text(markdown) == [] and safety.lint_text(page) == []


def test_static_export_folds_every_answer_away():
    page = claim_check.static_html(POPULAR)
    assert page.count("<details><summary>Show the graded answer") == len(POPULAR)
    for c in POPULAR:
        before, _, after = page.partition(claim_check.claim_html(c))
        assert after.startswith("<details>"), c.id
    assert safety.lint_text(page) == []


def test_widget_predicts_then_reveals():
    widget = claim_check.claim_check()
    assert [c.popular for c in widget.claims] == [1, 2, 3, 4, 5, 6, 7, 11, 12]
    assert widget.menu.description and widget.prediction.description  # labelled controls
    assert widget.button.description == "Show the graded answer"
    assert widget.reveal().predicted is None and "Why this grade" not in widget.feedback.value
    widget.prediction.value = "well supported"
    verdict = widget.reveal()
    assert not verdict.match and "Why this grade" in widget.feedback.value
    assert "aria-live" in widget.feedback.value
    widget.select("popular-unlearn")
    assert widget.prediction.value is None and widget.feedback.value == ""
    assert "Popular claim 12" in widget.statement.value
    widget.prediction.value = "partly supported"
    assert widget.reveal().match


def test_previous_and_next_buttons_step_through_the_claims_and_wrap():
    widget = claim_check.claim_check()
    first, last = widget.claims[0].id, widget.claims[-1].id
    widget.previous.click()
    assert widget.menu.value == last
    widget.next.click()
    assert widget.menu.value == first
    widget.prediction.value = "unsupported"
    widget.next.click()
    assert widget.menu.value == widget.claims[1].id and widget.prediction.value is None
    assert widget.previous.description and widget.next.description


def test_widget_carries_its_static_version():
    bundle = claim_check.claim_check()._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/html"].count("<details>") == len(POPULAR)
    lines = bundle["text/plain"].splitlines()
    assert len(lines) == len(POPULAR)
    for line, c in zip(lines, POPULAR, strict=True):
        assert line.startswith(f"Popular claim {c.popular} (as it circulates):")
        assert f"Graded answer: {c.grade}." in line and c.safer in line
        if RELIEF.search(line):  # each line stands alone in a text export
            assert BRIEF.search(line) and LATER.search(line), c.id


def test_widget_needs_claims():
    with pytest.raises(ValueError, match="at least one claim"):
        claim_check.ClaimCheck([])


def test_the_activity_takes_any_selection(table):
    # The activity reads whatever claims it is given, so notebook 05 can reuse it for its own.
    widget = claim_check.ClaimCheck(evidence.claims(kind="popular", table=table))
    assert [c.id for c in widget.claims] == ["p2", "p1"]
    assert "Popular claim 2" in widget.statement.value
    assert claim_check.static_text(widget.claims).splitlines()[1].startswith("Popular claim 1 ")


# --- the two-part rule (grade-rule check) ---------------------------------------------------------

@given(st.lists(st.sampled_from(GRADE_NAMES), min_size=1, max_size=4))
def test_combine_takes_the_weaker_part_except_weak_beside_supported(grades):
    whole = evidence.combine(grades)
    weakest = max(grades, key=evidence.grade_index)
    supported = any(evidence.grade_index(g) < 2 for g in grades)
    if weakest == "weak or indirect" and supported:
        assert whole == "partly supported"
    else:
        assert whole == weakest
    # A claim is never graded above the best-supported of its parts.
    assert evidence.grade_index(whole) >= min(evidence.grade_index(g) for g in grades)


def test_combine_examples_and_empty():
    assert evidence.combine(["partly supported", "unsupported"]) == "unsupported"
    assert evidence.combine(["well supported", "weak or indirect"]) == "partly supported"
    assert evidence.combine(["partly supported", "contradicted"]) == "contradicted"
    assert evidence.combine(["unsupported"]) == "unsupported"
    with pytest.raises(ValueError, match="at least one graded part"):
        evidence.combine([])


def test_a_grade_that_breaks_the_rule_is_an_error():
    parts = [{"part": "A happens", "grade": "partly supported"},
             {"part": "A causes B", "grade": "unsupported"}]
    with pytest.raises(ClaimError, match="field 'grade'.*two-part rule.*give 'unsupported'"):
        parse(record(parts=parts, grade="partly supported"))
    (c,) = parse(record(parts=parts, grade="unsupported"))
    assert c.holds() == "(1) A happens: partly supported. (2) A causes B: unsupported."


@pytest.mark.parametrize("parts, message", [
    ([], "field 'parts': must list at least one"),
    ("one part", "field 'parts': must be a list, like [a, b]"),
    ([{"part": "x"}], "field 'parts[1].grade': Field required"),
    ([{"part": "", "grade": "unsupported"}], "field 'parts[1].part': must be a non-empty text"),
    ([{"part": "x", "grade": "proven"}], "field 'parts[1].grade': Input should be 'well supported'"),
])
def test_malformed_parts_name_the_field(parts, message):
    with pytest.raises(ClaimError, match=re.escape(f"claims.yml, claim 'small-claim': {message}")):
        parse(record(parts=parts))


ALL_GRADED = CLAIMS + tuple(c for c in treatment_claims() if c not in CLAIMS)


@pytest.mark.parametrize("c", ALL_GRADED, ids=lambda c: c.id)
def test_every_claim_follows_the_two_part_rule(c):
    # Both claims files, every record: its parts are shown, and its grade is the rule's.
    assert c.parts and c.grade == evidence.combine(p.grade for p in c.parts)


def test_rule_is_shown_beside_the_grade_table():
    page = evidence.grades_markdown(rule=True)
    assert page.startswith(evidence.grades_markdown())
    assert evidence.TWO_PART_RULE in page and evidence.BOUNDARY in page
    assert safety.lint_text(page) == []


POPULAR_FILE = ROOT.parent / "shared" / "popular-claims.md"


@pytest.mark.skipif(not POPULAR_FILE.exists(), reason="the shared list of popular claims is absent")
def test_every_numbered_popular_claim_has_its_record():
    numbers = {int(n) for n in re.findall(r"^(\d+)\. ", POPULAR_FILE.read_text("utf-8"), re.M)}
    graded = {c.popular for c in ALL_GRADED if c.popular is not None}
    assert graded == numbers


NB01_PATH = ROOT / "notebooks" / "01_what_self_injury_is.ipynb"


@pytest.mark.skipif(not NB01_PATH.exists(), reason="notebook 01 is not built yet")
def test_notebook_01_gives_each_claim_its_number_and_grade():
    text = "\n".join(c.source for c in read(NB01_PATH).cells if c.cell_type == "markdown")
    for c in evidence.claims("01_what_self_injury_is", kind="popular"):
        assert re.search(rf"\*\*Claim {c.popular}\b[^*]*\*\*[^\n]*\*\*{re.escape(c.grade.capitalize())}\b",
                         text), c.id


# --- which part holds, in the table and beside the graded findings --------------------------------

def test_claims_markdown_shows_which_part_holds():
    selection = evidence.claims(NB04)
    rows = evidence.claims_markdown(selection).splitlines()
    assert "Which part holds" in rows[0]
    for c in selection:
        row = next(r for r in rows if f"| {c.title}: {c.label} |" in r)
        if len(c.parts) == 1:
            assert evidence.SINGLE_PART in row, c.id
        else:
            for p in c.parts:
                assert f"{p.text}: {p.grade}." in row, (c.id, p.text)


def test_multi_part_findings_in_04_say_which_part_holds():
    cells = [c.source for c in read(NB04_PATH).cells if c.cell_type == "markdown"]
    for c in evidence.claims(NB04, kind="finding"):
        if len(c.parts) > 1:
            cell = next(s for s in cells if f"<!-- claim: {c.id} -->" in s)
            after = cell.split(f"<!-- claim: {c.id} -->", 1)[1].split("<!-- claim:", 1)[0]
            assert "*Which part holds:*" in after, c.id


# --- the graded rows of notebook 05's table of other structured therapies ------------------------

NB05_PATH = ROOT / "notebooks" / "05_breaking_the_cycle.ipynb"
THERAPY_ROWS = {"ergt-reduces-self-harm": "Emotion regulation group therapy (ERGT)",
                "mbt-reduces-self-harm": "Mentalization-based treatment (MBT)",
                "cbt-reduces-self-harm": "CBT-based therapy"}


def treatment_findings() -> dict[str, evidence.Claim]:
    return {c.id: c for c in evidence.claims("05_breaking_the_cycle", kind="finding")}


def test_05_therapy_table_shows_the_recorded_grades():
    findings = treatment_findings()
    table = next(c.source for c in read(NB05_PATH).cells
                 if c.cell_type == "markdown" and "| treatment | what the evidence shows |" in c.source)
    for cid, name in THERAPY_ROWS.items():
        c = findings[cid]
        row = next(r for r in table.splitlines() if r.startswith(f"| **{name}**"))
        grade_cell = row.rstrip(" |").rsplit("|", 1)[1]
        assert grade_cell.strip().startswith(f"**{c.grade}**"), cid
        if len(c.parts) > 1:
            assert all(p.grade in grade_cell for p in c.parts), cid


def test_treatment_findings_are_not_popular_claims():
    assert set(THERAPY_ROWS) <= set(treatment_findings())
    assert not set(THERAPY_ROWS) & {c.id for c in treatment_claims()}
