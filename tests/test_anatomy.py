"""Every notebook follows the series' anatomy; bad fixtures are caught with a clear message."""

from reliefcycle.core import anatomy

from paths import fixture_notebook


def test_every_notebook_follows_the_anatomy(notebook):
    path, nb = notebook
    assert anatomy.problems(nb, path.name) == []


def test_good_fixture_passes():
    assert anatomy.problems(fixture_notebook("good.ipynb"), "good") == []


def test_out_of_order_fixture_fails_naming_the_cell():
    found = anatomy.problems(fixture_notebook("out_of_order.ipynb"), "out_of_order.ipynb")
    assert any("out_of_order.ipynb, cell" in p and "out of order" in p for p in found)


def test_missing_content_note_fails():
    found = anatomy.problems(fixture_notebook("missing_content_note.ipynb"), "m")
    assert "m, cell 0: the content note must be the first cell" in found


def test_second_h1_fails():
    nb = fixture_notebook("good.ipynb")
    nb.cells[3].source = "# Another title\n\n" + nb.cells[3].source
    assert any("exactly one H1" in p for p in anatomy.problems(nb, "x"))


def test_activity_without_discussion_fails():
    nb = fixture_notebook("good.ipynb")
    nb.cells[5].source = "Nothing to discuss here."
    assert any("has no Discussion" in p for p in anatomy.problems(nb, "x"))


def test_key_points_need_three_to_six_bullets():
    nb = fixture_notebook("good.ipynb")
    nb.cells[6].source = '<a id="key-points"></a>\n## Key points\n\n- only one'
    assert any("3 to 6 bullets" in p for p in anatomy.problems(nb, "x"))


def test_section_without_time_to_here_fails():
    nb = fixture_notebook("good.ipynb")
    nb.cells[3].source = nb.cells[3].source.replace("*Time to here: 0 min*", "")
    assert any("Time to here" in p for p in anatomy.problems(nb, "x"))


def test_skipped_heading_level_fails():
    nb = fixture_notebook("good.ipynb")
    nb.cells[4].source = "#### Deep heading\n\n" + nb.cells[4].source
    assert any("skips a level" in p for p in anatomy.problems(nb, "x"))


def test_headings_inside_code_blocks_are_ignored():
    assert anatomy.headings("```\n# not a heading\n```\n## Real") == [(2, "Real")]
