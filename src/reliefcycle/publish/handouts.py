"""Printable handouts: Markdown in ``teaching/handouts/`` -> one-page HTML and PDF, offline.

    python -m reliefcycle.publish.handouts [teaching/handouts] [--out _build/handouts] [--no-pdf]

Each handout is written in Markdown with three placeholders, filled in here so that nothing is
copied by hand:

- ``<!-- figure: NAME -->``: the exported figure ``figures/NAME.svg`` with its alt text from
  ``figures/alt-text.yml`` (the one source of alt text);
- ``<!-- references -->``: the APA reference list of the works cited, from ``references.bib``;
- ``<!-- support -->``: the support box, rendered from ``safety.support_cell()`` (the one
  source of helpline numbers, with its "last checked" date);
- ``<!-- concept-check -->`` and ``<!-- concept-check-answers -->``: the series' concept check
  on paper, from ``data/concept-check.yml``: the statements with boxes to tick, and (placed after
  ``<!-- references -->``, so it starts a new page) the answers, every myth corrected, with its
  evidence and the section that teaches it.

Citations are written ``[@KEY]`` and become the APA author-year link the notebooks use
(``[Koenig et al., 2021](#ref-koenig2021highfrequency)``), so the text always matches the
bibliography. The HTML carries a print stylesheet (A4, one page); the PDF is printed by the
headless Debian chromium through Playwright, which downloads nothing.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from reliefcycle.core import safety
from reliefcycle.core.citations import Bibliography, CitationError
from reliefcycle.publish.offline import require_offline, sync

CHROMIUM = "/usr/bin/chromium"
FIGURE = re.compile(r"<!--\s*figure:\s*([\w-]+)\s*(?:\|\s*(.*?))?\s*-->", re.S)
REFERENCES = "<!-- references -->"
SUPPORT = "<!-- support -->"
CONCEPT_CHECK, CONCEPT_ANSWERS = "<!-- concept-check -->", "<!-- concept-check-answers -->"
CITE = re.compile(r"\[@([A-Za-z0-9_:-]+)\]")

CSS = """
@page { size: A4; margin: 9mm 11mm; }
:root { color: #1a1a1a; background: #ffffff; }
body { font-family: system-ui, "Segoe UI", "DejaVu Sans", Arial, sans-serif; font-size: 17px;
       line-height: 1.45; max-width: 52em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.6em; line-height: 1.2; margin: 0 0 0.3em; }
h2 { font-size: 1.15em; margin: 0.9em 0 0.3em; }
a { color: #0b5cad; }
p, li { margin: 0.25em 0; }
ul, ol { padding-left: 1.4em; margin: 0.3em 0; }
blockquote { margin: 0.4em 0; padding: 0.3em 0.8em; border-left: 4px solid #0b5cad;
             background: #eef4fb; }
blockquote p { margin: 0; }
figure { margin: 0.6em 0; text-align: center; }
figure img { width: 100%; height: auto; max-height: 92mm; object-fit: contain; }
figcaption { font-size: 0.85em; text-align: left; }
.intro { font-style: italic; }
.references { font-size: 0.75em; margin-top: 0.8em; }
.references h2 { font-size: 1.1em; margin: 0.3em 0; }
.references p { margin: 0.15em 0; padding-left: 1.5em; text-indent: -1.5em; }
.support { border: 2px solid #0b5cad; border-radius: 6px; padding: 0.4em 0.8em;
           margin-top: 0.8em; font-size: 0.85em; break-inside: avoid; }
.support h2 { margin-top: 0.2em; }
.support table { border-collapse: collapse; width: 100%; margin: 0.3em 0; }
.support th, .support td { text-align: left; padding: 0.1em 0.4em;
                           border-bottom: 1px solid #8a8a8a; vertical-align: top; }
.support p { margin: 0.3em 0; }
footer { font-size: 0.75em; margin-top: 0.6em; }
.answers { break-before: page; }
@media print {
  body { font-size: 9.2pt; line-height: 1.28; max-width: none; margin: 0; padding: 0; }
  figure { margin: 0.2em 0; }
  figure img { max-height: 44mm; }
  a { color: #1a1a1a; text-decoration: none; }
  h1 { font-size: 16pt; }
  h2 { font-size: 11pt; margin: 0.5em 0 0.15em; }
  .columns { column-count: 2; column-gap: 7mm; }
  .columns h2 { break-after: avoid; }
  .columns li, .columns blockquote { break-inside: avoid; }
  .support { font-size: 7.2pt; line-height: 1.22; padding: 0.25em 0.6em;
             column-count: 2; column-gap: 6mm; }
  .support h2 { column-span: all; }
  /* On paper the table becomes one line per service, flowing through both columns. */
  .support table, .support tbody, .support tr { display: block; }
  .support thead { display: none; }
  .support tr { break-inside: avoid; padding: 0.05em 0; border-bottom: 1px solid #8a8a8a; }
  .support td { display: inline; padding: 0; border: 0; }
  .support td:first-child { font-weight: 700; }
  .support td + td::before { content: " \u00b7 "; }
  .references { font-size: 6.8pt; line-height: 1.2; }
  footer { font-size: 6.8pt; }
}
"""


class HandoutError(ValueError):
    """A handout cannot be built: the message names the handout and what is wrong."""


@dataclass(frozen=True)
class Handout:
    name: str
    title: str
    html: str


def _markdown():
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True, "typographer": False}).enable("table")


def cite(text: str, bib: Bibliography, name: str = "handout") -> tuple[str, list[str]]:
    """Replace each ``[@KEY]`` with its APA author-year link; returns (text, keys cited)."""
    keys: list[str] = []

    def link(match):
        key = match.group(1)
        if key not in bib:
            raise HandoutError(f"{name}: unknown citation key '{key}' (not in {bib.source})")
        keys.append(key)
        return bib.link(key)

    return CITE.sub(link, text), keys


def figure_html(stem: str, caption: str, alt_text: dict, name: str = "handout") -> str:
    """The figure ``figures/STEM.svg`` with its alt text and an optional caption."""
    if stem not in alt_text:
        raise HandoutError(f"{name}: figure '{stem}' has no alt text in figures/alt-text.yml")
    alt = " ".join(alt_text[stem].split())
    safety.require_clean(alt, f"alt text of {stem}")
    caption = " ".join((caption or "").split())
    figcaption = f"<figcaption>{_markdown().renderInline(caption)}</figcaption>" if caption else ""
    return f'<figure><img src="figures/{stem}.svg" alt="{html.escape(alt)}">{figcaption}</figure>'


def references_html(keys: list[str], bib: Bibliography) -> str:
    if not keys:
        return ""
    md = _markdown()
    items = "".join(f'<p id="ref-{key}">{md.renderInline(text)}</p>'
                    for key, text in bib.reference_list(keys))
    return f'<section class="references" aria-label="References"><h2>References</h2>{items}</section>'


def support_html() -> str:
    """The support box: the notebooks' support cell, rendered (one source for every number)."""
    source = safety.SUPPORT_MARKER.sub("", safety.support_cell())
    return f'<aside class="support" aria-label="Support and help">{_markdown().render(source)}</aside>'


def concept_check_markdown() -> tuple[str, str]:
    """The concept check on paper: (statements with boxes, answers on a new page)."""
    from reliefcycle.models import concept_check as cc

    check = cc.load()
    boxes = " ".join(f"\u2610 {label}" for label in cc.CONFIDENCE.values())
    statements = "\n".join(f"{n}. {i.statement}<br>\u2610 true \u2610 false \u00b7 how sure: "
                           f"{boxes}" for n, i in enumerate(check.items, start=1))
    answers = "\n".join(
        f"{n}. **{'true' if i.answer else 'false'}.** {i.correction} "
        f"({'; '.join(f'[@{k}]' for k in i.evidence)}; {i.strength}). "
        f"*Revisit {i.section.label()}.*" for n, i in enumerate(check.items, start=1))
    return (f"## The statements\n\n{statements}",
            f"<div class=\"answers\">\n\n## Answers, with every myth corrected\n\n{answers}\n\n</div>")


def render(source: str, name: str, bib: Bibliography, alt_text: dict) -> Handout:
    """One handout's HTML page from its Markdown source."""
    if CONCEPT_CHECK in source:
        statements, answers = concept_check_markdown()
        if CONCEPT_ANSWERS not in source.partition(REFERENCES)[2]:
            raise HandoutError(f"{name}: the concept check needs {CONCEPT_ANSWERS} after "
                               f"{REFERENCES}, so every myth is corrected at the end")
        source = source.replace(CONCEPT_CHECK, statements).replace(CONCEPT_ANSWERS, answers)
    found = safety.lint_text(source, name)
    if found:
        raise HandoutError("\n".join(str(f) for f in found))
    title_match = re.search(r"^#\s+(.+?)\s*$", source, re.M)
    if not title_match:
        raise HandoutError(f"{name}: the handout needs a title (a line starting with '# ')")
    for marker in (SUPPORT, REFERENCES):
        if marker not in source:
            raise HandoutError(f"{name}: the handout needs the placeholder {marker}")
    title = title_match.group(1)
    text, keys = cite(source, bib, name)
    body, _, tail = text.partition(REFERENCES)
    _, _, body = body.partition(title_match.group(0))
    md = _markdown()
    # The lead paragraph (in *italics*) stays across the page; the rest flows in two columns.
    intro, _, rest = body.strip().partition("\n\n")
    # A figure before the first section spans the page; the sections flow in two columns.
    if rest.startswith("## "):
        lead = ""
    else:
        lead, sep, rest = rest.partition("\n## ")
        lead, rest = (lead, "## " + rest) if sep else ("", lead)

    def figures(text: str) -> str:
        return FIGURE.sub(lambda m: figure_html(m.group(1), m.group(2), alt_text, name), text)

    tail = tail.replace(SUPPORT, "")
    page = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<link rel="icon" href="data:,">
<style>{CSS}</style>
</head>
<body>
<main>
<h1>{md.renderInline(title)}</h1>
<div class="intro">{md.render(intro)}</div>
{md.render(figures(lead)) if lead.strip() else ""}
<div class="columns">
{md.render(figures(rest))}
</div>
{md.render(tail) if tail.strip() else ""}
{references_html(keys, bib)}
{support_html()}
<footer><p>From the open notebook series "Why self-injury persists". Text CC BY 4.0.
Printed from the series' handouts; support information last checked
{safety.RESOURCES_LAST_CHECKED}.</p></footer>
</main>
</body>
</html>
"""
    return Handout(name, title, page)


def pdf_pages(pdf: bytes) -> int:
    """Number of pages in a PDF made by chromium."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def print_pdfs(pages: list[Path], chromium: str = CHROMIUM) -> list[Path]:
    """Print each HTML page to a PDF beside it with the headless Debian chromium."""
    if not Path(chromium).exists():
        raise HandoutError(f"{chromium} not found: install Debian's chromium to print the PDFs "
                           "(or build with --no-pdf)")
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium,
                                    args=["--headless", "--no-sandbox", "--disable-gpu"])
        try:
            for page_path in pages:
                page = browser.new_page()
                page.goto(page_path.resolve().as_uri())
                page.wait_for_load_state("load")
                pdf = page_path.with_suffix(".pdf")
                page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True,
                         tagged=True, outline=True)
                page.close()
                written.append(pdf)
        finally:
            browser.close()
    return written


def build(sources: Path, out: Path, root: Path, pdf: bool = True) -> list[Path]:
    """Write every handout in ``sources`` to ``out`` as HTML (and PDF); returns what it wrote."""
    sources, out, root = Path(sources), Path(out), Path(root)
    bib = Bibliography.from_file(root / "references.bib")
    alt_text = yaml.safe_load((root / "figures" / "alt-text.yml").read_text(encoding="utf-8"))
    out.mkdir(parents=True, exist_ok=True)
    pages = []
    for path in sorted(sources.glob("*.md")):
        handout = render(path.read_text(encoding="utf-8"), path.name, bib, alt_text)
        for stem, _ in FIGURE.findall(path.read_text(encoding="utf-8")):
            sync(root / "figures" / f"{stem}.svg", out / "figures" / f"{stem}.svg")
        target = out / f"{path.stem}.html"
        target.write_text(handout.html, encoding="utf-8")
        pages.append(target)
    if not pages:
        raise HandoutError(f"no handouts (*.md) in {sources}")
    require_offline(out)
    written = list(pages)
    if pdf:
        written += print_pdfs(pages)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="reliefcycle handouts",
                                     description="Printable one-page handouts (HTML and PDF).")
    parser.add_argument("folder", nargs="?", default="teaching/handouts")
    parser.add_argument("--out", default="_build/handouts")
    parser.add_argument("--root", default=".", help="the project folder (figures, references.bib)")
    parser.add_argument("--no-pdf", action="store_true", help="HTML only")
    args = parser.parse_args(argv)
    try:
        written = build(Path(args.folder), Path(args.out), Path(args.root), pdf=not args.no_pdf)
    except (HandoutError, CitationError, safety.SafetyError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"Handouts: wrote {len(written)} files to {args.out}/: "
          + ", ".join(p.name for p in written))
    return 0


if __name__ == "__main__":
    sys.exit(main())
