"""The cascade teaching model: parameter checks, properties of every run, the figure updated in
place, the widget, and the words it shows."""

import dataclasses
import math
import re
from pathlib import Path

import ipywidgets as widgets
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.text import Text

from reliefcycle.activities import cascade
from reliefcycle.activities.cascade import CascadePlot, CascadeWidget, cascade_explorer
from reliefcycle.core.safety import lint_text
from reliefcycle.figures import cascade as cascade_figure
from reliefcycle.figures.cascade import cascade_static
from reliefcycle.models import cascade as cascade_model
from reliefcycle.models import cascade_text
from reliefcycle.models.cascade import (
    EASE_HALF,
    EVENT_MINUTE,
    HIGH,
    HOLDS_FROM,
    INTERRUPTER_IDS,
    INTERRUPTERS,
    MINUTES,
    PUSH_FADED,
    CascadeParams,
    easing,
    keeps_going,
    simulate,
)
from reliefcycle.models.cascade_text import describe

RANGES = CascadeParams.ranges()
FAST = settings(max_examples=60, deadline=None)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def value_in_range(name):
    spec = RANGES[name]
    if spec["whole"]:
        return st.integers(spec["low"], spec["high"])
    return st.floats(spec["low"], spec["high"], allow_nan=False)


any_params = st.builds(CascadeParams, interruption=st.sampled_from(INTERRUPTER_IDS),
                       **{name: value_in_range(name) for name in RANGES})


# --- parameters -----------------------------------------------------------------------------------

def test_every_numeric_parameter_has_a_range_label_and_explanation():
    assert set(RANGES) == {f.name for f in dataclasses.fields(CascadeParams)} - {"interruption"}
    for name, spec in RANGES.items():
        assert spec["low"] <= spec["default"] <= spec["high"], name
        assert spec["label"] and spec["help"], name


def bad_values(name):
    spec = RANGES[name]
    yield from (spec["low"] - 0.01, spec["high"] + 0.01, math.nan, math.inf, -math.inf, True,
                "0.5", None)
    if spec["whole"]:
        yield spec["low"] + 0.5


@pytest.mark.parametrize("name", list(RANGES))
def test_each_invalid_parameter_raises_an_error_naming_it_and_its_range(name):
    spec = RANGES[name]
    for bad in bad_values(name):
        with pytest.raises(ValueError, match=rf"^{name} must be a .*between {spec['low']:g} and "
                                             rf"{spec['high']:g} \(got "):
            CascadeParams(**{name: bad})


def test_error_message_in_full():
    with pytest.raises(ValueError) as error:
        CascadeParams(coupling=1.5)
    assert str(error.value) == "coupling must be a number between 0 and 1 (got 1.5)"


@pytest.mark.parametrize("bad", ["nonsense", "", None, 3, "self-injury"])
def test_unknown_interruption_is_rejected_naming_the_choices(bad):
    with pytest.raises(ValueError, match=r"^interruption must be one of none, distraction, "
                                         r"skill, support \(got "):
        CascadeParams(interruption=bad)


def test_simulate_needs_params():
    with pytest.raises(ValueError, match="params must be a CascadeParams object"):
        simulate({"coupling": 0.5})


def test_params_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        CascadeParams().coupling = 0.5  # type: ignore[misc]


def test_interrupters_only_ever_weaken_the_loop():
    for item in INTERRUPTERS:
        assert 0 <= item.to_rumination <= 1 and 0 <= item.to_emotion <= 1, item.id
        assert item.calming >= 0, item.id
        assert item.minutes is None or item.minutes >= 0, item.id
    ids = [i.id for i in INTERRUPTERS]
    assert ids[0] == "none" and set(ids[1:]) == {"distraction", "skill", "support"}


def test_every_real_interruption_weakens_both_links():
    # Distraction breaks off rumination, so it weakens rumination's push on emotion as well as
    # emotion's pull into rumination (with only the second, distraction barely mattered).
    for item in INTERRUPTERS[1:]:
        assert item.to_rumination < 1 and item.to_emotion < 1, item.id


def test_natural_easing_matches_its_description():
    # ABOUT_MODEL: "hardly at all in the first half hour, and to half its strength an hour and a
    # half after the event".
    assert EASE_HALF == 90
    minutes = np.arange(MINUTES + 1)
    ease = easing(minutes)
    assert (ease[: EVENT_MINUTE + 1] == 1).all()
    assert (np.diff(ease) <= 0).all() and ease[-1] > 0
    assert ease[EVENT_MINUTE + 30] > 0.98
    assert ease[EVENT_MINUTE + 90] == pytest.approx(0.5)
    assert "half an hour" in cascade_text.about_the_model_markdown()


# --- properties of every run ----------------------------------------------------------------------

@FAST
@given(params=any_params)
def test_runs_are_bounded_and_finite(params):
    run = simulate(params)
    for series in (run.emotion, run.rumination):
        assert series.shape == (MINUTES + 1,)
        assert np.isfinite(series).all()
        assert ((series >= 0) & (series < 1)).all()
    assert run.emotion[0] == run.rumination[0] == 0
    assert 0 <= run.peak < 1 and 0 <= run.peak_minute <= MINUTES
    assert 0 <= run.minutes_high <= MINUTES + 1


@FAST
@given(params=any_params)
def test_runs_are_deterministic(params):
    first, second = simulate(params), simulate(params)
    np.testing.assert_array_equal(first.emotion, second.emotion)
    np.testing.assert_array_equal(first.rumination, second.rumination)
    assert describe(first) == describe(second)


@FAST
@given(event=value_in_range("event"), low=st.floats(0, 0.95), step=st.floats(0.01, 1),
       interruption=st.sampled_from(INTERRUPTER_IDS), minute=value_in_range("interruption_minute"))
def test_stronger_coupling_gives_a_higher_peak(event, low, step, interruption, minute):
    high = min(1.0, low + step)
    weak, strong = (simulate(CascadeParams(event=event, coupling=c, interruption=interruption,
                                           interruption_minute=minute)) for c in (low, high))
    # Every minute is at least as high, and the peak is strictly higher.
    assert (strong.emotion >= weak.emotion).all()
    assert (strong.rumination >= weak.rumination).all()
    assert strong.peak > weak.peak


@FAST
@given(params=any_params)
def test_an_interruption_never_raises_emotion_and_lowers_an_early_peak(params):
    without = simulate(dataclasses.replace(params, interruption="none"))
    run = simulate(params)
    assert (run.emotion <= without.emotion).all()
    assert (run.rumination <= without.rumination).all()
    assert run.peak <= without.peak
    if params.interruption != "none" and params.coupling >= 0.05 \
            and params.interruption_minute < without.peak_minute - 1:
        assert run.peak < without.peak


def test_a_weak_link_fades_and_a_strong_link_holds_then_eases_on_its_own():
    weak = simulate(CascadeParams(coupling=0.3))
    assert weak.peak_minute < 30 and weak.end < 0.05 and not keeps_going(weak)
    runs = [simulate(CascadeParams(coupling=c)) for c in (0.7, 0.9, 1.0)]
    for run in runs:
        assert keeps_going(run)
        assert (run.emotion[PUSH_FADED:] >= HIGH).any()     # high after the push has faded
        assert run.peak_minute < MINUTES - 20                # it peaks, then ...
        assert run.end < run.peak - 0.3                      # ... eases on its own
    # The stronger the link, the longer it stays high and the later it eases.
    highs = [run.minutes_high for run in runs]
    assert highs == sorted(highs) and highs[0] < highs[-1]


def last_high(run):
    above = np.flatnonzero(run.emotion[PUSH_FADED:] >= HIGH)
    return None if above.size == 0 else PUSH_FADED + int(above[-1])


def test_the_loop_holds_above_about_holds_from_and_a_stronger_link_needs_a_smaller_event():
    # ABOUT_MODEL: "Above about 0.45 the loop can keep emotion high for a while after the event's
    # push has faded, if the event pushed emotion high enough; the stronger the link, the
    # smaller the event needed."
    events = np.round(np.arange(0.1, 1.0001, 0.01), 2)
    needed = []
    for coupling in np.round(np.arange(0.3, 1.0001, 0.05), 2):
        holding = [e for e in events
                   if last_high(simulate(CascadeParams(event=e, coupling=coupling)))]
        if coupling <= HOLDS_FROM:
            assert not holding, coupling
        else:
            assert holding and holding == [e for e in events if e >= holding[0]], coupling
            needed.append(holding[0])
    assert needed == sorted(needed, reverse=True) and needed[0] > needed[-1]
    assert last_high(simulate(CascadeParams(event=1.0, coupling=HOLDS_FROM + 0.01)))
    assert f"Above about {HOLDS_FROM:g}" in cascade_text.about_the_model_markdown()


def test_earlier_interruption_helps_more():
    peaks = [simulate(CascadeParams(coupling=0.7, interruption="skill",
                                    interruption_minute=m)).peak for m in (10, 30, 60)]
    assert peaks == sorted(peaks) and peaks[0] < peaks[-1]


def test_brief_distraction_can_pause_a_strong_loop_that_then_builds_up_again():
    run = simulate(CascadeParams(coupling=0.7, interruption="distraction"))
    without = simulate(CascadeParams(coupling=0.7))
    start, stop = run.interruption_window
    assert run.emotion[stop] < run.emotion[start] - 0.3            # a real pause ...
    assert run.emotion[stop:].max() >= HIGH > run.emotion[stop]    # ... then high again
    assert run.minutes_high < without.minutes_high / 2             # but far less time high
    assert "builds up again" in describe(run)


def test_lasting_support_settles_a_strong_loop():
    run = simulate(CascadeParams(coupling=0.7, interruption="support"))
    assert run.interruption_window == (30, MINUTES)
    assert run.end < 0.05


def test_what_the_notebook_says_about_the_model():
    # Notebook 03, discussion of the demo and Exercise 1 (link 0.70 then 0.90, a skill, start
    # 10 to 60, then 30).
    def run(coupling, interruption="none", minute=30):
        return simulate(CascadeParams(coupling=coupling, interruption=interruption,
                                      interruption_minute=minute))

    weak, strong = run(0.3), run(0.7)
    assert not keeps_going(weak) and weak.end < 0.05
    assert keeps_going(strong) and strong.minutes_high > 60 and strong.end < strong.peak - 0.3
    skill = {m: run(0.7, "skill", m) for m in (10, 30, 60)}
    assert skill[10].minutes_high == 0 and skill[10].peak < HIGH
    assert skill[10].peak < skill[30].peak < skill[60].peak == pytest.approx(strong.peak, 0.01)
    assert skill[60].minutes_high < strong.minutes_high * 0.6   # later still shortens it
    assert all(r.emotion[r.interruption_window[1]:].max() < 0.1 for r in skill.values())
    strong9, skill9, support9 = run(0.9), run(0.9, "skill"), run(0.9, "support")
    stop = skill9.interruption_window[1]
    assert skill9.emotion[stop] < 0.4 and skill9.emotion[stop:].max() > HIGH   # builds up again
    assert skill9.minutes_high < strong9.minutes_high
    assert support9.end < 0.05 and support9.minutes_high < skill9.minutes_high
    for r in (run(0.7, "distraction"), run(0.7, "skill"), run(0.7, "support")):
        assert (r.emotion <= strong.emotion).all() and r.mean < strong.mean
    # The numbers the Exercise 1 discussion quotes.
    quoted = [f"{x:.2f}" for x in (skill[10].peak, strong.peak, skill[30].peak, skill[60].peak,
                                   skill9.emotion[stop:].max())]
    assert quoted == ["0.33", "0.86", "0.72", "0.86", "0.68"]
    assert [skill[30].minutes_high, strong.minutes_high, skill[60].minutes_high, stop,
            support9.minutes_high, strong9.minutes_high] == [11, 81, 44, 75, 25, 97]


def test_interruption_window():
    assert simulate(CascadeParams()).interruption_window is None
    assert simulate(CascadeParams(interruption="skill", interruption_minute=80)
                    ).interruption_window == (80, MINUTES)


# --- descriptions ---------------------------------------------------------------------------------

GRID = [CascadeParams(event=e, coupling=c, interruption=i, interruption_minute=m)
        for e in (0.1, 0.6, 1.0) for c in (0.0, 0.3, 0.45, 0.7, 1.0) for i in INTERRUPTER_IDS
        for m in (10, 30, 90)]


def test_descriptions_over_the_grid_are_clean_sentences():
    for params in GRID:
        text = describe(simulate(params))
        assert text.endswith("."), text
        assert "nan" not in text and "from 0 to 0 minutes" not in text, text
        assert not re.search(r"from (\d+(?:\.\d+)?) to \1(?![\d.])", text), text
        assert not lint_text(text), (text, lint_text(text))
        if params.interruption != "none":
            assert f"from minute {params.interruption_minute}" in text


def test_descriptions_over_the_grid_are_true_of_the_runs():
    for params in GRID:
        run = simulate(params)
        without = simulate(dataclasses.replace(params, interruption="none"))
        text = describe(run)
        faded = without.emotion[PUSH_FADED:]
        if "keep pushing each other up" in text:
            assert faded.max() > faded[0], text
        if "eases on its own" in text.split(". Without")[0]:
            assert without.end < without.peak, text
        if "dies down" in text:
            assert faded.max() <= faded[0] + 0.01 and without.end < without.peak, text
        window = run.interruption_window
        if window and window[1] < MINUTES:
            after = run.emotion[window[1]:]
            assert ("builds up again" in text) == (after.max() > after[0] + 0.05), text
            assert ("does not build up again" in text) == (after.max() <= after[0] + 0.05)
        if "lowers the peak" in text:
            assert run.peak < without.peak


def test_description_reports_the_peak_and_the_interruption():
    run = simulate(CascadeParams(coupling=0.7, interruption="support"))
    text = describe(run)
    without = simulate(CascadeParams(coupling=0.7))
    assert f"{without.peak:.2f}" in text and f"{run.peak:.2f}" in text
    assert "Support from someone from minute 30" in text


# --- the figure, updated in place -----------------------------------------------------------------

@pytest.fixture(scope="module")
def plot():
    return CascadePlot()


def test_update_moves_the_same_artists(plot):
    before = [id(a) for a in plot.artists]
    counts = (len(plot.ax.lines), len(plot.ax.patches), len(plot.ax.texts))
    for params in GRID[::7]:
        description = plot.update(params)
        assert description == describe(simulate(params))
        np.testing.assert_array_equal(plot.emotion.get_ydata(), simulate(params).emotion)
        assert plot.band.get_visible() == (params.interruption != "none")
    assert [id(a) for a in plot.artists] == before
    assert (len(plot.ax.lines), len(plot.ax.patches), len(plot.ax.texts)) == counts


def test_band_covers_the_interruption(plot):
    plot.update(CascadeParams(interruption="distraction", interruption_minute=40))
    assert plot.band.get_x() == 40 and plot.band.get_width() == 20
    assert np.isfinite(plot.reference.get_ydata()).all()
    plot.update(CascadeParams())
    assert not plot.band.get_visible()
    assert np.isnan(plot.reference.get_ydata()).all()


def test_png_is_an_image(plot):
    png = plot.png()
    assert png.startswith(PNG_SIGNATURE) and len(png) > 5000


def test_figure_words_are_projector_sized_and_clean(plot):
    texts = [t for t in plot.figure.findobj(Text) if t.get_visible() and t.get_text().strip()]
    plot.canvas.draw()
    assert all(t.get_fontsize() >= 12 for t in texts), [(t.get_text(), t.get_fontsize())
                                                         for t in texts]
    for text in [t.get_text() for t in texts] + [cascade.FIGURE_ALT]:
        assert not lint_text(text), text


# --- widget ---------------------------------------------------------------------------------------

def test_widget_controls_are_labelled_and_update_the_description(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj, **options: shown.append(obj))
    widget = cascade_explorer()
    assert shown, "cascade_explorer() must call a11y.label_controls()"
    assert isinstance(widget, CascadeWidget)
    controls = [*widget.sliders.values(), widget.interruption]
    assert all(c.description for c in controls)
    assert all(isinstance(s, widgets.FloatSlider | widgets.IntSlider)
               for s in widget.sliders.values())
    image_before = widget.image.value
    widget.interruption.value = "support"
    assert "Support from someone" in widget.summary.value
    assert 'aria-live="polite"' in widget.summary.value
    assert widget.image.value != image_before and 'alt="' in widget.image.value
    widget.sliders["coupling"].value = 0.2
    assert widget.params().coupling == 0.2
    assert widget.summary.value.count("0.20") >= 1


def test_widget_static_fallback_shows_the_assumptions():
    widget = CascadeWidget()
    bundle = widget._repr_mimebundle_()
    # The box itself is shown once, in the notebook cell above; the fallback links to it.
    assert 'href="#about-the-model"' in bundle["text/html"]
    assert bundle["text/plain"].startswith("The cascade model (live in JupyterLab).")


# --- static figure and words ----------------------------------------------------------------------

def test_static_figure_and_alt_text():
    fig, alt = cascade_static()
    texts = [t.get_text() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    assert "Distraction" in texts and "Support from someone" in texts
    assert not lint_text(alt) and not [t for t in texts if lint_text(t)]
    assert "predicts nothing about any person" in alt


def test_about_the_model_keeps_self_injury_out_of_the_interrupters():
    words = cascade.about_the_model_markdown()
    assert "conceptual teaching model" in words
    assert "only briefly" in words and "longer-term costs follow" in words
    for item in INTERRUPTERS:
        assert "self-injur" not in (item.label + item.description).lower()
    assert cascade_text.about_the_model_html().count("<li>") == (
        len(cascade_text.ABOUT_MODEL["assumptions"]) + len(cascade_text.ABOUT_MODEL["leaves_out"]))


def test_module_words_pass_the_lint():
    modules = (cascade, cascade_model, cascade_text, cascade_figure)
    for path in [Path(m.__file__) for m in modules] + [Path(__file__)]:
        assert not lint_text(path.read_text(encoding="utf-8")), path


# --- every sentence, checked against the run it describes, over the whole range -------------------

def check_link(run, without, text):
    coupling = run.params.coupling
    faded = without.emotion[PUSH_FADED:]
    if coupling == 0:
        assert "only the event's own push moves emotion" in text
        np.testing.assert_array_equal(without.rumination, 0)
        return
    assert f"With a link of {coupling:.2f}" in text
    if "cannot push emotion any higher" in text:
        assert faded.max() <= faded[0] + 0.01 and "dies down" in text
        assert without.end < faded[0]
    else:
        assert "keep pushing each other up" in text and faded.max() > faded[0] + 0.01
        assert ("until the loop slowly eases on its own" in text) == (without.end < faded.max())


def check_course(run, without, text):
    peak, minute = without.emotion.max(), int(without.emotion.argmax())
    if "keeps rising" in text:
        assert minute == MINUTES and without.emotion[-2] < without.emotion[-1]
        assert f"to {peak:.2f} at minute {MINUTES}" in text
    else:
        assert f"peaks at {peak:.2f} at minute {minute} and is {without.emotion[-1]:.2f}" in text
    high = int((without.emotion >= HIGH).sum())
    assert (f"with {high} minutes at or above {HIGH:g}" in text) == (high > 0)


def check_interruption(run, without, text):
    start = run.params.interruption_minute
    assert text.startswith(f"{cascade_model.interrupter(run.params.interruption).label} from minute "
                           f"{start}:")
    if "lowers the peak" in text:
        assert f"from {without.peak:.2f} to {run.peak:.2f}" in text
        assert round(run.peak, 2) < round(without.peak, 2)
    elif "barely changes the peak" in text:
        assert round(run.peak, 2) == round(without.peak, 2) and start < without.peak_minute
    else:
        assert "starts at or after the peak" in text and start >= without.peak_minute
        assert run.peak == without.peak
    if "falls from" in text.split("average level")[1].split(";")[0]:
        assert round(run.mean, 2) < round(without.mean, 2)
        assert f"falls from {without.mean:.2f} to {run.mean:.2f}" in text
    else:
        assert f"hardly changes ({run.mean:.2f})" in text
        assert abs(run.mean - without.mean) < 0.01
    time_high = text.split(f"; time at or above {HIGH:g} ")[1:]
    assert bool(time_high) == (without.minutes_high > 0)
    if time_high and time_high[0].startswith("stays at"):
        assert run.minutes_high == without.minutes_high
        assert f"stays at {run.minutes_high} minutes" in text
    elif time_high:
        assert f"falls from {without.minutes_high} to {run.minutes_high} minutes" in text
        assert run.minutes_high < without.minutes_high


def check_after(run, without, text):
    stop = run.interruption_window[1]
    after = run.emotion[stop:]
    assert f"After it ends at minute {stop}" in text
    if "does not build up again" in text:
        assert after.max() <= after[0] + cascade_text.BUILDS_UP
        assert f"stays at or below {after.max():.2f}" in text
    else:
        top = stop + int(after.argmax())
        assert after.max() > after[0] + cascade_text.BUILDS_UP
        assert f"builds up again, to {after.max():.2f} at minute {top}" in text
        assert ("before it eases on its own" in text) == (run.end < after.max())


SENTENCE_CHECKS = {"link": check_link, "course": check_course, "interruption": check_interruption,
                   "after": check_after,
                   "label": lambda run, without, text: text == cascade_text.LABEL}


@settings(max_examples=400, deadline=None)
@given(params=any_params)
def test_every_sentence_agrees_with_the_run_it_describes(params):
    run = simulate(params)
    without = simulate(dataclasses.replace(params, interruption="none"))
    sentences = cascade_text.sentences(run)
    expected = ["link", "course"]
    if run.interruption_window:
        expected.append("interruption")
        if run.interruption_window[1] < MINUTES:
            expected.append("after")
    assert list(sentences) == [*expected, "label"]
    for name, text in sentences.items():
        assert SENTENCE_CHECKS[name](run, without, text) is not False, (name, text)
    assert describe(run) == " ".join(sentences.values())


def test_every_range_says_where_it_comes_from():
    from reliefcycle.core import citations
    bib = citations.bibliography()
    for name, spec in RANGES.items():
        assert spec["basis"].strip(), name
        assert all(key in bib for key in spec["sources"]), name
