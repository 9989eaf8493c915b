"""The book's build script: the table of contents follows the notebooks that exist, each page
is titled by its notebook's H1 with the content note right after it, and the landing page gets
the notebook list and the support cell from their one sources. (The built site itself is tested
in a browser: tests/browser/test_book.py.)"""

import importlib.util

import nbformat
import yaml

from reliefcycle.core.safety import support_cell

from paths import NOTEBOOKS, ROOT, read

_spec = importlib.util.spec_from_file_location("book_build", ROOT / "book" / "build.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)
md = nbformat.v4.new_markdown_cell


def test_title_moves_in_front_of_the_content_note():
    nb = nbformat.v4.new_notebook()
    nb.cells = [md("<!-- safe-messaging: content-note -->\n## Content note\n\nCalm."),
                md("# The title\n\nOne line.\n\n*Version 1.0*"), md("## Overview")]
    out = build.book_notebook(nb)
    assert [c.source.splitlines()[0] for c in out.cells] == [
        "# The title", "<!-- safe-messaging: content-note -->", "One line.", "## Overview"]
    assert nb.cells[0].source.startswith("<!--")  # the original is untouched


def test_every_notebook_is_titled_by_its_h1(tmp_path):
    for path in NOTEBOOKS:
        out = build.book_notebook(read(path))
        assert out.cells[0].source.startswith("# "), path.name
        assert "Content note" in out.cells[1].source, path.name
        assert build.notebook_title(path) == out.cells[0].source[2:].strip()


def test_toc_lists_notebooks_in_order_then_appendices_then_teaching():
    toc = yaml.safe_load(build.toc_yaml(["00_a", "02_b", "A_glossary"], ["teaching/guide.md"]))
    assert toc["root"] == "intro"
    assert [p["caption"] for p in toc["parts"]] == ["The notebooks", "Reference", "For teachers"]
    assert toc["parts"][0]["chapters"] == [{"file": "notebooks/00_a"}, {"file": "notebooks/02_b"}]
    assert toc["parts"][1]["chapters"] == [{"file": "notebooks/A_glossary"}]
    assert toc["parts"][2]["chapters"] == [{"file": "teaching/guide"}]


def test_landing_page_gets_the_notebooks_and_the_support_cell():
    text = build.render_intro((ROOT / "book" / "intro.md").read_text(encoding="utf-8"), NOTEBOOKS)
    for path in NOTEBOOKS:
        assert f"](notebooks/{path.name})" in text
    assert support_cell() in text
    assert "filled in by book/build.py" not in text


def test_unused_extensions_are_dropped(tmp_path):
    conf = tmp_path / "conf.py"
    conf.write_text("extensions = ['myst_nb', 'sphinx_thebe', 'sphinx_comments', 'sphinx_design']\n")
    build.drop_unused_extensions(conf)
    assert conf.read_text() == "extensions = ['myst_nb', 'sphinx_design']\n"
