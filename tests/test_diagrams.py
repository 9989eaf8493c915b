"""Tests of the conceptual diagrams (reliefcycle.figures.series_map, .cycle_diagram) and their
export to figures/ (reliefcycle.figures.diagrams).

Figure baselines live in tests/baseline_images/test_diagrams/. After an intended change to a
diagram, look at the new pictures, then regenerate the baselines and the exported figures:

    REGENERATE_BASELINES=1 python -m pytest tests/test_diagrams.py -k baseline
    python -c "from reliefcycle.figures.diagrams import export_all; export_all('figures')"

and commit both with the change. A failing comparison leaves the new picture and a difference
image in tests/result_images/test_diagrams/ (ignored by git).
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import matplotlib as mpl
import matplotlib.pyplot as plt
import nbformat
import pytest
import yaml
from matplotlib.font_manager import FontProperties, findfont
from PIL import Image

from reliefcycle.core import style
from reliefcycle.figures import cycle_diagram, diagrams, drawing, series_map
from reliefcycle.models import cycle_stages

from baselines import assert_matches_baseline, texts
from paths import NOTEBOOKS as NOTEBOOK_PATHS

HERE = Path(__file__).parent
FIGURES_DIR = HERE.parent / "figures"

#: Every picture the series can show: each exported figure, and each walk-through highlight.
VARIANTS = {
    "series-map": series_map.series_map,
    "cycle": cycle_diagram.cycle_diagram,
    **{f"cycle-{s}": (lambda s=s: cycle_diagram.cycle_diagram(highlight=s)) for s in cycle_stages.STAGE_IDS},
    # Slide versions of the exported diagrams (the plots' slide versions have no boxes).
    **{stem: make for stem, make in diagrams.FIGURES.items()
       if stem.endswith("-slide") and stem.removesuffix("-slide") in diagrams.FIGURES},
}
#: Slide versions of the diagrams and plots shown on slides (figures/*-slide.svg).
SLIDE_VERSIONS = sorted(stem for stem in diagrams.FIGURES if stem.endswith("-slide"))




@pytest.fixture(params=sorted(VARIANTS))
def variant(request):
    fig, alt = VARIANTS[request.param]()
    fig.canvas.draw()
    yield request.param, fig, alt
    plt.close(fig)




def lint(text: str) -> list:
    from reliefcycle.core.safety import lint_text

    return lint_text(text)


# --- the pictures ------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["series-map", "cycle", "cycle-relief", *SLIDE_VERSIONS])
def test_matches_baseline(name, mpl_test_settings):
    fig, _ = {**diagrams.FIGURES, **VARIANTS}[name]()
    assert_matches_baseline(fig, "test_diagrams", name)


def test_baselines_use_the_bundled_font():
    # Baselines were drawn with matplotlib's own copy of DejaVu Sans; another copy of the font
    # draws glyphs slightly differently and would fail every comparison for that reason alone.
    with style.context():
        found = Path(findfont(FontProperties(family=mpl.rcParams["font.family"])))
    assert found.is_relative_to(Path(mpl.get_data_path())), found


def test_text_is_projector_sized(variant):
    name, fig, _ = variant
    small = [(t.get_text(), t.get_fontsize()) for t in texts(fig) if t.get_fontsize() < 12]
    assert not small, f"{name}: text under 12 pt: {small}"


def test_slide_versions_cover_the_figures_on_slides_and_keep_their_text_large():
    """Every figure a deck shows is a slide version, and none of its text is under SLIDE_TEXT
    (about 29 px on a 1280 x 720 slide; the browser test measures it on the slide)."""
    from reliefcycle.publish import outline

    shown = {s["figure"] for path in outline.data_dir().glob("[0-9A-Z]*.yml")
             for s in yaml.safe_load(path.read_text(encoding="utf-8"))["slides"] if "figure" in s}
    assert shown and shown <= set(SLIDE_VERSIONS), shown
    assert {f"{stem}-slide" for stem in diagrams.FIGURES if not stem.endswith("-slide")} \
        <= set(SLIDE_VERSIONS)
    for stem in SLIDE_VERSIONS:
        fig, _ = diagrams.FIGURES[stem]()
        small = [(t.get_text(), t.get_fontsize()) for t in texts(fig)
                 if t.get_fontsize() < style.SLIDE_TEXT]
        words = [t.get_text() for t in texts(fig)]
        plt.close(fig)
        assert not small, f"{stem}: text under {style.SLIDE_TEXT} pt: {small}"
        assert not [(w, lint(w)) for w in words if lint(w)], stem


def test_no_text_overlaps_other_text(variant):
    name, fig, _ = variant
    boxes = [(t.get_text(), t.get_window_extent()) for t in texts(fig)]
    clashes = [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2)
               if ba.overlaps(bb)]
    assert not clashes, f"{name}: overlapping text: {clashes}"


def test_labels_stay_inside_their_boxes(variant):
    name, fig, _ = variant
    boxes = {p.get_gid()[4:]: p.get_window_extent() for p in fig.findobj()
             if str(p.get_gid()).startswith("box:")}
    assert boxes
    for t in texts(fig):
        gid = str(t.get_gid())
        if gid.startswith("label:") and gid[6:] in boxes:
            inner, outer = t.get_window_extent(), boxes[gid[6:]]
            assert (outer.x0 <= inner.x0 and inner.x1 <= outer.x1
                    and outer.y0 <= inner.y0 and inner.y1 <= outer.y1), \
                f"{name}: {t.get_text()!r} sticks out of its box"


def test_all_text_is_dark(variant):
    # Only the dark text colour is contrast-checked against white and the tints.
    name, fig, _ = variant
    colours = {mpl.colors.to_hex(t.get_color()).upper() for t in texts(fig)}
    assert colours == {style.PALETTE["text"].upper()}, name


def test_highlight_must_name_a_stage():
    with pytest.raises(ValueError, match="unknown stage"):
        cycle_diagram.cycle_diagram(highlight="nonsense")


# --- the words ---------------------------------------------------------------------------------

def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", text.strip()) if s]


@pytest.mark.parametrize("stage", cycle_stages.STAGES, ids=lambda s: s.id)
def test_every_stage_has_a_two_sentence_caption(stage):
    parts = sentences(stage.caption)
    assert len(parts) == 2, parts
    assert all(p[0].isupper() and p.endswith(".") for p in parts), parts
    assert stage.label and stage.detail and stage.role in style.TINTS


def test_stage_ids_are_unique():
    assert len(set(cycle_stages.STAGE_IDS)) == len(cycle_stages.STAGES)


def paired_with_limits(text: str) -> bool:
    """The lint's rule: text about relief or reinforcement also says it is brief and costly."""
    from reliefcycle.core.safety import rules

    rule = next(r for r in rules()["conditional_requirements"]
                if r["id"] == "relief_paired_with_limits")
    if not re.search(rule["if_notebook_matches"], text, re.I):
        return True
    return all(re.search(need, text, re.I) for need in rule["then_notebook_must_match_all"])


@pytest.mark.parametrize("stage", cycle_stages.STAGES, ids=lambda s: s.id)
def test_captions_pair_relief_with_brevity_and_costs(stage):
    assert paired_with_limits(stage.caption), stage.caption
    assert not lint(stage.caption)


def test_words_of_every_picture_pass_the_language_lint(variant):
    name, fig, alt = variant
    for text in [t.get_text() for t in texts(fig)] + [alt]:
        assert not lint(text), (name, text, lint(text))
    assert paired_with_limits(alt), alt
    assert paired_with_limits(" ".join(t.get_text() for t in texts(fig))), name


def test_data_passes_the_language_lint():
    words = [str(v) for item in (*cycle_stages.STAGES, *series_map.NOTEBOOKS, *series_map.ROUTES)
             for v in vars(item).values()]
    assert not [(w, lint(w)) for w in words if lint(w)]


@pytest.mark.parametrize("path", [
    *(Path(m.__file__) for m in (diagrams, drawing, series_map, cycle_diagram)),
    Path(diagrams.__file__).parents[1] / "activities" / "walkthrough.py",
    Path(__file__), HERE / "test_walkthrough.py",
], ids=lambda p: p.name)
def test_docstrings_and_comments_pass_the_language_lint(path):
    assert not lint(path.read_text(encoding="utf-8"))


def test_series_map_matches_the_series():
    from reliefcycle.core import timings
    from reliefcycle.core.safety import notebook_info

    titles = {stem.split("_")[0]: info["title"] for stem, info in notebook_info().items()}
    assert {n.number: n.title for n in series_map.NOTEBOOKS} == titles
    timed = {n.number: n for n in series_map.NOTEBOOKS if n.minutes is not None}
    for path in NOTEBOOK_PATHS:
        number = path.stem.split("_")[0]
        if number in timed:
            nb = nbformat.read(path, as_version=4)
            # The map shows each notebook's core path, and its full time when that differs.
            assert timed[number].minutes == timings.core_minutes(nb), path.name
            assert (timed[number].full or timed[number].minutes) == timings.total(nb), path.name
    for route in series_map.ROUTES:
        assert set(route.stops) <= set(timed) and set(route.partly) <= set(route.stops)
    assert [r.letter for r in series_map.ROUTES] == ["S", "C", "W"]


# --- export ------------------------------------------------------------------------------------

def test_every_registered_figure_returns_a_figure_and_alt_text():
    for stem, make in diagrams.FIGURES.items():
        fig, alt = make()
        plt.close(fig)
        assert re.fullmatch(r"[a-z0-9-]+", stem)
        assert 1 <= len(sentences(alt)) <= 4 and len(alt) < 1000, stem


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """One export of every figure, shared by the export tests (an export draws every figure
    twice, as SVG and PNG, which takes seconds)."""
    folder = tmp_path_factory.mktemp("exported")
    return folder, diagrams.export_all(folder)


def test_export_all_writes_every_figure_with_alt_text(exported):
    folder, written = exported
    expected = {folder / f"{stem}{suffix}" for stem in diagrams.FIGURES
                for suffix in (".svg", ".png")}
    assert expected | {folder / "alt-text.yml"} == set(written)
    assert all(p.stat().st_size > 1000 for p in expected)
    alts = yaml.safe_load((folder / "alt-text.yml").read_text(encoding="utf-8"))
    for stem, make in diagrams.FIGURES.items():
        fig, alt = make()
        plt.close(fig)
        assert alts[stem] == alt
    for stem in diagrams.FIGURES:
        with Image.open(folder / f"{stem}.png") as png:
            assert png.info["dpi"] == pytest.approx((150, 150), abs=0.1)
            assert png.info["Description"] == alts[stem]


def test_exporting_again_gives_identical_svg_bytes(exported):
    folder, _ = exported
    before = {stem: (folder / f"{stem}.svg").read_bytes() for stem in diagrams.FIGURES}
    diagrams.export_all(folder)  # the same figures again, over the first export
    assert {stem: (folder / f"{stem}.svg").read_bytes() for stem in diagrams.FIGURES} == before


def stems_on_disk(folder: Path) -> set[str]:
    return {p.stem for p in folder.iterdir() if p.suffix in (".svg", ".png")}


def test_exactly_one_alt_text_per_exported_stem(tmp_path):
    (tmp_path / "from-another-module.svg").write_text("<svg/>", encoding="utf-8")
    (tmp_path / "alt-text.yml").write_text(
        "from-another-module: A figure another module exported.\n"
        "deleted-figure: A figure whose files are gone.\n", encoding="utf-8")
    diagrams.export_all(tmp_path)
    raw = (tmp_path / "alt-text.yml").read_text(encoding="utf-8")
    alts = yaml.safe_load(raw)
    assert set(alts) == stems_on_disk(tmp_path)
    assert alts["from-another-module"] == "A figure another module exported."
    keys = re.findall(r"^([\w-]+):", raw, re.M)
    assert sorted(keys) == sorted(set(keys))
    assert not lint(raw)


def test_committed_figures_are_up_to_date(exported):
    fresh, _ = exported
    stale = [stem for stem in diagrams.FIGURES
             if not (FIGURES_DIR / f"{stem}.svg").exists()
             or (FIGURES_DIR / f"{stem}.svg").read_bytes() != (fresh / f"{stem}.svg").read_bytes()]
    assert not stale, f"re-export figures/ ({stale}); see this file's docstring"
    committed = yaml.safe_load((FIGURES_DIR / "alt-text.yml").read_text(encoding="utf-8"))
    assert set(committed) == stems_on_disk(FIGURES_DIR)
    fresh_alts = yaml.safe_load((fresh / "alt-text.yml").read_text(encoding="utf-8"))
    assert {k: committed[k] for k in fresh_alts} == fresh_alts
