"""Finding the settings at which random defection's optimum is the paper's 0.61, and the table."""

from __future__ import annotations

from fractions import Fraction

import pytest

from search.toy import (
    PAPER_OPTIMUM,
    TrainingModel,
    defection_table,
    format_defection_grid,
    format_defection_table,
    solve_each_parameter,
    solve_parameter,
)

F = Fraction
TOY = TrainingModel()


def test_the_papers_figure_is_061() -> None:
    assert (PAPER_OPTIMUM.numerator, PAPER_OPTIMUM.denominator) == (61, 100)


def test_the_modification_probability_that_gives_061_is_the_inverse_of_the_closed_form() -> None:
    (found,) = solve_parameter(TOY, "modification")
    n, m = 2, 3
    # p* = (n w_T + m w_D) / (m w_D (n+1) q) = 5 / (9 q), so q = 5 / (9 * 0.61).
    assert found.value == F(n + m, m * (n + 1)) / PAPER_OPTIMUM == F(500, 549)
    assert found.exact and found.optimum.probability == PAPER_OPTIMUM
    assert found.describe() == "modification = 500/549 = 0.9107 (exact)"


def test_the_weights_that_give_061_are_exact_fractions() -> None:
    (training,) = solve_parameter(TOY, "training_weight")
    (deployment,) = solve_parameter(TOY, "deployment_weight")
    # (2 w_T + 3 w_D) / (9 w_D) = 61/100.
    assert training.value == F(249, 200) and training.exact
    assert deployment.value == F(200, 249) and deployment.exact
    assert training.model.best_defection().probability == PAPER_OPTIMUM


def test_the_discount_that_gives_061_is_found_by_bisection() -> None:
    (found,) = solve_parameter(TOY, "discount")
    assert not found.exact
    assert found.value == pytest.approx(0.9348, abs=1e-4)
    assert abs(found.optimum.probability - PAPER_OPTIMUM) < F(1, 10**9)
    # The optimum falls as the discount rises through the solution.
    below = TrainingModel(discount=found.value - F(1, 1000)).best_defection().probability
    above = TrainingModel(discount=found.value + F(1, 1000)).best_defection().probability
    assert below > PAPER_OPTIMUM > above


def test_each_parameter_alone_can_give_061() -> None:
    found = solve_each_parameter(TOY)
    assert [s.parameter for s in found] == [
        "modification",
        "discount",
        "training_weight",
        "deployment_weight",
    ]
    for solution in found:
        assert abs(solution.model.best_defection().probability - PAPER_OPTIMUM) < F(1, 10**9)


def test_a_target_the_optimum_leaps_over_has_no_solution() -> None:
    # As the discount falls past about 0.85 the best p leaps from about 0.73 to 1.
    assert solve_parameter(TOY, "discount", F(9, 10)) == ()
    assert solve_parameter(TOY, "discount", F(1)) != ()  # 1 itself is reached


def test_other_schedules_have_their_own_solutions() -> None:
    model = TrainingModel.model_validate({"schedule": {"training": 4, "deployment": 2}})
    assert model.closed_form() == F(3, 5)
    (found,) = solve_parameter(model, "modification")
    assert found.value == F(3, 5) / PAPER_OPTIMUM


def test_an_unknown_parameter_or_too_few_steps_is_refused() -> None:
    with pytest.raises(ValueError, match=r"must be one of \['modification', 'discount'"):
        solve_parameter(TOY, "temperature")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="steps must be at least 1"):
        solve_parameter(TOY, "discount", steps=0)


def test_the_table_shows_each_exact_optimum_next_to_its_closed_form() -> None:
    models = [TOY, TrainingModel(modification=F(9, 10)), TrainingModel(discount=F(19, 20))]
    rows = defection_table(models)
    assert [r.closed_form for r in rows] == [F(5, 9), F(50, 81), None]
    text = format_defection_table(rows).splitlines()
    assert text[0].startswith("| n | m | q | discount | w_T | w_D | p*")
    assert text[2] == "| 2 | 3 | 1 | 1 | 1 | 1 | 5/9 | 0.5556 | 1.1317 | 5/9 |"
    assert text[4] == "| 2 | 3 | 1 | 19/20 | 1 | 1 | irrational | 0.5953 | 1.0752 | - |"


def test_the_grid_over_two_parameters_holds_each_exact_optimum() -> None:
    grid = format_defection_grid(
        TOY, ("modification", [F(1), F(19, 20)]), ("discount", [F(1), F(97, 100)])
    ).splitlines()
    assert grid[0] == "| modification / discount | 1 | 97/100 |"
    assert grid[2] == "| 1 | 0.5556 | 0.5781 |"
    q_and_gamma = TrainingModel(modification=F(19, 20), discount=F(97, 100))
    assert grid[3] == f"| 19/20 | 0.5848 | {float(q_and_gamma.best_defection().probability):.4f} |"
    with pytest.raises(ValueError, match="different parameters"):
        format_defection_grid(TOY, ("discount", [F(1)]), ("discount", [F(1)]))
    with pytest.raises(ValueError, match="must be one of"):
        format_defection_grid(TOY, ("luck", [F(1)]), ("discount", [F(1)]))  # type: ignore[arg-type]
