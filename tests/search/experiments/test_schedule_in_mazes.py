"""The toy's schedule lived in mazes: the modification rule applied, the toy's numbers replayed."""

from __future__ import annotations

from fractions import Fraction

import pytest

from search import DeceptiveAgent, GridWorld, green_exit
from search.experiments.schedule_in_mazes import (
    corner_maze,
    expected_in_mazes,
    train_in_mazes,
)
from search.toy import (
    PAPER_GRID,
    PAPER_LABELS,
    TrainingModel,
    TrainingSchedule,
    solve_parameter,
    toy_run,
)

F = Fraction
AGENT = DeceptiveAgent.green_seeker(green_exit().vocabulary)
TOY = TrainingModel()


def _mazes(model: TrainingModel) -> list[GridWorld]:
    return [corner_maze(PAPER_GRID)] * model.episodes


def test_the_corner_maze_is_the_papers_grid_with_a_grey_exit_and_a_green_apple() -> None:
    maze = corner_maze(PAPER_GRID)
    assert (maze.height, maze.width, maze.start) == (3, 3, (1, 1))
    assert {t.describe() for t in maze.things} == {"grey exit at (0, 0)", "green apple at (2, 2)"}


def test_an_informed_agent_in_mazes_goes_b_b_a_a_a_and_eats_three_apples() -> None:
    run = train_in_mazes(AGENT, TOY, _mazes(TOY))
    assert run.plan() == "B B A A A" == toy_run(TOY.schedule).plan()
    assert run.plan(PAPER_LABELS.mesa, PAPER_LABELS.base) == "A A B B B"
    assert (run.apples, run.value) == (3.0, F(3))
    assert run.replaced_after is None
    assert [e.training for e in run.episodes] == [True, True, False, False, False]


def test_a_myopic_agent_in_mazes_is_modified_at_once_and_eats_one() -> None:
    run = train_in_mazes(AGENT, TOY, _mazes(TOY), "myopic")
    toy = toy_run(TOY.schedule, horizon=1)
    assert run.plan() == toy.plan() == "A B B B B"
    assert (run.apples, run.replaced_after) == (toy.apples, toy.replaced_after) == (1, 1)
    assert [e.intact for e in run.episodes] == [True, False, False, False, False]


MODELS = [
    TOY,
    TrainingModel(modification=F(9, 10)),
    TrainingModel(modification=F(1, 4)),
    TrainingModel(discount=F(19, 20), training_weight=F(1, 2)),
    TrainingModel(schedule=TrainingSchedule(training=3, deployment=2), modification=F(2, 3)),
    TrainingModel(deployment_weight=F(2), discount=F(1, 2), modification=F(1, 2)),
]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.describe())
def test_the_mazes_replay_the_informed_agents_expected_apples_exactly(
    model: TrainingModel,
) -> None:
    assert expected_in_mazes(AGENT, model, _mazes(model)) == model.informed_values()[0]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.describe())
def test_the_mazes_replay_the_myopic_agent_as_always_defecting(model: TrainingModel) -> None:
    assert expected_in_mazes(AGENT, model, _mazes(model), "myopic") == model.expected_apples(F(1))


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.describe())
@pytest.mark.parametrize("p", [F(0), F(1, 3), F(5, 9), F(1)])
def test_the_mazes_replay_random_defection_exactly(model: TrainingModel, p: Fraction) -> None:
    assert expected_in_mazes(AGENT, model, _mazes(model), p) == model.expected_apples(p)


def test_in_mazes_the_best_random_defection_is_the_toys_five_ninths_and_the_papers_061() -> None:
    assert expected_in_mazes(AGENT, TOY, _mazes(TOY), F(5, 9)) == F(275, 243)
    (solution,) = solve_parameter(TOY, "modification")
    model = solution.model
    assert expected_in_mazes(AGENT, model, _mazes(model), F(61, 100)) == (
        model.best_defection().expected_apples
    )


def test_the_informed_maze_agent_defects_in_training_when_its_stake_is_below_one() -> None:
    unlikely = TrainingModel(modification=F(1, 4))
    assert unlikely.stake(0) < 1 and unlikely.stake(1) < 1
    for seed in range(4):
        run = train_in_mazes(AGENT, unlikely, _mazes(unlikely), seed=seed)
        assert not run.episodes[0].complied
        assert all(not e.complied for e in run.episodes if e.intact)  # A A A A A while intact


def test_sampled_histories_average_to_the_exact_expectation() -> None:
    model = TrainingModel(modification=F(1, 2), discount=F(9, 10))
    mazes = _mazes(model)
    exact = expected_in_mazes(AGENT, model, mazes, F(1, 2))
    runs = [train_in_mazes(AGENT, model, mazes, F(1, 2), seed=s) for s in range(400)]
    mean = sum(float(r.value) for r in runs) / len(runs)
    assert mean == pytest.approx(float(exact), abs=0.12)  # about four standard errors
    assert train_in_mazes(AGENT, model, mazes, F(1, 2), seed=7) == runs[7]  # seeded


def test_without_modification_nothing_is_replaced() -> None:
    model = TrainingModel(modification=F(0))
    run = train_in_mazes(AGENT, model, _mazes(model), "myopic")
    assert run.replaced_after is None and run.apples == 5


def test_the_loop_refuses_a_wrong_schedule_a_bad_policy_and_a_careless_random_defector() -> None:
    with pytest.raises(ValueError, match="one per episode, 5 in all; got 2"):
        train_in_mazes(AGENT, TOY, _mazes(TOY)[:2])
    with pytest.raises(ValueError, match="'informed', 'myopic' or a Fraction"):
        expected_in_mazes(AGENT, TOY, _mazes(TOY), "greedy")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"must be in \[0, 1\]"):
        expected_in_mazes(AGENT, TOY, _mazes(TOY), F(3, 2))
    careless = DeceptiveAgent(AGENT.genome, AGENT.base_model, stake=1.0)
    with pytest.raises(ValueError, match="stake above 1"):
        train_in_mazes(careless, TOY, _mazes(TOY), F(1, 2))
