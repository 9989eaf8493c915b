"""Colours, plot style and accessible figure display for the series.

The palette is Okabe & Ito's colour-blind-safe set. Each colour has a *role* so that the same
idea has the same colour in every notebook (distress is always vermilion, skills always green).
Text is only ever drawn in the dark colours of ``TEXT_PAIRS``, each of which has a contrast of at
least 4.5:1 against its background (WCAG 2.1 AA); a test checks every pair.
"""

from __future__ import annotations

import base64
import html
import io
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import matplotlib
import matplotlib.pyplot as plt
import wcag_contrast_ratio
from matplotlib.figure import Figure

STYLE_FILE = Path(__file__).with_name("reliefcycle.mplstyle")

#: Okabe-Ito colours, by the role they play in the series.
PALETTE = {
    "distress": "#D55E00",   # vermilion
    "relief": "#56B4E9",     # sky blue
    "cost": "#CC79A7",       # reddish purple
    "skill": "#009E73",      # bluish green
    "support": "#0072B2",    # blue
    "highlight": "#E69F00",  # orange
    "neutral": "#7F7F7F",    # grey
    "text": "#1A1A1A",       # near-black, for all text
    "background": "#FFFFFF",
}

#: Light tints used as box fills behind dark text in diagrams.
TINTS = {
    "distress": "#F9DCC8",
    "relief": "#DDF0FA",
    "cost": "#F5E0EC",
    "skill": "#CCECE2",
    "support": "#CCE3F0",
    "highlight": "#FBEBC7",
    "neutral": "#EDEDED",
}

#: Every (text colour, background colour) pair the series draws text with.
TEXT_PAIRS = [(PALETTE["text"], PALETTE["background"])] + [
    (PALETTE["text"], tint) for tint in TINTS.values()
] + [("#FFFFFF", PALETTE["support"]), ("#FFFFFF", PALETTE["text"])]

MIN_CONTRAST = 4.5

#: Slide versions of the diagrams (``*_slide()``): drawn on a 16 x 7.5-unit canvas 13.33 in wide
#: that a deck shows about 1160 px wide, so 1 pt is about 1.2 px of the 1280 x 720 slide, and no
#: text is smaller than this, in points: 24 pt is about 29 px, at least the 28 px body text of a
#: figure slide (checked in the browser by tests/browser/test_slides.py).
SLIDE_TEXT = 24
#: Height of a slide version's canvas in layout units (16 across).
SLIDE_HEIGHT = 7.5


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    return matplotlib.colors.to_rgb(hex_colour)


def contrast(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio between two colours given as hex strings (1 to 21)."""
    return wcag_contrast_ratio.rgb(_rgb(foreground), _rgb(background))


def use() -> None:
    """Apply the series' plot style (large fonts for projectors, the palette as colour cycle)."""
    plt.style.use(STYLE_FILE)


@contextmanager
def context():
    """Use the series' style inside a ``with`` block only (for exporting figures)."""
    with plt.style.context(STYLE_FILE):
        yield


class FigureWithAlt(NamedTuple):
    """A figure and the text alternative that describes it (for ``show``)."""

    figure: Figure
    alt: str


def img_html(png: bytes, alt: str, max_width: str = "100%") -> str:
    """An ``<img>`` tag holding ``png`` inline, with ``alt`` as its text alternative.

    Used wherever a picture is shown in a notebook, because JupyterLab gives plain image outputs
    no alt text; an HTML image carries it to JupyterLab, exported HTML and the book alike.
    """
    data = base64.b64encode(png).decode("ascii")
    return (f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt)}" '
            f'style="max-width:{max_width};height:auto">')


def show(fig: plt.Figure, alt: str) -> None:
    """Display ``fig`` inline as an image that carries ``alt`` as its text alternative.

    The plain-text part of the output (seen by text exports) is the alt text too.
    """
    from IPython.display import display

    from reliefcycle.core.safety import require_clean

    if not alt or not alt.strip():
        raise ValueError("show(): every figure needs alt text describing what it shows")
    require_clean(alt, where="alt text")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    display({"text/html": img_html(buffer.getvalue(), alt), "text/plain": f"[Figure: {alt}]"},
            raw=True)
