"""The seven stages of the self-injury cycle, as words (notebooks 02 and 05).

The cycle diagram (``reliefcycle.figures.cycle_diagram``), the classroom walk-through and the
intervention explorer all show these stages; keeping them here, below the figures, lets the
models name them too. ``stage_by_id`` finds one, and an unknown id is an error listing the ids.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Stage:
    """One step of the cycle as the diagram and the classroom walk-through show it.

    ``caption`` is two plain sentences a presenter can read aloud; ``detail`` is the short
    line inside the box. ``role`` names the colour in ``style.PALETTE``.
    """

    id: str
    label: str
    role: str
    caption: str
    detail: str = ""


STAGES = (
    Stage("stressor", "A stressor", "neutral",
          "Something painful happens, such as a conflict, a loss or pressure that builds up. "
          "Stressors are part of every life; the cycle is about what can happen next.",
          "conflict, loss, pressure"),
    Stage("urge", "Rising distress and urge", "distress",
          "Distress rises and can feel overwhelming, and an urge to self-injure may come with "
          "it. Urges rise and fall, and many pass without action.",
          "it can feel overwhelming; urges often pass"),
    Stage("self-injury", "Self-injury", "neutral",
          "The person self-injures without wanting to die, yet self-injury is linked with a "
          "higher risk of later suicidal thoughts and acts, so it is always taken seriously. It "
          "is a sign of serious distress that deserves a calm and caring response.",
          "a sign of serious distress"),
    Stage("relief", "Brief relief", "relief",
          "Distress may drop for a short time, though not every time and not for everyone; the "
          "relief is brief and longer-term costs follow. Because any drop comes right away, it "
          "makes self-injury more likely to be chosen the next time distress rises.",
          "distress may drop, for a short time"),
    Stage("costs", "Longer-term costs", "cost",
          "Over the longer term, distress returns and can bring shame, secrecy and strain on "
          "relationships. These costs add to distress, which brings the cycle back round.",
          "distress returns, shame, secrecy, strain on relationships"),
    Stage("learning", "The learning link", "highlight",
          "Relief that comes immediately is a strong teacher: it makes self-injury more likely "
          "to come to mind and be chosen next time, which is negative reinforcement. Because the "
          "relief is brief, distress soon returns, and the longer-term costs are linked back to "
          "self-injury only weakly, so the cycle keeps going.",
          "immediate relief makes self-injury likelier next time (negative reinforcement)"),
    Stage("change", "The cycle can change", "skill",
          "Every link in this cycle can be weakened by skills for riding out urges, support "
          "from other people and structured treatment. Recovery is possible, and it is "
          "usually not a straight line.",
          "skills, support and treatment weaken every link (notebook 05)"),
)

STAGE_IDS = tuple(s.id for s in STAGES)


def stage_by_id(stage_id: str) -> Stage:
    """The stage called ``stage_id``; an unknown id raises ``ValueError`` naming the ids."""
    for stage in STAGES:
        if stage.id == stage_id:
            return stage
    raise ValueError(f"unknown stage '{stage_id}'; choose one of {', '.join(STAGE_IDS)}")
