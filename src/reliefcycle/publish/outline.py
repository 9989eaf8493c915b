"""Slide outlines: what each deck shows, and where its words, figures and facts come from.

A notebook is written to be read; a deck is made to be presented, one idea per slide. Each
notebook has a short outline beside the package data (``data/slides/outlines/NN_name.yml``)
that names, for every slide, a headline, at most about 40 words of body, the picture that
carries the idea, and the notebook cells (by cell id) whose text becomes the presenter notes:

.. code-block:: yaml

    notebook: 02_the_cycle
    title_notes: [7e76b5b3]          # the overview cell: notes of the title slide
    slides:
      - id: the-cycle                # also the slide's anchor
        title: The cycle, step by step
        body: Relief comes fast and is brief; the costs come later.
        figure: cycle                # figures/cycle.svg, alt text from figures/alt-text.yml
        notes: [f9691a45, 84aaa324]  # cell ids: their text is the presenter notes
        live: d24202a9               # the widget cell: the notes say how to show it live

``output: <cell id>`` shows the picture a code cell saved (its static figure) instead of a file
in ``figures/``. Nothing is copied: the notes, the pictures, the content note and the support
cell are read from the notebook at build time, so a fact changed there changes the deck. The
words an outline adds are checked like the notebooks' own (``check``): the language lint, no
citation on the slide itself (citations live in the notes, with their full references), and
every number on a slide must appear in the cells it names, so a number changed in the notebook
stops the build until the slide agrees.

The class plans of the facilitator guide have outlines too (``class-50.yml``): slides taken from
the notebooks' outlines by ``stem:id``, grouped into the plan's time segments.

A slide drawn from a notebook's optional part (any of its cells tagged ``going-deeper``) is
marked on screen with a small "Going deeper (optional)" label; a class plan keeps to the core
path, so the build stops if it takes such a slide. Figures on slides are the slide versions in
``figures/`` (``*-slide.svg``, drawn by the figures layer with large text), so diagram text is at
least the size of the slide's body text.

This module reads outlines, notebooks and the facilitator guide, and checks the decks; the
decks are put together by ``outline_decks`` and their safety slides by ``support_screens``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import jsonschema
import nbformat
import yaml

from reliefcycle.core.citations import CITATION_LINK, bibliography
from reliefcycle.core.safety import lint_text

#: Body words of a content slide (its headline not counted), and of a headline.
BODY_WORDS = 40
TITLE_WORDS = 10
#: The content note and the support slides are shown whole, not cut to 40 words; they must
#: still fit one screen (the support cell is split to do so; its helpline table, which is
#: never cut, is about 155 words with the line that introduces it).
SAFETY_WORDS = 165
#: Cells of a notebook's optional parts carry this tag; slides drawn from them are marked with
#: ``DEEPER_LABEL``, and a class plan's deck (the core path) must not use them.
DEEPER_TAG = "going-deeper"
DEEPER_LABEL = "Going deeper (optional)"

_SLIDE = {
    "type": "object", "additionalProperties": False, "required": ["id", "title"],
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z0-9-]+$"},
        "title": {"type": "string", "minLength": 1},
        "body": {"type": "string"},
        "bullets": {"type": "array", "items": {"type": "string"}},
        "figure": {"type": "string"},
        "output": {"type": "string"},
        "guide": {"type": "string"},
        "notes": {"type": "array", "items": {"type": "string"}},
        "say": {"type": "string"},
        "live": {"type": "string"},
    },
}
SCHEMA = {
    "type": "object", "additionalProperties": False, "required": ["notebook", "slides"],
    "properties": {
        "notebook": {"type": "string"},
        "title_notes": {"type": "array", "items": {"type": "string"}},
        "slides": {"type": "array", "items": _SLIDE, "minItems": 1},
    },
}
CLASS_SCHEMA = {
    "type": "object", "additionalProperties": False,
    "required": ["deck", "title", "notebook", "plan", "segments"],
    "properties": {
        "deck": {"type": "string"}, "title": {"type": "string"}, "notebook": {"type": "string"},
        "plan": {"type": "string"},
        "opening": {"type": "array", "items": _SLIDE},
        "segments": {"type": "array", "minItems": 1, "items": {
            "type": "object", "additionalProperties": False, "required": ["time", "slides"],
            "properties": {"time": {"type": "string"},
                           "slides": {"type": "array", "items": {"type": "string"}}}}},
    },
}

_NUMBER = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)?")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
ANCHOR = re.compile(r"<a\s+id=\"[^\"]*\"\s*>\s*</a>\s*")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")


class OutlineError(ValueError):
    """An outline names something that does not exist, or breaks a rule for slides."""


@dataclass
class Slide:
    """One slide as the deck shows it. ``kind`` is ``content``, ``title`` or ``safety``."""

    id: str
    title: str
    kind: str = "content"
    body: str = ""
    bullets: list[str] = field(default_factory=list)
    figure: str | None = None
    output: str | None = None
    guide: str | None = None
    notes: list[str] = field(default_factory=list)
    say: str = ""
    live: str | None = None
    #: Text shown as is (the content note and support parts), markdown.
    markdown: str = ""
    #: The notebook the slide's cells come from.
    stem: str = ""
    #: A line put first in the notes (a class plan's time and task).
    timing: str = ""
    #: The slide draws on a notebook's optional "going deeper" part (cells tagged ``DEEPER_TAG``).
    deeper: bool = False

    @property
    def shown_text(self) -> str:
        return "\n".join([self.title, self.body, *self.bullets, self.markdown])

    def body_words(self) -> int:
        return len(" ".join([self.body, *self.bullets]).split())


@dataclass
class Deck:
    name: str
    title: str
    slides: list[Slide]


def data_dir() -> Path:
    return Path(str(resources.files("reliefcycle").joinpath("data", "slides", "outlines")))


def _cell_ids_as_text(data):
    """Cell ids made only of digits (``94713410``) read as numbers in YAML; they are text."""
    for slide in [*(data or {}).get("slides", []), *(data or {}).get("opening", [])]:
        for key in ("output", "live"):
            if isinstance(slide.get(key), int):
                slide[key] = str(slide[key])
        slide["notes"] = [str(n) for n in slide.get("notes", [])]
    if isinstance(data, dict) and "title_notes" in data:
        data["title_notes"] = [str(n) for n in data["title_notes"]]
    return data


def load_yaml(path: Path, schema: dict) -> dict:
    try:
        data = _cell_ids_as_text(yaml.safe_load(Path(path).read_text(encoding="utf-8")))
        jsonschema.validate(data, schema)
    except FileNotFoundError as error:
        raise OutlineError(f"no slide outline at {path}") from error
    except (yaml.YAMLError, jsonschema.ValidationError) as error:
        where = "/".join(str(p) for p in getattr(error, "absolute_path", []))
        raise OutlineError(f"{path}: {where}: {getattr(error, 'message', error)}") from error
    return data


# --- reading the notebooks ------------------------------------------------------------------

class Source:
    """One notebook's cells by id, and the text an outline can take from them."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.stem = self.path.stem
        self.nb = nbformat.read(self.path, as_version=4)
        self.cells = {c.id: c for c in self.nb.cells}

    def cell(self, cell_id: str, where: str):
        try:
            return self.cells[cell_id]
        except KeyError:
            raise OutlineError(f"{where}: {self.stem} has no cell with id {cell_id!r}") from None

    def marked(self, marker: re.Pattern, what: str) -> str:
        for cell in self.nb.cells:
            if cell.cell_type == "markdown" and marker.search(cell.source):
                return cell.source
        raise OutlineError(f"{self.stem} has no {what} cell")

    def title(self) -> str:
        for cell in self.nb.cells:
            match = re.search(r"^#\s+(.+?)\s*$", cell.source, re.M) if cell.cell_type == "markdown" else None
            if match:
                return match.group(1)
        raise OutlineError(f"{self.stem} has no title (H1)")

    def deeper(self, cell_ids) -> bool:
        """Whether any of these cells belongs to an optional "going deeper" part."""
        return any(DEEPER_TAG in self.cells[c].metadata.get("tags", [])
                   for c in cell_ids if c in self.cells)

    def section_of(self, cell_id: str) -> str:
        """The headings (H2, and H3 if any) above a cell: where to find it in JupyterLab."""
        h2 = h3 = ""
        for cell in self.nb.cells:
            if cell.id == cell_id:
                break
            for level, text in re.findall(r"^(#{2,3})\s+(.+?)\s*$", cell.source, re.M):
                h2, h3 = (text, "") if level == "##" else (h2, text)
        return f"{h2}, {h3}" if h3 else h2

    def notes_text(self, cell_id: str, where: str) -> str:
        """A cell's words for the presenter: markdown as written (citations as plain text,
        anchors and images dropped); a code cell's text output."""
        cell = self.cell(cell_id, where)
        if cell.cell_type == "markdown":
            text = cell.source
        else:
            text = "\n".join("".join(o.get("data", {}).get("text/markdown", ""))
                             for o in cell.get("outputs", []))
        text = ANCHOR.sub("", HTML_COMMENT.sub("", text))
        text = _IMAGE.sub("(the picture is on the slide)", text)
        return text.strip()

    def image(self, cell_id: str, where: str) -> tuple[str, str]:
        """(src, alt) of the picture a code cell saved: its static figure for exports."""
        cell = self.cell(cell_id, where)
        for output in cell.get("outputs", []):
            html_text = "".join(output.get("data", {}).get("text/html", ""))
            src = re.search(r"<img\b[^>]*\bsrc=\"(data:image/[^\"]+)\"", html_text)
            alt = re.search(r"<img\b[^>]*\balt=\"([^\"]*)\"", html_text)
            if src and alt:
                return src.group(1), alt.group(1)
        raise OutlineError(f"{where}: cell {cell_id} of {self.stem} saved no image with alt text")


@cache
def _guide_sections(path: Path) -> dict[str, str]:
    text = Path(path).read_text(encoding="utf-8")
    parts = re.split(r"^(#{2,3} .+)$", text, flags=re.M)
    return {parts[i].lstrip("# ").strip(): parts[i + 1].strip() for i in range(1, len(parts), 2)}


def guide_section(guide: Path, heading: str) -> str:
    try:
        return _guide_sections(Path(guide))[heading]
    except KeyError:
        raise OutlineError(f"{guide} has no section {heading!r}") from None


def guide_list(guide: Path, heading: str) -> list[str]:
    """The numbered list of a section of the facilitator guide (e.g. the ground rules)."""
    items = re.findall(r"^\d+\.\s+(.+)$", guide_section(guide, heading), re.M)
    if not items:
        raise OutlineError(f"section {heading!r} of {guide} has no numbered list")
    return items


def plan_rows(guide: Path, heading: str) -> list[dict]:
    """The rows of a session plan's table: time, notebook and section, what to show, notes."""
    rows = []
    for line in guide_section(guide, heading).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and re.match(r"\d+:\d\d", cells[0]):
            rows.append(dict(zip(("time", "section", "show", "notes"), cells, strict=False)))
    if not rows:
        raise OutlineError(f"section {heading!r} of {guide} has no timed table")
    return rows


def minutes(span: str) -> int:
    """Length of a plan row's time span, ``0:05-0:13`` -> 8."""
    start, end = (int(h) * 60 + int(m) for h, m in re.findall(r"(\d+):(\d\d)", span))
    return end - start



# --- checks -----------------------------------------------------------------------------------

def notes_sources(slide: Slide, source: Source, where: str) -> str:
    return "\n\n".join(source.notes_text(c, where) for c in slide.notes)


def check(deck: Deck, sources: dict[str, Source], figures: Path, guide: Path) -> list[str]:
    """Every problem with a deck's slides, as messages naming the deck and the slide."""
    bib = bibliography()
    problems = []
    for slide in deck.slides:
        where = f"{deck.name}, slide {slide.id!r}"
        source = sources.get(slide.stem)
        try:
            notes = notes_sources(slide, source, where) if source else ""
            facts = notes
            if slide.output:
                facts += "\n" + source.image(slide.output, where)[1]
            if slide.live:
                source.cell(slide.live, where)
            if slide.guide:
                facts += "\n" + " ".join(guide_list(guide, slide.guide))
        except OutlineError as error:
            problems.append(str(error))
            continue
        if slide.kind == "content" and not slide.guide:
            if not slide.notes and not slide.say:
                problems.append(f"{where}: a content slide needs presenter notes (notes: cell ids)")
            if slide.body_words() > BODY_WORDS:
                problems.append(f"{where}: {slide.body_words()} words of body (at most {BODY_WORDS})")
            if len(slide.title.split()) > TITLE_WORDS:
                problems.append(f"{where}: headline of {len(slide.title.split())} words "
                                f"(at most {TITLE_WORDS})")
            for number in _NUMBER.findall(f"{slide.title} {slide.body} {' '.join(slide.bullets)}"):
                if number not in facts:
                    problems.append(f"{where}: the number {number} is not in the cells the slide "
                                    f"names ({', '.join(slide.notes) or 'none'}): take it from there")
            if CITATION_LINK.search(slide.shown_text):
                problems.append(f"{where}: citations belong in the notes, not on the slide")
        elif slide.kind == "safety" and len(slide.markdown.split()) > SAFETY_WORDS:
            problems.append(f"{where}: {len(slide.markdown.split())} words (at most {SAFETY_WORDS})")
        if slide.figure and not (figures / f"{slide.figure}.svg").exists():
            problems.append(f"{where}: no figure {slide.figure}.svg in {figures}")
        for key in {m.group(2) for m in CITATION_LINK.finditer(notes)}:
            if key not in bib:
                problems.append(f"{where}: the notes cite {key!r}, which is not in references.bib")
        problems += [str(f) for f in lint_text(f"{slide.shown_text}\n{slide.say}", where)
                     if f.severity == "error"]
    return problems
