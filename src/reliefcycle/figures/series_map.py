"""The map of the series (notebook 00): the notebooks in order and three ways through them.

The words of the map live as data (``NOTEBOOKS``, ``ROUTES``), so a test can check every label
and the alt text against the series' language rules. Route markers differ in shape and letter,
not only in colour; a dashed marker means a route uses only part of that notebook.

- ``series_map()``        the map, with its alt text (``series_map_alt()``)
- ``series_map_slide()``  the slide version: numbers, titles, times and markers, large text
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyBboxPatch, RegularPolygon

from reliefcycle.core import style
from reliefcycle.figures.drawing import TEXT, arrow, box, canvas, wrap

#: Text size of the slide version: no smaller than the slide's body text.
_BIG = style.SLIDE_TEXT


@dataclass(frozen=True)
class Notebook:
    """One notebook of the series as the map shows it."""

    number: str
    title: str
    idea: str
    #: Time on the core path; ``None`` for reference material used at any time.
    minutes: int | None
    #: Time in full, for a notebook with "going deeper" parts (``None`` when it has none).
    full: int | None = None


@dataclass(frozen=True)
class Route:
    """One way through the series, shown by a lettered marker on each notebook it uses."""

    letter: str
    name: str
    summary: str
    stops: tuple[str, ...]
    #: Notebooks of which a route uses only a part (their marker has a dashed outline).
    partly: tuple[str, ...] = ()
    role: str = "support"
    #: Marker shape: a circle, a square or a diamond, so routes differ in more than colour.
    shape: str = "circle"


NOTEBOOKS = (
    Notebook("00", "Start here", "Three ways in, and what you think now", 25),
    Notebook("01", "What self-injury is (and is not)", "Definitions, how common, and myths", 30),
    Notebook("02", "The cycle", "Brief relief, longer-term costs: why it repeats", 35),
    Notebook("03", "Why people self-injure", "Reasons people give, and the theories", 28, 45),
    Notebook("04", "Brain and body", "What biology shows, and how sure we are", 30, 50),
    Notebook("05", "Breaking the cycle", "Treatments and skills that weaken the cycle", 30, 50),
    Notebook("06", "Responding well", "Calm, caring replies and where to find help", 35),
    Notebook("07", "Looking back", "What changed since you started", 15),
    Notebook("A", "Glossary", "Key terms in plain words", None),
)

_SEQUENCE = tuple(n.number for n in NOTEBOOKS if n.minutes is not None)
_SELF_STUDY_HOURS = round(sum(n.minutes or 0 for n in NOTEBOOKS) / 30) / 2  # to the half hour

ROUTES = (
    Route("S", "Self-study", f"every notebook in order, about {_SELF_STUDY_HOURS:g} hours on the core path",
          _SEQUENCE, role="support", shape="circle"),
    Route("C", "Class, 50 min", "00 \u2192 02, plus part of 05", ("00", "02", "05"),
          partly=("05",), role="highlight", shape="square"),
    Route("W", "Workshop, 90 min", "00 \u2192 02 \u2192 06", ("00", "02", "06"),
          role="skill", shape="diamond"),
)


def _route_marker(ax, cx, cy, route: Route, *, partly: bool, gid: str, size: float = 12):
    """A small shape with the route's letter; a dashed outline means 'part of this notebook'.

    The shape grows with the letter's ``size`` (points) above 16."""
    k = max(1.0, size / 16)
    kw = {"facecolor": "#FFFFFF" if partly else style.TINTS[route.role],
          "edgecolor": style.PALETTE[route.role] if not partly else TEXT,
          "linewidth": 2, "linestyle": "--" if partly else "-", "zorder": 3, "gid": gid}
    if route.shape == "circle":
        patch = Circle((cx, cy), 0.24 * k, **kw)
    elif route.shape == "square":
        patch = FancyBboxPatch((cx - 0.21 * k, cy - 0.21 * k), 0.42 * k, 0.42 * k,
                               boxstyle="square,pad=0", **kw)
    else:
        patch = RegularPolygon((cx, cy), numVertices=4, radius=0.29 * k, **kw)
    ax.add_patch(patch)
    ax.text(cx, cy, route.letter, ha="center", va="center_baseline", fontsize=size,
            fontweight="bold", color=TEXT, zorder=4, gid=gid)


def _notebook_boxes(ax, columns, rows, w, h):
    """Draw a ``w`` by ``h`` box for each timed notebook, in reading order on a grid of four
    ``columns`` and two ``rows`` (centres); yield each notebook with its box's centre."""
    for i, nb in enumerate(n for n in NOTEBOOKS if n.minutes is not None):
        cx, cy = columns[i % 4], rows[i // 4]
        box(ax, cx, cy, w, h, fill=style.TINTS["neutral"], edge=TEXT, lw=2, gid=f"box:{nb.number}")
        yield nb, cx, cy


def _sequence_arrows(ax, centres, w, h, *, gap=0.04, head=24):
    """Arrows from each notebook's box (``w`` by ``h``, centred at ``centres``) to the next one's,
    stopping ``gap`` short of the boxes."""
    for a, b in zip(_SEQUENCE, _SEQUENCE[1:], strict=False):
        (x1, y1), (x2, y2) = centres[a], centres[b]
        if y1 == y2:
            arrow(ax, [(x1 + w / 2 + gap, y1), (x2 - w / 2 - gap, y2)], head=head)
        else:
            # Row break: down into the gutter, back to the left, and down into the next row.
            mid = (y1 - h / 2 + y2 + h / 2) / 2
            arrow(ax, [(x1, y1 - h / 2 - gap), (x1, mid), (x2, mid), (x2, y2 + h / 2 + gap)],
                  head=head)


def series_map() -> tuple[Figure, str]:
    """Map of the series for notebook 00: the notebooks in order, and three ways through them.

    Each notebook is a box with its number, title, one-line idea and time. Lettered markers show
    which notebooks each route uses (S self-study, C a 50-minute class, W a 90-minute workshop).
    """
    with style.context():
        fig, ax = canvas(9.0)
        ax.text(0.2, 8.65, "Why self-injury persists: the series at a glance", fontsize=20,
                fontweight="bold", color=TEXT, va="center")
        w, h = 3.55, 2.35
        columns = (1.975, 5.99, 10.01, 14.025)
        rows = (6.6, 3.55)
        centres = {}
        for nb, cx, cy in _notebook_boxes(ax, columns, rows, w, h):
            centres[nb.number] = (cx, cy)
            left, top = cx - w / 2 + 0.2, cy + h / 2 - 0.18
            title = wrap(f"{nb.number}  {nb.title}", w - 0.4, 15)
            ax.text(left, top, title, fontsize=15, fontweight="bold", color=TEXT, va="top",
                    linespacing=1.15, gid=f"label:{nb.number}")
            idea_top = top - 0.3 * (title.count("\n") + 1) - 0.12
            ax.text(left, idea_top, wrap(nb.idea, w - 0.4, 13), fontsize=13, color=TEXT,
                    va="top", linespacing=1.15, gid=f"label:{nb.number}")
            bottom = cy - h / 2 + 0.34
            when = f"{nb.minutes} min" + (f" ({nb.full} in full)" if nb.full else "")
            ax.text(left, bottom, when, fontsize=13, color=TEXT, va="center",
                    gid=f"label:{nb.number}")
            markers = [r for r in ROUTES if nb.number in r.stops]
            for k, route in enumerate(markers):
                mx = cx + w / 2 - 0.38 - 0.62 * (len(markers) - 1 - k)
                _route_marker(ax, mx, bottom, route, partly=nb.number in route.partly,
                              gid=f"label:{nb.number}")

        _sequence_arrows(ax, centres, w, h)

        ax.text(0.2, 1.55, "Three ways through", fontsize=15, fontweight="bold", color=TEXT,
                va="center")
        # Legend entries get the room their text needs: one line each, except self-study.
        x = 0.45
        for route, width in zip(ROUTES, (4.2, 5.25, 4.0), strict=True):
            _route_marker(ax, x, 0.75, route, partly=False, gid=f"legend:{route.letter}")
            ax.text(x + 0.45, 0.75, wrap(f"{route.name}: {route.summary}", width, 13),
                    fontsize=13, color=TEXT, va="center", linespacing=1.15,
                    gid=f"legend:{route.letter}")
            x += width + 0.95
        ax.text(15.8, 1.55, "Times: core path (in full).  Dashed marker: part of that notebook.  "
                "Glossary: any time.", fontsize=12, color=TEXT, va="center", ha="right")
    return fig, series_map_alt()


def series_map_alt() -> str:
    """Text description of ``series_map()``, built from the same data as the figure."""
    timed = [n for n in NOTEBOOKS if n.minutes is not None]
    order = ", ".join(f"{n.number} {n.title}" for n in timed)
    lows, highs = min(n.minutes for n in timed), max(n.minutes for n in timed)
    deeper = ", ".join(f"{n.number} ({n.full})" for n in timed if n.full)
    others = [n for n in NOTEBOOKS if n.minutes is None]
    # Screen readers say "right arrow" for the arrow sign, so the description uses words.
    routes = "; ".join(f"{r.name} ({r.letter}): " + r.summary.replace(" \u2192 ", ", then ")
                       for r in ROUTES)
    return (
        f"Map of the notebook series in {len(timed)} boxes joined by arrows, in this order: "
        f"{order}; each box gives the notebook's main idea and its core path of {lows} to "
        f"{highs} minutes, and the minutes in full where a notebook has going-deeper parts: "
        f"{deeper}. The {' and '.join(n.title for n in others)} can be used at any time. "
        f"Lettered markers show three ways through the series: {routes}."
    )


def series_map_slide() -> tuple[Figure, str]:
    """The series map for a slide: each notebook's number, title and core time, and the
    lettered markers of the three ways through (``NOTEBOOKS``, ``ROUTES``)."""
    with style.context():
        fig, ax = canvas(style.SLIDE_HEIGHT)
        w, h = 3.75, 2.8
        columns, rows = (1.95, 5.98, 10.02, 14.05), (6.05, 2.95)
        centres = {}
        for nb, cx, cy in _notebook_boxes(ax, columns, rows, w, h):
            centres[nb.number] = (cx, cy)
            left, top = cx - w / 2 + 0.15, cy + h / 2 - 0.12
            ax.text(left, top, wrap(f"{nb.number} {nb.title}", w - 0.5, _BIG), fontsize=_BIG,
                    fontweight="bold", color=TEXT, va="top", linespacing=1.0,
                    gid=f"label:{nb.number}")
            bottom = cy - h / 2 + 0.42
            ax.text(left, bottom + 0.72, f"{nb.minutes} min", fontsize=_BIG, color=TEXT,
                    va="center", gid=f"label:{nb.number}")
            markers = [r for r in ROUTES if nb.number in r.stops]
            for k, route in enumerate(markers):
                mx = left + 0.3 + 0.8 * k
                _route_marker(ax, mx, bottom, route, partly=nb.number in route.partly,
                              gid=f"label:{nb.number}", size=_BIG)
        _sequence_arrows(ax, centres, w, h, gap=0.03, head=18)
        x = 0.45
        for route, width in zip(ROUTES, (3.4, 4.7, 5.6), strict=True):
            _route_marker(ax, x, 0.85, route, partly=False, gid=f"legend:{route.letter}",
                          size=_BIG)
            ax.text(x + 0.5, 0.85, route.name, fontsize=_BIG, color=TEXT, va="center",
                    gid=f"legend:{route.letter}")
            x += width
    return fig, series_map_alt()
