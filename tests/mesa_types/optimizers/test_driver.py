"""The one driver: any ask/tell optimizer, with progress, adversary and checkpoint hooks."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from mesa_types import Candidate, Evaluate, GenerationStats, Hooks, drive, fitness_in_ask_order


class Climber:
    """A user's own ask/tell optimizer: proposes the integers next to its best so far."""

    def __init__(self, start: int = 0) -> None:
        self.best, self.generation = start, 0
        self._asked: list[Candidate[int]] = []

    def ask(self) -> Sequence[Candidate[int]]:
        models = (self.best - 1, self.best, self.best + 1)
        self._asked = [Candidate(self.generation, i, m) for i, m in enumerate(models)]
        return self._asked

    def tell(self, evaluated: Sequence[tuple[Candidate[int], float]]) -> None:
        fitness = fitness_in_ask_order(self._asked, evaluated)
        self.best = self._asked[max(range(len(fitness)), key=fitness.__getitem__)].model
        self.generation += 1


def _height(models: Sequence[int]) -> list[float]:
    return [float(m) for m in models]


def test_drive_runs_every_generation_and_returns_their_statistics() -> None:
    climber = Climber()
    history = drive(climber, _height, 4)
    assert [s.generation for s in history] == [0, 1, 2, 3]
    assert [s.best for s in history] == [1.0, 2.0, 3.0, 4.0]
    assert climber.best == 4


def test_hooks_are_called_when_they_say() -> None:
    seen: list[int] = []
    saved: list[tuple[int, int]] = []
    rounds: list[int] = []

    def adversary(done: int) -> None:
        rounds.append(done)

    hooks = Hooks[int](
        progress=lambda s: seen.append(s.generation),
        adversary=adversary,
        checkpoint=lambda done, history: saved.append((done, len(history))),
        checkpoint_every=2,
    )
    drive(Climber(), _height, 5, hooks=hooks)
    assert seen == [0, 1, 2, 3, 4]
    assert rounds == [1, 2, 3, 4], "never after the last generation"
    assert saved == [(2, 2), (4, 4), (5, 5)], "every 2 generations, and after the last"


def test_an_adversary_that_returns_an_evaluation_changes_the_fitness_from_then_on() -> None:
    def upside_down(done: int) -> Evaluate[int] | None:
        return (lambda models: [-float(m) for m in models]) if done == 2 else None

    hooks = Hooks[int](adversary=upside_down)
    history = drive(Climber(), _height, 4, hooks=hooks)
    assert [s.best for s in history] == [1.0, 2.0, -1.0, 0.0]


def test_a_resumed_drive_ends_as_the_uninterrupted_one() -> None:
    whole = drive(Climber(), _height, 6)
    first = drive(Climber(), _height, 3)
    climber = Climber(start=3)
    climber.generation = 3
    assert drive(climber, _height, 6, start=3, history=first) == whole


@pytest.mark.parametrize(
    ("generations", "start", "history", "message"),
    [
        (0, 0, (), "generations must be at least 1"),
        (3, 4, (), "start must be in"),
        (3, 1, (), "one history entry per generation done"),
    ],
)
def test_drive_rejects_impossible_runs(
    generations: int, start: int, history: tuple[GenerationStats, ...], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        drive(Climber(), _height, generations, start=start, history=history)


def test_hooks_reject_a_negative_checkpoint_interval() -> None:
    with pytest.raises(ValueError, match="checkpoint_every must be at least 0"):
        Hooks[int](checkpoint_every=-1)
