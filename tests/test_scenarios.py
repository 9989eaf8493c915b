"""Practice scenarios of notebook 06: the data, the feedback logic, the widget and static export."""

from __future__ import annotations

import copy
import html
import re

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from reliefcycle.activities import scenarios
from reliefcycle.activities.scenarios import (
    RATINGS,
    REPLIES_PER_SCENARIO,
    WHO,
    Practice,
    ScenarioError,
    parse,
    practice,
    respond,
)
from reliefcycle.core import safety
from reliefcycle.data import DataError

from paths import ROOT

DATA = ROOT / "src" / "reliefcycle" / "data" / "scenarios.yml"
RAW = yaml.safe_load(DATA.read_text(encoding="utf-8"))
ALL = scenarios.load()


# --- the data ------------------------------------------------------------------------------------

def test_six_to_eight_scenarios_from_each_kind_of_helper():
    assert 6 <= len(ALL) <= 8
    assert {s.who for s in ALL} == set(WHO)


# School scenarios follow the route an independent reviewer (a clinical psychologist who trains
# school staff) asked for: the concern goes to the school's lead, who decides with the student how
# parents or carers are told; the member of staff never promises secrecy or phones home.
SCHOOL = ("student-after-class", "student-worried-about-friend", "student-may-need-care")


def test_school_staff_have_a_third_party_and_an_urgency_scenario():
    ids = {s.id for s in ALL}
    assert set(SCHOOL) <= ids
    assert {s.who for s in ALL if s.id in SCHOOL} == {"student"}


@pytest.mark.parametrize("sid", SCHOOL)
def test_helpful_school_reply_names_the_lead_and_promises_no_secrecy(sid):
    scenario = next(s for s in ALL if s.id == sid)
    best = scenario.replies[scenario.best].text.lower()
    assert "lead" in best
    assert "promise" not in best and "secret" not in best


def test_phoning_parents_yourself_is_not_rated_helpful_or_partly():
    for scenario in ALL:
        for reply in scenario.replies:
            if "ring your parents" in reply.text or "phone your parents" in reply.text:
                assert reply.rating == "unhelpful", (scenario.id, reply.text)


@pytest.mark.parametrize("scenario", ALL, ids=[s.id for s in ALL])
def test_each_scenario_has_three_graded_replies_and_one_helpful(scenario):
    assert len(scenario.replies) == REPLIES_PER_SCENARIO
    ratings = [r.rating for r in scenario.replies]
    assert ratings.count("helpful") == 1
    assert "unhelpful" in ratings  # every scenario shows at least one reply that hurts


def test_the_helpful_reply_is_not_always_in_the_same_place():
    assert {s.best for s in ALL} == set(range(REPLIES_PER_SCENARIO))


@pytest.mark.parametrize("scenario", ALL, ids=[s.id for s in ALL])
def test_every_text_passes_the_language_lint(scenario):
    texts = [scenario.title, scenario.situation, scenario.takeaway]
    texts += [t for r in scenario.replies for t in (r.text, r.feedback)]
    for text in texts:
        assert safety.lint_text(text, scenario.id) == []


# --- the rating check: ratings follow the series' own guidance -------------------------------------
# Notebook 06 lists what makes things worse (section 3), advises asking nothing about the act and
# not asking to see an injury (section 1), and puts care for an injury first, today, with the
# school's lead told the same day (sections 3 and 4). A reply that does any of these is unhelpful.

#: Words by which a reply asks about the act itself, and words by which it puts care off.
ASKS_ABOUT_THE_ACT = r"exactly what|how often|how many times|show me|how bad|let me see"
PUTS_CARE_OFF = r"get through the (?:afternoon|day)|after school|tomorrow|later on"


@pytest.mark.parametrize("scenario", ALL, ids=[s.id for s in ALL])
def test_a_reply_that_breaks_the_guidance_is_rated_unhelpful(scenario):
    needs_care = "need looking at" in scenario.situation or "needs care" in scenario.situation
    for reply in scenario.replies:
        if re.search(ASKS_ABOUT_THE_ACT, reply.text, re.I):
            assert "asks-for-detail" in reply.breaks, (scenario.id, reply.text)
        if needs_care and re.search(PUTS_CARE_OFF, reply.text, re.I):
            assert "delays-care" in reply.breaks, (scenario.id, reply.text)
        if re.search(r"\bpromise\b.*\bwon't tell\b", reply.text, re.I):
            assert "promises-secrecy" in reply.breaks, (scenario.id, reply.text)
        if reply.breaks:
            assert reply.rating == "unhelpful", (scenario.id, reply.text)


@pytest.mark.parametrize("sid, start", [
    ("student-may-need-care", "Thank you for telling me. Try to get through the afternoon"),
    ("student-worried-about-friend", "Thank you for telling me. Can you tell me exactly what"),
    ("student-extension-email", "I'm worried about you. I think you need to see the counselling"),
])
def test_replies_once_rated_too_kindly_are_unhelpful(sid, start):
    scenario = next(s for s in ALL if s.id == sid)
    reply = next(r for r in scenario.replies if r.text.startswith(start))
    assert reply.rating == "unhelpful" and reply.breaks


@pytest.mark.parametrize("scenario", ALL, ids=[s.id for s in ALL])
def test_the_helpful_reply_breaks_nothing_and_asks_about_suicide(scenario):
    best = scenario.replies[scenario.best]
    assert best.breaks == ()
    if scenario.id != "student-worried-about-friend":  # a worry about someone else: the lead asks
        assert safety.mentions_suicide(best.text + " " + best.feedback), scenario.id


def test_no_helpline_numbers_in_the_scenarios():
    text = DATA.read_text(encoding="utf-8")
    for number in ("988", "116 123", "741741", "85258", "50808", "686868", "1737", "13 11 14",
                   "0800 1111", "1800 66 66 66", "1800 55 1800", "1-800-668-6868"):
        assert number not in text


@pytest.mark.parametrize("scenario", ALL, ids=[s.id for s in ALL])
def test_feedback_explains_rather_than_just_judges(scenario):
    for reply in scenario.replies:
        assert len(reply.feedback.split()) >= 25, (scenario.id, reply.text)


def bad(change):
    raw = copy.deepcopy(RAW)
    change(raw)
    return raw


WHERE = "scenarios.yml, scenario 'friend-message': field"


@pytest.mark.parametrize("change, message", [
    (lambda r: r[0].pop("situation"), f"{WHERE} 'situation': Field required"),
    (lambda r: r[0].update(mood="sad"), f"{WHERE} 'mood': Extra inputs are not permitted"),
    (lambda r: r[0].update(who="parent"), f"{WHERE} 'who': Input should be 'friend', 'student',"),
    (lambda r: r[0].update(id="Friend Message"),
     "scenarios.yml, scenario 'Friend Message': field 'id': 'Friend Message' is not lower-case words"),
    (lambda r: r[0]["replies"].pop(), f"{WHERE} 'replies': needs exactly 3 replies (found 2)"),
    (lambda r: r[0].update(replies="none"), f"{WHERE} 'replies': must be a list"),
    (lambda r: r[0]["replies"][2].update(rating="helpful"),
     f"{WHERE} 'replies': needs exactly one reply rated 'helpful' (found 2)"),
    (lambda r: r[0]["replies"][1].update(rating="partly"),
     f"{WHERE} 'replies': needs exactly one reply rated 'helpful' (found 0)"),
    (lambda r: r[0]["replies"][1].update(rating="good"),
     f"{WHERE} 'replies[2].rating': Input should be 'helpful', 'partly' or 'unhelpful' "
     "(found 'good')"),
    (lambda r: r[0]["replies"][2].pop("feedback"), f"{WHERE} 'replies[3].feedback': Field required"),
    (lambda r: r[0]["replies"][2].update(text="  "),
     f"{WHERE} 'replies[3].text': must be a non-empty text"),
    (lambda r: r[0]["replies"][2].update(text=r[0]["replies"][1]["text"]),
     f"{WHERE} 'replies': two replies have the same text"),
    (lambda r: r[0].update(takeaway=["a list"]), f"{WHERE} 'takeaway': Input should be a valid string"),
    (lambda r: r[1].update(title="A student who is a self-harmer"),
     "scenarios.yml, scenario 'student-after-class': field 'title': breaks the language rules "
     "(self_harmer_label)"),
    (lambda r: r[1]["replies"][0].update(feedback="They may be cutting."),
     "scenarios.yml, scenario 'student-after-class': field 'replies[1].feedback': breaks the "
     "language rules"),
    (lambda r: r[2].update(id="friend-message"), f"{WHERE} 'id': used by more than one scenario"),
    (lambda r: r.__setitem__(0, "just a string"), "scenarios.yml, scenario 1: expected a mapping"),
    (lambda r: r[0]["replies"][0].update(breaks=["rude"]),
     f"{WHERE} 'replies[1].breaks[1]': Input should be 'shock', 'asks-for-detail'"),
    (lambda r: r[0]["replies"][0].update(breaks="shock"), f"{WHERE} 'replies[1].breaks': must be a list"),
    (lambda r: r[0]["replies"][2].update(breaks=["asks-for-detail"]),
     f"{WHERE} 'replies[3].rating': a reply that asks about the act itself"),
])
def test_bad_data_names_the_scenario_and_field(change, message):
    with pytest.raises(ScenarioError) as error:
        parse(bad(change))
    assert message in str(error.value)


@pytest.mark.parametrize("raw", [[], None, {"id": "x"}])
def test_empty_or_wrong_file_is_an_error(raw):
    with pytest.raises(ScenarioError, match="non-empty list"):
        parse(raw)


def test_scenario_error_is_a_value_error():
    assert issubclass(ScenarioError, DataError) and issubclass(ScenarioError, ValueError)


def test_select_by_who():
    assert {s.who for s in scenarios.select("student")} == {"student"}
    assert {s.who for s in scenarios.select(["friend", "colleague"])} == {"friend", "colleague"}
    assert scenarios.select() == ALL
    with pytest.raises(ScenarioError, match="'parent' is not one of"):
        scenarios.select("parent")


# --- the logic -----------------------------------------------------------------------------------

def test_respond_names_the_reply_and_its_rating():
    s = ALL[0]
    for i, reply in enumerate(s.replies):
        response = respond(s, i)
        assert response.rating == reply.rating
        assert response.message == f"Reply {'ABC'[i]}: {RATINGS[reply.rating]}. {reply.feedback}"
    assert respond(s, None).rating is None


@given(st.integers(min_value=-50, max_value=50))
def test_respond_rejects_replies_that_do_not_exist(choice):
    s = ALL[0]
    if 0 <= choice < REPLIES_PER_SCENARIO:
        assert respond(s, choice).rating == s.replies[choice].rating
    else:
        with pytest.raises(IndexError, match="does not exist"):
            respond(s, choice)


def test_practice_moves_round_in_a_circle():
    p = Practice()
    assert p.index == 0 and p.heading.startswith(f"Scenario 1 of {len(ALL)}: ")
    assert [p.next() for _ in range(len(ALL))] == [*range(1, len(ALL)), 0]
    assert p.previous() == len(ALL) - 1
    with pytest.raises(IndexError):
        p.go(len(ALL))
    assert p.index == len(ALL) - 1


@given(st.lists(st.tuples(st.integers(0, 5), st.one_of(st.none(), st.integers(0, 2))),
                max_size=20))
def test_practice_remembers_the_last_choice_in_each_scenario(moves):
    p = Practice()
    expected: dict[int, int | None] = {}
    for where, choice in moves:
        p.go(where % len(p))
        p.choose(choice)
        expected[p.index] = choice
    for where, choice in expected.items():
        p.go(where)
        assert p.choice == choice


def test_explain_all_gives_feedback_on_every_reply():
    p = Practice()
    assert [r.rating for r in p.explain_all()] == [r.rating for r in ALL[0].replies]


def test_empty_practice_is_an_error():
    with pytest.raises(ScenarioError):
        Practice(())


# --- widget and exports --------------------------------------------------------------------------

@pytest.fixture
def widget():
    return practice()


def test_every_control_has_a_visible_label(widget):
    for control in (widget.menu, widget.choices):
        assert control.description
    for button in (widget.previous_button, widget.next_button, widget.show_button,
                   widget.all_button):
        assert button.description and button.tooltip


def test_widget_shows_feedback_for_the_chosen_reply(widget):
    assert widget.show_feedback().rating is None
    assert "Choose a reply first" in widget.feedback.value
    widget.choices.index = ALL[0].best
    assert widget.show_feedback().rating == "helpful"
    assert "Helpful." in widget.feedback.value and 'role="status"' in widget.feedback.value
    assert html.escape(ALL[0].takeaway, quote=False) in widget.feedback.value


def test_widget_moves_between_scenarios_and_remembers_choices(widget):
    widget.choices.index = 2
    widget.show_feedback()
    widget.next_button.click()
    assert widget.menu.value == 1 and widget.choices.index is None and widget.feedback.value == ""
    assert html.escape(ALL[1].situation, quote=False) in widget.card.value
    widget.previous_button.click()
    assert widget.menu.value == 0 and widget.choices.index == 2
    widget.previous_button.click()
    assert widget.menu.value == len(ALL) - 1
    widget.menu.value = 3
    assert widget.practice.index == 3


def test_explain_all_shows_every_reply(widget):
    responses = widget.explain_all()
    assert len(responses) == REPLIES_PER_SCENARIO
    for label in ("Reply A:", "Reply B:", "Reply C:"):
        assert label in widget.feedback.value


def test_feedback_colours_are_readable():
    from reliefcycle.core import style

    for tint in scenarios.RATING_TINTS.values():
        assert style.contrast(style.PALETTE["text"], tint) >= style.MIN_CONTRAST


def test_static_export_folds_feedback_away(widget):
    bundle = widget._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    page = bundle["text/html"]
    assert page.count("<details><summary>Feedback on each reply</summary>") == len(ALL)
    for s in ALL:
        assert html.escape(s.situation, quote=False) in page
    assert bundle["text/plain"].startswith("Scenario 1: ")


def test_static_markdown_and_html_pass_the_lint():
    assert safety.lint_text(scenarios.static_markdown()) == []
    assert safety.lint_text(scenarios.static_html()) == []
    assert scenarios.static_markdown().count("<details>") == len(ALL)
