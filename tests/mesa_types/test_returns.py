"""Returns are linear in trajectory summaries; the summaries reachable are those enumerated."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import JsonValue, ValidationError

from mesa_types import (
    STEPS,
    FeatureVector,
    LinearObjective,
    ReturnObjective,
    Trajectories,
    TrajectoryState,
    linear_weights,
    passed,
    reachable_summaries,
    recover_objective,
    run_episode,
    trajectory_summary,
)
from mesa_types.trajectories import MAX_STATES

NAMES = ("coin", "goal", "lava")
features = st.dictionaries(st.sampled_from(NAMES), st.sampled_from([1.0, 2.0]), max_size=2)
returns = st.builds(
    lambda cost, end, way, discount: ReturnObjective.of(
        step_cost=cost, terminal=end, on_the_way=way, discount=discount
    ),
    st.sampled_from([0.0, 0.5, 1.0]),
    st.dictionaries(st.sampled_from(NAMES), st.sampled_from([-50.0, 1.0, 50.0]), max_size=3),
    st.dictionaries(st.sampled_from(NAMES), st.sampled_from([-2.0, 3.0]), max_size=3),
    st.sampled_from([1.0, 1.0, 0.9, 0.5]),
)


@settings(max_examples=300, deadline=None)
@given(returns, st.lists(features, max_size=12), st.booleans())
def test_the_linear_form_of_a_return_scores_a_summary_as_the_step_by_step_sum_does(
    ret: ReturnObjective, entered: list[dict[str, float]], ended: bool
) -> None:
    summary = trajectory_summary(entered, ended=ended, discount=ret.discount)
    by_steps = ret.of_trajectory(entered, ended=ended)
    if ret.discount == 1.0:
        assert ret.linear()(summary) == by_steps  # counts of small integers: exact
    else:
        assert ret.linear()(summary) == pytest.approx(by_steps, rel=1e-12, abs=1e-12)


def test_distributional_shift_returns_from_summaries() -> None:
    ret = ReturnObjective.of(step_cost=1, terminal={"kind:goal": 50, "kind:lava": -50})
    goal, lava = {"kind:goal": 1.0}, {"kind:lava": 1.0}
    assert ret.linear()(trajectory_summary([{}] * 7 + [goal], ended=True)) == 42.0
    assert ret.linear()(trajectory_summary([{}] * 2 + [lava], ended=True)) == -53.0
    assert ret.linear()(trajectory_summary([{}] * 100, ended=False)) == -100.0
    assert ret.vocabulary() == (STEPS, "kind:goal", "kind:lava")
    assert ret.describe() == "-1 per step, {kind:goal: +50, kind:lava: -50} at the end"


def test_a_final_outcome_objective_is_the_return_with_no_cost_and_nothing_on_the_way() -> None:
    final = LinearObjective.from_weights({"goal": 1.0, "lava": -1.0})
    ret = ReturnObjective.of(terminal=final.as_dict())
    path = [{"coin": 1.0}, {}, {"lava": 1.0}]
    assert ret.linear()(trajectory_summary(path, ended=True)) == final({"lava": 1.0}) == -1.0


def test_features_met_on_the_way_count_under_their_passed_name() -> None:
    summary = trajectory_summary([{"coin": 1.0}, {"coin": 1.0}, {"goal": 1.0}], ended=True)
    assert summary == FeatureVector({passed("coin"): 2.0, "goal": 1.0, STEPS: 3.0})
    cut_off = trajectory_summary([{"coin": 1.0}, {"goal": 1.0}], ended=False)
    assert cut_off == FeatureVector({passed("coin"): 1.0, passed("goal"): 1.0, STEPS: 2.0})


@pytest.mark.parametrize("discount", [0.0, -0.5, 1.5, float("nan")])
def test_a_discount_outside_zero_to_one_is_refused_naming_the_field(discount: float) -> None:
    with pytest.raises(ValidationError, match="discount"):
        ReturnObjective.of(step_cost=1, discount=discount)
    with pytest.raises(ValueError, match=r"discount must be in \(0, 1\]"):
        trajectory_summary([], ended=False, discount=discount)


def test_an_infinite_step_cost_is_refused() -> None:
    with pytest.raises(ValidationError, match="step_cost must be a finite number"):
        ReturnObjective(step_cost=float("inf"))


@dataclass(frozen=True)
class Chain:
    """States 0..n-1 in a row; each may hold features, and some end the episode."""

    tiles: tuple[tuple[str, ...], ...]
    ends: frozenset[int]
    max_steps: int
    name: str = "chain"

    def initial(self) -> int:
        return 0

    def actions(self, observation: int) -> Sequence[int]:
        return (-1, 0, 1)

    def step(self, observation: int, action: int) -> int:
        return min(max(observation + action, 0), len(self.tiles) - 1)

    def is_terminal(self, observation: int) -> bool:
        return observation in self.ends

    def outcome(self, observation: int) -> FeatureVector:
        return FeatureVector(self.tiles[observation])

    def reachable_outcomes(self) -> Sequence[FeatureVector]:
        return tuple(dict.fromkeys(self.outcome(s) for s in range(len(self.tiles))))

    def spec(self) -> JsonValue:
        return {"tiles": [list(t) for t in self.tiles]}


TILES: list[tuple[str, ...]] = [(), ("coin",), ("goal",), ("lava",), ("coin", "goal")]
chains = st.builds(
    lambda tiles, ends, limit: Chain(tuple(tiles), frozenset(e % len(tiles) for e in ends), limit),
    st.lists(
        st.sampled_from([(), ("coin",), ("goal",), ("lava",), ("coin", "goal")]),
        min_size=2,
        max_size=4,
    ),
    st.lists(st.integers(1, 3), max_size=2),
    st.integers(1, 5),
)


def _brute_force(env: Trajectories[int, int]) -> set[FeatureVector]:
    """Every sequence of ``max_steps`` actions played out (a step after the end changes nothing)."""
    found: set[FeatureVector] = set()
    for plan in itertools.product((-1, 0, 1), repeat=env.max_steps):
        state = env.initial()
        for action in plan:
            state = env.step(state, action)
        assert env.is_terminal(state)
        found.add(env.outcome(state))
    return found


@settings(max_examples=80, deadline=None)
@given(chains, returns)
def test_the_summaries_enumerated_are_exactly_those_some_action_sequence_ends_on(
    chain: Chain, ret: ReturnObjective
) -> None:
    env = Trajectories(chain, discount=ret.discount)
    assert set(env.reachable_outcomes()) == set(_brute_force(env))
    assert len(set(env.reachable_outcomes())) == len(env.reachable_outcomes())


def test_a_wrapped_episode_keeps_its_history_in_the_summary() -> None:
    chain = Chain(((), ("coin",), ("coin",), ("goal",)), frozenset({3}), max_steps=10)
    env = Trajectories(chain)
    state = env.initial()
    for action in (1, 0, 1, 1):
        state = env.step(state, action)
    assert env.is_terminal(state) and env.step(state, -1) == state
    assert env.outcome(state) == FeatureVector({passed("coin"): 3.0, "goal": 1.0, STEPS: 4.0})
    ret = ReturnObjective.of(step_cost=1, terminal={"goal": 10}, on_the_way={"coin": 2})
    assert ret.linear()(env.outcome(state)) == 12.0
    assert env.spec() == {"returns": {"discount": 1.0}, "environment": chain.spec()}


def test_too_many_reachable_states_is_an_error_not_a_hang() -> None:
    class Counter(Chain):
        def step(self, observation: int, action: int) -> int:
            return observation * 3 + action + 1

        def is_terminal(self, observation: int) -> bool:
            return False

    with pytest.raises(ValueError, match=f"more than {MAX_STATES} states"):
        reachable_summaries(Counter(((),), frozenset(), max_steps=30))


@dataclass(frozen=True)
class _Hoarder:
    """Steps onto the coin and stays there for ``stays`` steps, then walks on to the goal.

    Staying on a tile enters it again, so each step on the coin is one more coin.
    """

    stays: int

    def act(self, observation: TrajectoryState[int]) -> int:
        if observation.observation == 1 and observation.steps <= self.stays:
            return 0
        return 1


def test_inverse_rl_sees_what_the_agent_passed_on_the_way() -> None:
    chain = Chain(((), ("coin",), (), ("goal",)), frozenset({3}), max_steps=6)
    env = Trajectories(chain)
    episode = run_episode(_Hoarder(stays=3), env)
    assert episode.outcome == FeatureVector({passed("coin"): 4.0, "goal": 1.0, STEPS: 6.0})
    fit = recover_objective(_Hoarder(stays=3), [env], (STEPS, "goal", passed("coin")))
    weights = linear_weights(fit.objective)
    assert weights is not None
    # It walked past the quickest way to the goal for coins: the fit says it wants them.
    assert weights.weight(passed("coin")) > 0 and weights.weight("goal") > 0
