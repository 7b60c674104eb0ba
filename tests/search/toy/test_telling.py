"""The toy in each source's terms: the video's letters, the paper's letters and its 3x3 grid."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from search.toy import (
    PAPER_GRID,
    PAPER_LABELS,
    VIDEO_LABELS,
    CornerGrid,
    Destination,
    Labels,
    TrainingSchedule,
    play,
    schedule_table,
    toy_report,
    toy_run,
)

A, B = Destination.APPLE, Destination.EXIT
TWO_THREE = TrainingSchedule(training=2, deployment=3)


def test_the_paper_names_the_destinations_the_other_way_round() -> None:
    assert (PAPER_LABELS.base, PAPER_LABELS.mesa) == ("A", "B")
    assert (VIDEO_LABELS.base, VIDEO_LABELS.mesa) == ("B", "A")
    assert PAPER_LABELS.plan((B, B, A, A, A)) == "A A B B B"
    assert VIDEO_LABELS.plan((B, B, A, A, A)) == "B B A A A"


def test_in_the_papers_letters_the_deceptive_plan_reads_a_a_b_b_b() -> None:
    run = toy_run(TWO_THREE, labels=PAPER_LABELS)
    assert run.plan() == "A A B B B"
    assert run.apples == 3
    assert toy_run(TWO_THREE).plan() == "B B A A A"  # the default is still the video's


def test_a_a_b_b_b_reaches_b_three_times_and_b_every_time_reaches_it_once() -> None:
    deceptive = play(TWO_THREE, "A A B B B", PAPER_LABELS)
    assert deceptive.reached == 3 and deceptive.replaced_after is None
    assert deceptive.describe() == "A A B B B: 3 visits to B"
    eager = play(TWO_THREE, "B B B B B", PAPER_LABELS)
    assert eager.reached == 1 and eager.replaced_after == 1
    assert eager.played == (A, B, B, B, B)
    assert PAPER_LABELS.plan(eager.played) == "B A A A A"


def test_the_same_plans_in_the_videos_letters_give_the_same_counts() -> None:
    assert play(TWO_THREE, "B B A A A").reached == 3
    assert play(TWO_THREE, "A A A A A").describe() == (
        "A A A A A is played A B B B B: 1 apple, replaced after episode 1"
    )


def test_a_plan_in_choices_is_the_same_as_in_letters() -> None:
    assert play(TWO_THREE, (B, B, A, A, A)) == play(TWO_THREE, "B, B, A, A, A")


def test_a_plan_with_unknown_letters_or_the_wrong_length_is_refused() -> None:
    with pytest.raises(ValueError, match=r"unknown letters \['C'\].*'A' for corner A"):
        play(TWO_THREE, "A A C B B", PAPER_LABELS)
    with pytest.raises(ValueError, match="one choice per episode, 5 in all; got 3"):
        play(TWO_THREE, "A A B", PAPER_LABELS)


def test_labels_need_two_different_letters_without_spaces() -> None:
    fields = VIDEO_LABELS.model_dump()
    with pytest.raises(ValidationError, match="different letters"):
        Labels.model_validate({**fields, "base": "A"})
    with pytest.raises(ValidationError) as caught:
        Labels.model_validate({**fields, "mesa": "a b"})
    assert caught.value.errors()[0]["loc"] == ("mesa",)
    with pytest.raises(ValidationError, match="extra"):
        Labels.model_validate({**fields, "colour": "green"})


def test_labels_survive_json() -> None:
    assert Labels.model_validate_json(PAPER_LABELS.model_dump_json()) == PAPER_LABELS


def test_the_papers_grid_is_three_by_three_with_a_and_b_in_corners() -> None:
    assert PAPER_GRID.draw(PAPER_LABELS) == "A . .\n. @ .\n. . B"
    assert PAPER_GRID.draw(VIDEO_LABELS) == "B . .\n. @ .\n. . A"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"size": 1}, "greater than or equal to 2"),
        ({"base_corner": (0, 1)}, "base_corner must be one of the corners"),
        ({"mesa_corner": (3, 3)}, "mesa_corner must lie on the 3x3 grid"),
        ({"start": (0, 0)}, "three different cells"),
    ],
)
def test_a_corner_grid_checks_its_cells(change: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        CornerGrid.model_validate({**PAPER_GRID.model_dump(), **change})


def test_the_table_and_the_report_print_in_the_letters_they_are_given() -> None:
    rows = schedule_table(range(3), range(4), PAPER_LABELS)
    paper = next(r for r in rows if (r.training, r.deployment) == (2, 3))
    assert (paper.plan, paper.plan_closed_form, paper.myopic_plan) == (
        "A A B B B",
        "A A B B B",
        "B A A A A",
    )
    assert all(r.agrees for r in rows)
    text = toy_report(TWO_THREE, table_size=2, labels=PAPER_LABELS)
    assert "A A B B B, 3 visits to B" in text
    assert "B A A A A, 1 visit to B" in text
    assert "goes to corner B with probability p" in text
    assert "apple" not in text


def test_the_default_report_is_the_videos() -> None:
    assert toy_report(TWO_THREE, table_size=2) == toy_report(TWO_THREE, 2, VIDEO_LABELS)
    assert "B B A A A, 3 apples" in toy_report(TWO_THREE, table_size=2)
