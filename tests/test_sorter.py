"""The function sorter: the shipped stories, grading and feedback, bad data, widget, static."""

import copy
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from reliefcycle.activities import sorter
from reliefcycle.activities.sorter import CHOICES, NONE, VignetteError, grade, parse
from reliefcycle.core.safety import lint_text
from reliefcycle.data import DataError

from paths import PACKAGE_DATA

DATA = PACKAGE_DATA / sorter.DATA_FILE
RAW = yaml.safe_load(DATA.read_text(encoding="utf-8"))
DECK = sorter.load()


# --- the shipped stories --------------------------------------------------------------------------

def test_six_to_eight_stories_with_unique_names():
    assert 6 <= len(DECK.vignettes) <= 8
    assert len({v.name for v in DECK.vignettes}) == len(DECK.vignettes)


def test_every_function_is_the_answer_somewhere_and_one_story_has_two():
    answered = {f for v in DECK.vignettes for f in v.answers}
    assert answered == set(CHOICES)
    assert any(len(v.answers) > 1 for v in DECK.vignettes)


def test_a_story_where_no_relief_came_cites_the_daily_life_studies():
    # Daily-life studies found relief after self-injury inconsistent, and in one hourly study
    # negative feelings were higher in the hour after than before (findings.md: Hepp et al. 2020;
    # Koenig et al. 2021). At least one story shows that, and says where it comes from.
    worse = [v for v in DECK.vignettes if v.answers == (NONE,)]
    assert worse
    for v in worse:
        assert re.search(r"did not|worse|more tense", v.story), v.id
        assert "Hepp et al., 2020" in v.explanation and "Koenig et al., 2021" in v.explanation
    bib = (Path(__file__).resolve().parent.parent / "references.bib").read_text(encoding="utf-8")
    assert "@article{hepp2020systematic," in bib and "@article{koenig2021highfrequency," in bib


def test_none_of_these_is_right_only_alone():
    mia = DECK.vignette("mia-worse")
    assert grade(DECK, mia, [NONE]).correct
    assert not grade(DECK, mia, [NONE, "automatic-negative"]).correct
    priya = grade(DECK, "priya-argument", [NONE])
    assert not priya.correct and any(line.startswith("Not this one: None of these")
                                     for line in priya.lines)


def all_words(deck):
    for f in deck.functions.values():
        yield f.label
        yield f.description
    for v in deck.vignettes:
        yield from (v.name, v.story, v.explanation, *v.reasons.values())


def test_every_word_passes_the_language_lint():
    for text in all_words(DECK):
        assert not lint_text(text), (text, lint_text(text))
    assert not lint_text(DATA.read_text(encoding="utf-8"))


@pytest.mark.parametrize("v", DECK.vignettes, ids=lambda v: v.id)
def test_stories_pair_any_relief_with_its_brevity_and_a_cost(v):
    # Each story says what changed afterwards only for a while, and names a cost.
    story = v.story.lower()
    if re.search(r"\b(?:calm\w*|eased|dropped|lifted|quiet|real)\b", story):
        assert re.search(r"short while|short time|for a few minutes|for a while|did not last|"
                         r"for that day", story), v.id
    assert re.search(r"shame|ashamed|secret|alone|worr|fear|exposed|as loud as before|"
                     r"were back", story), v.id
    assert "self-injur" in story, v.id
    assert len(v.story.split()) <= 75, v.id


@pytest.mark.parametrize("v", [v for v in DECK.vignettes if "social-positive" in v.answers],
                         ids=lambda v: v.id)
def test_care_that_followed_self_injury_is_shown_to_come_without_it(v):
    # Safe-messaging: when care followed self-injury, the answer says that such care can come
    # without self-injury, and names a way to reach it (a trusted person, a counsellor).
    text = v.explanation.lower()
    assert re.search(r"without (?:having to )?self-injur|does not need self-injury", text), v.id
    assert re.search(r"trusted|counsellor", text), v.id


@pytest.mark.parametrize("v", DECK.vignettes, ids=lambda v: v.id)
def test_reasons_say_fits_for_answers_only(v):
    for fid, reason in v.reasons.items():
        if fid in v.answers:
            assert reason.startswith("Fits."), (v.id, fid)
        else:
            assert not reason.startswith("Fits."), (v.id, fid)
        if fid in v.arguable:
            assert reason.startswith("Arguable."), (v.id, fid)


def test_what_the_notebook_says_about_the_stories():
    # Notebook 03, discussion of Exercise 2: "Four of the seven included automatic negative
    # reinforcement ...; Tomás's showed automatic positive, Jordan's and Lena's a social
    # function, and Alex's one of each."
    by_name = {v.name: set(v.answers) for v in DECK.vignettes}
    assert len(by_name) == 8
    assert by_name["Mia"] == {NONE}
    assert sorted(n for n, a in by_name.items() if "automatic-negative" in a) == [
        "Alex", "Noor", "Priya", "Sam"]
    social = {"social-negative", "social-positive"}
    assert sorted(n for n, a in by_name.items() if a & social) == ["Alex", "Jordan", "Lena"]
    assert by_name["Tomás"] == {"automatic-positive"}
    assert by_name["Alex"] == {"automatic-negative", "social-positive"}
    # Presenter notes: Tomás and Lena have a defensible second answer.
    assert sorted(v.name for v in DECK.vignettes if v.arguable) == ["Lena", "Tomás"]


# --- grading --------------------------------------------------------------------------------------

@pytest.mark.parametrize("v", DECK.vignettes, ids=lambda v: v.id)
def test_exactly_the_answers_are_correct(v):
    result = grade(DECK, v, v.answers)
    assert result.correct and result.missed == () and result.extra == ()
    assert result.lines[0].startswith("Yes")
    assert result.lines[-1] == v.explanation


@pytest.mark.parametrize("v", DECK.vignettes, ids=lambda v: v.id)
def test_answers_plus_arguable_are_still_correct_but_flagged(v):
    result = grade(DECK, v, v.answers + v.arguable)
    assert result.correct
    assert result.arguable == v.arguable
    assert sum(line.startswith("Defensible:") for line in result.lines) == len(v.arguable)


choices = st.sets(st.sampled_from(CHOICES))


@given(vignette=st.sampled_from(DECK.vignettes), chosen=choices)
def test_feedback_explains_every_ticked_and_every_expected_function(vignette, chosen):
    result = grade(DECK, vignette, chosen)
    if not chosen:
        assert not result.correct and len(result.lines) == 1
        return
    assert result.correct == (set(vignette.answers) <= chosen
                              <= set(vignette.answers) | set(vignette.arguable))
    mentioned = set(chosen) | set(vignette.answers)
    for fid in mentioned:
        label = DECK.functions[fid].label
        assert sum(label in line for line in result.lines) == 1, (fid, result.lines)
    assert set(result.found) | set(result.missed) == set(vignette.answers)
    assert set(result.extra).isdisjoint(vignette.answers)
    assert result.message == " ".join(result.lines)


@given(vignette=st.sampled_from(DECK.vignettes), chosen=choices)
def test_grading_is_deterministic_and_order_free(vignette, chosen):
    forwards, backwards = sorted(chosen), sorted(chosen, reverse=True)
    assert grade(DECK, vignette, forwards) == grade(DECK, vignette, backwards)


VERDICT_WORDS = ("Fits.", "Arguable.", "Does not fit.", "Not described.", "Not the best fit")


@given(vignette=st.sampled_from(DECK.vignettes), chosen=choices)
def test_no_feedback_line_states_two_verdicts(vignette, chosen):
    result = grade(DECK, vignette, chosen)
    for line in result.lines[1:-1]:
        heading, _, reason = line.partition(" \N{EM DASH} ")
        assert heading.split(":")[0] in ("Right", "Defensible", "Also fits", "Not this one",
                                         "Not described in the story"), line
        assert not reason.startswith(VERDICT_WORDS), line


def test_noor_feedback_for_automatic_positive():
    lines = grade(DECK, "noor-guilt", ["automatic-positive"]).lines
    assert lines[0] == "Not quite."
    assert lines[1].startswith("Also fits: " + DECK.functions["automatic-negative"].label)
    assert lines[2] == ("Not this one: " + DECK.functions["automatic-positive"].label
                        + " \N{EM DASH} Nothing wanted was added.")


def test_not_described_keeps_its_own_heading():
    line = grade(DECK, "jordan-heard", ["automatic-negative", "social-positive"]).lines[2]
    assert line.startswith("Not described in the story: ")


@pytest.mark.parametrize("v", DECK.vignettes, ids=lambda v: v.id)
def test_answer_text_states_each_verdict_once(v):
    text = sorter.answer_text(DECK, v)
    assert "Arguable" not in text
    assert text.count("Also defensible:") == len(v.arguable)
    for f in v.arguable:
        assert sorter.split_reason(v.reasons[f])[1] in text


def test_verdicts():
    priya = DECK.vignette("priya-argument")
    assert grade(DECK, priya, ["social-positive"]).lines[0] == "Not quite."
    alex = DECK.vignette("alex-grief")
    assert grade(DECK, alex, ["automatic-negative"]).lines[0] == "Partly."
    assert grade(DECK, alex, alex.answers).lines[0] == "Yes: you found all of them."
    tomas = DECK.vignette("tomas-numb")
    assert grade(DECK, tomas, ["automatic-negative"]).lines[0] == \
        "Defensible, but not the best fit."


def test_grade_accepts_an_id_and_rejects_unknown_functions_and_stories():
    assert grade(DECK, "priya-argument", ["automatic-negative"]).correct
    with pytest.raises(VignetteError, match="'relief' is not a function"):
        grade(DECK, "priya-argument", ["relief"])
    with pytest.raises(VignetteError, match="no story with id 'nobody'"):
        grade(DECK, "nobody", [])


# --- bad data gives clear errors ------------------------------------------------------------------

def broken(change):
    raw = copy.deepcopy(RAW)
    change(raw)
    return raw


def story(n):
    return lambda raw: raw["vignettes"][n]


FILE = r"function-vignettes\.yml"


def at(story):
    return rf"{FILE}, story '{story}': field"


@pytest.mark.parametrize("change, message", [
    (lambda r: r.pop("functions"), rf"{FILE}: field 'functions': Field required"),
    (lambda r: r.update(level="easy"), rf"{FILE}: field 'level': Extra inputs are not permitted"),
    (lambda r: r["functions"].pop("social-positive"),
     rf"{FILE}: field 'functions': must describe exactly these five choices: .* "
     r"\(missing social-positive\)"),
    (lambda r: r["functions"].pop("none"), r"exactly these five choices: .* \(missing none\)"),
    (lambda r: r["functions"].update(relief={"label": "Relief", "description": "Relief."}),
     rf"{FILE}, function 'relief': field 'id': Input should be 'automatic-negative'"),
    (lambda r: r["functions"].update(none="None of these"),
     rf"{FILE}, function 'none': expected a mapping of fields"),
    (lambda r: r["vignettes"][0].update(answers=["automatic-negative", "none"]),
     rf"{at('priya-argument')} 'answers': 'none' can only be the one answer of a story"),
    (lambda r: r["vignettes"][1].update(arguable=["none"]),
     rf"{at('tomas-numb')} 'arguable': 'none' can only be the one answer"),
    (lambda r: r["vignettes"][7]["reasons"].pop("none"),
     rf"{at('mia-worse')} 'reasons': needs one line for each of .*none \(missing none\)"),
    (lambda r: r["functions"]["social-negative"].pop("label"),
     rf"{FILE}, function 'social-negative': field 'label': Field required"),
    (lambda r: r["functions"]["automatic-positive"].update(description="  "),
     rf"{FILE}, function 'automatic-positive': field 'description': must be a non-empty text"),
    (lambda r: r.update(vignettes=[]), rf"{FILE}: expected a non-empty list of story records"),
    (lambda r: r["vignettes"].append("just text"), rf"{FILE}, story 9: expected a mapping"),
    (lambda r: r["vignettes"][0].pop("id"), rf"{FILE}, story 1: field 'id': Field required"),
    (lambda r: r["vignettes"][1].update(id="Tomas Numb"),
     rf"{at('Tomas Numb')} 'id': 'Tomas Numb' is not lower-case words joined by hyphens"),
    (lambda r: r["vignettes"][2].update(id="priya-argument"),
     rf"{at('priya-argument')} 'id': used by more than one story"),
    (lambda r: r["vignettes"][0].update(answers=[]),
     rf"{at('priya-argument')} 'answers': must list at least one"),
    (lambda r: r["vignettes"][0].update(answers="automatic-negative"),
     rf"{at('priya-argument')} 'answers': must be a list"),
    (lambda r: r["vignettes"][0].update(answers=["relief"]),
     rf"{at('priya-argument')} 'answers\[1\]': Input should be 'automatic-negative', "
     r"'automatic-positive', 'social-negative', 'social-positive' or 'none' \(found 'relief'\)"),
    (lambda r: r["vignettes"][0].update(answers=["automatic-negative", "automatic-negative"]),
     rf"{at('priya-argument')} 'answers': lists a function twice"),
    (lambda r: r["vignettes"][1].update(arguable=["automatic-positive"]),
     rf"{at('tomas-numb')} 'arguable': repeats a function from 'answers'"),
    (lambda r: r["vignettes"][1].update(arguable="automatic-negative"),
     rf"{at('tomas-numb')} 'arguable': must be a list"),
    (lambda r: r["vignettes"][3].pop("story"), rf"{at('lena-gathering')} 'story': Field required"),
    (lambda r: r["vignettes"][3].update(name=7),
     rf"{at('lena-gathering')} 'name': Input should be a valid string"),
    (lambda r: r["vignettes"][4].pop("explanation"),
     rf"{at('alex-grief')} 'explanation': Field required"),
    (lambda r: r["vignettes"][5]["reasons"].pop("social-negative"),
     rf"{at('sam-thoughts')} 'reasons': needs one line for each of .* \(missing social-negative\)"),
    (lambda r: r["vignettes"][5]["reasons"].update(relief="Fits. It eased."),
     rf"{at('sam-thoughts')} 'reasons\.relief\.\[key\]': Input should be 'automatic-negative'"),
    (lambda r: r["vignettes"][6]["reasons"].update({"social-positive": ""}),
     rf"{at('noor-guilt')} 'reasons\.social-positive': must be a non-empty text"),
    (lambda r: r["vignettes"][0]["reasons"].update({"automatic-negative": "It fits."}),
     rf"{at('priya-argument')} 'reasons': the line for 'automatic-negative' must start with "
     r"'Fits\.' and then say why"),
    (lambda r: r["vignettes"][0]["reasons"].update({"automatic-negative": "Fits."}),
     rf"{at('priya-argument')} 'reasons': the line for 'automatic-negative' must start with"),
    (lambda r: r["vignettes"][1]["reasons"].update({"automatic-negative": "Fits. It does."}),
     rf"{at('tomas-numb')} 'reasons': the line for 'automatic-negative' must start with "
     r"'Arguable\.'"),
    (lambda r: r["vignettes"][6]["reasons"].update({"automatic-positive": "Not the best fit. "
                                                                          "Guilt eased."}),
     rf"{at('noor-guilt')} 'reasons': the line for 'automatic-positive' must start with "
     r"'Does not fit\.' or 'Not described\.'"),
], ids=lambda x: x if isinstance(x, str) else "")
def test_bad_data_names_the_record_and_the_field(change, message):
    with pytest.raises(VignetteError, match=message):
        parse(broken(change))


@pytest.mark.parametrize("raw", [None, [], "text", 3])
def test_data_that_is_not_a_mapping(raw):
    with pytest.raises(VignetteError, match="function-vignettes.yml: expected a mapping with "
                                             "functions, vignettes"):
        parse(raw)


def test_vignette_error_is_a_value_error():
    assert issubclass(VignetteError, DataError) and issubclass(VignetteError, ValueError)


def test_load_from_a_path(tmp_path):
    path = tmp_path / "stories.yml"
    path.write_text(yaml.safe_dump(RAW, allow_unicode=True), encoding="utf-8")
    assert sorter.load(path) == DECK


# --- static version and widget --------------------------------------------------------------------

def test_static_html_folds_every_answer():
    text = sorter.static_html(DECK)
    assert text.count("<details>") == len(DECK.vignettes)
    assert text.count("<summary>Show answer</summary>") == len(DECK.vignettes)
    for v in DECK.vignettes:
        before_answer = text.split(v.story.replace('"', "&quot;"))[0]
        assert v.name in before_answer
    assert not lint_text(text)


def test_widget_remembers_ticks_and_checks():
    widget = sorter.function_sorter()
    assert all(box.description for box in widget.boxes.values())
    assert "Story 1 of" in widget.heading.value
    widget.boxes["automatic-negative"].value = True
    result = widget.check()
    assert result.correct and 'aria-live="polite"' in widget.feedback.value
    widget.go(1)
    assert not widget.boxes["automatic-negative"].value and widget.feedback.value == ""
    widget.go(0)
    assert widget.boxes["automatic-negative"].value
    widget.boxes["automatic-negative"].value = False
    assert widget.ticked["priya-argument"] == set()
    widget.go(-1)
    assert widget.index == len(DECK.vignettes) - 1
    widget.next_button.click()
    assert widget.index == 0


def test_widget_static_fallback():
    bundle = sorter.function_sorter()._repr_mimebundle_()
    assert bundle["text/html"] == sorter.static_html(DECK)
    assert bundle["text/plain"].startswith("Story 1: Priya.")
