"""Timings: each notebook's core path adds up to at most 30 minutes by its own "Time to here"
lines, going-deeper parts are marked and tagged, and bad timings are caught with a clear message."""

from nbformat.v4 import new_markdown_cell, new_notebook

from reliefcycle.core import timings


def test_every_notebook_keeps_to_its_times(notebook):
    path, nb = notebook
    assert timings.problems(nb, path.name) == []


def test_long_notebooks_have_a_core_path_of_30_minutes_or_less(notebook):
    path, nb = notebook
    if timings.total(nb) > timings.LONG:
        assert timings.core_minutes(nb) <= timings.CORE_MAX, path.name


def toy(*sections, total=40, stated=None):
    """A notebook with an Overview and sections given as (minutes-to-here, going-deeper)."""
    overview = f"## Overview\n\n**Time:** about {total} min" + (
        f"; the **core path** about {stated} min" if stated is not None else "")
    cells = [new_markdown_cell(overview)]
    for n, (start, deeper) in enumerate(sections, start=1):
        marker = "\n\n**Going deeper** (optional)." if deeper else ""
        cell = new_markdown_cell(f"## {n}. Part\n\n*Time to here: {start} min*{marker}")
        if deeper:
            cell.metadata["tags"] = [timings.TAG]
        cells.append(cell)
    return new_notebook(cells=cells)


def test_core_path_is_the_total_less_going_deeper_parts():
    nb = toy((0, False), (10, True), (25, False), total=40, stated=25)
    assert timings.core_minutes(nb) == 25
    assert timings.problems(nb, "toy") == []


def test_long_notebook_without_a_core_path_is_named():
    found = timings.problems(toy((0, False), (20, False), total=40), "toy")
    assert any("needs a core path" in p for p in found)


def test_core_path_over_30_minutes_is_named():
    found = timings.problems(toy((0, False), (35, True), total=45, stated=35), "toy")
    assert "toy: the core path adds up to 35 min by its 'Time to here' lines (at most 30)" in found


def test_overview_must_state_the_computed_core_path():
    found = timings.problems(toy((0, False), (10, True), (25, False), total=40, stated=20), "toy")
    assert any("should say '**core path** about 25 min'" in p for p in found)


def test_untagged_going_deeper_cell_is_named():
    nb = toy((0, False), (10, True), (25, False), total=40, stated=25)
    nb.cells.insert(3, new_markdown_cell("More of the deeper part."))
    assert any("cell 2: every cell" in p for p in timings.problems(nb, "toy"))


def test_tag_outside_a_marked_part_is_named():
    nb = toy((0, False), (25, False), total=30)
    nb.cells[1].metadata["tags"] = [timings.TAG]
    assert any("outside a part marked" in p for p in timings.problems(nb, "toy"))


def test_times_that_run_backwards_are_named():
    found = timings.problems(toy((0, False), (20, False), (10, False), total=30), "toy")
    assert any("runs backwards" in p for p in found)


def test_missing_total_is_named():
    nb = toy((0, False))
    nb.cells[0].source = "## Overview"
    assert timings.problems(nb, "toy") == ["toy: the Overview needs '**Time:** about N min'"]


def test_over_50_minutes_is_named():
    found = timings.problems(toy((0, False), (10, True), total=55, stated=10), "toy")
    assert any("no notebook may take more than 50" in p for p in found)

