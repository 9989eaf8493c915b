"""Tests of the effect sizes and graded treatment claims of notebook 05 (reliefcycle.activities.effects)."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest
import yaml
from matplotlib.text import Text

from reliefcycle.core import style
from reliefcycle.core.citations import Bibliography, find_citations
from reliefcycle.core.safety import lint_text
from reliefcycle.data import effects as schema
from reliefcycle.figures import effects as effects_figure
from reliefcycle.models import effects, evidence, treatment_claims

from paths import PACKAGE_DATA, ROOT, SHARED, read

NOTEBOOK = ROOT / "notebooks" / "05_breaking_the_cycle.ipynb"
PACKAGE_DATA = PACKAGE_DATA
DATA = PACKAGE_DATA / "effects.csv"
FINDINGS = SHARED / "literature" / "findings.md"


@pytest.fixture(scope="module")
def bib() -> Bibliography:
    return Bibliography.from_file(ROOT / "references.bib")


@pytest.fixture(scope="module")
def rows(bib):
    return effects.load(bib=bib)


@pytest.fixture(scope="module")
def notebook_markdown() -> str:
    nb = read(NOTEBOOK)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def raw_rows() -> list[dict]:
    return list(csv.DictReader(io.StringIO(DATA.read_text(encoding="utf-8"))))


def to_csv(records: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=effects.COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()


def parse_text(text: str, bib):
    return effects.parse(text, bib)


# --- the data -------------------------------------------------------------------------------

def test_the_data_file_loads(rows):
    assert len(rows) >= 6
    assert {e.measure for e in rows} == set(effects.MEASURES)


def test_the_schema_knows_the_same_measures_and_ratios_as_the_reading_help():
    assert tuple(effects.MEASURES) == schema.MEASURES
    assert tuple(m for m, kind in effects.MEASURES.items() if kind.log_scale) == schema.RATIOS


def test_every_estimate_lies_in_its_interval_and_favours_the_treatment(rows):
    for e in rows:
        assert e.ci_low <= e.estimate <= e.ci_high, e
        assert e.favours_treatment, f"row {e.row}: check the direction ('better')"


def test_every_row_is_cited_in_notebook_05(rows):
    cited = {c.key for c in find_citations(read(NOTEBOOK))}
    assert {e.key for e in rows} <= cited


def test_every_number_in_the_notebook_matches_the_data(rows, notebook_markdown):
    # The notebook writes each comparison exactly as Effect.value_text formats it.
    text = " ".join(notebook_markdown.split())
    for e in rows:
        assert e.value_text in text, f"row {e.row}: {e.value_text} is not in the notebook"


@pytest.mark.skipif(not FINDINGS.exists(), reason="../shared/literature/findings.md is not here")
def test_every_number_comes_from_findings_or_was_verified(rows):
    text = FINDINGS.read_text(encoding="utf-8")
    for e in rows:
        if e.source == "findings.md":
            entry = re.search(r"`" + re.escape(e.key) + r"`.*?(?=\n- |\n\n|\Z)", text, re.S)
            assert entry, e.key
            for value in (e.estimate, e.ci_low, e.ci_high):
                assert e.number(abs(value)) in entry.group(0), (e.row, value)
        else:
            assert re.match(r"verified \d{4}-\d{2}-\d{2} .*https?://", e.source), e.row


def test_numbers_keep_the_decimals_of_the_source(rows):
    interval = next(e for e in rows if e.measure == "d" and e.ci_high == 0.80)
    assert interval.value_text == "d = 0.48 (95% CI 0.17 to 0.80)"


# --- bad data: each problem names the row and the field --------------------------------------

def changed(field: str, value: str, row: int = 0) -> str:
    records = raw_rows()
    records[row] = {**records[row], field: value}
    return to_csv(records)


@pytest.mark.parametrize("field, value, problem", [
    ("key", "nobody1999missing", "'nobody1999missing' is not in references.bib"),
    ("estimate", "-0.95", "-0.95 lies outside its own interval (-0.81 to -0.07)"),
    ("estimate", "0.10", "0.10 lies outside its own interval"),
    ("estimate", "inf", "Input should be a finite number"),
    ("treatment", "", "Field required"),
    ("comparison", " ", "Field required"),
    ("population", "", "Field required"),
    ("outcome", "", "Field required"),
    ("evidence", "", "Field required"),
    ("source", "", "Field required"),
    ("ci_high", "", "Field required"),
    ("measure", "percent", "Input should be 'g', 'd', 'OR' or 'risk difference' (found 'percent')"),
    ("better", "smaller", "Input should be 'lower' or 'higher' (found 'smaller')"),
    ("ci_low", "about -0.8", "Input should be a valid number, unable to parse string as a number "
                             "(found 'about -0.8')"),
    ("ci_low", "-0.01", "the interval runs the wrong way (-0.01 is above -0.07)"),
])
def test_bad_rows_name_the_row_and_the_field(bib, field, value, problem):
    with pytest.raises(effects.EffectsDataError, match=re.escape("effects.csv, row 2 (")
                       + r"[^)]*\): " + re.escape(f"field '{field}': {problem}")):
        parse_text(changed(field, value), bib)


def test_error_names_the_right_row(bib):
    with pytest.raises(effects.EffectsDataError,
                       match=r"effects.csv, row 4 \('DBT-A / self-harm'\): field 'key'"):
        parse_text(changed("key", "nobody1999missing", row=2), bib)


def test_a_ratio_must_be_positive(bib):
    records = raw_rows()
    odds = next(i for i, r in enumerate(records) if r["measure"] == "OR")
    records[odds] = {**records[odds], "ci_low": "0", "estimate": "0.35"}
    with pytest.raises(effects.EffectsDataError, match="field 'ci_low': a ratio must be above 0"):
        parse_text(to_csv(records), bib)


def test_header_must_name_every_column(bib):
    text = DATA.read_text(encoding="utf-8").replace("ci_high", "upper", 1)
    with pytest.raises(effects.EffectsDataError,
                       match=r"row 1 \(header\): lacks the column 'ci_high'; the header must be key,"):
        parse_text(text, bib)


def test_an_extra_value_is_an_error(bib):
    text = DATA.read_text(encoding="utf-8").splitlines()
    text[1] += ",surplus"
    with pytest.raises(effects.EffectsDataError,
                       match=r"row 2 \('DBT-A / self-harm'\): has more values than the header has"):
        parse_text("\n".join(text), bib)


def test_empty_file_is_an_error(bib):
    with pytest.raises(effects.EffectsDataError, match="effects.csv: has no rows below the header"):
        parse_text(",".join(effects.COLUMNS) + "\n", bib)


# --- reading help ----------------------------------------------------------------------------

def test_reading_help_explains_every_row_in_clean_words(rows):
    for e in rows:
        text = effects.reading_help(e)
        assert e.value_text in text and e.citation in text
        assert "interval" in text
        assert not lint_text(text), (e.row, lint_text(text))


def test_reading_help_is_honest_about_an_interval_that_includes_no_difference(rows):
    odds = next(e for e in rows if e.measure == "OR")
    assert odds.interval_includes_no_difference
    assert "includes 1 (no difference)" in effects.reading_help(odds)
    smd = next(e for e in rows if e.measure == "g")
    assert "not no benefit" in effects.reading_help(smd)
    assert "62 of 100" in effects.reading_help(smd)  # 0.44 SD: Phi(0.44 / sqrt 2) = 0.62


def test_reading_help_markdown_picks_one_row_per_measure(rows):
    text = effects.reading_help_markdown(("g", "OR"), rows)
    assert text.count("**") == 4


# --- the forest plot -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def forest(rows):
    fig, alt = effects_figure.forest_plot(rows)
    fig.canvas.draw()
    yield fig, alt
    plt.close(fig)


def texts(fig) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def test_forest_plot_has_one_panel_per_measure_turned_towards_benefit(forest, rows):
    fig, _ = forest
    assert len(fig.axes) == len({(e.measure, e.better) for e in rows})
    for ax in fig.axes:
        left, right = ax.get_xlim()
        lower_is_better = "lower values favour" in ax.get_title(loc="left")
        assert (left > right) == lower_is_better


def test_forest_plot_words_are_clean_dark_and_large(forest):
    fig, alt = forest
    for t in texts(fig):
        assert not lint_text(t.get_text()), t.get_text()
        assert t.get_fontsize() >= 12, t.get_text()
        assert mpl.colors.to_hex(t.get_color()).upper() == style.PALETTE["text"].upper()
    assert not lint_text(alt)


def test_forest_alt_text_gives_every_number(forest, rows):
    _, alt = forest
    for e in rows:
        assert e.value_text in alt


# --- graded treatment claims -----------------------------------------------------------------

def test_claims_9_to_12_are_graded(bib):
    graded = treatment_claims.treatment_claims(bib)
    assert [c.popular for c in graded] == [9, 10, 11, 12]
    for c in graded:
        evidence.grade(c.grade)
        assert not lint_text(c.text()), c.id


def test_every_claim_source_is_cited_in_notebook_05(bib):
    cited = {c.key for c in find_citations(read(NOTEBOOK))}
    for c in treatment_claims.treatment_claims(bib):
        assert set(c.keys) <= cited, (c.id, set(c.keys) - cited)


def test_claims_markdown_links_every_source(bib):
    text = treatment_claims.claims_markdown(bib=bib)
    graded = treatment_claims.treatment_claims(bib)
    assert treatment_claims.cited_keys(text) == {k for c in graded for k in c.keys}
    assert not lint_text(text)


def test_the_notebooks_claims_cell_matches_the_data(bib):
    # The graded claims are written into a markdown cell, so the citation check and the
    # reference list cover them. After a change to either claims file, replace the cell's text
    # below its first line with treatment_claims.claims_markdown(cited=<the keys notebook 05 cites>).
    nb = read(NOTEBOOK)
    cells = [c.source for c in nb.cells
             if c.cell_type == "markdown" and "graded claims: written from the data" in c.source]
    assert len(cells) == 1
    cited = {c.key for c in find_citations(nb)}
    fresh = treatment_claims.claims_markdown(bib=bib, cited=cited)
    assert cells[0].split("\n", 1)[1].strip() == fresh.strip(), "rebuild the claims cell"


def test_own_claims_file_is_checked_like_the_shared_table(bib):
    raw = yaml.safe_load(PACKAGE_DATA.joinpath(treatment_claims.CLAIMS_FILE)
                         .read_text(encoding="utf-8"))
    assert all(r["notebook"] == "05_breaking_the_cycle" for r in raw)
    broken = [dict(raw[0]), *raw[1:]]
    del broken[0]["why"]
    where = f"{treatment_claims.CLAIMS_FILE}, claim '{raw[0]['id']}'"
    with pytest.raises(evidence.ClaimError, match=f"{where}: field 'why': Field required"):
        evidence.parse_claims(broken, set(bib.entries), source=treatment_claims.CLAIMS_FILE)
    broken = [{**raw[0], "grade": "proven"}, *raw[1:]]
    with pytest.raises(evidence.ClaimError, match=f"{where}: field 'grade': Input should be"):
        evidence.parse_claims(broken, set(bib.entries), source=treatment_claims.CLAIMS_FILE)


def test_a_claim_graded_in_both_files_is_an_error(bib, tmp_path):
    # Claim 11 is graded in the shared table; grading it again in our file must fail loudly.
    own = yaml.safe_load(PACKAGE_DATA.joinpath(treatment_claims.CLAIMS_FILE)
                         .read_text(encoding="utf-8"))
    path = tmp_path / treatment_claims.CLAIMS_FILE
    path.write_text(yaml.safe_dump([*own, {**own[0], "id": "copy-of-11", "popular": 11}],
                                   allow_unicode=True), encoding="utf-8")
    with pytest.raises(evidence.ClaimError, match="popular claim 11 is graded both here"):
        treatment_claims.treatment_claims(bib, path)


# --- words of the module ---------------------------------------------------------------------

@pytest.mark.parametrize("path", [Path(m.__file__) for m in (effects, effects_figure,
                                                             treatment_claims)]
                         + [DATA, Path(__file__)], ids=lambda p: f"{p.parent.name}/{p.name}")
def test_module_data_and_tests_pass_the_language_lint(path):
    assert not lint_text(path.read_text(encoding="utf-8"))
