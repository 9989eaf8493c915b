"""The teaching model: parameter checks, invariants of a simulation, and the cycle it teaches."""

import dataclasses
import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reliefcycle.models import model
from reliefcycle.models.model import (
    NO_URGE,
    PRESETS,
    RIDE_OUT,
    SELF_INJURY,
    SKILL,
    Params,
    simulate,
    spread_across_people,
)

RANGES = Params.ranges()
FAST = settings(max_examples=25, deadline=None)


def value_in_range(name: str):
    spec = RANGES[name]
    if spec["whole"]:
        return st.integers(spec["low"], spec["high"])
    return st.floats(spec["low"], spec["high"], allow_nan=False)


any_params = st.builds(Params, **{name: value_in_range(name) for name in RANGES})
presets = st.sampled_from([params for params, _ in PRESETS.values()])
seeds = st.integers(0, 3)


# --- parameters -----------------------------------------------------------------------------

def test_every_parameter_has_a_range_unit_and_explanation():
    assert set(RANGES) == {f.name for f in dataclasses.fields(Params)}
    for name, spec in RANGES.items():
        assert spec["low"] <= spec["default"] <= spec["high"], name
        assert spec["label"] and spec["unit"] and spec["help"], name
        assert name in Params.__doc__


def bad_values(name):
    spec = RANGES[name]
    yield from (spec["low"] - 0.01, spec["high"] + 0.01, math.nan, math.inf, True, "0.5", None)
    if spec["whole"]:
        yield spec["low"] + 0.5


@pytest.mark.parametrize("name", list(RANGES))
def test_each_invalid_parameter_raises_an_error_naming_it(name):
    spec = RANGES[name]
    for bad in bad_values(name):
        with pytest.raises(ValueError, match=rf"^{name} must be a .*between "
                                             rf"{spec['low']:g} and {spec['high']:g}"):
            Params(**{name: bad})


def test_error_message_gives_the_range_and_the_value():
    with pytest.raises(ValueError) as error:
        Params(learning_rate=1.5)
    assert str(error.value) == "learning_rate must be a number between 0 and 1 (got 1.5)"


def test_params_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        Params().learning_rate = 0.5  # type: ignore[misc]


def test_presets_each_change_one_thing_and_are_described():
    baseline = next(iter(PRESETS.values()))[0]
    for name, (params, description) in PRESETS.items():
        assert isinstance(params, Params) and description.strip(), name
        changed = [f.name for f in dataclasses.fields(Params)
                   if getattr(params, f.name) != getattr(baseline, f.name)]
        assert len(changed) <= 1, (name, changed)


@pytest.mark.parametrize("kwargs, name", [
    ({"n_people": 0}, "n_people"), ({"n_people": 2.5}, "n_people"),
    ({"n_people": True}, "n_people"), ({"n_people": "10"}, "n_people"),
    ({"n_days": 0}, "n_days"), ({"n_days": model.MAX_DAYS + 1}, "n_days"),
    ({"seed": -1}, "seed"), ({"seed": 1.0}, "seed"), ({"seed": None}, "seed"),
])
def test_simulate_checks_its_sizes_and_seed(kwargs, name):
    with pytest.raises(ValueError, match=f"^{name} must be a whole number"):
        simulate(Params(), **{"n_people": 5, "n_days": 5, "seed": 0, **kwargs})


def test_simulate_needs_params():
    with pytest.raises(ValueError, match="params must be a Params object"):
        simulate({"learning_rate": 0.3})


# --- invariants of every simulation ---------------------------------------------------------

@FAST
@given(params=any_params, n_people=st.integers(1, 40), n_days=st.integers(1, 60),
       seed=st.integers(0, 2**32))
def test_results_are_finite_and_within_bounds(params, n_people, n_days, seed):
    sim = simulate(params, n_people, n_days, seed)
    shape = (n_people, n_days)
    assert sim.distress.shape == sim.urge.shape == sim.choice.shape == shape
    assert sim.relief.shape == sim.cost.shape == shape
    assert sim.values.shape == (*shape, 3)
    for array in (sim.distress, sim.values, sim.relief, sim.cost):
        assert np.isfinite(array).all()
    assert ((sim.distress >= 0) & (sim.distress <= 1)).all()
    assert ((sim.values >= -1) & (sim.values <= 1)).all()
    assert ((sim.relief >= 0) & (sim.relief <= sim.distress)).all()
    assert set(np.unique(sim.cost)) <= {0.0, params.delayed_cost}
    assert set(np.unique(sim.choice)) <= {NO_URGE, SELF_INJURY, SKILL, RIDE_OUT}
    assert (sim.urge == (sim.choice != NO_URGE)).all()
    assert (sim.urge == (sim.distress > params.urge_threshold)).all()
    assert (sim.relief[~sim.urge] == 0).all()
    for share in (sim.share_self_injury(7), sim.pooled_share_self_injury(7)):
        defined = share[~np.isnan(share)]
        assert ((defined >= 0) & (defined <= 1)).all()


@FAST
@given(params=any_params, seed=st.integers(0, 2**32))
def test_same_seed_gives_identical_results(params, seed):
    first, second = simulate(params, 30, 40, seed), simulate(params, 30, 40, seed)
    for f in ("distress", "urge", "choice", "values", "relief", "cost"):
        np.testing.assert_array_equal(getattr(first, f), getattr(second, f))


def test_different_seeds_give_different_people():
    assert not np.array_equal(simulate(Params(), 30, 40, 0).distress,
                              simulate(Params(), 30, 40, 1).distress)


def test_shares_count_urges_in_the_window():
    sim = simulate(PRESETS["A stressful period"][0], 50, 84, 0)
    day, window = 60, 14
    recent = slice(day - window + 1, day + 1)
    urges = sim.urge[:, recent].sum(axis=1)
    by_self_injury = (sim.choice[:, recent] == SELF_INJURY).sum(axis=1)
    with np.errstate(invalid="ignore"):
        expected = by_self_injury / urges
    np.testing.assert_allclose(sim.share_self_injury(window)[:, day], expected, equal_nan=True)
    assert sim.pooled_share_self_injury(window)[day] == pytest.approx(
        by_self_injury.sum() / urges.sum())
    with pytest.raises(ValueError, match="window"):
        sim.share_self_injury(0)


@FAST
@given(data=st.lists(st.lists(st.one_of(st.floats(0, 1), st.just(math.nan)),
                              min_size=4, max_size=4), min_size=1, max_size=30))
def test_spread_matches_numpy_nanquantile(data):
    values = np.array(data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # numpy warns about all-nan days
        expected = np.nanquantile(values, [0.25, 0.75], axis=0)
    np.testing.assert_allclose(spread_across_people(values), expected, atol=1e-12, equal_nan=True)


# --- the cycle the model teaches ------------------------------------------------------------

def self_injury_value(params: Params, seed: int) -> float:
    """Average learned value of self-injury across 400 people and 12 weeks."""
    return simulate(params, 400, 84, seed).values[..., SELF_INJURY].mean()


@FAST
@given(params=any_params, seed=st.integers(0, 2**32))
def test_without_immediate_relief_self_injury_is_never_learned_as_relieving(params, seed):
    sim = simulate(dataclasses.replace(params, immediate_relief=0.0), 40, 60, seed)
    assert (sim.values[..., SELF_INJURY] <= 0).all()


def low_and_gap(name: str, smallest_gap: float):
    """A lower value of a setting, and a gap of at least ``smallest_gap`` of its range above it."""
    spec = RANGES[name]
    width = spec["high"] - spec["low"]
    return (st.floats(spec["low"], spec["high"] - smallest_gap * width),
            st.floats(smallest_gap * width, width))


def raised(name: str, low: float, gap: float) -> float:
    return min(low + gap, RANGES[name]["high"])


@FAST
@given(base=presets, low_gap=st.tuples(*low_and_gap("immediate_relief", 0.2)), seed=seeds)
def test_more_immediate_relief_raises_the_learned_value_of_self_injury(base, low_gap, seed):
    low, high = low_gap[0], raised("immediate_relief", *low_gap)
    less = self_injury_value(dataclasses.replace(base, immediate_relief=low), seed)
    more = self_injury_value(dataclasses.replace(base, immediate_relief=high), seed)
    assert more > less


@FAST
@given(base=presets, low_gap=st.tuples(*low_and_gap("cost_weight", 0.2)), seed=seeds)
def test_noticing_delayed_costs_less_raises_the_learned_value_of_self_injury(
        base, low_gap, seed):
    low, high = low_gap[0], raised("cost_weight", *low_gap)
    noticed_less = self_injury_value(dataclasses.replace(base, cost_weight=low), seed)
    noticed_more = self_injury_value(dataclasses.replace(base, cost_weight=high), seed)
    assert noticed_less > noticed_more


@FAST
@given(base=presets, low=st.floats(0, 0.6), gap=st.floats(0.4, 1), seed=seeds)
def test_more_skill_practice_lowers_the_long_run_share_met_by_self_injury(base, low, gap, seed):
    def long_run_share(practice):
        sim = simulate(dataclasses.replace(base, skill_practice=practice), 400, 84, seed)
        return sim.pooled_share_self_injury(28)[-1]

    assert long_run_share(min(low + gap, 1.0)) < long_run_share(low)
