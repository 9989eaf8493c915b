"""How quickly does the explorer of notebook 02 respond to a slider?

Measures, in one run on this machine:

(a) the explorer's update: run the model for 500 simulated people over 12 weeks, move the
    existing lines, markers and band, and render the PNG the widget shows;
(b) the naive way: build a new figure with the same panels for every update, then the PNG;
(c) the model alone for 1000 people over 365 days;

plus the peak memory of each (tracemalloc: memory allocated through Python, measured in a
separate, untimed run). Budgets (DESIGN.md, section 8): (a) p95 at
most 30 ms and at least 3 times faster than (b).

The settings imitate a student moving each slider of the explorer across its range, one after
the other. Prints a Markdown table and writes the numbers to benchmarks/widget_latency.json.

Run with ``make bench`` (or ``python benchmarks/widget_latency.py``).
"""

from __future__ import annotations

import dataclasses
import json
import os
import platform
import statistics
import time
import tracemalloc
from pathlib import Path

import matplotlib
import numpy as np

from reliefcycle.activities.explore import MAIN_CONTROLS, Explorer
from reliefcycle.models.model import PRESETS, Params, simulate

UPDATES = 210  # 30 positions on each of the 7 main sliders
N_PEOPLE = 500
SEED = 2026
BUDGET_P95_MS = 30.0
BUDGET_SPEED_UP = 3.0
RESULTS = Path(__file__).with_suffix(".json")


def slider_moves(n: int) -> list[Params]:
    """Settings as a student would make them: each main slider swept across its range in turn,
    starting from the first preset each time."""
    start = next(iter(PRESETS.values()))[0]
    ranges = Params.ranges()
    per_slider = n // len(MAIN_CONTROLS)
    moves = []
    for name in MAIN_CONTROLS:
        spec = ranges[name]
        for value in np.linspace(spec["low"], spec["high"], per_slider):
            value = round(float(value)) if spec["whole"] else float(value)
            moves.append(dataclasses.replace(start, **{name: value}))
    return moves


def timed(step, inputs) -> list[float]:
    """Milliseconds taken by ``step(x)`` for each input."""
    times = []
    for x in inputs:
        begin = time.perf_counter_ns()
        step(x)
        times.append((time.perf_counter_ns() - begin) / 1e6)
    return times


def summary(times: list[float]) -> dict:
    return {"runs": len(times), "median_ms": statistics.median(times),
            "p95_ms": float(np.percentile(times, 95)), "max_ms": max(times)}


def peak_mib(step) -> float:
    tracemalloc.start()
    step()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def main() -> int:
    moves = slider_moves(UPDATES)
    explorer = Explorer(n_people=N_PEOPLE, seed=SEED)

    def in_place(params):
        explorer.update(params)
        return explorer.png()

    def rebuilt(params):
        return Explorer(n_people=N_PEOPLE, seed=SEED, params=params).png()

    def model_year(seed):
        return simulate(Params(), 1000, 365, seed)

    for params in moves[:5]:  # warm caches (fonts, numpy) before timing anything
        in_place(params)
        rebuilt(params)

    fast = summary(timed(in_place, moves))
    naive = summary(timed(rebuilt, moves))
    model_alone = summary(timed(model_year, range(50)))
    fast["peak_memory_mib"] = peak_mib(lambda: in_place(moves[0]))
    naive["peak_memory_mib"] = peak_mib(lambda: rebuilt(moves[0]))
    model_alone["peak_memory_mib"] = peak_mib(lambda: model_year(0))
    speed_up = naive["median_ms"] / fast["median_ms"]
    meets = fast["p95_ms"] <= BUDGET_P95_MS and speed_up >= BUDGET_SPEED_UP

    results = {
        "explorer_update": fast, "rebuild_figure": naive, "model_1000x365": model_alone,
        "speed_up_median": speed_up, "meets_budget": meets,
        "budget": {"p95_ms": BUDGET_P95_MS, "speed_up": BUDGET_SPEED_UP},
        "setup": {"n_people": N_PEOPLE, "n_days": 84, "image_px": explorer.canvas.get_width_height(),
                  "python": platform.python_version(), "numpy": np.__version__,
                  "matplotlib": matplotlib.__version__, "cpus": os.cpu_count(),
                  "machine": platform.machine()},
    }
    RESULTS.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")

    rows = [("(a) explorer update: model + in-place redraw + PNG", fast),
            ("(b) naive: new figure each time + PNG", naive),
            ("(c) model alone, 1000 people x 365 days", model_alone)]
    print("| measurement | runs | median (ms) | p95 (ms) | peak memory (MiB) |")
    print("|---|---:|---:|---:|---:|")
    for label, r in rows:
        print(f"| {label} | {r['runs']} | {r['median_ms']:.1f} | {r['p95_ms']:.1f} "
              f"| {r['peak_memory_mib']:.1f} |")
    print(f"\n(a) is {speed_up:.1f}x faster than (b) (medians). Budget: (a) p95 <= "
          f"{BUDGET_P95_MS:.0f} ms and >= {BUDGET_SPEED_UP:.0f}x faster: "
          f"{'met' if meets else 'NOT met'}.")
    print(f"Results written to {RESULTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
