"""Self-check questions: grading and feedback logic, data validation, widgets, static export."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reliefcycle.core import checks, safety

from paths import NOTEBOOKS

RAW = [{"id": "q", "prompt": "Pick B", "options": [
    {"text": "A", "feedback": "A is wrong because..."},
    {"text": "B", "correct": True, "feedback": "B is right because..."}]}]


def test_grade_explains_right_and_wrong():
    (q,) = checks.parse(RAW, "nb")
    assert checks.grade(q, 1) == checks.Feedback(True, "Yes. B is right because...")
    assert checks.grade(q, 0) == checks.Feedback(False, "Not quite. A is wrong because...")
    assert checks.grade(q, None).correct is False


@given(st.integers())
def test_grade_rejects_options_that_do_not_exist(choice):
    (q,) = checks.parse(RAW, "nb")
    if 0 <= choice < 2:
        assert checks.grade(q, choice).correct == (choice == 1)
    else:
        with pytest.raises(checks.QuestionError, match="does not exist"):
            checks.grade(q, choice)


@pytest.mark.parametrize("change, message", [
    (lambda q: q.pop("prompt"), "field 'prompt': Field required"),
    (lambda q: q["options"][0].update(correct=True), "field 'options': needs exactly one correct option"),
    (lambda q: q["options"].pop(), "field 'options': .*at least 2 items"),
    (lambda q: q["options"][0].pop("feedback"), r"field 'options\[1\]\.feedback': Field required"),
    (lambda q: q.update(colour="red"), "field 'colour': Extra inputs are not permitted"),
])
def test_malformed_questions_are_named(change, message):
    import copy

    raw = copy.deepcopy(RAW)
    change(raw[0])
    with pytest.raises(checks.QuestionError, match=f"self-checks/nb.yml, question 'q': {message}"):
        checks.parse(raw, "nb")


def test_unknown_notebook():
    with pytest.raises(checks.QuestionError, match="no self-check questions for notebook 'zz'"):
        checks.questions_for("zz")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_each_notebook_has_three_to_five_clean_questions(path):
    questions = checks.questions_for(path.stem)
    assert 3 <= len(questions) <= 5
    for q in questions:
        texts = [q.prompt] + [o.text for o in q.options] + [o.feedback for o in q.options]
        for text in texts:
            assert safety.lint_text(text, q.id) == []


def test_widget_checks_and_explains():
    quiz = checks.quiz("00_start_here")
    item = quiz.items[0]
    assert item.check().correct is False  # nothing chosen yet
    item.choices.index = item.question.answer
    assert item.check().correct is True
    assert "Yes." in item.feedback.value
    assert all(i.choices.description for i in quiz.items)  # labelled for screen readers


def test_static_export_folds_answers_away():
    bundle = checks.quiz("00_start_here")._repr_mimebundle_()
    html = bundle["text/html"]
    assert html.count("<details><summary>Show answer</summary>") == 5
    assert "application/vnd.jupyter.widget-view+json" in bundle
