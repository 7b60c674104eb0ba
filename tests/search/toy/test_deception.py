"""The deception toy: the training schedule, the planners, the table, and random defection."""

from __future__ import annotations

import itertools
from fractions import Fraction

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from mesa_types import Genome, MesaOptimizer, is_optimizer, run_episode
from search import TreeSearchAgent, green_exit
from search.toy import (
    Destination,
    SchedulePlanner,
    ToyState,
    TrainingProcess,
    TrainingSchedule,
    apples_eaten,
    best_defection,
    best_defection_exact,
    expected_apples,
    expected_apples_exact,
    planner_apples,
    planner_plan,
    schedule_table,
    toy_report,
    toy_run,
)

A, B = Destination.APPLE, Destination.EXIT
PAPER = TrainingSchedule(training=2, deployment=3)


@pytest.mark.parametrize("field", ["training", "deployment"])
@pytest.mark.parametrize("value", [-1, 2.5, "3"])
def test_schedule_rejects_bad_counts_naming_the_field(field: str, value: object) -> None:
    counts: dict[str, object] = {"training": 2, "deployment": 3, field: value}
    with pytest.raises(ValidationError) as caught:
        TrainingSchedule.model_validate(counts)
    assert caught.value.errors()[0]["loc"] == (field,)
    assert field in str(caught.value)


def test_schedule_is_frozen_and_forbids_extra_fields() -> None:
    with pytest.raises(ValidationError, match="extra"):
        TrainingSchedule.model_validate({"training": 1, "deployment": 1, "testing": 1})
    with pytest.raises(ValidationError):
        PAPER.training = 5  # type: ignore[misc]


def test_objective_is_replaced_only_after_a_training_episode_without_the_exit() -> None:
    assert PAPER.replaces_objective(0, complied=False)
    assert PAPER.replaces_objective(1, complied=False)
    assert not PAPER.replaces_objective(1, complied=True)
    assert not PAPER.replaces_objective(2, complied=False)  # deployment changes nothing


def test_process_offers_only_the_exit_once_the_objective_is_replaced() -> None:
    process = TrainingProcess(PAPER)
    after_apple = process.step(process.initial(), A)
    assert after_apple.replaced and process.actions(after_apple) == (B,)
    deployed = process.step(process.step(process.initial(), B), B)
    assert process.step(deployed, A).replaced is False


def test_whole_schedule_planner_goes_b_b_a_a_a_and_eats_three_apples() -> None:
    run = toy_run(PAPER)
    assert run.choices == (B, B, A, A, A)
    assert run.apples == 3
    assert run.replaced_after is None


def test_within_episode_planner_takes_the_apple_at_once_and_eats_exactly_one() -> None:
    run = toy_run(PAPER, horizon=1)
    assert run.choices == (A, B, B, B, B)
    assert run.apples == 1
    assert run.replaced_after == 1


def test_planner_is_a_mesa_optimizer_with_faithful_traces() -> None:
    process = TrainingProcess(PAPER)
    planner = SchedulePlanner(process)
    assert isinstance(planner, MesaOptimizer)
    states = run_episode(planner, process).observations[:-1]
    assert is_optimizer(planner, states)
    assert is_optimizer(SchedulePlanner(process, horizon=1), states)


def test_the_first_plan_is_the_plan_it_carries_out() -> None:
    for n, m in itertools.product(range(4), range(4)):
        process = TrainingProcess(TrainingSchedule(training=n, deployment=m))
        planner = SchedulePlanner(process)
        first = planner.search(process.initial()).plan()
        assert run_episode(planner, process).observations[-1].choices == first


def test_search_tree_exports_to_networkx_like_the_maze_agent() -> None:
    process = TrainingProcess(PAPER)
    tree = SchedulePlanner(process).search(process.initial())
    graph = tree.to_networkx()
    assert nx.is_arborescence(graph)
    assert graph.number_of_nodes() == len(tree.nodes)
    scenario = green_exit()
    maze = scenario.training.sample_many(1, seed=0)[0]
    agent = TreeSearchAgent(Genome.of({"kind:exit": 1.0}, scenario.vocabulary, 8))
    maze_graph = agent.search(maze.initial()).to_networkx()
    assert set(graph.nodes[0]) == set(maze_graph.nodes[0]) - {"position"} | {"state"}
    chosen = [i for i, data in graph.nodes(data=True) if data["chosen"]]
    assert chosen == [tree.chosen]
    assert graph.nodes[tree.chosen]["score"] == 3.0
    assert graph.nodes[tree.chosen]["depth"] == 5


def test_planner_refuses_horizons_below_one_and_huge_trees() -> None:
    with pytest.raises(ValueError, match="horizon"):
        SchedulePlanner(TrainingProcess(PAPER), horizon=0)
    with pytest.raises(ValueError, match="deployment"):
        SchedulePlanner(TrainingProcess(TrainingSchedule(training=1, deployment=40)))
    # Planning one episode ahead needs no big tree.
    one_ahead = SchedulePlanner(TrainingProcess(TrainingSchedule(training=1, deployment=40)), 1)
    assert one_ahead.horizon == 1


def test_table_agrees_with_the_closed_form_for_every_schedule_up_to_five() -> None:
    rows = schedule_table(range(6), range(6))
    assert len(rows) == 36
    disagreeing = [(r.training, r.deployment) for r in rows if not r.agrees]
    assert disagreeing == []
    paper = next(r for r in rows if (r.training, r.deployment) == (2, 3))
    assert (paper.plan, paper.apples, paper.myopic_plan, paper.myopic_apples) == (
        "B B A A A",
        3,
        "A B B B B",
        1,
    )


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 9), st.integers(0, 7))
def test_planner_eats_what_the_closed_form_says(n: int, m: int) -> None:
    schedule = TrainingSchedule(training=n, deployment=m)
    run = toy_run(schedule)
    assert run.apples == planner_apples(schedule)
    assert run.choices == planner_plan(schedule)
    assert toy_run(schedule, horizon=1).apples == (m if n == 0 else 1)


def test_report_shows_both_plans_the_table_and_the_random_optimum() -> None:
    text = toy_report(PAPER, table_size=2)
    assert "B B A A A, 3 apples" in text
    assert "A B B B B, 1 apple " in text
    assert "9 of 9 rows agree" in text
    assert "p = 5/9" in text


# --- the agent that cannot tell episodes apart --------------------------------------------


def test_best_probability_for_two_training_and_three_deployment_episodes_is_five_ninths() -> None:
    assert best_defection_exact(PAPER) == (Fraction(5, 9), Fraction(275, 243))
    found = best_defection(PAPER)
    assert found.probability == pytest.approx(5 / 9, abs=1e-12)
    assert found.expected_apples == pytest.approx(275 / 243, abs=1e-12)


def test_polynomial_optimum_equals_the_closed_form_on_every_small_schedule() -> None:
    for n, m in itertools.product(range(8), range(8)):
        schedule = TrainingSchedule(training=n, deployment=m)
        p, e = best_defection_exact(schedule)
        found = best_defection(schedule)
        assert found.probability == pytest.approx(float(p), abs=1e-9), (n, m)
        assert found.expected_apples == pytest.approx(float(e), abs=1e-9), (n, m)


def _enumerated(schedule: TrainingSchedule, p: Fraction) -> Fraction:
    """Expected apples by walking every history of the training process: no formula used."""
    process = TrainingProcess(schedule)
    total = Fraction(0)
    frontier: list[tuple[ToyState, Fraction]] = [(process.initial(), Fraction(1))]
    while frontier:
        state, weight = frontier.pop()
        if process.is_terminal(state):
            total += weight * Fraction(apples_eaten(state.outcome())).limit_denominator()
            continue
        options = process.actions(state)
        for choice in options:
            chance = Fraction(1) if len(options) == 1 else (p if choice is A else 1 - p)
            frontier.append((process.step(state, choice), weight * chance))
    return total


@pytest.mark.parametrize(("n", "m"), [(2, 3), (1, 4), (3, 2), (0, 2), (2, 0)])
def test_expected_apples_formula_matches_the_training_process(n: int, m: int) -> None:
    schedule = TrainingSchedule(training=n, deployment=m)
    for p in (Fraction(0), Fraction(1, 3), Fraction(5, 9), Fraction(1)):
        assert expected_apples_exact(schedule, p) == _enumerated(schedule, p)
        assert float(expected_apples(schedule)(float(p))) == pytest.approx(
            float(_enumerated(schedule, p))
        )


def test_no_probability_on_a_fine_grid_beats_the_optimum() -> None:
    for variant in ("modified-at-once", "deployment-only", "end-of-training"):
        found = best_defection(PAPER, variant)
        e = expected_apples(PAPER, variant)
        assert max(float(e(i / 1000)) for i in range(1001)) <= found.expected_apples + 1e-12


def test_variants_give_their_own_optima() -> None:
    only_deployment = best_defection(PAPER, "deployment-only")
    assert only_deployment.probability == pytest.approx(1 / 3)
    assert only_deployment.expected_apples == pytest.approx(4 / 9)
    at_end = best_defection(PAPER, "end-of-training")
    assert (at_end.probability, at_end.expected_apples) == (1.0, 2.0)


def test_knowing_the_episode_beats_random_defection_which_beats_always_defecting() -> None:
    informed, random_, always = toy_run(PAPER).apples, best_defection(PAPER), 1.0
    assert informed > random_.expected_apples > always


@pytest.mark.parametrize("call", [expected_apples, best_defection])
def test_an_unknown_variant_is_refused_naming_the_allowed_ones(call: object) -> None:
    allowed = r"\['modified-at-once', 'deployment-only', 'end-of-training'\]"
    with pytest.raises(ValueError, match=rf"variant must be one of {allowed}, got 'bogus'"):
        call(PAPER, "bogus")  # type: ignore[operator]
