"""Decks put together from outlines: a notebook's deck, and a class plan's deck made of the
notebooks' slides (see ``outline`` for the outline files and the checks)."""

from __future__ import annotations

from pathlib import Path

from reliefcycle.publish.outline import (
    CLASS_SCHEMA,
    SCHEMA,
    Deck,
    OutlineError,
    Slide,
    Source,
    guide_section,
    load_yaml,
    minutes,
    plan_rows,
)
from reliefcycle.publish.support_screens import content_note_slide, support_slides


def _slide(raw: dict, stem: str) -> Slide:
    return Slide(**{k.replace("-", "_"): v for k, v in raw.items()}, stem=stem)


def notebook_deck(source: Source, outline_path: Path) -> Deck:
    data = load_yaml(outline_path, SCHEMA)
    if data["notebook"] != source.stem:
        raise OutlineError(f"{outline_path}: outline is for {data['notebook']}, not {source.stem}")
    title = Slide("title", source.title(), kind="title", stem=source.stem,
                  notes=data.get("title_notes", []))
    slides = [_slide(s, source.stem) for s in data["slides"]]
    for slide in slides:
        slide.deeper = source.deeper([*slide.notes, slide.output, slide.live])
    return Deck(source.stem, source.title(),
                [content_note_slide(source), title, *slides, *support_slides(source)])


def class_deck(plan_path: Path, decks: dict[str, Deck], sources: dict[str, Source],
               guide: Path) -> Deck:
    """A class plan's deck: slides of the notebooks' decks (``stem:id``) and of the plan's own
    ``opening`` (``deck:id``), segment by segment, each segment's first slide carrying the
    plan's time and task in its notes; the support slides of ``notebook`` last. The segments'
    times must be the rows of the plan's table in the facilitator guide."""
    data = load_yaml(plan_path, CLASS_SCHEMA)
    rows = plan_rows(guide, data["plan"])
    times = [s["time"] for s in data["segments"]]
    if times != [r["time"] for r in rows]:
        raise OutlineError(f"{plan_path}: segments {times} do not match the rows of "
                           f"{data['plan']!r} in {guide.name}: {[r['time'] for r in rows]}")
    source = sources[data["notebook"]]
    by_ref = {f"{d.name}:{s.id}": s for d in decks.values() for s in d.slides}
    by_ref.update({f"{data['deck']}:{s['id']}": _slide(s, source.stem)
                   for s in data.get("opening", [])})
    slides = []
    for segment, row in zip(data["segments"], rows, strict=True):
        for i, ref in enumerate(segment["slides"]):
            if ref not in by_ref:
                raise OutlineError(f"{plan_path}: no slide {ref!r} (use notebook:slide-id)")
            slide = Slide(**{**by_ref[ref].__dict__})
            if i == 0:
                slide.timing = (f"**{row['time']} ({minutes(row['time'])} min)**: "
                                f"{row['section']}. Show: {row['show']}. {row.get('notes', '')}")
            slides.append(slide)
    if not slides or slides[0].id != "content-note":
        raise OutlineError(f"{plan_path}: the first slide must be a content note")
    deeper = [s.id for s in slides if s.deeper]
    if deeper:
        raise OutlineError(f"{plan_path}: a class plan keeps to the core path, but these slides "
                           f"are from optional going-deeper parts: {deeper}")
    ids = [s.id for s in slides]
    if len(set(ids)) != len(ids):
        twice = sorted({i for i in ids if ids.count(i) > 1})
        raise OutlineError(f"{plan_path}: a slide is used twice: {twice}")
    intro = guide_section(guide, data["plan"]).split("\n|")[0].strip()
    title = Slide("title", data["title"], kind="title", stem=source.stem, say=intro)
    return Deck(data["deck"], data["title"], [slides[0], title, *slides[1:],
                                             *support_slides(source)])


def plan_title(plan_path: Path) -> str:
    return load_yaml(plan_path, CLASS_SCHEMA)["title"]
