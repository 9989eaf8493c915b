"""The four functions of self-injury and how often people report them (notebook 03), as code.

- ``four_function_diagram()``  the four-function model as a 2 x 2 grid: automatic (within the
                               person) or social (between people), by negative reinforcement
                               (something unpleasant is taken away) or positive reinforcement
                               (something wanted is added). The automatic-negative cell is marked
                               as the brief relief of the cycle in notebook 02. Exported to
                               ``figures/`` through ``diagrams.FIGURES``.
- ``function_rates()``         the ranges of pooled rates from a meta-analysis
                               (``taylor2018metaanalysis``), drawn as ranges, never as points.

Both return ``(figure, alt_text)``. Every word a figure shows lives here as data (``CELLS``,
``ROWS``, ``COLUMNS``, ``FOOTER``, ``RATES``), so tests can lint each one. The module imports
only ``style`` and the shared ``drawing`` helpers, so ``diagrams`` can import it for its
registry without a circular import.
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from reliefcycle.core import style
from reliefcycle.figures.drawing import SLIDE, box, canvas, wrap

TEXT = style.PALETTE["text"]


# --- the four-function model -------------------------------------------------------------------

@dataclass(frozen=True)
class Cell:
    """One cell of the four-function grid.

    ``row`` is ``"automatic"`` or ``"social"``; ``column`` is ``"negative"`` or ``"positive"``.
    ``label`` is the bold line, ``detail`` the example underneath, ``link`` an optional third
    line (used to tie the automatic-negative cell to the cycle of notebook 02). ``role`` names
    the colour in ``style.TINTS`` and ``style.PALETTE``.
    """

    id: str
    row: str
    column: str
    label: str
    detail: str
    role: str
    link: str = ""


@dataclass(frozen=True)
class Header:
    """A row or column heading: a bold name and a plain explanation."""

    id: str
    name: str
    explanation: str


COLUMNS = (
    Header("negative", "Negative reinforcement", "something unpleasant is taken away"),
    Header("positive", "Positive reinforcement", "something wanted is added"),
)
ROWS = (
    Header("automatic", "Automatic", "within the person (intrapersonal)"),
    Header("social", "Social", "between people (interpersonal)"),
)
CELLS = (
    Cell("automatic-negative", "automatic", "negative", "Relief from an unwanted inner state",
         "overwhelming emotion, tension or racing thoughts may drop, for a short time", "relief",
         link="= the brief relief in the cycle of notebook 02"),
    Cell("automatic-positive", "automatic", "positive", "Creating a wanted inner state",
         "for example, feeling something when numb or empty", "neutral"),
    Cell("social-negative", "social", "negative", "Escaping a social demand",
         "a dreaded situation or pressure from others stops, for a while", "support"),
    Cell("social-positive", "social", "positive", "Communicating distress, getting support",
         "others see how bad things are: this deserves a caring response", "support"),
)
CELL_IDS = tuple(c.id for c in CELLS)
FOOTER = (
    "People often report more than one function; automatic functions are reported most.",
    "Any relief is brief, and longer-term costs follow.  After Nock & Prinstein (2004).",
)
TITLE = "Four functions of self-injury: what it does for the person"

#: Grid geometry in layout units (16 across): left and right edge, top and bottom, gaps.
_GRID = {"left": 3.35, "right": 15.8, "top": 7.0, "bottom": 1.55, "gap": 0.3}


def cell(cell_id: str) -> Cell:
    """The cell with this id; an unknown id raises ``ValueError`` naming the choices."""
    for c in CELLS:
        if c.id == cell_id:
            return c
    raise ValueError(f"unknown function '{cell_id}'; choose one of {', '.join(CELL_IDS)}")


def _cell_geometry() -> dict[str, tuple[float, float, float, float]]:
    g = _GRID
    w = (g["right"] - g["left"] - g["gap"]) / 2
    h = (g["top"] - g["bottom"] - g["gap"]) / 2
    xs = {"negative": g["left"] + w / 2, "positive": g["right"] - w / 2}
    ys = {"automatic": g["top"] - h / 2, "social": g["bottom"] + h / 2}
    return {c.id: (xs[c.column], ys[c.row], w, h) for c in CELLS}


def four_function_diagram() -> tuple[Figure, str]:
    """The four-function model of self-injury as a labelled 2 x 2 grid (notebook 03).

    Rows: automatic (within the person) and social (between people). Columns: negative
    reinforcement (something unpleasant is taken away) and positive reinforcement (something
    wanted is added). The automatic-negative cell, the brief relief of the cycle in notebook
    02, has a thicker edge and a line saying so, so the link does not rely on colour.
    """
    geometry = _cell_geometry()
    with style.context():
        fig, ax = canvas()
        ax.text(0.2, 8.55, TITLE, fontsize=20, fontweight="bold", color=TEXT, va="center")

        for header in COLUMNS:
            cx = next(geometry[c.id][0] for c in CELLS if c.column == header.id)
            ax.text(cx, 7.78, header.name, ha="center", va="center", fontsize=17,
                    fontweight="bold", color=TEXT, gid=f"column:{header.id}")
            ax.text(cx, 7.3, header.explanation, ha="center", va="center", fontsize=14,
                    color=TEXT, gid=f"column:{header.id}")
        for header in ROWS:
            cy = next(geometry[c.id][1] for c in CELLS if c.row == header.id)
            ax.text(0.25, cy + 0.3, header.name, ha="left", va="center", fontsize=17,
                    fontweight="bold", color=TEXT, gid=f"row:{header.id}")
            ax.text(0.25, cy - 0.12, wrap(header.explanation, 2.9, 14), ha="left", va="top",
                    fontsize=14, color=TEXT, linespacing=1.15, gid=f"row:{header.id}")

        for c in CELLS:
            cx, cy, w, h = geometry[c.id]
            marked = bool(c.link)
            box(ax, cx, cy, w, h, fill=style.TINTS[c.role], edge=style.PALETTE[c.role],
                lw=6.0 if marked else 2.5, rounding=0.25, gid=f"box:{c.id}")
            label = wrap(c.label, w - 0.6, 17)
            detail = wrap(c.detail, w - 0.6, 14)
            parts = [(label, 17, "bold", "normal", 0.34), (detail, 14, "normal", "normal", 0.29)]
            if marked:
                parts.append((wrap(c.link, w - 0.6, 14), 14, "bold", "italic", 0.29))
            # Centre the block of lines vertically in the box, with a small gap between parts.
            heights = [step * (text.count("\n") + 1) for text, _, _, _, step in parts]
            gap = 0.16
            top = cy + (sum(heights) + gap * (len(parts) - 1)) / 2
            for (text, size, weight, slant, _), height in zip(parts, heights, strict=True):
                ax.text(cx, top, text, ha="center", va="top", fontsize=size, fontweight=weight,
                        fontstyle=slant, color=TEXT, linespacing=1.15, zorder=3,
                        gid=f"label:{c.id}")
                top -= height + gap

        for n, line in enumerate(FOOTER):
            ax.text(0.25, 0.95 - 0.45 * n, line, ha="left", va="center", fontsize=14,
                    color=TEXT, gid="footer")
    return fig, four_function_alt()


def four_function_slide() -> tuple[Figure, str]:
    """The four-function grid for a slide: the headings, each cell's bold label, the link to
    the cycle and the footer's line on brief relief, with no text smaller than ``SLIDE_TEXT``."""
    size = style.SLIDE_TEXT
    left, right, top, bottom, gap = 3.1, 15.85, 5.75, 0.85, 0.25
    w, h = (right - left - gap) / 2, (top - bottom - gap) / 2
    xs = {"negative": left + w / 2, "positive": right - w / 2}
    ys = {"automatic": top - h / 2, "social": bottom + h / 2}
    with style.context():
        fig, ax = canvas(style.SLIDE_HEIGHT)
        for header in COLUMNS:
            ax.text(xs[header.id], 7.2, header.name, ha="center", va="center", fontsize=size,
                    fontweight="bold", color=TEXT, gid=f"column:{header.id}")
            ax.text(xs[header.id], 6.85, wrap(header.explanation, w, size), ha="center",
                    va="top", fontsize=size, color=TEXT, linespacing=1.0,
                    gid=f"column:{header.id}")
        for header in ROWS:
            # The slide keeps the plain words and leaves the technical term in parentheses out.
            plain = header.explanation.split(" (")[0]
            ax.text(0.15, ys[header.id] + 0.3, header.name, ha="left", va="center",
                    fontsize=size, fontweight="bold", color=TEXT, gid=f"row:{header.id}")
            ax.text(0.15, ys[header.id] - 0.05, wrap(plain, left - 0.3, size), ha="left",
                    va="top", fontsize=size, color=TEXT, linespacing=1.1, gid=f"row:{header.id}")
        for c in CELLS:
            cx, cy = xs[c.column], ys[c.row]
            box(ax, cx, cy, w, h, fill=style.TINTS[c.role], edge=style.PALETTE[c.role],
                lw=6.0 if c.link else 2.5, rounding=0.25, gid=f"box:{c.id}")
            text = wrap(c.label, w - 0.4, size)
            if c.link:
                text += "\n" + wrap(c.link, w - 0.4, size)
            ax.text(cx, cy, text, ha="center", va="center", fontsize=size, fontweight="bold",
                    color=TEXT, linespacing=1.05, zorder=3, gid=f"label:{c.id}")
        # The footer's line on brevity and costs (its citation stays in the presenter notes).
        ax.text(0.15, 0.35, FOOTER[1].split("  ")[0], ha="left", va="center", fontsize=size,
                color=TEXT, gid="footer")
    return fig, four_function_alt()


def four_function_alt() -> str:
    """Text description of ``four_function_diagram()``, built from the same data."""
    by_id = {c.id: c for c in CELLS}

    def say(cell_id: str) -> str:
        return by_id[cell_id].label.lower()

    return (
        "A two-by-two grid of the four functions of self-injury. Rows: automatic (within the "
        "person) and social (between people); columns: negative reinforcement (something "
        "unpleasant is taken away) and positive reinforcement (something wanted is added). "
        f"The cells read: automatic negative, {say('automatic-negative')}, marked as the brief "
        f"relief in the cycle of notebook 02; automatic positive, {say('automatic-positive')}; "
        f"social negative, {say('social-negative')}; social positive, "
        f"{say('social-positive')}, which deserves a caring response. A note says people often "
        "report more than one function, automatic functions are reported most, and any relief "
        "is brief, with longer-term costs to follow."
    )


# --- how often each function is reported -------------------------------------------------------

@dataclass(frozen=True)
class RateRange:
    """A range of pooled rates, in percent of people with self-injury, with its source key."""

    id: str
    label: str
    low: float
    high: float
    key: str
    role: str


#: Taylor et al. (2018), a meta-analysis of community and clinical samples (search to March
#: 2017). The abstract gives each rate as a range; the figure shows the ranges, not a point.
RATES = (
    RateRange("intrapersonal", "Intrapersonal (automatic)\nfunctions", 66, 81,
              "taylor2018metaanalysis", "relief"),
    RateRange("emotion-regulation", "of which: emotion\nregulation", 63, 78,
              "taylor2018metaanalysis", "relief"),
    RateRange("interpersonal", "Interpersonal (social)\nfunctions", 33, 56,
              "taylor2018metaanalysis", "support"),
)


def check_rates(rates: tuple[RateRange, ...]) -> tuple[RateRange, ...]:
    """Return ``rates`` unchanged if every record is sound, else raise ``ValueError`` naming the
    record and the field: percentages between 0 and 100, low below high, a source key and a
    known colour role for each."""
    if not rates:
        raise ValueError("rates: at least one range is needed")
    seen = set()
    for n, r in enumerate(rates, start=1):
        where = f"rate {n} ('{r.id}')"
        if not r.id or r.id in seen:
            raise ValueError(f"{where}: field 'id' must be present and unique")
        seen.add(r.id)
        for name in ("low", "high"):
            value = getattr(r, name)
            if not isinstance(value, int | float) or isinstance(value, bool) or not 0 <= value <= 100:
                raise ValueError(f"{where}: field '{name}' must be a percentage between 0 and 100 "
                                 f"(got {value!r})")
        if r.low >= r.high:
            raise ValueError(f"{where}: field 'low' ({r.low:g}) must be below 'high' ({r.high:g})")
        if not r.label.strip():
            raise ValueError(f"{where}: field 'label' is empty")
        if not r.key.strip():
            raise ValueError(f"{where}: field 'key' must name the source in references.bib")
        if r.role not in style.TINTS:
            raise ValueError(f"{where}: field 'role' must be one of {', '.join(style.TINTS)} "
                             f"(got {r.role!r})")
    return rates


check_rates(RATES)

RATES_TITLE = "How often people report each function"
RATES_NOTE = ("Bars show the range a meta-analysis reports (Taylor et al., 2018); no single best "
              "value is given.\nPeople often report several functions, so rows can add up to "
              "more than 100%. Studies varied a lot.")


def _rate_bars(ax, rates, *, height: float, lw: float, size: float) -> list[int]:
    """One bar per range, top to bottom, each labelled with its range; returns the bars' y."""
    ys = list(range(len(rates)))[::-1]
    for y, r in zip(ys, rates, strict=True):
        ax.barh(y, r.high - r.low, left=r.low, height=height, color=style.TINTS[r.role],
                edgecolor=style.PALETTE[r.role], linewidth=lw, gid=f"rate:{r.id}")
        ax.text(r.high + 1.5, y, f"{r.low:g}\u2013{r.high:g}%", va="center", ha="left",
                fontsize=size, fontweight="bold", color=TEXT, gid=f"rate-label:{r.id}")
    return ys


def function_rates(rates: tuple[RateRange, ...] = RATES) -> tuple[Figure, str]:
    """Ranges of pooled rates of each kind of function, as horizontal bars (notebook 03).

    Each bar spans the reported range and is labelled with it; no point estimate is drawn,
    because the source gives ranges. Returns the figure and its alt text for ``style.show``.
    """
    check_rates(rates)
    with style.context():
        fig = Figure(figsize=(11, 5.2))
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.3, 0.3, 0.62, 0.58))
        ys = _rate_bars(ax, rates, height=0.55, lw=2.5, size=15)
        ax.set_yticks(ys, [r.label for r in rates])
        ax.set_xlim(0, 100)
        ax.set_ylim(-0.6, len(rates) - 0.4)
        ax.set_xlabel("People with self-injury who report it (%)")
        ax.grid(axis="y", visible=False)
        ax.tick_params(axis="y", length=0)
        fig.text(0.02, 0.95, RATES_TITLE, fontsize=18, fontweight="bold", color=TEXT, va="top")
        fig.text(0.02, 0.05, RATES_NOTE, fontsize=13, color=TEXT, va="bottom", linespacing=1.3)
    return fig, function_rates_alt(rates)


def function_rates_slide(rates: tuple[RateRange, ...] = RATES) -> tuple[Figure, str]:
    """``function_rates()`` for a slide: the same bars and ranges with every word at least
    ``style.SLIDE_TEXT``; the title and the note are the slide's headline and presenter notes."""
    check_rates(rates)
    size = style.SLIDE_TEXT
    with style.context():
        fig = Figure(figsize=(SLIDE[0], 4.6))
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.37, 0.24, 0.5, 0.72))
        ys = _rate_bars(ax, rates, height=0.6, lw=3, size=size)
        ax.set_yticks(ys, [r.label for r in rates], fontsize=size, linespacing=1.05)
        ax.set_xticks([0, 50, 100], ["0", "50", "100"], fontsize=size)
        ax.set_xlim(0, 100)
        ax.set_ylim(-0.6, len(rates) - 0.4)
        ax.set_xlabel("People with self-injury who report it (%)", fontsize=size)
        ax.grid(axis="y", visible=False)
        ax.tick_params(axis="y", length=0)
    return fig, function_rates_alt(rates)


def function_rates_alt(rates: tuple[RateRange, ...] = RATES) -> str:
    """Text description of ``function_rates()``."""
    parts = "; ".join(f"{r.label.replace(chr(10), ' ').lower()}: {r.low:g} to {r.high:g}%"
                      for r in rates)
    return (
        "Horizontal bar chart of the ranges of pooled rates reported in a meta-analysis "
        f"(Taylor et al., 2018), as the share of people with self-injury who report each kind "
        f"of function: {parts}. Each bar spans a range; no single value is shown. People often "
        "report several functions, so the rows can add up to more than 100%, and studies "
        "varied a lot."
    )
