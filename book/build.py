"""Build the static book of the series (Jupyter Book 1), offline, from the committed notebooks.

    python book/build.py                 # -> _build/book/html   (what `make book` runs)
    python book/build.py --out DIR       # build somewhere else (the browser tests do)
    python book/build.py --check DIR     # only check a built site for requests to other hosts

Steps: copy the notebooks (in series order), the figures, the landing page and the facilitator
guide into a staging folder; write the table of contents from the notebooks that exist, so new
notebooks appear without editing anything; copy MathJax and require.js from ``node_modules``
(``npm ci``) into ``vendor/`` at the root of the site; run Sphinx with the configuration that
Jupyter Book writes from ``book/_config.yml``; then fail if any built page or stylesheet would
load anything from another machine. Notebooks are never executed here.
"""

from __future__ import annotations

import argparse
import copy
import html
import re
import subprocess
import sys
import time
from pathlib import Path

import nbformat

from reliefcycle.core.safety import CONTENT_NOTE_MARKER, support_cell
from reliefcycle.publish.cli import notebook_paths
from reliefcycle.publish.offline import MATHJAX, REQUIREJS, OfflineError, external_resources, sync, vendor

BOOK = Path(__file__).resolve().parent
ROOT = BOOK.parent
NODE_MODULES = ROOT / "node_modules"
#: Pages of the book besides the notebooks: (source, path in the book), if the source exists.
PAGES = [(ROOT / "teaching" / "facilitator-guide.md", "teaching/facilitator-guide.md")]


def notebook_title(path: Path) -> str:
    """The notebook's H1 (its only one), or its file name when it has none yet."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+?)\s*$", cell.source, re.M)
            if match:
                return match.group(1)
    return path.stem


def book_notebook(nb):
    """The notebook as the book shows it: its title first, then the content note.

    A notebook opens with the content note (an H2) and then its H1. Sphinx names a page after
    its first heading, so every page would be called "Content note". In the book copy the H1
    line moves in front of the content note; the rest of the title cell stays after it.
    """
    nb = copy.deepcopy(nb)
    cells = nb.cells
    note = next((i for i, c in enumerate(cells) if c.cell_type == "markdown"
                 and CONTENT_NOTE_MARKER.search(c.source)), None)
    title = next((i for i, c in enumerate(cells) if c.cell_type == "markdown"
                  and re.search(r"^#\s", c.source, re.M)), None)
    if note is None or title is None or title < note:
        return nb
    cell = cells[title]
    match = re.search(r"^#\s.*$", cell.source, re.M)
    heading = nbformat.v4.new_markdown_cell(match.group(0))
    heading.id = f"{cell.get('id', 'title')}-h1"[:64]  # the same every build: Sphinx skips it
    rest = (cell.source[:match.start()] + cell.source[match.end():]).strip()
    cell.source = rest
    moved = [heading, cells[note]]
    keep = [c for i, c in enumerate(cells) if i != note and not (i == title and not rest)]
    nb.cells = moved + keep
    return nb


def toc_yaml(stems: list[str], pages: list[str]) -> str:
    """The table of contents: the landing page, the numbered notebooks, the lettered appendices
    (e.g. ``A_glossary``) and the teaching pages."""
    numbered = [s for s in stems if s[0].isdigit()]
    lettered = [s for s in stems if not s[0].isdigit()]
    lines = ["# Written by book/build.py from the notebooks that exist; do not edit.",
             "format: jb-book", "root: intro", "parts:"]
    for caption, entries in (("The notebooks", [f"notebooks/{s}" for s in numbered]),
                             ("Reference", [f"notebooks/{s}" for s in lettered]),
                             ("For teachers", [p.removesuffix(".md") for p in pages])):
        if entries:
            lines += [f"  - caption: {caption}", "    chapters:"]
            lines += [f"      - file: {entry}" for entry in entries]
    return "\n".join(lines) + "\n"


def notebook_list(paths: list[Path]) -> str:
    """Markdown list of the notebooks that exist, linked, for the landing page."""
    return "\n".join(f"- [{html.escape(notebook_title(p), quote=False)}](notebooks/{p.name})"
                     for p in paths)


def render_intro(template: str, paths: list[Path]) -> str:
    text = template.replace("<!-- notebooks: filled in by book/build.py -->", notebook_list(paths))
    return text.replace("<!-- support: filled in by book/build.py -->", support_cell())


def _write_if_changed(path: Path, text: str) -> None:
    """Write only when the text changed, so Sphinx rebuilds only what changed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def stage(source: Path, notebooks: Path) -> list[Path]:
    """Fill the staging folder ``source``; returns the notebooks it holds."""
    paths = notebook_paths(notebooks)
    if not paths:
        sys.exit(f"book: no notebooks in {notebooks}")
    wanted = {f"notebooks/{p.name}" for p in paths}
    for old in (source / "notebooks").glob("*.ipynb"):
        if f"notebooks/{old.name}" not in wanted:
            old.unlink()  # a notebook that was removed or renamed
    for path in paths:
        nb = book_notebook(nbformat.read(path, as_version=4))
        _write_if_changed(source / "notebooks" / path.name, nbformat.writes(nb))
    for figure in (ROOT / "figures").glob("*"):
        if figure.suffix in (".svg", ".png"):
            sync(figure, source / "figures" / figure.name)
    pages = []
    for src, dst in PAGES:
        if src.exists():
            sync(src, source / dst)
            pages.append(dst)
    sync(BOOK / "_config.yml", source / "_config.yml")
    sync(BOOK / "favicon.svg", source / "favicon.svg")
    _write_if_changed(source / "_toc.yml", toc_yaml([p.stem for p in paths], pages))
    _write_if_changed(source / "intro.md",
                      render_intro((BOOK / "intro.md").read_text(encoding="utf-8"), paths))
    try:
        vendor(MATHJAX + REQUIREJS, NODE_MODULES, source / "_extra" / "vendor")
    except OfflineError as error:
        sys.exit(f"book: {error}")
    return paths


#: Extensions Jupyter Book always loads that this offline book does not use. sphinx-thebe
#: declares THEBE_JS_URL twice on every page (a console error) and points at a CDN.
UNUSED_EXTENSIONS = ("sphinx_thebe", "sphinx_comments")


def drop_unused_extensions(conf: Path) -> None:
    text = conf.read_text(encoding="utf-8")
    for name in UNUSED_EXTENSIONS:
        text = text.replace(f"'{name}', ", "").replace(f", '{name}'", "")
    conf.write_text(text, encoding="utf-8")


def write_sphinx_conf(source: Path) -> None:
    """Write conf.py from _config.yml and _toc.yml with Jupyter Book (slow to start), only when
    they changed, so that a rebuild with no change stays quick."""
    inputs = "".join((source / n).read_text(encoding="utf-8") for n in ("_config.yml", "_toc.yml"))
    stamp = source / ".conf-inputs"
    if (source / "conf.py").exists() and stamp.exists() and stamp.read_text() == inputs:
        return
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    conf = subprocess.run([str(jupyter_book), "config", "sphinx", str(source)],
                          capture_output=True, text=True)
    if conf.returncode:
        sys.exit(f"book: jupyter-book config failed:\n{conf.stdout}\n{conf.stderr}")
    drop_unused_extensions(source / "conf.py")
    stamp.write_text(inputs)


def build(out: Path, source: Path, notebooks: Path, quiet: bool = True) -> float:
    """Stage and build the book into ``out``; returns the seconds it took."""
    start = time.perf_counter()
    stage(source, notebooks)
    write_sphinx_conf(source)
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "--keep-going", "-d",
           str(source.parent / (source.name + "-doctrees")), str(source), str(out)]
    if quiet:
        cmd.append("-q")
    result = subprocess.run(cmd, text=True)
    if result.returncode:
        sys.exit(f"book: sphinx-build failed with exit code {result.returncode}")
    problems = external_resources(out)
    if problems:
        sys.exit("book: these would load from another machine:\n  " + "\n  ".join(problems))
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "book" / "html",
                        help="where the HTML site goes (default: _build/book/html)")
    parser.add_argument("--source", type=Path, default=None,
                        help="staging folder (default: beside --out, named src)")
    parser.add_argument("--notebooks", type=Path, default=ROOT / "notebooks")
    parser.add_argument("--check", type=Path, metavar="SITE",
                        help="only check a built site for requests to other hosts")
    parser.add_argument("--verbose", action="store_true", help="show Sphinx's progress")
    args = parser.parse_args(argv)
    if args.check:
        problems = external_resources(args.check)
        print("\n".join(problems) or f"{args.check}: nothing loads from another machine")
        return 1 if problems else 0
    source = args.source or args.out.parent / "src"
    seconds = build(args.out.resolve(), source.resolve(), args.notebooks.resolve(),
                    quiet=not args.verbose)
    print(f"Book: built {args.out / 'index.html'} in {seconds:.1f} s (open it from the folder, "
          "or serve the folder locally; nothing loads from another machine).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
