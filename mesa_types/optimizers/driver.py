"""The one loop that runs every base optimizer: ask, evaluate, tell, and the hooks between.

Plain evolution, adversarial training and a user's own ask/tell optimizer are
all driven by :func:`drive`. What differs between them is said with
:class:`Hooks`: progress after each generation, an adversary that may change
the training set between generations, and a checkpoint that saves whatever a
world needs to continue later. Because the loop itself holds no state but the
history it is handed, a run resumed from a checkpoint (the optimizer restored,
the history so far passed back in, ``start`` set to the generations done)
continues exactly where it stopped.

:func:`drive` asks and tells candidate tokens. An optimizer with a faster way
to hand out and take back a generation (the genetic algorithm's arrays) runs
the same loop through :func:`drive_steps`, saying what one generation is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

import numpy as np
from numpy.typing import NDArray

from mesa_types.optimizers.generations import Candidate, GenerationStats
from mesa_types.optimizers.history import History

__all__ = ["AskTell", "Evaluate", "Hooks", "Progress", "Step", "drive", "drive_steps"]

M = TypeVar("M")


class AskTell(Protocol[M]):
    """What the driver needs of an optimizer: ask for candidates, tell their fitness."""

    def ask(self) -> Sequence[Candidate[M]]:
        """Propose the next generation of candidates."""
        ...

    def tell(self, evaluated: Sequence[tuple[Candidate[M], float]]) -> None:
        """Take back every candidate of the last ``ask`` with its fitness."""
        ...


Evaluate = Callable[[Sequence[M]], Sequence[float]]
"""Scores each model of a generation on the current training set; one fitness per model."""

Progress = Callable[[GenerationStats], None]
"""Called after each generation with its fitness statistics."""

Step = Callable[[Evaluate[M]], Sequence[float] | NDArray[np.float64]]
"""One generation: ask, score with the evaluation given, tell; returns the fitness, in order."""


@dataclass(frozen=True)
class Hooks(Generic[M]):
    """What happens between generations, beyond ask and tell.

    Attributes:
        progress: Called with each generation's statistics.
        adversary: Called with the number of generations done, after every
            generation but the last; returns a new evaluation (the training set
            changed: environments were added) or None to keep the current one.
        checkpoint: Called with the number of generations done and the history
            so far, every ``checkpoint_every`` generations and after the last.
        checkpoint_every: Generations between checkpoints; 0 never.
    """

    progress: Progress | None = None
    adversary: Callable[[int], Evaluate[M] | None] | None = None
    checkpoint: Callable[[int, Sequence[GenerationStats]], None] | None = None
    checkpoint_every: int = 0

    def __post_init__(self) -> None:
        if self.checkpoint_every < 0:
            raise ValueError(f"checkpoint_every must be at least 0, got {self.checkpoint_every}")


def drive(
    optimizer: AskTell[M],
    evaluate: Evaluate[M],
    generations: int,
    *,
    start: int = 0,
    history: Sequence[GenerationStats] = (),
    hooks: Hooks[M] | None = None,
) -> tuple[GenerationStats, ...]:
    """Run ``optimizer`` from generation ``start`` until ``generations`` have been told.

    Args:
        optimizer: Any ask/tell optimizer (a :class:`~mesa_types.BaseOptimizer`), fresh or restored.
        evaluate: Fitness of a generation's models on the training set.
        generations: The total number of generations the run has.
        start: Generations already done (a resumed run); 0 for a fresh one.
        history: Their statistics, for a resumed run.
        hooks: Progress, adversary and checkpoint; none by default.

    Returns:
        The statistics of every generation, the resumed ones included.

    Raises:
        ValueError: ``generations`` is below 1, or ``start`` outside ``[0, generations]``,
            or ``history`` does not hold ``start`` generations.

    Example:
        ``BaseOptimizer.run`` is ``drive`` over one fixed batch of training environments;
        a world's own runs add checkpoints and an adversary through ``hooks``.
    """

    def step(current: Evaluate[M]) -> list[float]:
        candidates = optimizer.ask()
        scores = list(current([c.model for c in candidates]))
        optimizer.tell(list(zip(candidates, scores, strict=True)))
        return scores

    return drive_steps(step, evaluate, generations, start=start, history=history, hooks=hooks)


def drive_steps(
    step: Step[M],
    evaluate: Evaluate[M],
    generations: int,
    *,
    start: int = 0,
    history: Sequence[GenerationStats] = (),
    hooks: Hooks[M] | None = None,
) -> tuple[GenerationStats, ...]:
    """The loop of :func:`drive`, with ``step`` saying what one generation is.

    ``step`` is called with the current evaluation (``evaluate``, or what the
    adversary hook returned last) and returns the generation's fitness.
    Statistics are summarised in batches, when a hook needs them or at the
    end, and equal those of :meth:`GenerationStats.of` for each generation.

    Raises:
        ValueError: As :func:`drive`; or a fitness is NaN or infinite.
    """
    if generations < 1:
        raise ValueError(f"generations must be at least 1, got {generations}")
    if not 0 <= start <= generations or len(history) != start:
        raise ValueError(
            f"start must be in [0, generations={generations}] with one history entry per "
            f"generation done, got start {start} and {len(history)} entries"
        )
    hooks = hooks or Hooks()
    done = History(list(history))
    for generation in range(start, generations):
        done.add(step(evaluate))
        if hooks.progress is not None:
            hooks.progress(done.summarised()[-1])
        finished = generation + 1
        if hooks.adversary is not None and finished < generations:
            evaluate = hooks.adversary(finished) or evaluate
        every = hooks.checkpoint_every
        if (
            hooks.checkpoint is not None
            and every
            and (finished % every == 0 or finished == generations)
        ):
            hooks.checkpoint(finished, tuple(done.summarised()))
    return tuple(done.summarised())
