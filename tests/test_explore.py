"""The explorer: pure updates over the whole slider grid, in-place drawing, widgets, language."""

import base64
import dataclasses
import html
import io
import re
import subprocess
import sys
from pathlib import Path

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import PIL.Image
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.text import Text

from reliefcycle.activities import explore
from reliefcycle.activities.explore import (
    CUSTOM,
    MAIN_CONTROLS,
    Explorer,
    ExplorerWidget,
    about_the_model_html,
    about_the_model_markdown,
    explorer,
    preset_small_multiples,
)
from reliefcycle.figures import cycle_plot
from reliefcycle.models import cycle_run, cycle_text, model
from reliefcycle.models.model import PRESETS, Params

RANGES = Params.ranges()
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def grid_values(name):
    """The slider's two ends and its middle (on the slider's own steps)."""
    spec = RANGES[name]
    middle = spec["low"] + round((spec["high"] - spec["low"]) / 2 / spec["step"]) * spec["step"]
    return [spec["low"], int(middle) if spec["whole"] else middle, spec["high"]]


grid_params = st.builds(Params, **{name: st.sampled_from(grid_values(name)) for name in RANGES})
CORNERS = [Params(**{name: grid_values(name)[i] for name in RANGES}) for i in range(3)]


@pytest.fixture(scope="module")
def shared_explorer():
    return Explorer(n_people=500, seed=7)


def artist_counts(ex: Explorer):
    return [(len(ax.lines), len(ax.collections), len(ax.texts)) for ax in ex.figure.axes]


def check_finite_artists(ex: Explorer, params: Params):
    sim = ex.simulation
    distress = ex.distress_line.get_ydata()
    assert np.isfinite(distress).all() and ((distress >= 0) & (distress <= 1)).all()
    assert list(ex.threshold_line.get_ydata()) == [params.urge_threshold] * 2
    for markers in ex.choice_markers.values():
        assert np.isfinite(markers.get_xydata()).all()
    assert sum(len(m.get_xdata()) for m in ex.choice_markers.values()) == sim.urge[0].sum()
    low, high = ex.ax_values.get_ylim()
    for line in ex.value_lines.values():
        values = line.get_ydata()
        assert np.isfinite(values).all() and ((values >= low) & (values <= high)).all()
    # A share is undefined (a gap in the line) exactly on days when nobody had an urge in the
    # window; everywhere else it is a finite proportion.
    share = ex.share_line.get_ydata()
    defined = ~np.isnan(sim.pooled_share_self_injury(explore.WINDOW_DAYS))
    assert np.array_equal(~np.isnan(share), defined)
    assert ((share[defined] >= 0) & (share[defined] <= 1)).all()
    for path in ex.share_band.get_paths():
        assert np.isfinite(path.vertices).all()
        assert ((path.vertices[:, 1] >= 0) & (path.vertices[:, 1] <= 1)).all()


@settings(max_examples=40, deadline=None)
@given(params=grid_params)
def test_update_over_the_slider_grid_changes_artists_in_place(shared_explorer, params):
    ex = shared_explorer
    figure, figures_before, counts = ex.figure, plt.get_fignums(), artist_counts(ex)
    description = ex.update(params)
    assert ex.figure is figure and plt.get_fignums() == figures_before
    assert artist_counts(ex) == counts
    assert description == ex.description and "simulated people" in description
    check_finite_artists(ex, params)


@pytest.mark.parametrize("params", CORNERS, ids=["all lowest", "all middle", "all highest"])
def test_update_at_the_corners_of_the_grid_renders(shared_explorer, params):
    ex = shared_explorer
    ex.update(params)
    check_finite_artists(ex, params)
    png = ex.png()
    assert png.startswith(PNG_SIGNATURE)
    assert (int.from_bytes(png[16:20]), int.from_bytes(png[20:24])) == (800, 560)


def test_description_follows_the_settings(shared_explorer):
    ex = shared_explorer
    before = ex.update(PRESETS["Before any skills"][0])
    after = ex.update(PRESETS["After skills training"][0])
    assert before != after
    assert re.search(r"about \d+% of the urges of 500 simulated people", after)
    calm = ex.update(Params(baseline_stress=0.0, stressor_chance=0.0, urge_threshold=1.0))
    assert "none of the 500 simulated people had an urge" in calm


def test_png_holds_exactly_the_drawn_pixels(shared_explorer):
    ex = shared_explorer
    ex.update(Params())
    decoded = PIL.Image.open(io.BytesIO(ex.png()))
    assert decoded.size == ex.canvas.get_width_height()
    assert np.array_equal(np.asarray(decoded), np.asarray(ex.canvas.buffer_rgba()))


def test_in_place_update_draws_the_same_picture_as_a_new_figure():
    # Guards the fast path: nothing from earlier settings may be left on the image.
    target = PRESETS["A stressful period"][0]
    reused = Explorer(n_people=200, seed=3)
    reused.update(Params(immediate_relief=0.6, learning_rate=1.0, cost_weight=0.8,
                         delayed_cost=1.0))  # moves the expected-relief scale as well
    reused.png()
    reused.update(target)
    assert reused.png() == Explorer(n_people=200, seed=3, params=target).png()


def test_each_scale_of_expected_relief_is_drawn_in_full_only_once(monkeypatch):
    # A full draw takes several times longer than an update: moving a slider back and forth
    # across a change of scale must reuse the saved background of each scale.
    ex = Explorer(n_people=200, seed=3)
    full_draws = []
    draw = ex.canvas.draw
    monkeypatch.setattr(ex.canvas, "draw", lambda: (full_draws.append(1), draw())[-1])
    # The highest relief and cost allowed: the lines leave the first scale.
    wide = Params(immediate_relief=0.6, learning_rate=1.0, cost_weight=0.8, delayed_cost=1.0)
    pictures = {}
    for params in [wide, Params()] * 3:
        ex.update(params)
        pictures.setdefault(params, set()).add(ex.png())
    assert len(full_draws) == 1  # the wide scale; the first scale was drawn when built
    assert all(len(seen) == 1 for seen in pictures.values())


def test_explorer_creates_no_pyplot_figures():
    before = plt.get_fignums()
    ExplorerWidget(n_people=100, seed=1)
    preset_small_multiples(n_people=100)
    assert plt.get_fignums() == before


# --- widgets --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def widget():
    return explorer(n_people=200, seed=5)


def descendants(box):
    for child in getattr(box, "children", ()):
        yield child
        yield from descendants(child)


def test_sliders_are_built_from_the_model_ranges(widget):
    assert set(widget.sliders) == set(RANGES)
    for name, slider in widget.sliders.items():
        spec = RANGES[name]
        assert (slider.min, slider.max, slider.step) == (spec["low"], spec["high"], spec["step"])
        assert slider.description == spec["label"]
        assert isinstance(slider, widgets.IntSlider if spec["whole"] else widgets.FloatSlider)
    shown_first = [c for c in widget.children[1].children]
    assert shown_first == [widget.sliders[name] for name in MAIN_CONTROLS]


def test_every_control_is_a_labelled_keyboard_operable_widget(widget):
    controls = [w for w in descendants(widget) if isinstance(w, widgets.ValueWidget)
                and not isinstance(w, widgets.HTML)]
    assert len(controls) == len(RANGES) + 1
    for control in controls:
        assert isinstance(control, widgets.FloatSlider | widgets.IntSlider | widgets.Dropdown)
        assert control.description.strip()
        assert control.description_allow_html is False
        assert not control.disabled
        assert control.style.description_width  # labels get room, so they are not cut off
    for slider in widget.sliders.values():
        assert slider.continuous_update is False  # one update per move, not a flood
        assert slider.tooltip.strip()


def test_presets_set_the_sliders_and_update_the_picture(widget):
    for name, (params, note) in PRESETS.items():
        image, summary = widget.image.value, widget.summary.value
        widget.preset.value = name
        assert widget.params() == params
        assert html.escape(note) in widget.preset_note.value
        if name != "Before any skills":  # the widget starts there, so nothing changes
            assert widget.image.value != image and widget.summary.value != summary
    widget.preset.value = "Before any skills"


def test_moving_a_slider_marks_the_settings_as_your_own(widget):
    widget.preset.value = "Before any skills"
    summary = widget.summary.value
    widget.sliders["immediate_relief"].value = 0.3
    assert widget.preset.value == CUSTOM
    assert widget.params() == dataclasses.replace(Params(), immediate_relief=0.3)
    assert widget.summary.value != summary
    widget.preset.value = CUSTOM  # choosing it again keeps the sliders where they are
    assert widget.sliders["immediate_relief"].value == 0.3
    widget.preset.value = "Before any skills"
    assert widget.sliders["immediate_relief"].value == Params().immediate_relief


def test_description_is_announced_to_screen_readers(widget):
    assert widget.summary.value.startswith('<div role="status" aria-live="polite">')
    assert widget.explorer.description in html.unescape(widget.summary.value)
    assert "reliefcycle-explorer-summary" in widget.summary._dom_classes


def test_figure_is_an_image_with_alt_text(widget):
    image = re.fullmatch(r'<img src="data:image/png;base64,([^"]+)" alt="([^"]+)"[^>]*>',
                         widget.image.value)
    assert image and html.unescape(image[2]) == explore.FIGURE_ALT
    assert base64.b64decode(image[1]) == widget.explorer.png()
    assert "reliefcycle-explorer-figure" in widget.image._dom_classes


def test_unknown_preset_is_refused():
    with pytest.raises(ValueError, match="preset must be one of"):
        explorer(preset="No such preset")


# --- static versions and the text around them -----------------------------------------------

def test_small_multiples_have_one_panel_per_preset_and_alt_text():
    fig, alt = preset_small_multiples(n_people=100, seed=2)
    assert [ax.get_title() for ax in fig.axes] == list(PRESETS)
    for name in PRESETS:
        assert name in alt
    assert "not a prediction" in alt


def test_about_the_model_lists_assumptions_and_what_is_left_out():
    text = about_the_model_markdown()
    for item in explore.ABOUT_MODEL["assumptions"] + explore.ABOUT_MODEL["leaves_out"]:
        assert f"- {item}" in text
        assert html.escape(item) in about_the_model_html()
    assert "not a prediction" in text


def figure_texts(fig):
    return [t.get_text() for t in fig.findobj(Text) if t.get_text().strip()]


def every_text_the_explorer_can_show():
    """Labels, titles, legends, descriptions and notes, over presets and the grid corners."""
    w = ExplorerWidget(n_people=100, seed=11)
    texts = [about_the_model_markdown(), about_the_model_html(), CUSTOM, explore.FIGURE_ALT]
    texts += [c.description for c in descendants(w) if hasattr(c, "description")]
    texts += [s.tooltip for s in w.sliders.values()] + list(w.preset.options)
    texts += [spec["unit"] for spec in RANGES.values()]
    for params in [p for p, _ in PRESETS.values()] + CORNERS:
        texts.append(w.explorer.update(params))
    for name in [*PRESETS, CUSTOM]:
        w.preset.value = name
        texts += [w.preset_note.value, w.summary.value]
    texts += figure_texts(w.explorer.figure)
    small = preset_small_multiples(n_people=100)
    texts += [small.alt, *figure_texts(small.figure)]
    return texts


def test_every_text_the_explorer_can_show_passes_the_language_lint():
    safety = pytest.importorskip("reliefcycle.core.safety")
    problems = [(text[:60], finding) for text in every_text_the_explorer_can_show()
                for finding in safety.lint_text(text)]
    assert problems == []


@pytest.mark.parametrize("module", [model, cycle_run, cycle_text, cycle_plot, explore],
                         ids=["model", "cycle_run", "cycle_text", "cycle_plot", "explore"])
def test_source_comments_and_docstrings_pass_the_language_lint(module):
    safety = pytest.importorskip("reliefcycle.core.safety")
    assert safety.lint_text(Path(module.__file__).read_text(encoding="utf-8")) == []


def test_static_fallback_explains_the_model():
    bundle = explorer(n_people=50)._repr_mimebundle_()
    assert "What this model is" in bundle["text/html"]
    assert bundle["text/plain"].startswith("The cycle explorer")


def test_the_model_and_the_figure_need_no_widgets():
    code = ("import sys; import reliefcycle.figures.cycle_plot; "
            "assert 'ipywidgets' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
