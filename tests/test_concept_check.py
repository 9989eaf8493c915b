"""The concept check: its data file (schema, lint, citations, sections), scoring, anonymous
codes, the class view with small counts withheld, private storage, and the widget."""

import html
import re

import nbformat
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from reliefcycle.activities import concept_check as widget
from reliefcycle.activities import saved_answers
from reliefcycle.core import safety
from reliefcycle.models import concept_check as cc

from paths import ROOT

CHECK = cc.load()
RAW = yaml.safe_load((ROOT / "src/reliefcycle/data/concept-check.yml").read_text(encoding="utf-8"))
IDS = [i.id for i in CHECK.items]
answer_sets = st.lists(st.tuples(st.sampled_from([None, True, False]), st.integers(1, 4)),
                       min_size=len(IDS), max_size=len(IDS)).map(
    lambda pairs: {k: cc.Answer(r, None if r is None else c) for k, (r, c) in zip(IDS, pairs, strict=True)})


def test_the_check_has_12_to_16_items_across_every_topic():
    assert 12 <= len(CHECK.items) <= 16
    assert {i.topic for i in CHECK.items} == set(cc.TOPICS)


def test_items_pass_the_language_lint():
    for item in CHECK.items:
        text = f"{item.statement}\n{item.correction}\n{item.strength}"
        assert safety.lint_text(text, item.id) == []


def test_evidence_keys_are_in_the_bibliography_and_cited_in_notebook_07(bib):
    nb07 = (ROOT / "notebooks/07_looking_back.ipynb").read_text(encoding="utf-8")
    for item in CHECK.items:
        for key in item.evidence:
            assert key in bib, f"{item.id}: {key}"
            assert f"(#ref-{key})" in nb07, f"notebook 07 does not cite {key} ({item.id})"


def test_each_section_exists_with_its_title():
    for item in CHECK.items:
        nb = nbformat.read(ROOT / "notebooks" / f"{item.section.notebook}.ipynb", as_version=4)
        heading = f"## {item.section.number}. {item.section.title}"
        assert any(heading in c.source.splitlines() for c in nb.cells), f"{item.id}: {heading}"


def bad(change):
    raw = yaml.safe_load(yaml.safe_dump(RAW))
    change(raw)
    return raw


def item(index, section=False, **fields):
    """A change to item ``index`` (or its section): new field values, ``None`` removes a field."""
    def change(raw):
        record = raw["items"][index]["section"] if section else raw["items"][index]
        record.update(fields)
        for name in [n for n, v in fields.items() if v is None]:
            del record[name]
    return change


FIELDS = "id, topic, kind, statement, answer, correction, evidence, strength, section"


@pytest.mark.parametrize("change, message", [
    (item(0, answer=True), "x.yml, item 'suicide-intent': field 'answer': a myth's answer must be false"),
    (item(1, answer=False), "x.yml, item 'how-common': field 'answer': a fact's answer must be true"),
    (item(1, evidence=None), "x.yml, item 'how-common': field 'evidence': Field required"),
    (item(1, evidence=[]), "item 'how-common': field 'evidence': must list at least one"),
    (item(2, topic="gossip"), "x.yml, item 'only-girls': field 'topic': Input should be 'what-it-is'"),
    (item(2, kind="rumour"), "field 'kind': Input should be 'myth' or 'fact' (found 'rumour')"),
    (item(2, statement="Too short."), "field 'statement': String should have at least 20 characters"),
    (item(2, strength=" "), "item 'only-girls': field 'strength'"),
    (item(3, section=True, number="one"), "x.yml, item 'negative-reinforcement': field 'section.number'"),
    (item(3, section=True, notebook="the cycle"),
     "field 'section.notebook': 'the cycle' is not a notebook file stem"),
    (item(3, section=True, title=None), "field 'section.title': Field required"),
    (item(0, correction="Actually it is more complicated than that, so."),
     "item 'suicide-intent': field 'correction': the correction of a myth must start with 'Not so.'"),
    (item(0, id="Suicide intent"), "item 'Suicide intent': field 'id': 'Suicide intent' is not lower-case"),
    (item(1, id="suicide-intent"), "x.yml, item 'suicide-intent': field 'id': used by more than one item"),
    (lambda r: r.update(items=r["items"][:5]),
     "x.yml: field 'items': the check has 12 to 16 items (found 5)"),
    (lambda r: r.pop("items"), "x.yml: expected a non-empty list of item records"),
    (lambda r: r.update(version=0), "x.yml: field 'version': Input should be greater than or equal to 1"),
    (item(4, colour="red"), "x.yml, item 'quick-relief-teaches': field 'colour': Extra inputs are not "
                            f"permitted (the fields are: {FIELDS})"),
    (item(4, section=True, page=3),
     "field 'section.page': Extra inputs are not permitted (the fields are: notebook, number, title)"),
])
def test_bad_data_names_file_item_and_field(change, message):
    with pytest.raises(cc.ConceptCheckError) as error:
        cc.parse(bad(change), "x.yml")
    assert message in str(error.value)


def test_a_file_that_is_not_a_mapping_is_named():
    with pytest.raises(cc.ConceptCheckError, match="x.yml: expected a mapping with version, items"):
        cc.parse(["a list"], "x.yml")


def test_load_from_a_file_names_it(tmp_path):
    path = tmp_path / "mine.yml"
    path.write_text(yaml.safe_dump(bad(lambda r: r["items"][0].pop("statement"))))
    with pytest.raises(cc.ConceptCheckError, match=r"mine.yml, item 'suicide-intent': field 'statement'"):
        cc.load(path)


@given(answer_sets, st.sampled_from(["before", "after"]))
def test_codes_round_trip(answers, phase):
    code = cc.encode(CHECK, phase, answers)
    assert re.fullmatch(r"[AB](-[A-Z2-7]{4}){4}", code)
    assert cc.decode(CHECK, code.lower().replace("-", " ")) == (phase, answers)


@given(answer_sets, st.integers(0, 15), st.sampled_from("ACDEFGHJKMNPQRSTVWXYZ"))
def test_a_mistyped_code_is_refused(answers, position, letter):
    code = cc.encode(CHECK, "before", answers)
    body = code[2:].replace("-", "")
    typo = body[:position] + letter + body[position + 1:]
    if typo != body:
        with pytest.raises(cc.ConceptCheckError, match="mistyped|not a valid"):
            cc.decode(CHECK, "B-" + typo)


@pytest.mark.parametrize("code, message", [
    ("X-AAAA", "must start with B"), ("B-!!!!", "characters a code never has"), ("B-AAAA", "mistyped"),
])
def test_bad_codes_are_named(code, message):
    with pytest.raises(cc.ConceptCheckError, match=message):
        cc.decode(CHECK, code)


@given(answer_sets, answer_sets)
def test_changes_and_scores_agree(before, after):
    found = cc.changes(CHECK, before, after)
    right_after = sum(c.group in ("now right", "still right", "right but unsure") for c in found)
    assert right_after == cc.score(CHECK, after)
    cal = cc.calibration(CHECK, after)
    assert sum(cal.right.values()) == right_after
    assert all(0 <= (cal.share(k) or 0) <= 1 for k in cc.CONFIDENCE)


def everyone(right: bool, phase: str) -> str:
    return cc.encode(CHECK, phase, {i.id: cc.Answer(i.answer if right else not i.answer, 4)
                                    for i in CHECK.items})


def test_class_view_withholds_groups_under_five():
    view = cc.class_view(CHECK, [everyone(True, "before")] * 6 + [everyone(False, "before")] * 2
                         + [everyone(True, "after")] * 4)
    assert all(r.before is None and r.after is None for r in view.rows)
    assert view.markdown().count("not shown |") == 2 * len(CHECK.items)


def test_class_view_counts_and_common_myths():
    view = cc.class_view(CHECK, [everyone(False, "before")] * 5 + [everyone(True, "after")] * 5
                         + [everyone(False, "after")] * 5 + [""])
    assert view.sizes == {"before": 5, "after": 10}
    assert view.rows[0].before == (0, 5) and view.rows[0].after == (5, 10)
    assert len(view.still_common()) == sum(i.kind == "myth" for i in CHECK.items)
    text = view.markdown()
    assert text.index("The myths above, corrected") > text.index("Myths still common")


def test_class_view_shows_nothing_for_a_phase_with_fewer_than_five_codes():
    view = cc.class_view(CHECK, [everyone(True, "before")] * 4 + [everyone(True, "after")] * 5)
    assert all(r.before is None for r in view.rows)
    assert all(r.after == (5, 5) for r in view.rows)
    assert "Run this once, after all codes are in" in view.markdown()


def test_class_view_names_the_bad_line():
    with pytest.raises(cc.ConceptCheckError, match="line 2: code 'nonsense'"):
        cc.class_view(CHECK, [everyone(True, "after"), "nonsense"])


def test_answers_are_saved_outside_the_repository_and_deleted(tmp_path, monkeypatch):
    monkeypatch.setenv("RELIEFCYCLE_DATA_DIR", str(tmp_path))
    answers = {i.id: cc.Answer(i.answer, 3) for i in CHECK.items}
    assert saved_answers.save(CHECK, "before", answers).parent == tmp_path
    assert saved_answers.load(CHECK) == {"before": answers}
    assert saved_answers.delete() is True
    assert saved_answers.load(CHECK) == {} and saved_answers.delete() is False


def test_default_place_is_the_user_data_folder(monkeypatch):
    monkeypatch.delenv("RELIEFCYCLE_DATA_DIR", raising=False)
    assert ROOT not in saved_answers.path().parents
    assert "reliefcycle" in str(saved_answers.path())


def test_widget_saves_shows_change_and_deletes(tmp_path, monkeypatch):
    monkeypatch.setenv("RELIEFCYCLE_DATA_DIR", str(tmp_path))
    before = widget.concept_check("before")
    before.rows[0].response.value = True
    assert "how sure" in before.save()
    before.rows[0].confidence.value = 4
    before.save()
    assert "corrected" in before.result.value
    after = widget.concept_check("after")
    for row in after.rows:
        row.response.value, row.confidence.value = row.item.answer, 4
    after.save()
    assert "Now right" in after.result.value and 'alt="Calibration chart' in after.result.value
    assert after.show_code().startswith("A-")
    assert "not been sent" in after.status.value
    assert after.delete() and not (tmp_path / saved_answers.FILE_NAME).exists()


def test_corrections_show_without_saving(tmp_path, monkeypatch):
    monkeypatch.setenv("RELIEFCYCLE_DATA_DIR", str(tmp_path))
    for phase in cc.PHASES:
        check = widget.concept_check(phase)
        assert check.corrections.value == ""
        check.corrections_button.value = True
        for item in CHECK.items:
            if item.kind == "myth":
                assert html.escape(item.correction) in check.corrections.value
        assert check.corrections_button.description == "Hide the corrections"
        check.corrections_button.value = False
        assert check.corrections.value == ""
    assert not (tmp_path / saved_answers.FILE_NAME).exists()


def test_show_my_code_never_writes_to_the_drop_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(saved_answers.DROP_ENV, str(tmp_path))
    check = widget.concept_check("after")
    check.rows[0].response.value = True
    code = check.show_code()
    assert list(tmp_path.iterdir()) == []
    assert "which account sent each code and when" in check.children[len(CHECK.items) + 2].value
    assert check.send_code() == code
    assert [p.read_text() for p in tmp_path.iterdir()] == [code + "\n"]


def test_no_send_button_without_a_hub_folder(monkeypatch):
    monkeypatch.delenv(saved_answers.DROP_ENV, raising=False)
    assert not hasattr(widget.concept_check("after"), "send_button")


def test_code_drop_folder_on_a_hub(tmp_path, monkeypatch):
    monkeypatch.setenv(saved_answers.DROP_ENV, str(tmp_path))
    path = saved_answers.drop_code("B-AAAA")
    assert path.parent == tmp_path and path.read_text() == "B-AAAA\n"
    assert path.stat().st_mode & 0o777 == 0o640  # not readable by other students
    assert saved_answers.drop_code("B-AAAA") != path  # a new random name each time
    monkeypatch.setenv(saved_answers.DROP_ENV, str(tmp_path / "missing"))
    assert saved_answers.drop_code("B-AAAA") is None  # the learner copies the code instead


def test_static_fallback_shows_no_answers_and_corrects_every_myth_at_the_end(tmp_path, monkeypatch):
    monkeypatch.setenv("RELIEFCYCLE_DATA_DIR", str(tmp_path))
    bundle = widget.concept_check("before")._repr_mimebundle_()
    page = bundle["text/html"]
    for item in CHECK.items:
        if item.kind == "myth":
            assert page.index(item.correction.split(".")[1].strip()[:30]) > page.rindex("</ol>")
    assert page == widget.static_html(CHECK)


def test_cli_class_view(tmp_path, capsys):
    from reliefcycle.publish import cli

    (tmp_path / "codes.txt").write_text("\n".join([everyone(True, "after")] * 5))
    assert cli.main(["class-view", str(tmp_path / "codes.txt")]) == 0
    assert "100% (5 of 5)" in capsys.readouterr().out
    (tmp_path / "bad.txt").write_text("B-NOPE\n")
    assert cli.main(["class-view", str(tmp_path / "bad.txt")]) == 1
    assert "line 1" in capsys.readouterr().err


def test_paper_version_corrects_every_myth_after_the_statements(bib):
    from reliefcycle.publish import handouts

    source = (ROOT / "teaching/handouts/concept-check.md").read_text(encoding="utf-8")
    page = html.unescape(handouts.render(source, "concept-check.md", bib, {}).html)
    statements_end = page.index("Answers, with every myth corrected")
    for item in CHECK.items:
        assert page.index(item.statement) < statements_end
        if item.kind == "myth":
            assert page.rindex(item.correction[8:40]) > statements_end


def test_paper_version_without_answers_is_refused(bib):
    from reliefcycle.publish import handouts

    source = "# T\n\n*I.*\n\n<!-- concept-check -->\n\n<!-- references -->\n\n<!-- support -->\n"
    with pytest.raises(handouts.HandoutError, match="needs <!-- concept-check-answers -->"):
        handouts.render(source, "t.md", bib, {})
