"""The cycle explorer's description: every sentence checked against the run it describes, over
the whole allowed range of every setting, and the ranges themselves checked against their sources.

The numbers are worked out again here, from the simulation's arrays, independently of
``models/cycle_text.py``; a claim in words (partial, brief, costs arrived) is checked against
the number it rests on.
"""

import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reliefcycle.activities import explore
from reliefcycle.core import citations
from reliefcycle.models import cycle_text
from reliefcycle.models.model import SELF_INJURY, Params, simulate, spread_across_people

RANGES = Params.ranges()
WINDOW = explore.WINDOW_DAYS


def anywhere_in_range(name: str):
    spec = RANGES[name]
    if spec["whole"]:
        return st.integers(spec["low"], spec["high"])
    return st.floats(spec["low"], spec["high"], allow_nan=False)


def at_an_end(name: str):
    return st.sampled_from([RANGES[name]["low"], RANGES[name]["high"]])


# Anywhere in each range, with the ends of the ranges (where problems hide) drawn often.
any_params = st.builds(Params, **{name: st.one_of(anywhere_in_range(name), at_an_end(name))
                                  for name in RANGES})


def run(params: Params, n_people: int, seed: int):
    sim = simulate(params, n_people, explore.N_DAYS, seed)
    middle_half = spread_across_people(sim.share_self_injury(WINDOW))
    return sim, cycle_text.sentences(sim, WINDOW, middle_half)


def pct(share: float) -> str:
    return f"{100 * share:.0f}%"


def check_share(sim, text):
    pooled = sim.pooled_share_self_injury(WINDOW)
    if np.isnan(pooled[-1]):
        assert "none of the" in text and "had an urge" in text
        assert not sim.urge[:, -WINDOW:].any()
        return
    met = (sim.choice[:, -WINDOW:] == SELF_INJURY).sum() / sim.urge[:, -WINDOW:].sum()
    assert f"about {pct(met)} of the urges of {sim.n_people} simulated people" in text
    first = sim.urge[:, :WINDOW].sum()
    if first:
        early = (sim.choice[:, :WINDOW] == SELF_INJURY).sum() / first
        assert f"compared with {pct(early)} in weeks 1 to 4" in text


def check_relief(sim, text):
    acts = sim.choice == SELF_INJURY
    rate = sim.params.immediate_relief
    if not acts.any():
        assert "no relief and no delayed cost" in text
        return
    before = sim.distress[acts].mean()
    if rate == 0:
        assert np.allclose(sim.relief[acts], 0)
        assert "did not drop at all" in text and f"{before:.2f}" in text
        return
    after = (sim.distress[acts] - sim.relief[acts]).mean()
    assert f"from {before:.2f} to {after:.2f}" in text
    # "partial": the drop is a share of the distress, and never all of it.
    shares = sim.relief[acts] / sim.distress[acts]
    assert np.allclose(shares, rate) and shares.max() < 1
    assert f"partial relief, {pct(rate)} of the distress" in text


def check_brevity(sim, text):
    hours = sim.params.relief_hours
    left = math.exp(-24 / hours)  # the model's fading, worked out again
    # relief_hours is a time constant: after that many hours 1 - 1/e (about 63%) has faded.
    assert "brief" in text and f"about 63% of it has faded after {hours:g} hour" in text
    assert "lasts about" not in text, "a time constant is not a duration"
    assert left < 0.05, "relief lasting into the next day is not what studies report"
    expected = "less than 1%" if left < 0.005 else f"only {pct(left)}"
    assert f"by the next day {expected} of it is left" in text


def check_costs(sim, text):
    p = sim.params
    assert p.delayed_cost > 0, "costs are never zero"
    days = "day" if p.cost_delay_days == 1 else "days"
    assert f" {p.cost_delay_days} {days} later distress rises by {p.delayed_cost:.2f}" in text
    acts = sim.choice == SELF_INJURY
    if not acts.any():
        assert text.startswith("Each act would bring a delayed cost")
        return
    # A cost arrives exactly once for each act early enough for it to fall within the run.
    days = sim.n_days - p.cost_delay_days
    arrived = int(acts[:, :days].sum())
    assert int((sim.cost > 0).sum()) == arrived
    if arrived:
        assert f"on average {arrived / sim.n_people:.1f} such costs per simulated person" in text
    else:
        assert "none had arrived" in text
    still = int(acts.sum()) - arrived
    if still:
        assert f"{still / sim.n_people:.1f} more per person were still to come" in text
    else:
        assert "still to come" not in text


def check_expectations(sim, text):
    urges = sim.urge.sum() / sim.n_people / (sim.n_days / 7)
    assert f"about {urges:.1f} urges a week" in text
    final = sim.values[:, -1].mean(axis=0)
    for value in final:
        assert f"{value:.2f}" in text
    assert sim.params.cost_weight < 1  # "only ... as strongly"
    assert f"only {pct(sim.params.cost_weight)} as strongly from the delayed costs" in text


def check_next_day(sim, text):
    for option, name in cycle_text.SPOKEN_NAMES.items():
        days = sim.choice[:, :-1] == option
        if days.any():
            assert f"{sim.distress[:, 1:][days].mean():.2f} after {name}" in text
        else:
            assert f"after {name}" not in text
    if not sim.urge[:, :-1].any():
        assert "No urge came before the last day" in text


CHECKS = {"share": check_share, "relief": check_relief, "brevity": check_brevity,
          "costs": check_costs, "expectations": check_expectations, "next_day": check_next_day,
          "label": lambda sim, text: None}


@settings(max_examples=300, deadline=None)
@given(params=any_params, n_people=st.integers(1, 300), seed=st.integers(0, 2**32))
def test_every_sentence_agrees_with_the_run_it_describes(params, n_people, seed):
    sim, sentences = run(params, n_people, seed)
    assert list(sentences) == list(CHECKS)
    for name, text in sentences.items():
        CHECKS[name](sim, text)


@settings(max_examples=60, deadline=None)
@given(params=any_params, seed=st.integers(0, 2**32))
def test_relief_is_never_described_without_its_brevity_and_its_costs(params, seed):
    sim, sentences = run(params, 200, seed)
    text = " ".join(sentences.values())
    assert "brief" in sentences["brevity"] and "delayed cost" in sentences["costs"]
    assert text.endswith(cycle_text.LABEL) and "conceptual teaching model" in text
    for claim in ("fades, and the longer-term costs come later", "works", "effective"):
        assert claim not in text


def test_the_explorer_shows_exactly_these_sentences():
    ex = explore.Explorer(n_people=100, seed=4)
    sim = ex.simulation
    middle_half = spread_across_people(sim.share_self_injury(WINDOW))
    assert ex.description == " ".join(cycle_text.sentences(sim, WINDOW, middle_half).values())


# --- the ranges: within what studies report ---------------------------------------------------

@pytest.mark.parametrize("settings_that_showed_self_injury_working", [
    {"immediate_relief": 1.0}, {"relief_hours": 72.0}, {"delayed_cost": 0.0},
    {"cost_weight": 0.0}])
def test_settings_beyond_what_studies_report_are_refused(settings_that_showed_self_injury_working):
    with pytest.raises(ValueError, match="must be a number between"):
        Params(**settings_that_showed_self_injury_working)


def test_relief_is_partial_brief_and_costs_are_never_zero_anywhere_in_range():
    assert RANGES["immediate_relief"]["high"] < 1
    assert math.exp(-24 / RANGES["relief_hours"]["high"]) < 0.05  # faded by the next day
    assert RANGES["delayed_cost"]["low"] > 0
    assert RANGES["cost_weight"]["low"] > 0 and RANGES["cost_weight"]["high"] < 1


def test_every_range_says_where_it_comes_from_and_cites_only_the_series_references():
    bib = citations.bibliography()
    for name, spec in RANGES.items():
        assert spec["basis"].strip(), name
        for key in spec["sources"]:
            assert key in bib, f"{name}: {key} is not in references.bib"
    for name in ("immediate_relief", "relief_hours", "delayed_cost", "cost_weight"):
        assert RANGES[name]["sources"], f"{name} bears on relief or costs, so it needs a source"


def test_help_lists_each_range_with_its_basis_and_sources():
    for name, spec in RANGES.items():
        row = next(line for line in Params.__doc__.splitlines()
                   if re.match(rf"\s*{name}\s", line))
        assert spec["basis"] in row
        assert all(key in row for key in spec["sources"])


def test_one_day_is_singular_and_the_relief_fades_as_the_model_says():
    sim, sentences = run(Params(cost_delay_days=1, relief_hours=2.0), 100, 0)
    assert "1 day later" in sentences["costs"] and "1 days" not in sentences["costs"]
    assert "about 63% of it has faded after 2 hours" in sentences["brevity"]
    assert cycle_text.faded_after(sim.params, 2.0) == pytest.approx(1 - math.exp(-1))


def test_relief_and_cost_settings_say_what_no_study_measures():
    for name in ("delayed_cost", "cost_weight"):
        assert "teaching choice" in RANGES[name]["basis"], name
    assert "whitlock2015predictors" not in RANGES["cost_weight"]["sources"]


def test_sentences_for_a_run_without_self_injury_still_pair_relief_with_its_limits():
    calm = Params(baseline_stress=0.0, stressor_chance=0.0, urge_threshold=1.0)
    sim, sentences = run(calm, 50, 0)
    assert not sim.urge.any()
    assert "no relief and no delayed cost" in sentences["relief"]
    assert sentences["brevity"].startswith("Any relief from self-injury would be brief")
    assert sentences["costs"].startswith("Each act would bring a delayed cost")


def test_module_words_pass_the_language_lint():
    from pathlib import Path

    from reliefcycle.core import parameters, safety
    for module in (cycle_text, parameters):
        assert safety.lint_text(Path(module.__file__).read_text(encoding="utf-8")) == []
    for spec in RANGES.values():
        assert safety.lint_text(spec["basis"] + " " + spec["help"]) == []
