"""Slides: the outlines of the decks (one idea a slide, facts and notes from the notebooks'
cells), their checks, the support slides, the class plan's deck, and decks that load nothing
from another machine. Also the offline checks shared by the book, the slides and the
handouts."""

import re

import pytest
import yaml

from reliefcycle.core.safety import SUPPORT_MARKER
from reliefcycle.publish import deck, offline, outline, outline_decks, support_screens
from reliefcycle.publish.outline import OutlineError

from paths import NOTEBOOKS, ROOT

GUIDE = ROOT / "teaching" / "facilitator-guide.md"
FIGURES = ROOT / "figures"


@pytest.fixture(scope="module")
def built():
    """Every deck of the series (notebooks and class plans), checked, and what they read."""
    return deck.decks(ROOT / "notebooks")


def test_every_notebook_has_a_deck_and_every_deck_passes_its_checks(built):
    decks, ctx = built
    names = [d.name for d in decks]
    assert names[:len(NOTEBOOKS)] == [p.stem for p in NOTEBOOKS]
    assert "class-50" in names
    for d in decks:  # decks() raised if any check failed; the anatomy holds too
        assert d.slides[0].id == "content-note"
        assert d.slides[-1].markdown.rstrip().endswith(
            re.search(r"Resources last checked: \S+", d.slides[-1].markdown).group(0))
        content = [s for s in d.slides if s.kind == "content" and not s.guide]
        assert all(s.body_words() <= outline.BODY_WORDS for s in content)
        assert all(s.notes or s.say for s in content)


def test_every_presenter_note_of_a_notebook_reaches_its_deck(built):
    decks, ctx = built
    for d in decks:
        if d.name in ctx["sources"]:
            used = {c for s in d.slides for c in s.notes}
            cells = ctx["sources"][d.name].nb.cells
            tagged = [c.id for c in cells if "notes" in c.metadata.get("tags", [])]
            assert [c for c in tagged if c not in used] == [], d.name


def test_support_is_split_into_screens_that_keep_every_word(built):
    decks, ctx = built
    source = ctx["sources"]["02_the_cycle"]
    parts = support_screens.support_slides(source)
    assert [p.id for p in parts][0] == "support-and-help" and len(parts) > 1
    assert all(len(p.markdown.split()) <= outline.SAFETY_WORDS for p in parts)
    original = outline.HTML_COMMENT.sub("", source.marked(SUPPORT_MARKER, "support"))
    joined = " ".join(p.markdown for p in parts)
    for line in original.splitlines():
        if line.startswith("|") and "---" not in line:
            assert line.strip() in joined  # no helpline row is lost or cut
    assert "Resources last checked" in parts[-1].markdown


def test_class_deck_follows_the_plan_of_the_facilitator_guide(built):
    decks, _ = built
    (plan,) = [d for d in decks if d.name == "class-50"]
    rows = outline.plan_rows(GUIDE, "Plan A: a 50-minute class")
    timed = [s for s in plan.slides if s.timing]
    assert [s.timing.split("**")[1].split(" ")[0] for s in timed] == [r["time"] for r in rows]
    assert sum(outline.minutes(r["time"]) for r in rows) == 50
    assert plan.slides[0].id == "content-note" and plan.slides[-1].kind == "safety"
    assert any(s.live for s in plan.slides)  # the explorer, with how to switch to JupyterLab


def test_every_notebook_has_an_outline_and_every_outline_a_notebook():
    outlines = {p.stem for p in outline.data_dir().glob("*.yml")
                if not p.match(deck.CLASS_PLANS)}
    assert outlines == {p.stem for p in NOTEBOOKS}


def test_going_deeper_slides_are_marked_and_the_class_deck_keeps_to_the_core_path(built):
    decks, ctx = built
    by_name = {d.name: d for d in decks}
    for name in ("03_why_people_self_injure", "04_brain_and_body", "05_breaking_the_cycle"):
        source, slides = ctx["sources"][name], by_name[name].slides
        tagged = {c.id for c in source.nb.cells if outline.DEEPER_TAG in c.metadata.get("tags", [])}
        assert tagged, name
        assert [s.id for s in slides if s.deeper] == \
            [s.id for s in slides if tagged & {*s.notes, s.output, s.live}], name
        assert any(s.deeper for s in slides) and not all(s.deeper for s in slides), name
        shown = deck.slide_markdown(next(s for s in slides if s.deeper), source, {}, GUIDE)
        assert outline.DEEPER_LABEL in shown
    plain = next(s for s in by_name["02_the_cycle"].slides if s.kind == "content")
    assert outline.DEEPER_LABEL not in deck.slide_markdown(plain, None, {}, GUIDE)
    assert [s.id for s in by_name["class-50"].slides if s.deeper] == []


def test_a_plan_that_leaves_the_core_path_is_refused(built, tmp_path):
    decks, ctx = built
    by_name = {d.name: d for d in decks}
    optional = next(s for s in by_name["05_breaking_the_cycle"].slides if s.deeper)
    data = yaml.safe_load((outline.data_dir() / "class-50.yml").read_text())
    data["segments"][-2]["slides"].append(f"05_breaking_the_cycle:{optional.id}")
    path = tmp_path / "class-50.yml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(OutlineError, match="going-deeper parts"):
        outline_decks.class_deck(path, by_name, ctx["sources"], GUIDE)


def test_a_plan_whose_times_differ_from_the_guide_is_refused(built, tmp_path):
    decks, ctx = built
    data = yaml.safe_load((outline.data_dir() / "class-50.yml").read_text())
    data["segments"][1]["time"] = "0:05-0:15"
    path = tmp_path / "class-50.yml"
    path.write_text(yaml.safe_dump(data))
    by_name = {d.name: d for d in decks}
    with pytest.raises(OutlineError, match="do not match the rows"):
        outline_decks.class_deck(path, by_name, ctx["sources"], GUIDE)


def check_one(ctx, **fields) -> list[str]:
    slide = outline.Slide(**{"id": "x", "title": "A headline", "stem": "02_the_cycle", **fields})
    d = outline.Deck("02_the_cycle", "t", [slide])
    return outline.check(d, ctx["sources"], FIGURES, GUIDE)


@pytest.mark.parametrize("fields, message", [
    ({"notes": ["nonexistent"]}, "has no cell with id 'nonexistent'"),
    ({"body": "word " * 41, "notes": ["ba6a7df7"]}, "41 words of body"),
    ({"title": "one two three four five six seven eight nine ten eleven", "notes": ["ba6a7df7"]},
     "headline of 11 words"),
    ({"body": "About 97% of people.", "notes": ["ba6a7df7"]}, "the number 97 is not in the cells"),
    ({"body": "See [Lattal, 2010](#ref-lattal2010delayed).", "notes": ["ba6a7df7"]},
     "citations belong in the notes"),
    ({"body": "It works for a cutter.", "notes": ["ba6a7df7"]}, "error"),
    ({}, "needs presenter notes"),
    ({"figure": "no-such-figure", "notes": ["ba6a7df7"]}, "no figure no-such-figure.svg"),
    ({"output": "ba6a7df7", "notes": ["ba6a7df7"]}, "saved no image"),
])
def test_outline_problems_are_named(built, fields, message):
    _, ctx = built
    problems = check_one(ctx, **fields)
    assert any(message in p for p in problems), problems


def test_a_clean_slide_passes(built):
    _, ctx = built
    assert check_one(ctx, body="Negative means removed, not bad.", notes=["ba6a7df7"]) == []


def test_outline_files_are_validated_against_the_schema(tmp_path):
    path = tmp_path / "02_the_cycle.yml"
    path.write_text("notebook: 02_the_cycle\nslides:\n  - id: Bad Id\n    title: x\n")
    with pytest.raises(OutlineError, match="does not match"):
        outline.load_yaml(path, outline.SCHEMA)
    with pytest.raises(OutlineError, match="no slide outline"):
        outline.load_yaml(tmp_path / "missing.yml", outline.SCHEMA)


def test_notes_carry_the_notebook_text_with_full_references(built):
    decks, ctx = built
    d = next(d for d in decks if d.name == "02_the_cycle")
    nb = deck.deck_notebook(d, ctx["sources"], {}, GUIDE)
    notes = [c.source for c in nb.cells if c.metadata.slideshow.slide_type == "notes"]
    assert len(notes) == len(d.slides)
    cycle = next(n for n in notes if "experiential avoidance model" in n)
    assert "Live version in JupyterLab" in cycle and "**References**" in cycle
    assert "(#ref-" not in cycle  # citations as text; the full references follow
    assert "10.1016" in cycle or "doi" in cycle.lower()


def test_deck_loads_only_local_files(built):
    decks, ctx = built
    nb = deck.deck_notebook(decks[0], ctx["sources"], {}, GUIDE)
    html, _ = deck.exporter().from_notebook_node(nb)
    assert offline.external_in_html(html) == []
    assert 'src="vendor/reveal.js/dist/reveal.js"' in html
    assert 'src="vendor/mathjax/tex-svg.js"' in html
    assert "Content note" in html and "Support and help" in html


def test_build_writes_decks_index_and_vendor(tmp_path):
    node_modules = ROOT / "node_modules"
    if not (node_modules / "reveal.js").is_dir():
        pytest.skip("node_modules missing: run `npm ci`")
    written = deck.build(ROOT / "notebooks", tmp_path, node_modules, only=[NOTEBOOKS[0].stem])
    assert [p.name for p in written] == [f"{NOTEBOOKS[0].stem}.slides.html"]
    assert "class-50.slides.html" in (tmp_path / "index.html").read_text()
    assert (tmp_path / "vendor" / "reveal.js" / "dist" / "theme" / f"{deck.THEME}.css").exists()
    assert offline.external_resources(tmp_path) == []


# --- offline checks ---------------------------------------------------------------------------

@pytest.mark.parametrize("html", [
    '<script src="https://cdn.example.org/x.js"></script>',
    '<link rel="stylesheet" href="//cdn.example.org/x.css">',
    '<img alt="x" src="http://example.org/x.png">',
    '<style>@import url(https://fonts.example.org/css);</style>',
    '<script type="module">import mermaid from "https://cdn.example.org/m.mjs";</script>',
])
def test_external_resources_are_found(html):
    assert offline.external_in_html(html)


@pytest.mark.parametrize("html", [
    '<a href="https://doi.org/10.1/x">a reference</a>',
    '<script src="vendor/x.js"></script>',
    '<img alt="x" src="data:image/png;base64,AAAA">',
    '<link rel="icon" href="data:,">',
])
def test_local_files_and_plain_links_are_fine(html):
    assert offline.external_in_html(html) == []


def test_external_resources_in_a_stylesheet_are_found(tmp_path):
    (tmp_path / "a.css").write_text("@import url(https://fonts.example.org/x);")
    (tmp_path / "index.html").write_text("<p>fine</p>")
    assert offline.external_resources(tmp_path) == ["a.css: https://fonts.example.org/x"]
    with pytest.raises(offline.OfflineError, match="fonts.example.org"):
        offline.require_offline(tmp_path)


def test_vendor_names_what_is_missing(tmp_path):
    with pytest.raises(offline.OfflineError, match=r"reveal.js/dist/reveal.js.*npm ci"):
        offline.vendor(offline.REVEAL, tmp_path / "node_modules", tmp_path / "out")
