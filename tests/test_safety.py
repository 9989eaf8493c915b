"""Safety: the language lint (with its rules' own examples), templates, and every text we ship."""

import re
from pathlib import Path

import nbformat
import pytest
import yaml

from reliefcycle.core import safety

from paths import ROOT, SHARED, apply_change, fixture_notebook

RULES = safety.rules()
ALL_RULES = RULES["avoid_terms"] + RULES["method_detail_terms"]
SKIP = {".venv", ".venv-hub", ".hub", ".git", "node_modules", "_build", ".ipynb_checkpoints", "fixtures"}


def ids(rules):
    return [r["id"] for r in rules]


@pytest.mark.parametrize("rule", ALL_RULES, ids=ids(ALL_RULES))
def test_rule_examples(rule):
    for text in rule["examples"]["match"]:
        assert rule["id"] in {f.rule for f in safety.lint_text(text)}, f"should flag: {text!r}"
    for text in rule["examples"]["no_match"]:
        assert rule["id"] not in {f.rule for f in safety.lint_text(text)}, f"flagged: {text!r}"


@pytest.mark.skipif(not (SHARED / "language-lint.yml").exists(),
                    reason="../shared/language-lint.yml is not present on this machine")
def test_package_copy_contains_every_shared_rule():
    shared = yaml.safe_load((SHARED / "language-lint.yml").read_text(encoding="utf-8"))
    for section in ("avoid_terms", "method_detail_terms", "required_in_every_notebook",
                    "conditional_requirements"):
        ours = {r["id"]: r for r in RULES[section]}
        for rule in shared[section]:
            assert rule["id"] in ours, f"rule {rule['id']} is missing from the package copy"
            for field in ("regex", "if_notebook_matches", "then_notebook_must_match_all",
                          "if_cell_matches", "then_cell_must_match", "max_words", "where"):
                assert ours[rule["id"]].get(field) == rule.get(field), (rule["id"], field)
    assert RULES["ignore_markers"] == shared["ignore_markers"]


def test_ignore_markers_hide_a_named_myth():
    text = ("<!-- lint-ignore-start: myth named to correct it -->it is attention-seeking"
            "<!-- lint-ignore-end --> is a myth")
    assert safety.lint_text(text) == []
    assert safety.lint_text("it is attention-seeking")


def test_require_clean_names_the_rule():
    with pytest.raises(safety.SafetyError, match="self_harmer_label"):
        safety.require_clean("a group of self-harmers", where="label")


# --- templates ----------------------------------------------------------------------------------

def test_templates_pass_the_lint_and_carry_the_date():
    assert safety.lint_text(safety.support_cell()) == []
    assert f"Resources last checked: {safety.RESOURCES_LAST_CHECKED}" in safety.support_cell()
    for stem in safety.notebook_info():
        assert safety.lint_text(safety.content_note(stem)) == []


def test_support_cell_lists_every_region():
    text = safety.support_cell()
    for place in ("United States", "Canada", "UK", "Republic of Ireland", "Australia",
                  "New Zealand", "findahelpline.com", "emergency"):
        assert place in text


@pytest.mark.parametrize("service, number", [
    ("Childline", "0800 1111"), ("Childline (ISPCC)", "1800 66 66 66"),
    ("Kids Helpline", "1800 55 1800"), ("Kids Help Phone", "1-800-668-6868"),
    ("Kids Help Phone", "CONNECT to 686868")])
def test_support_cell_has_the_youth_lines(service, number):
    rows = [line for line in safety.support_cell().splitlines() if f"| {service} |" in line]
    assert len(rows) == 1 and number in rows[0] and "(young people)" in rows[0]


# --- the services file: every number with where and when it was checked --------------------------

SERVICES = safety.support_services()


@pytest.mark.parametrize("entry", SERVICES["services"], ids=lambda e: e["service"])
def test_every_service_records_where_and_when_it_was_checked(entry):
    assert entry["checked_from"] and all(c["url"].startswith("http") for c in entry["checked_from"])
    assert entry["checked_on"] <= SERVICES["last_checked"]
    assert entry["own_page"] or entry["not_verified"], "say what could not be confirmed"
    row = f"| {entry['region']} | {entry['service']} | {safety.reach_markdown(entry)} |"
    assert row in safety.support_cell()
    for contact in entry["contacts"]:
        assert contact in entry["reach"]


def test_every_web_address_in_the_support_cell_is_an_https_link():
    cell = safety.support_cell()
    links = re.findall(r"\[([^\]]+)\]\((https://[^)]+)\)", cell)
    assert {"findahelpline.com", "988lifeline.org", "sioutreach.org"} <= {text for text, _ in links}
    assert all(url == f"https://{text}" for text, url in links)
    bare = re.sub(r"\[[^\]]*\]\([^)]*\)", "", cell)
    assert not re.findall(r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|edu|net|gov|uk|au|nz|ca|ie)\b", bare)


@pytest.mark.parametrize("contact, web", [("988lifeline.org", True), ("findahelpline.com", True),
                                          ("1-800-668-6868", False), ("13 11 14", False),
                                          ("HOME", False), ("9-8-8", False)])
def test_web_addresses_are_told_from_numbers_and_keywords(contact, web):
    assert bool(safety.WEB_ADDRESS.match(contact)) is web


def test_every_emergency_number_is_checked_and_shown():
    text = safety.support_cell()
    for entry in SERVICES["emergency"]:
        assert entry["checked_from"] and f"{entry['number']} in {entry['where']}" in text


def test_every_number_in_the_support_cell_comes_from_the_services_file():
    # A number typed into the template by hand would escape the record of checks.
    template = (ROOT / "src" / "reliefcycle" / "data" / "support.md").read_text(encoding="utf-8")
    assert not [n for n in re.findall(r"\d{3,}", template)]


def test_the_2020_keyword_of_50808_is_not_shown():
    row = next(e for e in SERVICES["services"] if e["service"] == "50808")
    assert "TALK" not in row["reach"] and "keyword" in row["not_verified"].lower()


def _raw_services():
    return yaml.safe_load((ROOT / "src" / "reliefcycle" / "data" / "support-services.yml")
                          .read_text(encoding="utf-8"))


def _services_with(**change):
    raw = _raw_services()
    apply_change(raw["services"][0], change)
    return raw


LIFELINE = "support-services.yml, service '988 Suicide & Crisis Lifeline': field"


@pytest.mark.parametrize("change, message", [
    ({"checked_from": []}, f"{LIFELINE} 'checked_from': must list at least one"),
    ({"checked_on": "last spring"}, f"{LIFELINE} 'checked_on': Input should be a valid date"),
    ({"checked_from": [{"url": "988lifeline.org", "confirms": "x"}]},
     f"{LIFELINE} 'checked_from[1].url': '988lifeline.org' is not a web address"),
    ({"checked_from": [{"url": "https://988lifeline.org"}]},
     f"{LIFELINE} 'checked_from[1].confirms': Field required"),
    ({"own_page": False, "not_verified": None},
     f"{LIFELINE} 'not_verified': a service not confirmed on its own page says here what is still open"),
    ({"own_page": "maybe"}, f"{LIFELINE} 'own_page': Input should be a valid boolean"),
    ({"contacts": ["911"]}, f"{LIFELINE} 'contacts': contact '911' is not in what the reader sees"),
    ({"contacts": []}, f"{LIFELINE} 'contacts': must list at least one"),
    ({"reach": " "}, f"{LIFELINE} 'reach': must be a non-empty text"),
    ({"region": None}, f"{LIFELINE} 'region': Field required"),
    ({"phone": "988"}, f"{LIFELINE} 'phone': Extra inputs are not permitted"),
])
def test_bad_services_file_names_the_problem(change, message):
    with pytest.raises(safety.SafetyError, match=re.escape(message)):
        safety.parse_services(_services_with(**change))


@pytest.mark.parametrize("change, message", [
    (lambda r: r["emergency"][1].update(number=999),
     "support-services.yml, emergency number 'the UK': field 'number': Input should be a valid string"),
    (lambda r: r["emergency"][0].pop("checked_from"),
     "support-services.yml, emergency number 'the US and Canada': field 'checked_from': Field required"),
    (lambda r: r.update(last_checked="soon"), "support-services.yml: field 'last_checked': Input should "
                                              "be a valid date"),
    (lambda r: r.update(services=[]), "support-services.yml: expected a non-empty list of service"),
    (lambda r: r.pop("emergency"), "support-services.yml: expected a non-empty list of emergency number"),
    (lambda r: r.update(notes="x"), "support-services.yml: field 'notes': Extra inputs are not permitted"),
])
def test_bad_services_file_names_the_entry_and_the_field(change, message):
    raw = _raw_services()
    change(raw)
    with pytest.raises(safety.SafetyError, match=re.escape(message)):
        safety.parse_services(raw)


def test_services_file_that_is_not_a_mapping():
    with pytest.raises(safety.SafetyError, match="support-services.yml: expected a mapping with "
                                                 "last_checked, emergency, services"):
        safety.parse_services(["988"])


@pytest.mark.parametrize("change, message", [
    (lambda r: r["02_the_cycle"].pop("topic"),
     "notebooks.yml, notebook '02_the_cycle': field 'topic': Field required"),
    (lambda r: r["02_the_cycle"].update(title="  "),
     "notebooks.yml, notebook '02_the_cycle': field 'title': must be a non-empty text"),
    (lambda r: r["02_the_cycle"].update(suicide=["yes"]),
     "notebooks.yml, notebook '02_the_cycle': field 'suicide': Input should be a valid string"),
    (lambda r: r["02_the_cycle"].update(colour="red"),
     "notebooks.yml, notebook '02_the_cycle': field 'colour': Extra inputs are not permitted"),
    (lambda r: r.update({"The Cycle": {"title": "The cycle", "topic": "the cycle"}}),
     "notebooks.yml, notebook 'The Cycle': field 'stem': 'The Cycle' is not a notebook file stem"),
    (lambda r: r.update({"07_epilogue": "Epilogue"}),
     "notebooks.yml, notebook '07_epilogue': expected a mapping of fields"),
    (lambda r: r.clear(), "notebooks.yml: expected a non-empty mapping of notebook records"),
])
def test_bad_notebooks_file_names_the_notebook_and_the_field(change, message):
    raw = yaml.safe_load((ROOT / "src" / "reliefcycle" / "data" / "notebooks.yml").read_text("utf-8"))
    change(raw)
    with pytest.raises(safety.SafetyError, match=re.escape(message)):
        safety.parse_notebooks(raw)


# --- content notes say what the notebook contains -------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Ask directly about suicide.", True),
    ("linked with later suicidal thoughts", True),
    ("non-suicidal self-injury (NSSI)", False),
    ("Nonsuicidal self-injury and [a study](#ref-victor2012nonsuicidal)", False),
])
def test_mentions_suicide(text, expected):
    assert safety.mentions_suicide(text) is expected


def test_content_note_says_when_the_notebook_discusses_suicide(notebook):
    path, nb = notebook
    note = safety.content_note(path.stem)
    assert safety.mentions_suicide(note) == safety.discusses_suicide(nb), (
        "the content note and the notebook disagree about suicide: set or remove `suicide` "
        f"for {path.stem} in data/notebooks.yml")


def test_text_a_widget_shows_counts_as_the_notebooks_text():
    cell = nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output(
        "display_data", data={"text/html": "<li>Asking about suicide can put the idea there.</li>"})])
    assert safety.discusses_suicide(nbformat.v4.new_notebook(cells=[cell]))


def test_suicide_line_reads_calmly_and_keeps_the_note_short():
    for stem in safety.notebook_info():
        note = safety.content_note(stem)
        assert len(note.split()) < 150 and safety.lint_text(note) == []


# --- support one click from the key points ---------------------------------------------------------

def test_support_link_sits_right_after_the_key_points(notebook):
    path, nb = notebook
    key = [i for i, c in enumerate(nb.cells) if safety.KEY_POINTS_ANCHOR in c.source]
    assert key, f"{path.name} has no key points anchor"
    follower = nb.cells[key[0] + 1]
    assert follower.source == safety.support_link(), "run `make safety`"
    assert "](#support-and-help)" in follower.source


def test_refresh_adds_the_support_link_after_the_key_points():
    nb = fixture_notebook("good.ipynb")
    nb.cells = [c for c in nb.cells if not safety.SUPPORT_LINK_MARKER.search(c.source)]
    key = next(i for i, c in enumerate(nb.cells) if safety.KEY_POINTS_ANCHOR in c.source)
    assert safety.refresh(nb, "00_start_here") is True
    assert nb.cells[key + 1].source == safety.support_link()
    assert safety.refresh(nb, "00_start_here") is False


def test_unknown_notebook_has_no_content_note():
    with pytest.raises(safety.SafetyError, match="no content-note topic for notebook '99_x'"):
        safety.content_note("99_x")


def test_notebook_cells_equal_the_templates(notebook):
    path, nb = notebook
    assert nb.cells[0].source == safety.content_note(path.stem), "run `make safety`"
    assert nb.cells[-1].source == safety.support_cell(), "run `make safety`"


def test_refresh_is_idempotent_and_keeps_other_cells():
    nb = fixture_notebook("good.ipynb")
    middle = [c.source for c in nb.cells[1:-1]]
    assert safety.refresh(nb, "00_start_here") is False
    nb.cells[0].source = "<!-- safe-messaging: content-note -->\n## Content note\n\nold text"
    assert safety.refresh(nb, "00_start_here") is True
    assert [c.source for c in nb.cells[1:-1]] == middle


def test_refresh_inserts_missing_cells():
    nb = fixture_notebook("missing_content_note.ipynb")
    safety.refresh(nb, "00_start_here")
    assert nb.cells[0].source == safety.content_note("00_start_here")


# --- the lint over everything we ship -------------------------------------------------------------

def test_fixture_with_stigmatising_term_fails():
    findings = safety.lint_notebook(fixture_notebook("stigmatising_term.ipynb"), "fixture")
    assert [f.rule for f in findings] == ["cutter_label"]
    assert "cell 3" in findings[0].where


def test_fixture_without_content_note_fails():
    findings = safety.lint_notebook(fixture_notebook("missing_content_note.ipynb"), "fixture")
    assert {"content_note_marker", "content_note_heading"} <= {f.rule for f in findings}


def test_helpline_number_outside_support_cell_fails():
    nb = fixture_notebook("good.ipynb")
    nb.cells[3].source += "\n\nCall 988 if you need to."
    assert "helpline_numbers_only_in_support_cell" in {
        f.rule for f in safety.lint_notebook(nb, "fixture")}


def test_relief_without_its_limits_fails():
    nb = fixture_notebook("good.ipynb")
    nb.cells[3].source = "Self-injury can bring relief."
    rules = {f.rule for f in safety.lint_notebook(nb, "fixture")}
    assert "relief_paired_with_limits" in rules


def test_code_and_outputs_are_linted():
    nb = fixture_notebook("good.ipynb")
    code = next(c for c in nb.cells if c.cell_type == "code")
    code.outputs = [{"output_type": "stream", "name": "stdout", "text": "self-harmers\n"}]
    assert "self_harmer_label" in {f.rule for f in safety.lint_notebook(nb, "fixture")}


def test_every_notebook_passes_the_lint(notebook):
    path, nb = notebook
    assert [str(f) for f in safety.lint_notebook(nb, path.name)] == []


def docs() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*") if p.suffix in (".md", ".yml", ".yaml")
                  and p.is_file() and not (set(p.relative_to(ROOT).parts) & SKIP)
                  and p.name != "language-lint.yml")


@pytest.mark.parametrize("path", docs(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_doc_and_data_file_passes_the_lint(path):
    assert [str(f) for f in safety.lint_text(path.read_text(encoding="utf-8"), str(path))] == []


def test_figure_alt_text_passes_the_lint():
    alt = yaml.safe_load((ROOT / "figures" / "alt-text.yml").read_text(encoding="utf-8"))
    assert alt, "figures/alt-text.yml is empty"
    for stem, text in alt.items():
        assert safety.lint_text(text, stem) == []


def test_no_support_number_outside_the_support_cell(notebook):
    # The shared lint rule knows the original numbers; this check follows the services file, so a
    # number added there (the youth lines, for example) is held to the same single place.
    path, nb = notebook
    numbers = [c for s in SERVICES["services"] for c in s["contacts"]
               if sum(ch.isdigit() for ch in c) >= 4]
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown" and safety.SUPPORT_MARKER.search(cell.source):
            continue
        text = cell.source + "\n" + safety._outputs_text(cell)
        assert not [n for n in numbers if n in text], f"{path.name}, cell {index}"
