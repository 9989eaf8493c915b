"""The evidence map (reliefcycle.figures.evidence_map): picture, words and export.

The baseline lives in tests/baseline_images/test_evidence_map/. After an intended change to the
map or to notebook 04's claims, look at the new picture, then regenerate the baseline and the
exported figure:

    REGENERATE_BASELINES=1 python -m pytest tests/test_evidence_map.py -k baseline
    .venv/bin/reliefcycle figures

A failing comparison leaves the new picture and a difference image in
tests/result_images/test_evidence_map/ (ignored by git).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import pytest
import yaml
from matplotlib.text import Text

from reliefcycle.core import style
from reliefcycle.core.safety import lint_text
from reliefcycle.figures import diagrams, evidence_map
from reliefcycle.models import evidence

from baselines import assert_matches_baseline, texts

HERE = Path(__file__).parent
FIGURES_DIR = HERE.parent / "figures"
NB04 = "04_brain_and_body"




@pytest.fixture(scope="module")
def drawn():
    fig, alt = evidence_map.evidence_map()
    fig.canvas.draw()
    yield fig, alt
    plt.close(fig)




def patches(fig, prefix: str) -> dict:
    return {str(p.get_gid())[len(prefix):]: p for p in fig.findobj()
            if str(p.get_gid()).startswith(prefix) and hasattr(p, "get_window_extent")
            and not isinstance(p, Text)}


# --- the picture --------------------------------------------------------------------------------

def test_matches_baseline(mpl_test_settings):
    fig, _ = evidence_map.evidence_map()
    assert_matches_baseline(fig, "test_evidence_map", "evidence-map")


def test_slide_shaped(drawn):
    fig, _ = drawn
    width, height = fig.get_size_inches()
    assert width == pytest.approx(13.33) and height == pytest.approx(7.5, abs=0.01)


def test_text_is_projector_sized(drawn):
    fig, _ = drawn
    assert not [(t.get_text(), t.get_fontsize()) for t in texts(fig) if t.get_fontsize() < 12]


def test_no_text_overlaps_other_text(drawn):
    fig, _ = drawn
    boxes = [(t.get_text(), t.get_window_extent()) for t in texts(fig)]
    assert not [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2) if ba.overlaps(bb)]


def test_all_text_is_dark(drawn):
    fig, _ = drawn
    assert {mpl.colors.to_hex(t.get_color()).upper() for t in texts(fig)} == {
        style.PALETTE["text"].upper()}


def test_every_claim_is_one_box_in_its_grade_column(drawn):
    fig, _ = drawn
    selection = evidence.claims(notebook=NB04)
    boxes, headers = patches(fig, "box:"), patches(fig, "header:")
    assert set(boxes) == {c.id for c in selection}
    for c in selection:
        inner, column = boxes[c.id].get_window_extent(), headers[c.grade].get_window_extent()
        assert column.x0 <= inner.x0 and inner.x1 <= column.x1, c.id
        assert inner.y1 < column.y0, c.id


def test_labels_stay_inside_their_boxes_and_boxes_do_not_touch(drawn):
    fig, _ = drawn
    boxes = patches(fig, "box:")
    for t in texts(fig):
        gid = str(t.get_gid())
        if gid.startswith(("label:", "badge:")):
            inner, outer = t.get_window_extent(), boxes[gid.split(":", 1)[1]].get_window_extent()
            assert (outer.x0 <= inner.x0 and inner.x1 <= outer.x1
                    and outer.y0 <= inner.y0 and inner.y1 <= outer.y1), t.get_text()
    extents = [b.get_window_extent() for b in boxes.values()]
    assert not [1 for a, b in itertools.combinations(extents, 2) if a.overlaps(b)]
    canvas = fig.bbox
    assert all(canvas.x0 <= e.x0 and e.x1 <= canvas.x1 and canvas.y0 <= e.y0 for e in extents)


def test_kinds_differ_in_shape_not_only_colour(drawn):
    fig, _ = drawn
    boxes = patches(fig, "box:")
    for c in evidence.claims(notebook=NB04):
        dashed = boxes[c.id].get_linestyle() not in ("-", "solid")
        assert dashed == (c.kind == "popular"), c.id
        badge = [t for t in texts(fig) if t.get_gid() == f"badge:{c.id}"]
        assert [t.get_text() for t in badge] == ([str(c.popular)] if c.popular else [])


def test_empty_grades_are_said_in_words(drawn):
    fig, _ = drawn
    counts = evidence.grade_counts(evidence.claims(notebook=NB04))
    empty = {str(t.get_gid())[6:] for t in texts(fig) if str(t.get_gid()).startswith("empty:")}
    assert empty == {g for g, n in counts.items() if n == 0}
    headers = {" ".join(t.get_text().split()) for t in texts(fig)
               if str(t.get_gid()).startswith("header:")}
    assert headers == {f"{g} ({n})" for g, n in counts.items()}


def test_headers_fit_their_columns(drawn):
    fig, _ = drawn
    columns = patches(fig, "header:")
    for t in texts(fig):
        gid = str(t.get_gid())
        if gid.startswith("header:"):
            inner, outer = t.get_window_extent(), columns[gid[7:]].get_window_extent()
            assert (outer.x0 <= inner.x0 and inner.x1 <= outer.x1
                    and outer.y0 <= inner.y0 and inner.y1 <= outer.y1), t.get_text()


def test_a_crowded_column_is_split_into_stacks_to_keep_the_slide_shape():
    # Ten claims in one grade would run off a 16:9 slide in a single stack.
    popular = evidence.claims(notebook=NB04, kind="popular")
    crowded = [c.model_copy(update={"grade": "unsupported"}) for c in popular] + list(
        evidence.claims(notebook=NB04, kind="finding"))
    fig, _ = evidence_map.evidence_map(crowded, title="Crowded")
    fig.canvas.draw()
    try:
        assert fig.get_size_inches()[1] == pytest.approx(7.5, abs=0.01)
        boxes = [b.get_window_extent() for b in patches(fig, "box:").values()]
        assert len(boxes) == len(crowded)
        assert not [1 for a, b in itertools.combinations(boxes, 2) if a.overlaps(b)]
        assert all(fig.bbox.y0 <= b.y0 for b in boxes)
        for t in texts(fig):
            gid = str(t.get_gid())
            if gid.startswith(("label:", "badge:")):
                inner = t.get_window_extent()
                outer = patches(fig, "box:")[gid.split(":", 1)[1]].get_window_extent()
                assert outer.x0 <= inner.x0 and inner.x1 <= outer.x1, t.get_text()
    finally:
        plt.close(fig)


def test_any_selection_can_be_drawn():
    selection = evidence.claims(ids=["pain-sensitivity", "popular-dopamine"])
    fig, alt = evidence_map.evidence_map(selection, title="Two claims")
    plt.close(fig)
    assert "sorting 2 claims" in alt and "1 (that self-injury releases dopamine)" in alt
    with pytest.raises(ValueError, match="at least one claim"):
        evidence_map.evidence_map(())


# --- the words ------------------------------------------------------------------------------------

def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


def test_words_pass_the_language_lint(drawn):
    fig, alt = drawn
    for text in [t.get_text() for t in texts(fig)] + [alt]:
        assert lint_text(text) == [], text


def test_no_relief_wording_without_its_limits(drawn):
    # The map speaks of evidence, not of relief; if that changes, the limits must come with it.
    fig, alt = drawn
    words = " ".join(t.get_text() for t in texts(fig)) + " " + alt
    assert not re.search(r"\brelie[fv]\w*|\breinforc\w*", words, re.I)


def test_alt_text_is_short_and_complete(drawn):
    _, alt = drawn
    assert 1 <= len(sentences(alt)) <= 4 and len(alt) < 1000
    counts = evidence.grade_counts(evidence.claims(notebook=NB04))
    assert all(f"{n} {'is' if n == 1 else 'are'} {g}" in alt for g, n in counts.items() if n)
    for c in evidence.claims(notebook=NB04, kind="popular"):
        assert f"{c.popular} (that " in alt


def test_module_text_passes_the_language_lint():
    for path in (Path(evidence_map.__file__), Path(__file__)):
        assert lint_text(path.read_text(encoding="utf-8")) == []


# --- export -----------------------------------------------------------------------------------------

def test_registered_and_exported():
    assert diagrams.FIGURES["evidence-map"] is evidence_map.evidence_map


def test_committed_figure_is_up_to_date(tmp_path):
    fig, alt = evidence_map.evidence_map()
    try:
        diagrams.save(fig, tmp_path / "evidence-map.svg", alt)
    finally:
        plt.close(fig)
    committed = FIGURES_DIR / "evidence-map.svg"
    assert committed.exists() and (FIGURES_DIR / "evidence-map.png").exists()
    assert committed.read_bytes() == (tmp_path / "evidence-map.svg").read_bytes(), (
        "re-export with `.venv/bin/reliefcycle figures`")
    alts = yaml.safe_load((FIGURES_DIR / "alt-text.yml").read_text(encoding="utf-8"))
    assert alts["evidence-map"] == alt
