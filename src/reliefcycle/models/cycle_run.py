"""The runs the cycle explorer of notebook 02 shows: simulated people over 12 weeks.

``run(params)`` runs the learning model (``reliefcycle.models.model``) for the explorer's people and
weeks and works out the shares its third panel and its description use: the share of urges
met by self-injury over the last four weeks, for all urges together and as the middle half of
people. Plain numpy, no widgets and no figures.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from reliefcycle.models.model import Params, Simulation, simulate, spread_across_people

DEFAULT_SEED = 2026
N_DAYS = 84  # 12 weeks: long enough to show the brief relief fading and the later costs
WINDOW_DAYS = 28  # shares are counted over the last 4 weeks, so single days do not dominate
WEEKS, WINDOW_WEEKS = N_DAYS // 7, WINDOW_DAYS // 7


class CycleRun(NamedTuple):
    """One run of the model and the shares of urges met by self-injury, day by day."""

    simulation: Simulation
    pooled: np.ndarray       #: all urges of all people together (NaN on days with none)
    middle_half: np.ndarray  #: the middle half of people who had urges: rows low and high


def run(params: Params, n_people: int = 500, seed: int = DEFAULT_SEED) -> CycleRun:
    """Run the model for ``n_people`` over ``N_DAYS`` and count the shares over ``WINDOW_DAYS``."""
    sim = simulate(params, n_people, N_DAYS, seed)
    return CycleRun(sim, sim.pooled_share_self_injury(WINDOW_DAYS),
                    spread_across_people(sim.share_self_injury(WINDOW_DAYS)))
