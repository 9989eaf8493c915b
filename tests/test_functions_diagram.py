"""The four-function diagram and the function-rates figure (reliefcycle.figures.functions_diagram).

Baselines live in tests/baseline_images/test_functions_diagram/. After an intended change to a
figure, look at the new pictures, then regenerate the baselines and the exported figures:

    REGENERATE_BASELINES=1 python -m pytest tests/test_functions_diagram.py -k baseline
    .venv/bin/reliefcycle figures

and commit both with the change. A failing comparison leaves the new picture and a difference
image in tests/result_images/test_functions_diagram/ (ignored by git).
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest
import yaml

from reliefcycle.core import style
from reliefcycle.core.citations import Bibliography
from reliefcycle.core.safety import lint_text, rules
from reliefcycle.figures import diagrams, functions_diagram
from reliefcycle.figures.functions_diagram import (
    CELLS,
    COLUMNS,
    FOOTER,
    RATES,
    ROWS,
    RateRange,
    check_rates,
    four_function_diagram,
    function_rates,
)

from baselines import assert_matches_baseline, texts

HERE = Path(__file__).parent
ROOT = HERE.parent

PICTURES = {"four-functions": four_function_diagram, "function-rates": function_rates}




@pytest.fixture(params=sorted(PICTURES))
def picture(request):
    fig, alt = PICTURES[request.param]()
    fig.canvas.draw()
    yield request.param, fig, alt
    plt.close(fig)




# --- the pictures ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(PICTURES))
def test_matches_baseline(name, mpl_test_settings):
    fig, _ = PICTURES[name]()
    assert_matches_baseline(fig, "test_functions_diagram", name)


def test_text_is_projector_sized(picture):
    name, fig, _ = picture
    small = [(t.get_text(), t.get_fontsize()) for t in texts(fig) if t.get_fontsize() < 12]
    assert not small, f"{name}: text under 12 pt: {small}"


def test_no_text_overlaps_other_text(picture):
    name, fig, _ = picture
    boxes = [(t.get_text(), t.get_window_extent()) for t in texts(fig)]
    clashes = [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2) if ba.overlaps(bb)]
    assert not clashes, f"{name}: overlapping text: {clashes}"


def test_all_text_is_dark(picture):
    name, fig, _ = picture
    colours = {mpl.colors.to_hex(t.get_color()).upper() for t in texts(fig)}
    assert colours == {style.PALETTE["text"].upper()}, name


def test_labels_stay_inside_their_cells():
    fig, _ = four_function_diagram()
    fig.canvas.draw()
    boxes = {p.get_gid()[4:]: p.get_window_extent() for p in fig.findobj()
             if str(p.get_gid()).startswith("box:")}
    assert set(boxes) == {c.id for c in CELLS}
    inside = 0
    for t in texts(fig):
        gid = str(t.get_gid())
        if gid.startswith("label:"):
            inner, outer = t.get_window_extent(), boxes[gid[6:]]
            assert (outer.x0 <= inner.x0 and inner.x1 <= outer.x1
                    and outer.y0 <= inner.y0 and inner.y1 <= outer.y1), t.get_text()
            inside += 1
    assert inside >= 2 * len(CELLS)
    plt.close(fig)


def test_everything_fits_on_the_slide(picture):
    name, fig, _ = picture
    page = fig.bbox
    for t in texts(fig):
        box = t.get_window_extent()
        assert page.x0 <= box.x0 and box.x1 <= page.x1 and page.y0 <= box.y0 \
            and box.y1 <= page.y1, (name, t.get_text())


def test_the_cycle_link_does_not_rely_on_colour():
    marked = [c for c in CELLS if c.link]
    assert [c.id for c in marked] == ["automatic-negative"]
    assert "notebook 02" in marked[0].link and "brief relief" in marked[0].link
    fig, _ = four_function_diagram()
    widths = {p.get_gid(): p.get_linewidth() for p in fig.findobj() if str(p.get_gid())
              .startswith("box:")}
    plt.close(fig)
    assert widths["box:automatic-negative"] > max(w for g, w in widths.items()
                                                  if g != "box:automatic-negative")


def test_rates_figure_draws_ranges_not_points():
    fig, alt = function_rates()
    bars = {p.get_gid(): p for p in fig.findobj() if str(p.get_gid()).startswith("rate:")}
    assert set(bars) == {f"rate:{r.id}" for r in RATES}
    for r in RATES:
        bar = bars[f"rate:{r.id}"]
        assert bar.get_x() == pytest.approx(r.low) and bar.get_width() == pytest.approx(r.high - r.low)
        assert f"{r.low:g} to {r.high:g}%" in alt
    labels = [t.get_text() for t in texts(fig)]
    assert {"66\u201381%", "63\u201378%", "33\u201356%"} <= set(labels)
    assert not fig.axes[0].lines, "no point estimates or other lines"
    plt.close(fig)


# --- the words ------------------------------------------------------------------------------------

def paired_with_limits(text: str) -> bool:
    rule = next(r for r in rules()["conditional_requirements"]
                if r["id"] == "relief_paired_with_limits")
    if not re.search(rule["if_notebook_matches"], text, re.I):
        return True
    return all(re.search(need, text, re.I) for need in rule["then_notebook_must_match_all"])


def test_words_of_every_picture_pass_the_language_lint(picture):
    name, fig, alt = picture
    for text in [t.get_text() for t in texts(fig)] + [alt]:
        assert not lint_text(text), (name, text, lint_text(text))
    assert paired_with_limits(alt), alt
    assert paired_with_limits(" ".join(t.get_text() for t in texts(fig))), name


def test_data_passes_the_language_lint():
    words = [str(v) for item in (*CELLS, *ROWS, *COLUMNS, *RATES) for v in vars(item).values()]
    words += [*FOOTER, functions_diagram.TITLE, functions_diagram.RATES_TITLE,
              functions_diagram.RATES_NOTE]
    assert not [(w, lint_text(w)) for w in words if lint_text(w)]


def test_module_and_tests_pass_the_language_lint():
    for path in (Path(functions_diagram.__file__), Path(__file__)):
        assert not lint_text(path.read_text(encoding="utf-8")), path


def test_alt_texts_are_short():
    for make in PICTURES.values():
        fig, alt = make()
        plt.close(fig)
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", alt.strip()) if s]
        assert 1 <= len(sentences) <= 4 and len(alt) < 1000, alt


def test_unknown_cell_is_named():
    assert functions_diagram.cell("social-positive").row == "social"
    with pytest.raises(ValueError, match="unknown function 'nonsense'; choose one of"):
        functions_diagram.cell("nonsense")


# --- the rates: traceable and validated -----------------------------------------------------------

def test_every_rate_cites_a_key_in_references_bib():
    bib = Bibliography.from_file(ROOT / "references.bib")
    for r in RATES:
        assert bib.link(r.key)  # raises for an unknown key


def test_rates_match_the_cited_meta_analysis():
    # Taylor et al. (2018), abstract: intrapersonal 66-81%, emotion regulation 63-78%,
    # interpersonal 33-56%.
    assert [(r.id, r.low, r.high) for r in RATES] == [
        ("intrapersonal", 66, 81), ("emotion-regulation", 63, 78), ("interpersonal", 33, 56)]


@pytest.mark.parametrize("change, message", [
    ({"low": 90}, r"rate 1 \('intrapersonal'\): field 'low' \(90\) must be below 'high' \(81\)"),
    ({"high": 120}, r"rate 1 \('intrapersonal'\): field 'high' must be a percentage between 0 "
                    r"and 100 \(got 120\)"),
    ({"low": -1}, r"field 'low' must be a percentage"),
    ({"low": "66"}, r"field 'low' must be a percentage"),
    ({"low": True}, r"field 'low' must be a percentage"),
    ({"key": " "}, r"field 'key' must name the source"),
    ({"label": ""}, r"field 'label' is empty"),
    ({"role": "purple"}, r"field 'role' must be one of"),
    ({"id": ""}, r"field 'id' must be present and unique"),
])
def test_bad_rates_name_the_record_and_the_field(change, message):
    with pytest.raises(ValueError, match=message):
        check_rates((dataclasses.replace(RATES[0], **change), *RATES[1:]))


def test_duplicate_and_empty_rates():
    with pytest.raises(ValueError, match=r"rate 2 \('intrapersonal'\): field 'id'"):
        check_rates((RATES[0], RATES[0]))
    with pytest.raises(ValueError, match="at least one range"):
        check_rates(())
    assert isinstance(RATES[0], RateRange)


# --- export ---------------------------------------------------------------------------------------

def test_registered_and_exported_with_its_alt_text():
    assert diagrams.FIGURES["four-functions"] is four_function_diagram
    committed = yaml.safe_load((ROOT / "figures" / "alt-text.yml").read_text(encoding="utf-8"))
    fig, alt = four_function_diagram()
    plt.close(fig)
    assert committed["four-functions"] == alt
    assert (ROOT / "figures" / "four-functions.svg").exists()
    assert (ROOT / "figures" / "four-functions.png").exists()


def test_exported_svg_is_up_to_date(tmp_path):
    fig, alt = four_function_diagram()
    try:
        diagrams.save(fig, tmp_path / "four-functions.svg", alt)
    finally:
        plt.close(fig)
    fresh = (tmp_path / "four-functions.svg").read_bytes()
    assert fresh == (ROOT / "figures" / "four-functions.svg").read_bytes(), \
        "re-export figures/ (.venv/bin/reliefcycle figures)"
