"""The prevalence explorer: data checks, filtering and summaries, in-place figure, widget, language."""

import html
import itertools
import re
from pathlib import Path

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pytest
from matplotlib.text import Text

from reliefcycle.activities import prevalence
from reliefcycle.activities.prevalence import PrevalenceExplorer
from reliefcycle.core import safety
from reliefcycle.core.citations import Bibliography, find_citations
from reliefcycle.figures import prevalence as prevalence_figure
from reliefcycle.models import prevalence as prevalence_data
from reliefcycle.models.prevalence import (
    AGE_GROUPS,
    ALL,
    DEFINITIONS,
    MEASURES,
    PrevalenceDataError,
    describe,
    select,
)

from paths import PACKAGE_DATA, ROOT, SHARED, read

NOTEBOOK = ROOT / "notebooks" / "01_what_self_injury_is.ipynb"
HEADER = ",".join(prevalence_data.COLUMNS)
GOOD_ROW = "lim2019global,adolescents,adolescents,lifetime,NSSI,22.1,16.9,28.4,"
#: Numbers in the data file that are not in findings.md, with where they were checked.
SELF_VERIFIED = {
    ("lim2019global", 14.2): "https://ouci.dntb.gov.ua/en/works/73rJaBR9 (abstract)",
    ("lim2019global", 10.1): "https://ouci.dntb.gov.ua/en/works/73rJaBR9 (abstract)",
    ("lim2019global", 19.5): "https://ouci.dntb.gov.ua/en/works/73rJaBR9 (abstract)",
}
CHOICES = list(itertools.product((ALL, *AGE_GROUPS), (ALL, *MEASURES), (ALL, *DEFINITIONS)))


@pytest.fixture(scope="module")
def bib():
    return Bibliography.from_file(ROOT / "references.bib")


@pytest.fixture(scope="module")
def estimates(bib):
    return prevalence_data.load(bib=bib)


def write(tmp_path, *rows, header=HEADER):
    path = tmp_path / "prevalence.csv"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


# --- the data file ---------------------------------------------------------------------------

def test_every_key_is_in_the_bibliography_and_cited_in_notebook_01(estimates, bib):
    cited = {c.key for c in find_citations(read(NOTEBOOK))}
    for e in estimates:
        assert e.key in bib
        assert e.key in cited, f"{e.key} is in prevalence.csv but not cited in notebook 01"


def test_every_estimate_lies_within_its_interval_and_is_a_percentage(estimates):
    for e in estimates:
        assert 0 <= e.estimate <= 100
        if e.has_ci:
            assert 0 <= e.ci_low <= e.estimate <= e.ci_high <= 100
        else:
            assert e.ci_high is None


def test_every_category_value_is_known(estimates):
    for e in estimates:
        assert (e.age_group, e.measure, e.definition) in itertools.product(
            AGE_GROUPS, MEASURES, DEFINITIONS)


@pytest.mark.skipif(not (SHARED / "literature" / "findings.md").exists(),
                    reason="../shared/literature/findings.md is not present on this machine")
def test_every_number_can_be_traced_to_findings_or_an_own_check(estimates):
    findings = (SHARED / "literature" / "findings.md").read_text(encoding="utf-8")
    for e in estimates:
        entry = re.search(r"`" + re.escape(e.key) + r"`.*?(?=\n- |\n\n|\Z)", findings, re.S)
        assert entry, f"{e.key} has no entry in findings.md"
        for value in (e.estimate, e.ci_low, e.ci_high):
            if value is None or (e.key, value) in SELF_VERIFIED:
                continue
            assert re.search(rf"(?<![\d.]){re.escape(e.number(value))}(?![\d])", entry.group(0)), (
                f"{e.key}: {e.number(value)} is neither in findings.md nor in SELF_VERIFIED")


def test_numbers_keep_the_precision_of_the_source(estimates):
    texts = {e.value_text() for e in estimates}
    assert "13.7% (CI 11.0\N{EN DASH}17.0)" in texts
    assert "20% (CI 16\N{EN DASH}23)" in texts
    assert "17.2% (no CI given)" in texts


@pytest.mark.parametrize("row, message", [
    ("nobody2020,adolescents,adolescents,lifetime,NSSI,10,,,",
     "row 2 ('nobody2020'): field 'key': 'nobody2020' is not in references.bib"),
    ("lim2019global,adolescents,adolescents,lifetime,NSSI,30.0,16.9,28.4,",
     "row 2 ('lim2019global'): field 'estimate': 30.0 lies outside its confidence interval "
     "16.9 to 28.4"),
    ("lim2019global,adolescents,adolescents,lifetime,NSSI,,16.9,28.4,",
     "row 2 ('lim2019global'): field 'estimate': Field required"),
    (",adolescents,adolescents,lifetime,NSSI,22.1,16.9,28.4,", "row 2: field 'key': Field required"),
    ("lim2019global,,adolescents,lifetime,NSSI,22.1,16.9,28.4,",
     "row 2 ('lim2019global'): field 'population': Field required"),
    ("lim2019global,adolescents,adolescents,lifetime,,22.1,16.9,28.4,",
     "row 2 ('lim2019global'): field 'definition': Field required"),
    ("lim2019global,adolescents,children,lifetime,NSSI,22.1,16.9,28.4,",
     "row 2 ('lim2019global'): field 'age_group': Input should be 'adolescents', 'young adults' "
     "or 'adults' (found 'children')"),
    ("lim2019global,adolescents,adolescents,6-month,NSSI,22.1,16.9,28.4,",
     "row 2 ('lim2019global'): field 'measure': Input should be 'lifetime' or '12-month' "
     "(found '6-month')"),
    ("lim2019global,adolescents,adolescents,lifetime,NSSI,about 22,,,",
     "row 2 ('lim2019global'): field 'estimate': Input should be a valid number, unable to parse "
     "string as a number (found 'about 22')"),
    ("lim2019global,adolescents,adolescents,lifetime,NSSI,122,,,",
     "row 2 ('lim2019global'): field 'estimate': a percentage must lie between 0 and 100 "
     "(found 122)"),
    ("lim2019global,adolescents,adolescents,lifetime,NSSI,nan,,,",
     "row 2 ('lim2019global'): field 'estimate': Input should be a finite number"),
    ("lim2019global,adolescents,adolescents,lifetime,NSSI,22.1,16.9,,",
     "row 2 ('lim2019global'): field 'ci_high': Field required; give both ends"),
    ("lim2019global,adolescents,adolescents,lifetime,NSSI,22.1,,28.4,",
     "row 2 ('lim2019global'): field 'ci_low': Field required; give both ends"),
    ("lim2019global,adolescents,adolescents,lifetime,NSSI,22.1,-1,28.4,",
     "row 2 ('lim2019global'): field 'ci_low': a percentage must lie between 0 and 100 "
     "(found -1)"),
    ("lim2019global,adolescents,adolescents,lifetime,NSSI,22.1,16.9,28.4.1,",
     "row 2 ('lim2019global'): field 'ci_high': Input should be a valid number"),
    ("lim2019global,adolescents,adolescents,lifetime,NSSI,22.1,16.9,28.4,,extra",
     "row 2 ('lim2019global'): has more values than the header has columns"),
], ids=["unknown key", "outside CI", "no estimate", "no key", "no population", "no definition",
        "bad age group", "bad measure", "not a number", "not a percentage", "not finite",
        "half a CI (high)", "half a CI (low)", "CI not a percentage", "CI not a number",
        "extra value"])
def test_bad_data_is_refused_naming_row_and_field(tmp_path, bib, row, message):
    with pytest.raises(PrevalenceDataError, match=re.escape("prevalence.csv, " + message)):
        prevalence_data.load(write(tmp_path, row), bib=bib)


def test_a_later_bad_row_is_named_by_its_number(tmp_path, bib):
    path = write(tmp_path, GOOD_ROW, GOOD_ROW, GOOD_ROW.replace("22.1,", "29.0,"))
    with pytest.raises(PrevalenceDataError, match=r"row 4 \('lim2019global'\): field 'estimate'"):
        prevalence_data.load(path, bib=bib)


def test_missing_column_and_empty_file_are_refused(tmp_path, bib):
    with pytest.raises(PrevalenceDataError, match=re.escape(
            "prevalence.csv, row 1 (header): lacks the column 'age_group'; the header must be "
            "key,population,age_group,")):
        prevalence_data.load(write(tmp_path, "x", header="key,population"), bib=bib)
    with pytest.raises(PrevalenceDataError, match="has an unknown column 'year'"):
        prevalence_data.load(write(tmp_path, GOOD_ROW + ",2019", header=HEADER + ",year"), bib=bib)
    with pytest.raises(PrevalenceDataError, match="prevalence.csv: has no rows below the header"):
        prevalence_data.load(write(tmp_path), bib=bib)


def test_load_accepts_a_path_to_a_bibliography(tmp_path):
    (one,) = prevalence_data.load(write(tmp_path, GOOD_ROW), bib=ROOT / "references.bib")
    assert one.source == "Lim et al., 2019" and one.ci_low == 16.9


# --- filtering and the summary ---------------------------------------------------------------

@pytest.mark.parametrize("age_group, measure, definition", CHOICES)
def test_select_keeps_exactly_the_matching_rows_in_file_order(estimates, age_group, measure,
                                                              definition):
    chosen = select(estimates, age_group, measure, definition)
    expected = [e for e in estimates
                if age_group in (ALL, e.age_group) and measure in (ALL, e.measure)
                and definition in (ALL, e.definition)]
    assert list(chosen) == expected


def test_all_keeps_everything_and_choices_partition_the_rows(estimates):
    assert select(estimates) == estimates
    for field, values in prevalence_data.CATEGORIES.items():
        parts = [select(estimates, **{field: v}) for v in values]
        assert sum(len(p) for p in parts) == len(estimates)


def test_unknown_choice_is_refused(estimates):
    with pytest.raises(ValueError, match="measure must be 'all' or one of"):
        select(estimates, measure="weekly")


@pytest.mark.parametrize("age_group, measure, definition", CHOICES)
def test_description_matches_what_is_selected(estimates, age_group, measure, definition):
    chosen = select(estimates, age_group, measure, definition)
    text = describe(chosen, len(estimates), age_group, measure, definition)
    if not chosen:
        assert text.startswith(prevalence_data.NO_MATCH)
        return
    assert f"of {len(estimates)} estimates" in text or "all" in text
    low = min(chosen, key=lambda e: e.estimate)
    high = max(chosen, key=lambda e: e.estimate)
    assert f"{low.number(low.estimate)}%" in text and f"{high.number(high.estimate)}%" in text
    if len(chosen) > 1:
        assert "compare rows" in text


def test_no_match_says_what_to_do():
    text = describe((), 10, "young adults", "12-month", "NSSI")
    assert text == (f"{prevalence_data.NO_MATCH} (You chose age group: young adults; "
                    "measure: 12-month; definition: NSSI.)")
    assert prevalence_data.NO_MATCH.endswith("choose another.")


def test_empty_figure_shows_the_no_match_text_on_short_lines(plot):
    text = plot.no_match.get_text()
    assert text.replace("\n", " ") == prevalence_data.NO_MATCH
    assert max(len(line) for line in text.splitlines()) <= 30


def test_one_row_summary_has_no_double_brackets(estimates):
    (one,) = select(estimates, "young adults")
    text = describe((one,), len(estimates), "young adults")
    assert text.endswith("Swannell et al., 2014, young adults, NSSI, lifetime: 13.4% (no CI given).")
    assert ") (" not in text


def test_table_has_a_note_column_and_lim_rows_mention_children(estimates):
    table = prevalence_data.table_markdown(estimates).splitlines()
    assert table[0].endswith("| Note |")
    assert all(line.count("|") == 8 for line in table)
    for e in estimates:
        if e.key == "lim2019global":
            assert "children as well as adolescents" in e.note
            if e.definition != "NSSI":
                assert "does not say whether acts with suicidal intent were included" in e.note


def test_description_of_everything(estimates):
    text = describe(estimates, len(estimates))
    assert text.startswith(f"Showing all {len(estimates)} estimates")
    assert "from 5.5% (Swannell et al., 2014: adults, NSSI, lifetime)" in text
    assert "to 22.1% (Lim et al., 2019: adolescents, NSSI, lifetime)" in text
    assert "3 come without one" in text


# --- the figure ------------------------------------------------------------------------------

def drawn_rows(plot):
    return [(p.get_xdata()[0], p.get_ydata()[0]) for p in plot.points if p.get_visible()]


@pytest.fixture(scope="module")
def plot(estimates):
    return prevalence_figure.ForestPlot(estimates)


@pytest.mark.parametrize("age_group, measure, definition", CHOICES)
def test_update_moves_the_artists_of_one_figure_in_place(plot, estimates, age_group, measure,
                                                         definition):
    figure, axes, artists = plot.figure, plot.ax, len(plot.ax.get_children())
    before = plt.get_fignums()
    chosen = select(estimates, age_group, measure, definition)
    plot.update(chosen)
    assert plot.figure is figure and plot.ax is axes and figure.axes == [axes]
    assert len(plot.ax.get_children()) == artists and plt.get_fignums() == before
    n = len(chosen)
    assert drawn_rows(plot) == [(e.estimate, n - 1 - i) for i, e in enumerate(chosen)]
    labels = [t.get_text() for t in plot.ax.get_yticklabels()]
    assert labels == [e.label for e in reversed(chosen)]
    for i, e in enumerate(chosen):
        interval = plot.intervals[i]
        assert list(interval.get_xdata()) == ([e.ci_low, e.ci_high] if e.has_ci else [])
        assert plot.values[i].get_text() == e.value_text()
    assert plot.no_match.get_visible() == (n == 0)
    low, high = plot.ax.get_xlim()
    assert low == 0 and high >= max((e.ci_high or e.estimate) for e in estimates)


def test_in_place_update_draws_the_same_picture_as_a_new_figure(estimates):
    target = select(estimates, age_group="adolescents", measure="12-month")
    reused = prevalence_figure.ForestPlot(estimates)
    reused.update(select(estimates, definition="NSSI"))
    reused.png()
    reused.update(target)
    fresh = prevalence_figure.ForestPlot(estimates)
    fresh.update(target)
    assert reused.png() == fresh.png()


def test_static_plot_shows_every_estimate_with_alt_text(estimates):
    before = plt.get_fignums()
    fig, alt = prevalence_figure.static_plot(estimates)
    assert plt.get_fignums() == before
    assert sum(p.get_visible() for p in fig.axes[0].lines[1::2]) == len(estimates)
    for e in estimates:
        assert f"{e.source}, {e.what}: {e.value_text()}" in alt


def test_table_lists_every_estimate(estimates):
    table = prevalence_data.table_markdown(estimates)
    assert len(table.strip().splitlines()) == len(estimates) + 2
    for e in estimates:
        assert e.value_text() in table


# --- the widget ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def widget(estimates):
    return PrevalenceExplorer(estimates)


def test_controls_are_labelled_keyboard_operable_dropdowns(widget):
    controls = [w for w in descendants(widget) if isinstance(w, widgets.ValueWidget)
                and not isinstance(w, widgets.HTML)]
    assert controls == list(widget.controls)
    for control, values in zip(controls, (AGE_GROUPS, MEASURES, DEFINITIONS), strict=True):
        assert isinstance(control, widgets.Dropdown)
        assert control.description.strip() and control.description_allow_html is False
        assert not control.disabled and control.style.description_width
        assert [v for _, v in control.options] == [ALL, *values]


def descendants(box):
    for child in getattr(box, "children", ()):
        yield child
        yield from descendants(child)


def test_changing_a_control_updates_the_same_figure_image_and_summary(widget, estimates):
    figure, before = widget.plot.figure, plt.get_fignums()
    image, summary = widget.image.value, widget.summary.value
    widget.age_group.value = "adolescents"
    widget.measure.value = "12-month"
    assert widget.plot.figure is figure and plt.get_fignums() == before
    assert widget.image.value != image and widget.summary.value != summary
    chosen = select(estimates, "adolescents", "12-month")
    assert widget.plot.shown == chosen
    assert widget.description == describe(chosen, len(estimates), "adolescents", "12-month")
    assert html.escape(widget.description) in widget.summary.value
    widget.age_group.value = ALL
    widget.measure.value = ALL
    assert widget.plot.shown == estimates


def test_summary_is_announced_and_figure_has_alt_text(widget):
    assert widget.summary.value.startswith('<div role="status" aria-live="polite">')
    image = re.fullmatch(r'<img src="data:image/png;base64,[^"]+" alt="([^"]+)"[^>]*>',
                         widget.image.value)
    assert image and html.unescape(image[1]) == prevalence_data.figure_alt(widget.plot.shown)


def test_static_fallback_has_the_numbers(widget, estimates):
    bundle = widget._repr_mimebundle_()
    assert "needs a running Python kernel" in bundle["text/html"]
    for e in estimates:
        assert html.escape(e.value_text()) in bundle["text/html"]
    assert bundle["text/plain"].startswith("The prevalence explorer")


def test_explorer_builds_from_the_package_data(monkeypatch):
    monkeypatch.chdir(ROOT / "notebooks")  # as in a notebook: references.bib is one level up
    assert len(prevalence.explorer().estimates) == len(prevalence_data.load())


# --- language --------------------------------------------------------------------------------

def every_text_the_explorer_can_show(estimates):
    w = PrevalenceExplorer(estimates)
    texts = [prevalence_figure.TITLE, prevalence_figure.XLABEL, prevalence_data.NO_MATCH,
             prevalence_data.NO_CI, prevalence_data.table_markdown(estimates), w.static_html(),
             w.static_text()]
    texts += [c.description for c in w.controls] + [label for c in w.controls
                                                    for label, _ in c.options]
    for age_group, measure, definition in CHOICES:
        w.age_group.value, w.measure.value, w.definition.value = age_group, measure, definition
        texts += [w.summary.value, prevalence_data.figure_alt(w.plot.shown)]
        texts += [t.get_text() for t in w.plot.figure.findobj(Text) if t.get_text().strip()]
    texts += [e.label for e in estimates] + [e.note for e in estimates]
    return texts


def test_every_label_and_summary_passes_the_language_lint(estimates):
    problems = [(text[:60], str(f)) for text in every_text_the_explorer_can_show(estimates)
                for f in safety.lint_text(text)]
    assert problems == []


def test_data_file_and_module_source_pass_the_language_lint():
    data = PACKAGE_DATA / "prevalence.csv"
    assert safety.lint_text(data.read_text(encoding="utf-8")) == []
    for module in (prevalence, prevalence_data, prevalence_figure):
        assert safety.lint_text(Path(module.__file__).read_text(encoding="utf-8")) == []
