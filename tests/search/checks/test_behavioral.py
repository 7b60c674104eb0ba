"""The behavioral objective recovered by inverse RL: right for planners, trivial for fixed rules."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

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
    get_scenario,
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
        # Even one that always stays is explained: by "everything is worse than staying".
        assert not fit.trivial
        assert fit.unreproduced == ()
        assert fit.consistent.contains(fit.weights)
        assert fit.consistent.contains(agent.genome.objective)  # the truth is in the set
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


def test_solver_tolerance_cannot_flip_a_recorded_choice() -> None:
    # A genome whose fit, before snapping, came back with weights such as 0.9999998: an agent
    # acting on those made 11 of these 56 episodes differently (ties on weak evidence broken
    # the wrong way by the solver's tolerance). Snapped and checked exactly, none.
    scenario = get_scenario("red-door")
    vocabulary = scenario.vocabulary
    weights = {"kind:door": -0.74, "kind:key": 0.35, "kind:apple": 0.31}
    weights |= {"color:red": -0.99, "color:blue": 0.02, "color:yellow": 0.45}
    agent = TreeSearchAgent(Genome.of(weights, vocabulary, 25))
    worlds = [*scenario.training.sample_many(32, 0), *scenario.deployment.sample_many(24, 0)]
    fit = recover_maze_objective(agent, worlds, vocabulary)
    assert fit.describe() == (
        "{kind:key: +1, kind:apple: +1, color:red: -1, color:yellow: +1} "
        "(margin 1, from 9 comparisons over 56 episodes)"
    )
    assert fit.exact_weights == tuple(Fraction(w) for w in (0, 1, 1, -1, 0, 1))
    assert fit.unreproduced == ()
    assert fit.consistent.contains(agent.genome.objective)


def test_identified_pairs_of_a_planner_are_ranked_so_by_its_mesa_objective() -> None:
    rng = np.random.default_rng(3)
    worlds = SCENARIO.training.sample_many(8, 0) + SCENARIO.deployment.sample_many(8, 0)
    for _ in range(5):
        weights = dict(zip(V, rng.uniform(-1, 1, len(V)).tolist(), strict=True))
        agent = TreeSearchAgent(Genome.of(weights, V, 64))
        fit = recover_maze_objective(agent, worlds, V)
        for pair in fit.pairs(OUTCOMES):
            mesa = agent.mesa_objective(pair.first) - agent.mesa_objective(pair.second)
            order = ">" if mesa > 0 else "<" if mesa < 0 else "="
            assert order in pair.orders, (weights, pair.describe())


def test_in_green_exit_training_the_grey_exit_and_the_green_apple_are_left_open() -> None:
    green = TreeSearchAgent(Genome.of({"color:green": 1.0}, V, 64))
    fit = recover_maze_objective(green, SCENARIO.training.sample_many(16, 0), V)
    grey_exit = FeatureVector(["kind:exit", "color:grey"])
    green_apple = FeatureVector(["kind:apple", "color:green"])
    green_exit = FeatureVector(["kind:exit", "color:green"])
    assert fit.consistent.ranks(green_exit, FeatureVector()).describe() == (
        "color:green + kind:exit > nothing"
    )
    pair = fit.consistent.ranks(grey_exit, green_apple)
    assert pair.orders == (">", "=", "<")
    assert fit.consistent.contains(SCENARIO.base) and fit.consistent.contains(green.mesa_objective)
