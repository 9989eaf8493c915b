"""Slides: one reveal.js deck per notebook, offline, made from a copy of each notebook.

    python -m reliefcycle.slides [notebooks] [--out _build/slides] [--only STEM ...]

The notebooks carry no slide metadata (their authors never need to think about it). At build
time ``prepare`` sets it on a copy:

- the content note is the first slide, and the support cell the last one;
- the title, every section (H2), every activity (H3) and every **Discussion.** start a slide,
  so a class can talk about an activity before its discussion is shown;
- cells tagged ``notes`` become presenter notes (press **S** in a deck to see them);
- widgets are replaced by the static fallback their output already carries (text/html), and
  the JavaScript that only labels live widgets is dropped;
- code is hidden: the decks show what a cell shows, not how it is made;
- figures (``../figures/NAME.svg`` in the notebooks) are copied beside the decks.

``nbconvert``'s reveal template is used through a small template of our own
(``data/slides``) that loads reveal.js, its notes plugin and MathJax 3 from ``vendor/`` beside
the decks, copied from ``node_modules`` (``npm ci``), so the decks open from a folder.
"""

from __future__ import annotations

import argparse
import copy
import html
import re
import sys
from importlib import resources
from pathlib import Path

import nbformat

from .offline import MATHJAX, REVEAL, OfflineError, require_offline, sync, vendor
from .safety import CONTENT_NOTE_MARKER, SUPPORT_MARKER

#: Our own reveal.js theme (data/slides/theme.css): no web fonts, no @import.
THEME = "reliefcycle"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
JAVASCRIPT = "application/javascript"
#: The first heading of a markdown cell (after any HTML comments and anchors before it).
_LEADING_HEADING = re.compile(r"\A(?:\s*<!--.*?-->|\s*<a\s[^>]*>\s*</a>)*\s*(#{1,6})\s", re.S)
_FIGURE_LINK = re.compile(r"(\]\(\s*<?|\bsrc\s*=\s*[\"'])\.\./figures/")
_DISCUSSION = re.compile(r"\A\s*\*\*Discussion\.\*\*")


def heading_level(source: str) -> int | None:
    """Level of the heading a markdown cell starts with, or None."""
    match = _LEADING_HEADING.match(source)
    return len(match.group(1)) if match else None


def slide_type(cell) -> str:
    """The reveal.js slide type of one cell (``slide``, ``notes`` or ``-`` to continue)."""
    if "notes" in cell.get("metadata", {}).get("tags", []):
        return "notes"
    if cell.cell_type != "markdown":
        return "-"
    source = cell.source
    if CONTENT_NOTE_MARKER.search(source) or SUPPORT_MARKER.search(source):
        return "slide"
    level = heading_level(source)
    if level is not None and level <= 3:
        return "slide"
    if _DISCUSSION.match(source):
        return "slide"
    return "-"


def static_outputs(outputs: list) -> list:
    """The outputs as a deck shows them: widget views give way to their static fallback (the
    text/html in the same bundle), and JavaScript-only outputs are dropped."""
    kept = []
    for output in outputs:
        data = output.get("data")
        if data is None:
            kept.append(output)
            continue
        if JAVASCRIPT in data and not ({"text/html", "image/png", "image/svg+xml"} & set(data)):
            continue  # only labels live widget controls; nothing to show without a kernel
        if WIDGET_VIEW in data:
            output = copy.deepcopy(output)
            del output["data"][WIDGET_VIEW]
        kept.append(output)
    return kept


def title(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+?)\s*$", cell.source, re.M)
            if match:
                return match.group(1)
    return "Slides"


def prepare(nb):
    """A copy of ``nb`` with slide types set, widgets replaced by their static fallbacks, and
    the support cell last. The notebook itself is not changed."""
    nb = copy.deepcopy(nb)
    support = [c for c in nb.cells if c.cell_type == "markdown" and SUPPORT_MARKER.search(c.source)]
    nb.cells = [c for c in nb.cells if all(c is not s for s in support)] + support[:1]
    for cell in nb.cells:
        cell.metadata["slideshow"] = nbformat.from_dict(
            {**cell.metadata.get("slideshow", {}), "slide_type": slide_type(cell)})
        if cell.cell_type == "markdown":
            # Figures sit beside the decks (figures/), not one folder up as for the notebooks.
            cell.source = _FIGURE_LINK.sub(r"\1figures/", cell.source)
        if cell.cell_type == "code":
            cell.outputs = static_outputs(cell.outputs)
    nb.metadata.pop("widgets", None)
    nb.metadata["title"] = title(nb)
    return nb


def exporter(vendor_prefix: str = "vendor"):
    """nbconvert's slides exporter with our template and local assets."""
    from nbconvert import SlidesExporter

    templates = resources.files("reliefcycle").joinpath("data")
    return SlidesExporter(
        template_name="slides", extra_template_basedirs=[str(templates)],
        reveal_url_prefix=f"{vendor_prefix}/reveal.js", reveal_theme=THEME,
        reveal_transition="none", reveal_number="c/t", reveal_width="1280", reveal_height="800",
        mathjax_url=f"{vendor_prefix}/mathjax/tex-svg.js",
        exclude_input=True, exclude_input_prompt=True, exclude_output_prompt=True)


def deck_html(nb, vendor_prefix: str = "vendor") -> str:
    """The deck of one notebook as HTML text."""
    body, _ = exporter(vendor_prefix).from_notebook_node(prepare(nb))
    return body


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
<p>One deck per notebook. Arrow keys move between slides, <kbd>S</kbd> opens the presenter
notes, <kbd>F</kbd> shows a deck full screen and <kbd>Esc</kbd> gives an overview. Every deck
opens with its content note and ends with support and help. The interactive parts run only in
JupyterLab; here each shows a still version.</p>
<ul>
{items}
</ul>
</main></body></html>
"""


def build(notebooks: Path, out: Path, node_modules: Path, only=()) -> list[Path]:
    """Write a deck per notebook, an index page and ``vendor/`` into ``out``."""
    from .cli import notebook_paths

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    vendor(MATHJAX + REVEAL, node_modules, out / "vendor")
    theme = resources.files("reliefcycle").joinpath("data", "slides", "theme.css").read_text()
    theme_path = out / "vendor" / "reveal.js" / "dist" / "theme" / f"{THEME}.css"
    if not theme_path.exists() or theme_path.read_text() != theme:
        theme_path.parent.mkdir(parents=True, exist_ok=True)
        theme_path.write_text(theme, encoding="utf-8")
    figures = Path(notebooks).resolve().parent / "figures"
    for figure in figures.glob("*"):
        if figure.suffix in (".svg", ".png"):
            sync(figure, out / "figures" / figure.name)
    written, listed = [], []
    for path in notebook_paths(notebooks):
        name = f"{path.stem}.slides.html"
        nb = nbformat.read(path, as_version=4)
        listed.append((name, title(nb)))
        if only and path.stem not in only:
            continue
        (out / name).write_text(deck_html(nb), encoding="utf-8")
        written.append(out / name)
    (out / "index.html").write_text(index_html(listed), encoding="utf-8")
    require_offline(out)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="reliefcycle slides",
                                     description="One offline reveal.js deck per notebook.")
    parser.add_argument("folder", nargs="?", default="notebooks")
    parser.add_argument("--out", default="_build/slides")
    parser.add_argument("--node-modules", default="node_modules")
    parser.add_argument("--only", nargs="*", default=[], help="notebook stems to build")
    args = parser.parse_args(argv)
    try:
        written = build(Path(args.folder), Path(args.out), Path(args.node_modules), args.only)
    except OfflineError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Slides: wrote {len(written)} decks to {args.out}/ (open {args.out}/index.html).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
