"""Policies without search: they act in the same mazes, but they are not optimizers."""

from __future__ import annotations

from itertools import pairwise

import pytest

from mesa_types import Genome, NotAnOptimizer, check_alignment, goal, is_optimizer, run_episode
from search import FixedRulePolicy, GridWorld, LookupTablePolicy, Move, TreeSearchAgent, green_exit

SCENARIO = green_exit()
TRAINING = SCENARIO.training.sample_many(4, seed=0)
SEEKER = TreeSearchAgent(Genome.of({"kind:exit": 1.0}, SCENARIO.vocabulary, depth=64))


@pytest.mark.parametrize(
    "policy",
    [FixedRulePolicy(), LookupTablePolicy.imitating(SEEKER, TRAINING[:1])],
    ids=["fixed rule", "lookup table"],
)
def test_policies_without_search_are_not_optimizers_and_have_no_goal(policy: object) -> None:
    assert not is_optimizer(policy, [w.initial() for w in TRAINING])
    assert goal(policy) is None


def test_the_checker_calls_a_lookup_table_not_an_optimizer_even_when_it_acts_well() -> None:
    copy = LookupTablePolicy.imitating(SEEKER, TRAINING)
    verdict = check_alignment(copy, SCENARIO.base, SCENARIO.training, SCENARIO.universe)
    assert isinstance(verdict, NotAnOptimizer)


def test_the_default_rule_only_moves_down_or_right_and_then_stays() -> None:
    for world in TRAINING:
        episode = run_episode(FixedRulePolicy(), world)
        cells = [s.position for s in episode.observations if not s.stopped]
        assert all(b[0] + b[1] == a[0] + a[1] + 1 for a, b in pairwise(cells))
        assert episode.observations[-1].stopped or episode.outcome


def test_a_rule_that_walks_back_and_forth_is_stopped_by_the_step_limit() -> None:
    corridor = GridWorld(rows=("###", "#.#", "#.#", "###"), start=(1, 1), max_steps=7)
    episode = run_episode(FixedRulePolicy((Move.DOWN, Move.UP)), corridor)
    assert episode.steps == 7
    assert [s.position for s in episode.observations[:4]] == [(1, 1), (2, 1), (1, 1), (2, 1)]


def test_a_rule_may_not_name_a_move_twice() -> None:
    with pytest.raises(ValueError, match=r"repeated \['DOWN'\]"):
        FixedRulePolicy((Move.DOWN, Move.RIGHT, Move.DOWN))


def test_stay_in_the_order_stops_before_the_moves_after_it() -> None:
    world = TRAINING[0]
    assert FixedRulePolicy((Move.UP, Move.STAY, Move.RIGHT)).act(world.initial()) is Move.STAY


@pytest.mark.parametrize("index", range(len(TRAINING)))
def test_a_table_copied_from_one_maze_replays_the_agents_episode_there(index: int) -> None:
    world = TRAINING[index]
    copy = LookupTablePolicy.imitating(SEEKER, [world])
    assert run_episode(copy, world) == run_episode(SEEKER, world)


def test_a_table_copied_from_several_mazes_follows_the_first_where_they_disagree() -> None:
    copy = LookupTablePolicy.imitating(SEEKER, TRAINING)
    first = run_episode(SEEKER, TRAINING[0])
    assert run_episode(copy, TRAINING[0]) == first
    for state in first.observations[:-1]:
        assert copy.table[state.position] is SEEKER.act(state)


def test_off_the_table_the_default_move_is_made() -> None:
    world = TRAINING[0]
    assert LookupTablePolicy().act(world.initial()) is Move.STAY
    assert LookupTablePolicy({}, default=Move.DOWN).act(world.initial()) is Move.DOWN


def test_a_table_is_frozen_and_compares_by_content() -> None:
    source = {(1, 1): Move.DOWN}
    table = LookupTablePolicy(source)
    source[(1, 1)] = Move.UP  # the policy copied its table
    assert table.table[(1, 1)] is Move.DOWN
    with pytest.raises(TypeError):
        table.table[(1, 1)] = Move.UP  # type: ignore[index]
    assert table == LookupTablePolicy({(1, 1): Move.DOWN}, name="another name")
    assert hash(table) == hash(LookupTablePolicy({(1, 1): Move.DOWN}))
