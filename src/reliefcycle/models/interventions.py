"""Where parts of treatment act on the cycle, in the learning model (notebook 05).

Each part of treatment (emotion-regulation skills, distress-tolerance skills, understanding
one's own chain of events, support and connection, lower ongoing stress) is represented by

1. the stages of the cycle of notebook 02 it acts on (``models.cycle_stages``), and
2. one or two settings of the conceptual learning model (``reliefcycle.models.model``) that it changes.

That mapping is a teaching device, not a finding: the notebook says which parts have trial
evidence and how strong it is. Plain Python and numpy, no widgets:

- ``COMPONENTS``, ``params_for``, ``stages_for``, ``changes_for``   the mapping
- ``run`` and ``Outcome``          the model's result over 12 weeks for a set of components
- ``sentences`` / ``describe``     the words under the explorer, worked out from the runs

The diagram and the static figure are in ``reliefcycle.figures.interventions``, the widget in
``reliefcycle.activities.interventions``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from reliefcycle.models import cycle_text
from reliefcycle.models.cycle_stages import STAGE_IDS, stage_by_id
from reliefcycle.models.model import PRESETS, SELF_INJURY, Params, Simulation, simulate

#: The model settings every comparison starts from: the "Before any skills" preset of notebook 02.
BASE_PRESET = "Before any skills"
N_PEOPLE = 500
#: The same 12 weeks and seed as notebook 02's explorer (``explore``; a test checks they agree).
N_DAYS = 84
WEEKS = N_DAYS // 7
SEED = 2026


@dataclass(frozen=True)
class Component:
    """One part of treatment, as the explorer represents it.

    ``changes`` are the model settings it moves (to these values, from the base preset);
    ``stages`` are the ids of the cycle stages (``STAGE_IDS``) it acts on.
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


def chosen_components(active: Iterable[str]) -> tuple[Component, ...]:
    """The active components in the order of ``COMPONENTS`` (checked, duplicates ignored)."""
    if isinstance(active, str):
        active = (active,)
    wanted = {component(a).id for a in active}
    return tuple(c for c in COMPONENTS if c.id in wanted)


def changes_for(active: Iterable[str], base: Params | None = None) -> dict[str, tuple[float, float]]:
    """Each setting the active components change: name -> (value before, value after)."""
    base = base_params() if base is None else base
    out = {}
    for c in chosen_components(active):
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
    targeted = {stage for c in chosen_components(active) for stage in c.stages}
    return tuple(s for s in STAGE_IDS if s in targeted)


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


def share_text(share: float) -> str:
    """A share of urges as a whole percentage, or "no urges" when there were none."""
    return "no urges" if np.isnan(share) else cycle_text.percent(share)


def _names(chosen: tuple[Component, ...]) -> str:
    names = [c.label.lower() for c in chosen]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _result(chosen, outcome: Outcome, baseline: Outcome) -> str:
    if not chosen:
        return (f"With no part of treatment switched on, about {share_text(baseline.share)} of "
                f"urges over {WEEKS} weeks were met by self-injury, and a simulated person had "
                f"about {baseline.urges_per_week:.1f} urges a week. Switch on a part of "
                "treatment to see where it acts.")
    stages = ", ".join(stage_by_id(s).label.lower() for s in stages_for(c.id for c in chosen))
    return (f"With {_names(chosen)} switched on (acting on: {stages}), about "
            f"{share_text(outcome.share)} of urges over {WEEKS} weeks were met by self-injury, "
            f"compared with {share_text(baseline.share)} with none; urges came about "
            f"{outcome.urges_per_week:.1f} times a week per simulated person, compared with "
            f"{baseline.urges_per_week:.1f}.")


def _mechanism(chosen, outcome: Outcome, baseline: Outcome) -> str:
    rarer = tuple(c for c in chosen if acts_on_distress(c))
    how = tuple(c for c in chosen if not acts_on_distress(c))
    def act(group):  # "switching on ..." is singular whatever the parts are called
        return f"switching on {_names(group)} acts"

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
    chosen = chosen_components(active)
    out = {"result": _result(chosen, outcome, baseline)}
    if chosen:
        out["mechanism"] = _mechanism(chosen, outcome, baseline)
    out["relief"] = _relief(chosen, outcome, baseline)
    out["label"] = cycle_text.LABEL
    return out


def describe(active: Iterable[str], outcome: Outcome, baseline: Outcome) -> str:
    """The sentences of ``sentences`` as one paragraph."""
    return " ".join(sentences(active, outcome, baseline).values())

