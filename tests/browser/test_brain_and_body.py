"""Notebook 04 in a real JupyterLab: the "check the claim" activity works from the keyboard only
(the claim menu, the grade toggle buttons and the "Show the graded answer" button), with no
console errors, no request leaving the machine, and no WCAG 2.1 A/AA violation in our content
(axe-core)."""

import re

import pytest
from playwright.sync_api import expect

from reliefcycle.activities import claim_check
from reliefcycle.models import evidence

from browsing import axe_violations

STEM = "04_brain_and_body"
pytestmark = [pytest.mark.browser, pytest.mark.notebook(STEM)]
SHOW = "Show the graded answer"
ACTIVE = re.compile(r"\bmod-active\b")  # ipywidgets' class for the pressed toggle button


def press_grade(activity, grade: str) -> None:
    """Focus the toggle button of ``grade`` and press it with the Space bar."""
    buttons = activity.locator(".widget-toggle-buttons").filter(has_text="Your grade")
    button = buttons.get_by_role("button", name=grade, exact=True)
    button.focus()
    assert button.evaluate("el => el === document.activeElement")
    button.page.keyboard.press("Space")
    expect(button).to_have_class(ACTIVE, timeout=10_000)


def press_show(activity) -> None:
    button = activity.get_by_role("button", name=SHOW, exact=True)
    button.focus()
    assert button.evaluate("el => el === document.activeElement")
    button.page.keyboard.press("Enter")


def option(claim) -> str:
    """The menu's option for ``claim`` (ipywidgets uses the label as the <select> value)."""
    return f"{claim.title}: {claim.label}"


def focus_menu(menu) -> None:
    menu.focus()
    assert menu.evaluate("el => el === document.activeElement")


def open_activity(notebooks):
    """Notebook 04 after Run All, and its "check the claim" output (found by its button's label:
    the activity has no CSS class of its own)."""
    page = notebooks.executed_page(STEM)
    activity = page.locator(".jp-Notebook .jp-OutputArea-output").filter(
        has=page.get_by_role("button", name=SHOW, exact=True))
    activity.locator("select").wait_for(timeout=60_000)
    activity.scroll_into_view_if_needed()
    return page, activity


def test_claim_check_works_from_the_keyboard(notebooks):
    claims = evidence.claims(notebook=claim_check.NOTEBOOK, kind="popular")
    first, second = claims[0], claims[1]
    wrong = next(g for g in evidence.GRADE_NAMES if g != first.grade)

    page, activity = open_activity(notebooks)
    status = activity.locator("[role=status]")
    assert status.count() == 0  # no answer before anything is pressed

    # nothing predicted yet: Enter on the button asks for a prediction first
    press_show(activity)
    expect(status).to_contain_text("Choose the grade you predict first", timeout=10_000)

    # a wrong prediction, then the right one, each from the keyboard
    press_grade(activity, wrong)
    press_show(activity)
    expect(status).to_contain_text("You predicted", timeout=10_000)
    text = status.inner_text()
    assert claim_check.check(first, wrong).message in text
    assert "Why this grade." in text and "A safer way to say it." in text

    press_grade(activity, first.grade)
    press_show(activity)
    expect(status).to_contain_text("Your prediction matches", timeout=10_000)
    assert claim_check.check(first, first.grade).message in status.inner_text()

    # the claim menu is a native <select>: focus it, open its list with Space, ArrowDown, Enter.
    menu = activity.get_by_role("combobox", name="Claim")
    statement = activity.locator("p").filter(has_text="(paraphrased, as it circulates)")
    expect(statement).to_contain_text(first.title)
    focus_menu(menu)
    for key in ("Space", "ArrowDown", "Enter"):
        page.keyboard.press(key)
    expect(menu).to_have_value(option(second), timeout=10_000)
    expect(statement).to_contain_text(second.title, timeout=10_000)
    assert menu.evaluate("el => el === document.activeElement"), "focus left the claim menu"
    expect(status).to_have_count(0)  # the answer and the prediction are cleared
    expect(activity.locator(".widget-toggle-button.mod-active")).to_have_count(0)

    press_grade(activity, second.grade)
    press_show(activity)
    expect(status).to_contain_text("Your prediction matches", timeout=10_000)
    assert "Why this grade." in status.inner_text()
    assert f"\u201c{second.grade}\u201d" in status.inner_text()

    assert page.watch.errors == []
    assert page.watch.external == []
    assert axe_violations(page) == []


def test_arrow_down_on_the_closed_claim_menu(notebooks):
    claims = evidence.claims(notebook=claim_check.NOTEBOOK, kind="popular")
    page, activity = open_activity(notebooks)
    menu = activity.get_by_role("combobox", name="Claim")
    menu.select_option(option(claims[0]))  # back to the first claim: the tests share the tab
    expect(activity.locator("p").filter(has_text="(paraphrased, as it circulates)")).to_contain_text(
        claims[0].title, timeout=10_000)
    focus_menu(menu)
    page.keyboard.press("ArrowDown")
    expect(menu).to_have_value(option(claims[1]), timeout=5_000)
    assert menu.evaluate("el => el === document.activeElement"), "focus left the claim menu"
