"""The behavioral objective recovered by inverse RL: right for planners, trivial for fixed rules."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from mesa_types import (
    BehavioralObjective,
    Choice,
    FeatureVector,
    Genome,
    LinearObjective,
    Objective,
    compare_orderings,
    fit_choices,
    observe_choices,
)
from search import (
    FixedRulePolicy,
    GridWorld,
    TreeSearchAgent,
    get_kind_example,
    green_exit,
    recover_maze_objective,
)
from search.checks.behavioral import observe

SCENARIO = green_exit()
V = SCENARIO.vocabulary
OUTCOMES = SCENARIO.universe.outcomes or ()


def _pairs() -> list[GridWorld]:
    """A corridor for every ordered pair of outcomes: each can be seen chosen over each other."""
    offering = SCENARIO.universe.offering
    assert offering is not None
    return [offering([a, b]) for a in OUTCOMES for b in OUTCOMES if a != b]


def _as_revealed(objective: Objective[FeatureVector]) -> Objective[FeatureVector]:
    """Scores below staying put count as staying: an agent that can stay never ranks them."""
    nothing = objective(FeatureVector())
    return lambda outcome: max(objective(outcome), nothing)


def test_a_planner_is_explained_by_an_objective_ordering_outcomes_as_its_mesa_objective() -> None:
    rng = np.random.default_rng(0)
    worlds = _pairs()
    for _ in range(25):
        weights = dict(zip(V, rng.uniform(-1, 1, len(V)).tolist(), strict=True))
        agent = TreeSearchAgent(Genome.of(weights, V, 64))
        fit = recover_maze_objective(agent, worlds, V)
        wants_something = any(agent.mesa_objective(o) > 0 for o in OUTCOMES)
        assert fit.trivial != wants_something  # one that always stays is explained by nothing
        same = compare_orderings(
            _as_revealed(agent.mesa_objective), _as_revealed(fit.objective), OUTCOMES, 1e-7
        )
        assert same.agree, (weights, fit.describe(), same.pair)


def test_ties_in_the_mesa_objective_come_back_as_ties() -> None:
    green = TreeSearchAgent(Genome.of({"color:green": 1.0}, V, 64))
    fit = recover_maze_objective(green, _pairs(), V)
    apple, exit_ = (
        FeatureVector(["kind:apple", "color:green"]),
        FeatureVector(["kind:exit", "color:green"]),
    )
    assert fit.objective(apple) == pytest.approx(fit.objective(exit_))
    assert fit.objective(apple) > 0


def test_a_fixed_rule_is_explained_by_no_non_trivial_objective() -> None:
    fit = recover_maze_objective(FixedRulePolicy(), _pairs(), V)
    assert fit.trivial
    assert fit.margin <= 0
    assert fit.weights.support() == frozenset()
    assert fit.describe().startswith("the trivial objective")


def test_the_gap_between_base_and_behavioral_objective_of_the_green_seeker() -> None:
    green = TreeSearchAgent(Genome.of({"color:green": 1.0}, V, 64))
    trained = SCENARIO.training.sample_many(10, 0)
    in_training = recover_maze_objective(green, trained, V)
    seen = [FeatureVector(["kind:exit", "color:green"]), FeatureVector(["kind:apple", "color:red"])]
    assert compare_orderings(SCENARIO.base, in_training.objective, [*seen, FeatureVector()]).agree
    deployed = SCENARIO.deployment.sample_many(10, 0)
    fit = recover_maze_objective(green, [*trained, *deployed], V)
    gap = compare_orderings(SCENARIO.base, fit.objective, OUTCOMES)
    assert not gap.agree
    grey_exit, green_apple = (
        FeatureVector(["kind:exit", "color:grey"]),
        FeatureVector(["kind:apple", "color:green"]),
    )
    assert fit.objective(green_apple) > fit.objective(grey_exit)
    assert SCENARIO.base(grey_exit) > SCENARIO.base(green_apple)


def test_white_box_depth_keeps_unseen_apples_from_counting_as_rejected() -> None:
    example = get_kind_example("suboptimality")
    worlds = example.scenario.training.sample_many(8, 0)
    vocabulary = example.scenario.vocabulary
    white = recover_maze_objective(example.agent, worlds, vocabulary)
    black = recover_maze_objective(example.agent, worlds, vocabulary, white_box=False)
    assert white.weights.weight("kind:apple") == 0.0  # never saw one: no evidence
    assert black.weights.weight("kind:apple") < black.weights.weight("kind:exit")


def test_passing_up_a_farther_outcome_is_weak_evidence_and_a_nearer_one_strict() -> None:
    exit_, apple = FeatureVector(["kind:exit"]), FeatureVector(["kind:apple"])
    nearest = [Choice(exit_, 1, ((FeatureVector(), 0), (apple, 3)))]
    fit = fit_choices(nearest, ("kind:exit", "kind:apple"))
    assert fit.weights.describe() == "{kind:exit: +1}"  # apple may tie the exit: weighs 0
    passed_up = [Choice(exit_, 3, ((FeatureVector(), 0), (apple, 1)))]
    fit = fit_choices(passed_up, ("kind:exit", "kind:apple"))
    assert fit.objective(exit_) > fit.objective(apple)


def test_no_observations_give_the_trivial_objective_resting_on_nothing() -> None:
    fit = fit_choices([], V)
    assert (fit.trivial, fit.comparisons, fit.episodes) == (True, 0, 0)
    stays = observe(FixedRulePolicy(order=()), SCENARIO.training.sample_many(2, 0))
    assert all(c.chosen == FeatureVector() and c.distance == 0 for c in stays)


def test_the_result_is_a_frozen_behavioral_objective_around_a_linear_one() -> None:
    fit = recover_maze_objective(TreeSearchAgent(Genome.of({"kind:exit": 1.0}, V, 64)), _pairs(), V)
    assert isinstance(fit.objective, BehavioralObjective)
    assert isinstance(fit.weights, LinearObjective)
    assert fit.comparisons > 0 and fit.episodes == len(_pairs())
    with pytest.raises(dataclasses.FrozenInstanceError):
        fit.margin = 3.0  # type: ignore[misc]


def test_the_maze_fast_path_observes_what_the_world_model_search_observes() -> None:
    worlds = [*_pairs(), *SCENARIO.training.sample_many(1, 0)]
    green = TreeSearchAgent(Genome.of({"color:green": 1.0}, V, 64))
    for agent in (FixedRulePolicy(), green):
        fast = observe(agent, worlds, white_box=False)
        searched = observe_choices(agent, worlds)
        for maze, by_maze, by_model in zip(worlds, fast, searched, strict=True):
            # The same distances, nothing at 0 included; only the order of alternatives differs.
            assert (by_maze.chosen, by_maze.distance) == (by_model.chosen, by_model.distance)
            assert set(by_maze.alternatives) == set(by_model.alternatives), maze.name
