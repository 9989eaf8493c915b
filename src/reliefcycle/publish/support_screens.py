"""The safety slides of a deck, taken whole from the notebook: its content note, and its
support cell split over as many screens as it needs (a helpline table is never cut)."""

from __future__ import annotations

import re

from reliefcycle.core.safety import CONTENT_NOTE_MARKER, SUPPORT_MARKER
from reliefcycle.publish.outline import ANCHOR, HTML_COMMENT, Slide, Source


def content_note_slide(source: Source) -> Slide:
    text = HTML_COMMENT.sub("", source.marked(CONTENT_NOTE_MARKER, "content note")).strip()
    text = re.sub(r"^##\s+Content note\s*", "", text)
    return Slide("content-note", "Content note", kind="safety", markdown=text, stem=source.stem)


def _table_parts(table: str, limit: int) -> list[str]:
    """A markdown table in parts of at most about ``limit`` words, each with the header rows,
    so a long helpline table is split over screens and no row is cut."""
    lines = table.splitlines()
    head, rows = lines[:2], lines[2:]
    parts: list[list[str]] = [[]]
    for row in rows:
        if parts[-1] and len(" ".join(head + parts[-1] + [row]).split()) > limit:
            parts.append([])
        parts[-1].append(row)
    return ["\n".join(head + part) for part in parts]


def support_slides(source: Source, limit: int = 100) -> list[Slide]:
    """The support cell in as many screens as it needs: its blocks (a paragraph, or a bold
    lead-in with the table after it) packed in order while a screen has at most ``limit``
    words. The first part carries the ``support-and-help`` anchor, the last the date."""
    text = ANCHOR.sub("", HTML_COMMENT.sub("", source.marked(SUPPORT_MARKER, "support"))).strip()
    text = re.sub(r"^##\s+Support and help\s*", "", text)
    blocks: list[str] = []
    for block in (b.strip() for b in re.split(r"\n\s*\n", text) if b.strip()):
        if block.startswith("|"):
            tables = _table_parts(block, limit)
            if blocks and blocks[-1].startswith("**"):
                tables[0] = blocks.pop() + "\n\n" + tables[0]  # stays with its lead-in
            blocks += tables
        else:
            blocks.append(block)
    groups: list[list[str]] = []
    for block in blocks:
        if groups and len(" ".join(groups[-1] + [block]).split()) <= limit:
            groups[-1].append(block)
        else:
            groups.append([block])
    slides = []
    for number, group in enumerate(groups, start=1):
        title = "Support and help" + (f" ({number} of {len(groups)})" if len(groups) > 1 else "")
        slides.append(Slide("support-and-help" if number == 1 else f"support-and-help-{number}",
                            title, kind="safety", markdown="\n\n".join(group), stem=source.stem))
    return slides
