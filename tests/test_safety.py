"""Safety: the language lint (with its rules' own examples), templates, and every text we ship."""

from pathlib import Path

import pytest
import yaml

from reliefcycle import safety

from paths import ROOT, SHARED, fixture_notebook

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
    nb.cells[8].outputs = [{"output_type": "stream", "name": "stdout", "text": "self-harmers\n"}]
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
