"""Slide decks made for presenting: one offline reveal.js deck per notebook, and one per class plan.

    python -m reliefcycle.publish.slides [notebooks] [--out _build/slides] [--only STEM ...]

Each deck follows its outline (``outline``): the content note first, a title slide, one idea per
slide (a headline, the picture or key number, at most about 40 words), then the support
information, split over as many screens as it needs. Everything else a presenter needs (the
explanation, the citations with their full references, the caveats, the timings, how to switch
to JupyterLab for a live part) is in the presenter notes: press **S** in a deck.

The deck is written as a small notebook (one markdown cell per slide, one ``notes`` cell after
it) and turned into HTML by ``nbconvert``'s reveal exporter with our template (``data/slides``),
which loads reveal.js, its notes plugin and MathJax 3 from ``vendor/`` beside the decks, copied
from ``node_modules`` (``npm ci``), so the decks open from a folder.
"""

from __future__ import annotations

import argparse
import html
import sys
from importlib import resources
from pathlib import Path

import nbformat
import yaml

from reliefcycle.core.citations import CITATION_LINK, bibliography
from reliefcycle.publish.offline import MATHJAX, REVEAL, OfflineError, require_offline, sync, vendor

from . import outline, outline_decks
from .outline import Deck, OutlineError, Slide, Source

#: Our own reveal.js theme (data/slides/theme.css): no web fonts, no @import.
THEME = "reliefcycle"
WIDTH, HEIGHT = 1280, 720
#: Layout of a slide, in px of the 1280 x 720 slide: used to size a picture to the room left.
_PAD, _HEADLINE, _HEADLINE_CHARS, _LINE, _CHARS_PER_LINE, _BOTTOM = 28, 69, 42, 41, 72, 34
#: Height of the "going deeper" label above a headline, in px.
_DEEPER = 44
#: Class plans beside the outlines: ``class-NN.yml``.
CLASS_PLANS = "class-*.yml"


def figure_height(slide: Slide) -> int:
    """Height left for a slide's picture under its headline and body, in px."""
    text = [slide.body, *slide.bullets] if slide.body or slide.bullets else []
    lines = sum(-(-len(t) // _CHARS_PER_LINE) for t in text if t)
    gaps = 14 * len([t for t in text if t])
    headline = _HEADLINE * -(-len(slide.title) // _HEADLINE_CHARS) + 16
    return HEIGHT - 2 * _PAD - headline - lines * _LINE - gaps - _BOTTOM - _DEEPER * slide.deeper


def _picture(slide: Slide, source: Source | None, alt_texts: dict) -> str:
    if slide.figure:
        src, alt = f"figures/{slide.figure}.svg", alt_texts.get(slide.figure, "")
    elif slide.output:
        src, alt = source.image(slide.output, slide.id)
    else:
        return ""
    return (f'<img class="rc-figure" src="{src}" alt="{html.escape(alt, quote=True)}" '
            f'style="max-height: {figure_height(slide)}px">')


def slide_markdown(slide: Slide, source: Source | None, alt_texts: dict, guide: Path) -> str:
    """What the room sees."""
    parts = [f'<a id="{slide.id}"></a>']
    if slide.kind == "title":
        parts += [f"# {slide.title}", "*Why self-injury persists*: slides for presenting. "
                  "Press **S** for the presenter notes."]
        return "\n\n".join(parts)
    if slide.deeper:
        parts.append(f'<p class="rc-deeper">{outline.DEEPER_LABEL}</p>')
    parts.append(f"## {slide.title}")
    if slide.markdown:
        parts.append(slide.markdown)
    if slide.body:
        parts.append(slide.body.strip())
    bullets = list(slide.bullets)
    if slide.guide:
        bullets = outline.guide_list(guide, slide.guide)
        parts.append("\n".join(f"{i}. {b}" for i, b in enumerate(bullets, start=1)))
    elif bullets:
        parts.append("\n".join(f"- {b}" for b in bullets))
    picture = _picture(slide, source, alt_texts)
    if picture:
        parts.append(picture)
    return "\n\n".join(parts)


def live_note(slide: Slide, source: Source) -> str:
    return (f"**Live version in JupyterLab.** This slide shows a still picture. To show it live, "
            f"switch to JupyterLab (set up as in the facilitator guide, *Presenting in "
            f"JupyterLab*), open notebook {source.stem} ({source.title()}), go to "
            f"*{source.section_of(slide.live)}* and run the cell there (Shift+Enter). Come back "
            f"to the slides with Alt+Tab.")


def slide_notes(slide: Slide, source: Source | None) -> str:
    """What the presenter sees (press S): timing, what to say, the notebook's text with its
    citations, and the full references of the works cited."""
    parts = [p for p in (slide.timing, slide.say.strip()) if p]
    if slide.live and source:
        parts.append(live_note(slide, source))
    text = outline.notes_sources(slide, source, slide.id) if source else ""
    keys = sorted({m.group(2) for m in CITATION_LINK.finditer(text)})
    if text:
        parts.append(CITATION_LINK.sub(r"\1", text))
    if keys:
        references = bibliography().reference_list(keys)
        parts.append("**References**\n\n" + "\n\n".join(ref for _, ref in references))
    if slide.kind == "safety" and not parts:
        parts.append("Read this slide aloud, calmly; see the facilitator guide, *Opening safely* "
                     "and *Closing safely, and afterwards*.")
    return "\n\n".join(parts)


def deck_notebook(deck: Deck, sources: dict[str, Source], alt_texts: dict, guide: Path):
    """The deck as a notebook that nbconvert's reveal exporter turns into slides."""
    nb = nbformat.v4.new_notebook()
    for slide in deck.slides:
        source = sources.get(slide.stem)
        cell = nbformat.v4.new_markdown_cell(slide_markdown(slide, source, alt_texts, guide))
        cell.metadata["slideshow"] = {"slide_type": "slide"}
        nb.cells.append(cell)
        notes = slide_notes(slide, source)
        if notes:
            note = nbformat.v4.new_markdown_cell(notes)
            note.metadata["slideshow"] = {"slide_type": "notes"}
            nb.cells.append(note)
    nb.metadata["title"] = deck.title
    return nb


def exporter(vendor_prefix: str = "vendor"):
    """nbconvert's slides exporter with our template and local assets."""
    from nbconvert import SlidesExporter

    templates = resources.files("reliefcycle").joinpath("data")
    return SlidesExporter(
        template_name="slides", extra_template_basedirs=[str(templates)],
        reveal_url_prefix=f"{vendor_prefix}/reveal.js", reveal_theme=THEME,
        reveal_transition="none", reveal_number="c/t", reveal_width=str(WIDTH),
        reveal_height=str(HEIGHT), mathjax_url=f"{vendor_prefix}/mathjax/tex-svg.js",
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)


def index_html(decks: list[tuple[str, str]]) -> str:
    """A page listing the decks: (file name, title) pairs."""
    items = "\n".join(f'<li><a href="{html.escape(name)}">{html.escape(text)}</a></li>'
                      for name, text in decks)
    return f"""<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Slides: Why self-injury persists</title>
<style>body {{ font: 20px/1.5 system-ui, sans-serif; max-width: 46em; margin: 2em auto;
padding: 0 1em; color: #1a1a1a; }} a {{ color: #0b5cad; }}</style></head>
<body><main>
<h1>Slides: Why self-injury persists</h1>
<p>One deck per notebook, and one for the 50-minute class of the facilitator guide. Arrow keys
move between slides, <kbd>S</kbd> opens the presenter notes (the explanations, citations and
timings are there), <kbd>F</kbd> shows a deck full screen and <kbd>Esc</kbd> gives an overview.
Every deck opens with its content note and ends with support and help. The interactive parts
run only in JupyterLab; here each shows a still picture, and its notes say how to switch.</p>
<ul>
{items}
</ul>
</main></body></html>
"""


def _copy_assets(out: Path, node_modules: Path, figures: Path) -> None:
    vendor(MATHJAX + REVEAL, node_modules, out / "vendor")
    theme = resources.files("reliefcycle").joinpath("data", "slides", "theme.css").read_text()
    theme_path = out / "vendor" / "reveal.js" / "dist" / "theme" / f"{THEME}.css"
    if not theme_path.exists() or theme_path.read_text() != theme:
        theme_path.parent.mkdir(parents=True, exist_ok=True)
        theme_path.write_text(theme, encoding="utf-8")
    for figure in figures.glob("*"):
        if figure.suffix in (".svg", ".png"):
            sync(figure, out / "figures" / figure.name)


def decks(notebooks: Path, outlines: Path | None = None, only=()) -> tuple[list[Deck], dict]:
    """Every deck (notebooks' decks, then class plans), checked; and the sources they read."""
    from reliefcycle.publish.cli import notebook_paths

    outlines = Path(outlines) if outlines else outline.data_dir()
    root = Path(notebooks).resolve().parent
    figures, guide = root / "figures", root / "teaching" / "facilitator-guide.md"
    sources = {p.stem: Source(p) for p in notebook_paths(notebooks)}
    plan_paths = sorted(outlines.glob(CLASS_PLANS)) if guide.exists() else []
    plan_names = [p.stem for p in plan_paths]
    wanted = set(only) if only else set(sources) | set(plan_names)
    # A class plan takes slides from every notebook's deck.
    stems = list(sources) if wanted & set(plan_names) else [s for s in sources if s in wanted]
    built = {s: outline_decks.notebook_deck(sources[s], outlines / f"{s}.yml") for s in stems}
    plans = [outline_decks.class_deck(p, built, sources, guide) for p in plan_paths
             if p.stem in wanted]
    chosen = [d for d in [*built.values(), *plans] if d.name in wanted]
    problems = [p for d in chosen for p in outline.check(d, sources, figures, guide)]
    if problems:
        raise OutlineError("slide outlines:\n" + "\n".join(problems))
    return chosen, {"sources": sources, "figures": figures, "guide": guide,
                    "listed": [(f"{s}.slides.html", sources[s].title()) for s in sources]
                    + [(f"{p.stem}.slides.html", outline_decks.plan_title(p)) for p in plan_paths]}


def build(notebooks: Path, out: Path, node_modules: Path, only=(), outlines=None) -> list[Path]:
    """Write a deck per notebook and class plan, an index page and ``vendor/`` into ``out``."""
    chosen, ctx = decks(notebooks, outlines, only)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    _copy_assets(out, node_modules, ctx["figures"])
    alt_file = ctx["figures"] / "alt-text.yml"
    alt_texts = yaml.safe_load(alt_file.read_text(encoding="utf-8")) if alt_file.exists() else {}
    written = []
    for deck in chosen:
        nb = deck_notebook(deck, ctx["sources"], alt_texts, ctx["guide"])
        body, _ = exporter().from_notebook_node(nb)
        path = out / f"{deck.name}.slides.html"
        path.write_text(body, encoding="utf-8")
        written.append(path)
    (out / "index.html").write_text(index_html(ctx["listed"]), encoding="utf-8")
    require_offline(out)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="reliefcycle slides",
                                     description="Offline reveal.js decks made for presenting.")
    parser.add_argument("folder", nargs="?", default="notebooks")
    parser.add_argument("--out", default="_build/slides")
    parser.add_argument("--node-modules", default="node_modules")
    parser.add_argument("--outlines", default=None,
                        help="folder of slide outlines (default: the package's)")
    parser.add_argument("--only", nargs="*", default=[], help="deck names to build")
    args = parser.parse_args(argv)
    try:
        written = build(Path(args.folder), Path(args.out), Path(args.node_modules), args.only,
                        args.outlines)
    except (OfflineError, OutlineError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Slides: wrote {len(written)} decks to {args.out}/ (open {args.out}/index.html).")
    return 0

