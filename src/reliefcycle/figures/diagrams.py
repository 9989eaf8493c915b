"""Every exported figure of the series, and their export to ``figures/``.

Every figure function returns ``(fig, alt_text)``: a matplotlib figure and a short text
description of what it shows, for screen readers and text-only exports. The figures themselves
are drawn by their own modules (``series_map``, ``cycle_diagram``, ``functions_diagram``,
``evidence_map``); each has a slide version (``*_slide()``): the same data, labels only, no text
under ``style.SLIDE_TEXT``, for the decks.

- ``FIGURES``       file stem -> figure function, for every figure in ``figures/``
- ``export_all()``  writes every figure in ``FIGURES`` to ``figures/`` as SVG and PNG, with
                    its alt text in ``figures/alt-text.yml``
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import matplotlib.pyplot as plt
import yaml
from matplotlib.figure import Figure

from reliefcycle.core import style
from reliefcycle.figures.cycle_diagram import cycle_diagram, cycle_slide
from reliefcycle.figures.evidence_map import evidence_map, evidence_map_slide
from reliefcycle.figures.functions_diagram import (
    four_function_diagram,
    four_function_slide,
    function_rates_slide,
)
from reliefcycle.figures.series_map import series_map, series_map_slide

#: Every exported figure: file stem -> function returning (figure, alt text).
#: Adding a figure to ``figures/`` is one line here.
FIGURES: dict[str, Callable[[], tuple[Figure, str]]] = {
    "series-map": series_map,
    "cycle": cycle_diagram,
    "four-functions": four_function_diagram,
    "evidence-map": evidence_map,
    # Slide versions: the same facts in fewer words and larger text, for the decks.
    "series-map-slide": series_map_slide,
    "cycle-slide": cycle_slide,
    "four-functions-slide": four_function_slide,
    "evidence-map-slide": evidence_map_slide,
    "function-rates-slide": function_rates_slide,
}

ALT_TEXT_FILE = "alt-text.yml"
_ALT_HEADER = (
    "# Alt text of every figure in this folder, by file stem (the .svg and .png share it).\n"
    "# Written by reliefcycle.figures.diagrams.export_all(); edit the diagram code, not this file.\n"
)


class _AltTextDumper(yaml.SafeDumper):
    """Writes long texts as folded blocks, so the file reads like prose and diffs line by line."""


_AltTextDumper.add_representer(
    str, lambda dumper, text: dumper.represent_scalar(
        "tag:yaml.org,2002:str", text, style=">" if len(text) > 60 else None))


def save(fig: Figure, path: str | Path, alt: str) -> Path:
    """Save ``fig`` as SVG or PNG (by suffix) with ``alt`` in the file's metadata.

    SVGs carry no date and use the style's fixed hash salt, so saving the same figure twice
    gives the same bytes and a diff shows only real changes. PNGs are 150 dpi.
    """
    path = Path(path)
    metadata = {"Description": alt}
    if path.suffix == ".svg":
        metadata["Date"] = None
    with style.context():
        fig.savefig(path, dpi=150, metadata=metadata)
    return path


def export_all(outdir: str | Path = "figures") -> list[Path]:
    """Write every figure in ``FIGURES`` as SVG and PNG into ``outdir`` and record alt text.

    ``alt-text.yml`` in ``outdir`` maps each file stem to its alt text. Entries for other
    figures are kept while their files exist, so other modules can export into the same folder.
    Returns the paths written.
    """
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    alt_file = outdir / ALT_TEXT_FILE
    alts = (yaml.safe_load(alt_file.read_text(encoding="utf-8")) or {}) if alt_file.exists() \
        else {}
    written = []
    for stem, make in FIGURES.items():
        fig, alt = make()
        try:
            for suffix in (".svg", ".png"):
                written.append(save(fig, outdir / f"{stem}{suffix}", alt))
        finally:
            plt.close(fig)
        alts[stem] = alt
    alts = {stem: text for stem, text in sorted(alts.items())
            if any((outdir / f"{stem}{s}").exists() for s in (".svg", ".png"))}
    alt_file.write_text(_ALT_HEADER + yaml.dump(alts, Dumper=_AltTextDumper, allow_unicode=True,
                                                width=96, sort_keys=True), encoding="utf-8")
    written.append(alt_file)
    return written
