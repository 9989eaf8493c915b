"""Tests of the classroom walk-through of the cycle (reliefcycle.activities.walkthrough)."""

from __future__ import annotations

import html

import pytest

from reliefcycle.activities.walkthrough import (
    CycleWalkthrough,
    Walkthrough,
    cycle_walkthrough,
    walkthrough_static,
)
from reliefcycle.core import style
from reliefcycle.figures import cycle_diagram
from reliefcycle.models.cycle_stages import STAGE_IDS, STAGES

LAST = len(STAGES) - 1


def lint(text: str) -> list:
    from reliefcycle.core.safety import lint_text

    return lint_text(text)


@pytest.fixture(scope="module")
def widget() -> CycleWalkthrough:
    return cycle_walkthrough()


@pytest.fixture
def fresh(widget) -> CycleWalkthrough:
    """The shared widget, back on stage 1 (building one draws seven pictures the first time)."""
    widget.slider.value = 1
    return widget


# --- the logic ---------------------------------------------------------------------------------

def test_starts_at_the_first_stage():
    walk = Walkthrough()
    assert len(walk) == len(STAGES) and walk.index == 0
    assert walk.current is STAGES[0] and walk.current_caption == STAGES[0].caption
    assert walk.heading == f"Stage 1 of {len(STAGES)}: {STAGES[0].label}"


def test_next_goes_through_every_stage_in_order_then_starts_again():
    walk = Walkthrough()
    seen = [walk.current.id] + [STAGES[walk.next()].id for _ in range(len(STAGES))]
    assert seen == [*STAGE_IDS, STAGE_IDS[0]]


def test_previous_from_the_first_stage_goes_to_the_last():
    walk = Walkthrough()
    assert walk.previous() == LAST and walk.current is STAGES[-1]
    assert walk.previous() == LAST - 1


def test_next_after_previous_comes_back():
    walk = Walkthrough()
    walk.go(3)
    walk.next()
    walk.previous()
    assert walk.index == 3


@pytest.mark.parametrize("index", [-1, len(STAGES), 100])
def test_go_outside_the_stages_is_an_error(index):
    walk = Walkthrough()
    with pytest.raises(IndexError):
        walk.go(index)
    assert walk.index == 0


def test_caption_changes_with_every_step():
    walk = Walkthrough()
    captions = [walk.current_caption]
    for _ in range(LAST):
        walk.next()
        captions.append(walk.current_caption)
    assert len(set(captions)) == len(STAGES)


def test_a_walkthrough_needs_stages():
    with pytest.raises(ValueError):
        Walkthrough(())


# --- the widgets -------------------------------------------------------------------------------

def test_controls_are_labelled_for_keyboard_and_screen_reader_users(widget):
    for button in (widget.previous_button, widget.next_button):
        assert button.description and button.tooltip and button.icon
        assert not button.disabled
    assert widget.slider.description == "Stage"
    assert (widget.slider.min, widget.slider.max) == (1, len(STAGES))
    assert (widget.play.min, widget.play.max) == (1, len(STAGES))
    assert widget.play.description and widget.play.tooltip


def test_next_button_steps_and_wraps(fresh):
    for number in range(2, len(STAGES) + 1):
        fresh.next_button.click()
        assert fresh.slider.value == number and fresh.walkthrough.index == number - 1
    fresh.next_button.click()
    assert fresh.slider.value == 1 and fresh.walkthrough.current is STAGES[0]


def test_previous_button_wraps_to_the_last_stage(fresh):
    fresh.previous_button.click()
    assert fresh.slider.value == len(STAGES) and fresh.walkthrough.current is STAGES[-1]


def test_play_moves_the_slider_and_the_slider_moves_the_stage(fresh):
    fresh.play.value = 4
    assert fresh.slider.value == 4 and fresh.walkthrough.current is STAGES[3]
    fresh.slider.value = 2
    assert fresh.play.value == 2 and fresh.walkthrough.current is STAGES[1]


def test_caption_and_picture_follow_the_stage(fresh):
    pictures, captions = set(), set()
    for number, stage in enumerate(STAGES, start=1):
        fresh.slider.value = number
        assert html.escape(stage.caption) in fresh.caption.value
        assert f"Stage {number} of {len(STAGES)}" in fresh.caption.value
        picture = fresh.image.value
        assert picture == style.img_html(fresh.pngs[stage.id], cycle_diagram.cycle_alt(stage.id),
                                         max_width="1100px")
        assert f'alt="{html.escape(cycle_diagram.cycle_alt(stage.id))}"' in picture
        pictures.add(picture)
        captions.add(fresh.caption.value)
    assert len(pictures) == len(captions) == len(STAGES)


def test_stepping_never_redraws(fresh, monkeypatch):
    def redraw(*args, **kwargs):
        raise AssertionError("a picture was drawn again while stepping")

    monkeypatch.setattr(cycle_diagram, "cycle_diagram", redraw)
    for _ in range(len(STAGES) + 1):
        fresh.next_button.click()
    fresh.previous_button.click()
    fresh.play.value = 5
    # Pictures are kept after the first walk-through, so a second one is built without drawing.
    CycleWalkthrough()


def test_every_visible_word_passes_the_language_lint(fresh):
    words = [fresh.previous_button.description, fresh.previous_button.tooltip,
             fresh.next_button.description, fresh.next_button.tooltip,
             fresh.play.description, fresh.play.tooltip,
             fresh.slider.description, fresh.slider.tooltip, fresh.children[-1].value]
    for number in range(1, len(STAGES) + 1):
        fresh.slider.value = number
        words.append(fresh.caption.value)
    assert not [(w, lint(w)) for w in words if lint(w)]


# --- the static version ------------------------------------------------------------------------

def test_static_version_lists_every_stage_with_its_caption():
    text = walkthrough_static()
    lines = text.strip().splitlines()
    assert len(lines) == len(STAGES)
    for number, (line, stage) in enumerate(zip(lines, STAGES, strict=True), start=1):
        assert line == f"{number}. **{stage.label}.** {stage.caption}"
    assert not lint(text)


def test_static_fallback_lists_every_stage(fresh):
    bundle = fresh._repr_mimebundle_()
    assert bundle["text/html"].count("<li>") == len(STAGES)
    assert bundle["text/plain"] == walkthrough_static()
