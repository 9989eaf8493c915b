"""The intervention explorer of notebook 05: where parts of treatment act on the cycle.

Switch on a part of treatment (emotion-regulation skills, distress-tolerance skills,
understanding one's own chain of events, support and connection, lower ongoing stress) and see
two things at once:

1. which stages of the cycle diagram of notebook 02 it acts on (``diagrams.cycle_diagram``,
   with several stages emphasised and lettered tags on them), and
2. what the conceptual learning model of notebook 02 (``reliefcycle.model``) does over 12
   weeks: how often urges come, and the share of urges met by self-injury.

Each part of treatment is represented in the model by changing one or two of its settings.
That mapping is a teaching device, not a finding: the notebook says which parts have trial
evidence and how strong it is.

The work is split so it can be tested without a browser:

- ``COMPONENTS``, ``params_for``, ``stages_for``, ``changes_for``   pure mapping logic
- ``run`` and ``Outcome``                 the model's result for a set of components
- ``ComponentDiagram``                    the cycle diagram, built once, restyled in place
- ``InterventionExplorer``                the diagram and a chart, built once; ``update``
                                          changes them in place and returns a description
- ``InterventionWidget``                  labelled check boxes wired to the explorer, with a
                                          static version for exports (``StaticFallback``)
- ``small_multiples``                     the static version: one panel per component
"""

from __future__ import annotations

import dataclasses
import html
import io
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch
from matplotlib.ticker import PercentFormatter

from . import about, diagrams, explore, style
from .explore import FigureWithAlt
from .fallback import StaticFallback
from .model import PRESETS, SELF_INJURY, Params, Simulation, simulate
from .models import cycle_text

#: The model settings every comparison starts from: the "Before any skills" preset of notebook 02.
BASE_PRESET = "Before any skills"
N_PEOPLE = 500
N_DAYS = explore.N_DAYS
WEEKS = N_DAYS // 7
SEED = explore.DEFAULT_SEED
DIAGRAM_DPI = 60   # the diagram is 13.33 x 8 inches: about 800 x 480 pixels
CHART_DPI = 80
#: Fast PNG compression: the pictures are sent again on every switch.
_FAST_PNG = {"compress_level": 1}


@dataclass(frozen=True)
class Component:
    """One part of treatment, as the explorer represents it.

    ``changes`` are the model settings it moves (to these values, from the base preset);
    ``stages`` are the ids of the cycle stages (``diagrams.STAGE_IDS``) it acts on.
    """

    id: str
    letter: str
    label: str
    short: str         #: a label short enough for the diagram's legend
    what: str          #: what it is, in one sentence
    acts_on: str       #: where it acts on the cycle, in words
    in_model: str      #: how the model represents it
    changes: tuple[tuple[str, float], ...]
    stages: tuple[str, ...]


COMPONENTS = (
    Component(
        "emotion-regulation", "A", "Emotion-regulation skills", "Emotion-regulation skills",
        "Skills for noticing, naming and changing emotions, practised between difficult "
        "moments, as in DBT and emotion regulation group therapy.",
        "rising distress and urge, and the learning link: other ways of easing distress bring "
        "relief too, so brief relief from self-injury is no longer the only relief learned",
        "skills are practised on most days, so a practised skill brings more relief as the weeks "
        "go by (skill practice 0.05 to 0.8)",
        (("skill_practice", 0.8),), ("urge", "learning")),
    Component(
        "distress-tolerance", "B", "Distress-tolerance skills", "Distress-tolerance skills",
        "Skills for getting through a crisis moment without making things worse.",
        "the step from urge to self-injury: getting through an urge brings more relief, so "
        "riding it out becomes a more likely way of meeting the next one",
        "getting through an urge without self-injury eases more of the distress (relief from "
        "riding it out 0.1 to 0.3)",
        (("ride_out_relief", 0.3),), ("self-injury",)),
    Component(
        "chain", "C", "Understanding one's own chain of events", "Understanding the chain",
        "Working out, without judgement, what tends to come before self-injury and what follows "
        "it, so that links can be spotted early.",
        "the longer-term costs and the learning link: seeing the links and the later effects "
        "more clearly, and spotting earlier points where something else could help",
        "delayed costs are linked back more strongly (cost linked back 0.3 to 0.8). This does "
        "not mean feeling worse about self-injury; shame feeds the cycle. The model represents "
        "only the 'seeing the later effects' part",
        (("cost_weight", 0.8),), ("costs", "learning")),
    Component(
        "support", "D", "Support and connection", "Support and connection",
        "People to turn to: friends, family, peers, teachers or professionals.",
        "the stressor and rising distress: stressors hit less hard, and distress settles "
        "sooner",
        "support softens each stressor and helps distress settle (support 0 to 0.5)",
        (("support", 0.5),), ("stressor", "urge")),
    Component(
        "stress", "E", "Lower ongoing stress", "Lower ongoing stress",
        "Changes in circumstances that lower day-to-day pressure, such as less conflict or a "
        "workload that fits.",
        "the stressor: fewer stressful events, from a calmer everyday level",
        "a lower usual level of distress and fewer stressful days (baseline stress 0.35 to "
        "0.3; stressor chance 0.2 to 0.15)",
        (("baseline_stress", 0.3), ("stressor_chance", 0.15)), ("stressor",)),
)
COMPONENT_IDS = tuple(c.id for c in COMPONENTS)
_BY_ID = {c.id: c for c in COMPONENTS}
_STAGES = {s.id: s for s in diagrams.STAGES}


def base_params() -> Params:
    """The settings every comparison starts from (notebook 02's "Before any skills")."""
    return PRESETS[BASE_PRESET][0]


def component(component_id: str) -> Component:
    """The component called ``component_id``; an unknown id is an error listing the ids."""
    try:
        return _BY_ID[component_id]
    except KeyError:
        raise ValueError(f"unknown component '{component_id}'; choose from "
                         + ", ".join(COMPONENT_IDS)) from None


def _chosen(active: Iterable[str]) -> tuple[Component, ...]:
    """The active components in the order of ``COMPONENTS`` (checked, duplicates ignored)."""
    if isinstance(active, str):
        active = (active,)
    wanted = {component(a).id for a in active}
    return tuple(c for c in COMPONENTS if c.id in wanted)


def changes_for(active: Iterable[str], base: Params | None = None) -> dict[str, tuple[float, float]]:
    """Each setting the active components change: name -> (value before, value after)."""
    base = base_params() if base is None else base
    out = {}
    for c in _chosen(active):
        for name, value in c.changes:
            out[name] = (getattr(base, name), value)
    return out


def params_for(active: Iterable[str], base: Params | None = None) -> Params:
    """The model settings with the active components switched on (validated by ``Params``)."""
    base = base_params() if base is None else base
    return dataclasses.replace(base, **{name: after for name, (_, after)
                                        in changes_for(active, base).items()})


def stages_for(active: Iterable[str]) -> tuple[str, ...]:
    """The cycle stages the active components act on, in the diagram's order."""
    targeted = {stage for c in _chosen(active) for stage in c.stages}
    return tuple(s for s in diagrams.STAGE_IDS if s in targeted)


# --- the model's result -----------------------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    """What the model shows for one set of components."""

    simulation: Simulation
    share: float            #: share of all urges in the 12 weeks met by self-injury
    urges_per_week: float   #: urges per simulated person per week
    share_so_far: np.ndarray    #: share of urges so far met by self-injury, day by day (pooled)
    weekly_urges: np.ndarray    #: urges per person in each week


def run(active: Iterable[str] = (), n_people: int = N_PEOPLE, seed: int = SEED) -> Outcome:
    """Run the model with the active components switched on."""
    sim = simulate(params_for(active), n_people, N_DAYS, seed)
    urges, met = sim.urge.sum(), (sim.choice == SELF_INJURY).sum()
    weekly = sim.urge.reshape(sim.n_people, WEEKS, 7).sum(axis=(0, 2)) / sim.n_people
    return Outcome(
        simulation=sim,
        share=float(met / urges) if urges else float("nan"),
        urges_per_week=float(urges / sim.n_people / WEEKS),
        share_so_far=sim.pooled_share_self_injury(N_DAYS),
        weekly_urges=weekly,
    )


#: Settings of the distress process itself: a component that changes only these acts on how
#: often distress passes the threshold, not on how an urge is met.
DISTRESS_SETTINGS = frozenset({"support", "baseline_stress", "stressor_chance"})


def acts_on_distress(c: Component) -> bool:
    """Whether the component changes only settings of the distress process."""
    return {name for name, _ in c.changes} <= DISTRESS_SETTINGS


def _percent(share: float) -> str:
    return "no urges" if np.isnan(share) else cycle_text.percent(share)


def _names(chosen: tuple[Component, ...]) -> str:
    names = [c.label.lower() for c in chosen]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _result(chosen, outcome: Outcome, baseline: Outcome) -> str:
    if not chosen:
        return (f"With no part of treatment switched on, about {_percent(baseline.share)} of "
                f"urges over {WEEKS} weeks were met by self-injury, and a simulated person had "
                f"about {baseline.urges_per_week:.1f} urges a week. Switch on a part of "
                "treatment to see where it acts.")
    stages = ", ".join(_STAGES[s].label.lower() for s in stages_for(c.id for c in chosen))
    return (f"With {_names(chosen)} switched on (acting on: {stages}), about "
            f"{_percent(outcome.share)} of urges over {WEEKS} weeks were met by self-injury, "
            f"compared with {_percent(baseline.share)} with none; urges came about "
            f"{outcome.urges_per_week:.1f} times a week per simulated person, compared with "
            f"{baseline.urges_per_week:.1f}.")


def _mechanism(chosen, outcome: Outcome, baseline: Outcome) -> str:
    rarer = tuple(c for c in chosen if acts_on_distress(c))
    how = tuple(c for c in chosen if not acts_on_distress(c))
    def act(group):
        return f"{_names(group)} {'acts' if len(group) == 1 else 'act'}"

    parts = []
    if rarer:
        parts.append(f"{act(rarer)} on how often distress passes the threshold")
    if how:
        parts.append(f"{act(how)} on how urges are met")
    text = "In the model, " + ", while ".join(parts)
    if how and not rarer and outcome.urges_per_week < baseline.urges_per_week:
        text += " (and, as less distress is carried over, urges came less often too)"
    return text + "."


def _relief(chosen, outcome: Outcome, baseline: Outcome) -> str:
    p = outcome.simulation.params
    text = (f"Relief after self-injury stays partial and brief whatever is switched on "
            f"({cycle_text.percent(p.immediate_relief)} of the distress, "
            f"{cycle_text.left_next_day(p)} of it left by the next day), and each act brings a "
            f"delayed cost: about {cycle_text.costs_per_person(outcome.simulation):.1f} costs per "
            f"simulated person arrived in the {WEEKS} weeks")
    if chosen:
        text += (f", compared with {cycle_text.costs_per_person(baseline.simulation):.1f} with "
                 "none switched on")
    return text + "."


def sentences(active: Iterable[str], outcome: Outcome, baseline: Outcome) -> dict[str, str]:
    """What the explorer shows for these components, sentence by sentence, by name
    (``result``, ``mechanism`` when something is switched on, ``relief``, ``label``). Every
    number and every claim is worked out from ``outcome`` and ``baseline``, the runs with
    these components and with none."""
    chosen = _chosen(active)
    out = {"result": _result(chosen, outcome, baseline)}
    if chosen:
        out["mechanism"] = _mechanism(chosen, outcome, baseline)
    out["relief"] = _relief(chosen, outcome, baseline)
    out["label"] = cycle_text.LABEL
    return out


def describe(active: Iterable[str], outcome: Outcome, baseline: Outcome) -> str:
    """The sentences of ``sentences`` as one paragraph."""
    return " ".join(sentences(active, outcome, baseline).values())


# --- the diagram ------------------------------------------------------------------------------

#: Text colour, fills and the legend's place (slide units: 16 across, 9.6 high).
_TEXT = style.PALETTE["text"]
_LEGEND_X, _LEGEND_TOP, _LEGEND_STEP = 0.3, 3.9, 0.45
_TAGS_BELOW = ("stressor", "urge", "self-injury")
_TAG = 0.46        # side of a lettered tag
_TITLE = "How the cycle keeps going"


class ComponentDiagram:
    """The cycle diagram with several stages emphasised: built once, restyled in place.

    ``show(active)`` emphasises the stages the active components act on (thick edge, full
    tint), fades the others, shows a lettered tag on each stage for each component acting on
    it, and lists the active components in a legend. Text stays dark throughout.
    """

    def __init__(self):
        fig, _ = diagrams.cycle_diagram()
        plt.close(fig)              # drawn by pyplot; keep it out of pyplot's figure list
        FigureCanvasAgg(fig)
        self.figure = fig
        self.ax = fig.axes[0]
        by_gid = {}
        for artist in fig.findobj():
            by_gid.setdefault(str(artist.get_gid()), []).append(artist)
        self.boxes = {s: by_gid[f"box:{s}"][0] for s in diagrams.STAGE_IDS}
        self.badges = {s: [a for a in by_gid[f"badge:{s}"] if not hasattr(a, "get_text")][0]
                       for s in diagrams.STAGE_IDS}
        self.title = next(t for t in fig.texts + self.ax.texts if t.get_text() == _TITLE)
        self.tags = {}
        with style.context():
            for stage in diagrams.STAGE_IDS:
                box = self.boxes[stage]
                right, top = box.get_x() + box.get_width(), box.get_y() + box.get_height()
                acting = [c for c in COMPONENTS if stage in c.stages]
                for k, c in enumerate(acting):
                    x = right - 0.12 - _TAG - k * (_TAG + 0.12)
                    # Boxes of the top row carry their tags just below them, where the picture
                    # is empty; the others on their top edge, clear of their centred words.
                    y = box.get_y() - 0.08 - _TAG if stage in _TAGS_BELOW else top - _TAG / 2
                    patch = FancyBboxPatch((x, y), _TAG, _TAG, boxstyle="round,pad=0,rounding_size=0.08",
                                           facecolor=style.TINTS["skill"],
                                           edgecolor=style.PALETTE["skill"], linewidth=2,
                                           zorder=6, gid=f"tag:{c.id}:{stage}")
                    self.ax.add_patch(patch)
                    letter = self.ax.text(x + _TAG / 2, y + _TAG / 2, c.letter, ha="center",
                                          va="center_baseline", fontsize=13, fontweight="bold",
                                          color=_TEXT, zorder=7, gid=f"tag:{c.id}:{stage}")
                    self.tags[(c.id, stage)] = (patch, letter)
            self.legend_heading = self.ax.text(
                _LEGEND_X, _LEGEND_TOP, "Switched on:", fontsize=13, fontweight="bold",
                color=_TEXT, va="center", gid="legend")
            self.legend_lines = [
                self.ax.text(_LEGEND_X, _LEGEND_TOP - (k + 1) * _LEGEND_STEP, "", fontsize=13,
                             color=_TEXT, va="center", gid="legend")
                for k in range(len(COMPONENTS))]
        self.active: tuple[str, ...] = ()
        self._pngs: dict[tuple[tuple[str, ...], int], bytes] = {}
        self.show(())

    def show(self, active: Iterable[str]) -> None:
        chosen = _chosen(active)
        self.active = tuple(c.id for c in chosen)
        targeted = set(stages_for(self.active))
        for stage_id, box in self.boxes.items():
            role = _STAGES[stage_id].role
            if not chosen or stage_id in targeted or stage_id == "change":
                fill, edge = style.TINTS[role], style.PALETTE[role]
                width = 6.0 if stage_id in targeted else 2.5
            else:
                fill, edge, width = "#FFFFFF", diagrams.FADED, 1.5
            for patch in (box, self.badges[stage_id]):
                patch.set_facecolor(fill)
                patch.set_edgecolor(edge)
                patch.set_linewidth(width if patch is box else max(1.5, width / 2))
        for (cid, _), artists in self.tags.items():
            for artist in artists:
                artist.set_visible(cid in self.active)
        self.title.set_text("Where the parts switched on act on the cycle" if chosen
                            else _TITLE)
        self.legend_heading.set_visible(bool(chosen))
        for k, line in enumerate(self.legend_lines):
            line.set_text(f"{chosen[k].letter}   {chosen[k].short}" if k < len(chosen) else "")

    def alt(self) -> str:
        """Text description of the diagram as it is now."""
        return diagram_alt(self.active)

    def png(self, dpi: int = DIAGRAM_DPI) -> bytes:
        """The diagram as it is now, as PNG bytes. Each picture is drawn once and then reused
        (there are only 32 sets of components), so switching back and forth is instant."""
        key = (self.active, dpi)
        if key not in self._pngs:
            buffer = io.BytesIO()
            with style.context():
                self.figure.savefig(buffer, format="png", dpi=dpi, pil_kwargs=_FAST_PNG)
            self._pngs[key] = buffer.getvalue()
        return self._pngs[key]


def diagram_alt(active: Iterable[str]) -> str:
    """Text description of the cycle diagram with these components switched on."""
    chosen = _chosen(active)
    text = diagrams.cycle_alt()
    if not chosen:
        return text + " No part of treatment is switched on."
    where = "; ".join(f"{c.letter}, {c.label.lower()}, acts on {c.acts_on}" for c in chosen)
    return text + f" Emphasised, with lettered tags: {where}."


def cycle_with_components(active: Iterable[str]) -> tuple[Figure, str]:
    """The cycle diagram with the stages the components act on emphasised: (figure, alt)."""
    diagram = ComponentDiagram()
    diagram.show(active)
    return diagram.figure, diagram.alt()


# --- the explorer -----------------------------------------------------------------------------

CHART_ALT = (f"Two line charts from the conceptual teaching model, over {WEEKS} weeks, each "
             "comparing no part of treatment switched on (dashed line) with the parts switched "
             "on (solid line): days with distress over the threshold ('urges' in the model) "
             "per simulated person in each week, and the share of all urges so far met by "
             "self-injury. The text below the figure gives the numbers.")


class InterventionExplorer:
    """The intervention explorer without widgets: a diagram and a chart, each built once.

    ``update(active)`` runs the model with those components switched on, restyles the diagram,
    moves the chart's lines, and returns a description. ``diagram.png()`` and
    ``chart_png()`` render the current pictures.
    """

    def __init__(self, n_people: int = N_PEOPLE, seed: int = SEED):
        self.n_people, self.seed = n_people, seed
        self.baseline = run((), n_people, seed)
        self.outcome = self.baseline
        self.diagram = ComponentDiagram()
        with style.context():
            self._build_chart()
        self.description = ""
        self.update(())

    def _build_chart(self) -> None:
        fig = Figure(figsize=(10, 6), dpi=CHART_DPI, layout="constrained")
        FigureCanvasAgg(fig)
        self.chart = fig
        self.ax_urges, self.ax_share = fig.subplots(2, 1, sharex=True)
        weeks = np.arange(1, WEEKS + 1)
        days = np.arange(N_DAYS) / 7.0 + 1 / 7
        none_look = {"color": style.PALETTE["neutral"], "linestyle": "--", "linewidth": 2.5,
                     "label": "None switched on"}
        chosen_look = {"color": style.PALETTE["skill"], "linewidth": 3,
                       "label": "Parts switched on"}
        ax = self.ax_urges
        ax.plot(weeks, self.baseline.weekly_urges, marker="s", **none_look)
        (self.urges_line,) = ax.plot(weeks, self.baseline.weekly_urges, marker="o",
                                     **chosen_look)
        top = max(1.0, float(np.ceil(self.baseline.weekly_urges.max() + 0.5)))
        ax.set(ylim=(0, top), ylabel="Days per\nperson")
        ax.set_title("Days with distress over the threshold ('urges' in the model), each week",
                     loc="left", fontsize=14)
        ax = self.ax_share
        ax.plot(days, self.baseline.share_so_far, **none_look)
        (self.share_line,) = ax.plot(days, self.baseline.share_so_far, **chosen_look)
        ax.set(ylim=(0, 1), ylabel="Urges met by\nself-injury", xlabel="Week",
               xlim=(0, WEEKS + 0.2), xticks=range(0, WEEKS + 1, 2))
        ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        ax.set_title("Share of urges so far met by self-injury", loc="left", fontsize=14)
        for ax in (self.ax_urges, self.ax_share):
            ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=12)
        # Lay the chart out once and keep that layout. Only the two solid lines change, so they
        # are drawn on top of a saved picture of everything else (drawing text is the slow part).
        for line in (self.urges_line, self.share_line):
            line.set_animated(True)
        fig.canvas.draw()
        fig.set_layout_engine("none")
        self._background = fig.canvas.copy_from_bbox(fig.bbox)

    def update(self, active: Iterable[str]) -> str:
        chosen = tuple(c.id for c in _chosen(active))
        self.outcome = run(chosen, self.n_people, self.seed) if chosen else self.baseline
        self.diagram.show(chosen)
        self.urges_line.set_ydata(self.outcome.weekly_urges)
        self.share_line.set_ydata(self.outcome.share_so_far)
        self.description = describe(chosen, self.outcome, self.baseline)
        return self.description

    def chart_png(self) -> bytes:
        """The chart as PNG bytes (800 x 480 pixels): the saved background plus the lines."""
        canvas = self.chart.canvas
        canvas.restore_region(self._background)
        for line in (self.urges_line, self.share_line):
            line.axes.draw_artist(line)
        return explore._png(np.asarray(canvas.buffer_rgba()))


def about_components_markdown() -> str:
    """How each part of treatment is represented in the model, and what that leaves out."""
    lines = ["**How the explorer represents each part of treatment**", "",
             "| | part of treatment | where it acts on the cycle | what changes in the model |",
             "|---|---|---|---|"]
    lines += [f"| {c.letter} | {c.label} | {c.acts_on} | {c.in_model} |" for c in COMPONENTS]
    lines += ["", "*Beyond the model's own limits (below), this mapping also leaves out:*", "",
              "- that each part takes weeks to learn or to arrange: here it is fully on from "
              "day 1 and stays on;",
              "- how the parts work together in a real treatment, and the relationship in which "
              "they are learned;",
              "- that a treatment can help in ways the model has no setting for (hope, meaning, "
              "feeling understood).", "",
              "*The model's own description, as in notebook 02 (its section numbers refer to "
              "notebook 02):*"]
    return "\n".join(lines) + "\n\n" + explore.about_the_model_markdown()


def about_components_html() -> str:
    """The table of ``about_components_markdown`` as HTML for the widget, with a link to the
    model's box (shown once, in the notebook cell above the explorer)."""
    rows = "".join(f"<tr><td>{c.letter}</td><td>{html.escape(c.label)}</td>"
                   f"<td>{html.escape(c.acts_on)}</td><td>{html.escape(c.in_model)}</td></tr>"
                   for c in COMPONENTS)
    return ("<p><strong>How the explorer represents each part of treatment</strong></p>"
            "<table><thead><tr><th></th><th>part of treatment</th><th>where it acts on the "
            "cycle</th><th>what changes in the model</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>" + about.link_html(explore.ABOUT_MODEL))


class InterventionWidget(StaticFallback, widgets.VBox):
    """Labelled check boxes, the cycle diagram, the model's chart and a description.

    Every control is a standard check box with a visible text label, so it can be reached
    with the Tab key, switched with the Space bar and read by a screen reader.
    """

    def __init__(self, n_people: int = N_PEOPLE, seed: int = SEED):
        self.explorer = InterventionExplorer(n_people, seed)
        self.boxes = {
            c.id: widgets.Checkbox(value=False, description=f"{c.letter}. {c.label}",
                                   indent=False, tooltip=c.what,
                                   layout=widgets.Layout(width="30em"))
            for c in COMPONENTS}
        heading = widgets.HTML("<p><strong>Switch on parts of treatment:</strong></p>")
        self.diagram_image = widgets.HTML(layout=widgets.Layout(max_width="800px"))
        self.chart_image = widgets.HTML(layout=widgets.Layout(max_width="800px"))
        self.summary = widgets.HTML()
        mapping = widgets.HTML(
            "<details><summary>How the model represents each part of treatment</summary>"
            + about_components_html() + "</details>")
        super().__init__(children=[heading, widgets.VBox(list(self.boxes.values())),
                                   self.diagram_image, self.chart_image, self.summary, mapping])
        for box in self.boxes.values():
            box.observe(self._on_change, names="value")
        self._show()

    def active(self) -> tuple[str, ...]:
        return tuple(cid for cid, box in self.boxes.items() if box.value)

    def _on_change(self, _change) -> None:
        self.explorer.update(self.active())
        self._show()

    def _show(self) -> None:
        e = self.explorer
        self.diagram_image.value = style.img_html(e.diagram.png(), e.diagram.alt(),
                                                  max_width="800px")
        self.chart_image.value = style.img_html(e.chart_png(), CHART_ALT, max_width="800px")
        self.summary.value = (f'<div role="status" aria-live="polite"><p>'
                              f"{html.escape(e.description)}</p></div>")

    def static_html(self) -> str:
        return ("<p><em>The live intervention explorer needs a running Python kernel. The "
                "figures below it show the diagram with every part switched on, and each part "
                "on its own in the model.</em></p>" + about_components_html())

    def static_text(self) -> str:
        return "The intervention explorer (live in JupyterLab). " + self.explorer.description


def intervention_explorer(n_people: int = N_PEOPLE, seed: int = SEED) -> InterventionWidget:
    """The interactive explorer for a notebook: ``intervention_explorer()`` as a cell's last line."""
    return InterventionWidget(n_people, seed)


# --- the static version -----------------------------------------------------------------------

def small_multiples(n_people: int = N_PEOPLE, seed: int = SEED) -> FigureWithAlt:
    """One panel per component, and one with all five: the share of urges so far met by
    self-injury over 12 weeks, against no component switched on. Returns (figure, alt)."""
    days = np.arange(N_DAYS) / 7.0 + 1 / 7
    baseline = run((), n_people, seed)
    cases = [((c.id,), f"{c.letter}. {c.label}") for c in COMPONENTS]
    cases.append((COMPONENT_IDS, "All five together"))
    results = []
    with style.context():
        fig = Figure(figsize=(13, 8), layout="constrained")
        FigureCanvasAgg(fig)
        axes = fig.subplots(2, 3, sharex=True, sharey=True).ravel()
        for ax, (active, title) in zip(axes, cases, strict=True):
            outcome = run(active, n_people, seed)
            results.append((title, outcome))
            ax.plot(days, baseline.share_so_far, color=style.PALETTE["neutral"], linestyle="--",
                    linewidth=2.5, label="None switched on")
            ax.plot(days, outcome.share_so_far, color=style.PALETTE["skill"], linewidth=3,
                    label="Switched on")
            ax.set_title(textwrap.fill(title, 26), fontsize=14, loc="left")
            ax.text(0.97, 0.05, f"urges a week: {baseline.urges_per_week:.1f} \N{RIGHTWARDS ARROW} "
                    f"{outcome.urges_per_week:.1f}", transform=ax.transAxes, ha="right",
                    fontsize=12, color=_TEXT)
            ax.set(xlim=(0, WEEKS + 0.2), ylim=(0, 1), xticks=range(0, WEEKS + 1, 4))
            ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
        for ax in axes[3:]:
            ax.set_xlabel("Week")
        for ax in axes[::3]:
            ax.set_ylabel("Urges met by self-injury")
        axes[0].legend(loc="upper right", fontsize=12)
        fig.suptitle(f"Teaching model, {n_people} simulated people: share of urges so far met "
                     "by self-injury, with each part of treatment switched on", fontsize=15)
    parts = "; ".join(f"{title.split('. ')[-1].lower()}: {_percent(o.share)} of urges, "
                      f"{o.urges_per_week:.1f} urges a week" for title, o in results)
    alt = (f"Six small line charts from the conceptual teaching model, one for each part of "
           f"treatment switched on alone and one for all five together, each against no part "
           f"switched on (dashed line: {_percent(baseline.share)} of urges met by self-injury over "
           f"{WEEKS} weeks, {baseline.urges_per_week:.1f} urges a week per person). With each "
           f"switched on: {parts}. It is a teaching model, not a prediction about any person.")
    return FigureWithAlt(fig, alt)
