"""Running the genetic base optimizer on a scenario: start, checkpoint, resume, record.

:func:`evolve` runs a fresh run and :func:`resume` continues one from its
checkpoint; :func:`evolve_adversarial` and :func:`resume_adversarial` do the
same with an adversary adding mazes to the training set between generations.
All four are one run (:class:`~search.training.run_loop.GeneticRun`), driven as
:func:`mesa_types.drive` drives an optimizer but on the genetic optimizer's
array path, and a resumed run ends identical to one never
interrupted: the checkpoint holds the whole state of the genetic algorithm,
random generator included, and the mazes the adversary added; the training
mazes are drawn again from the seed.

All randomness is derived from the run's one seed (:class:`~search.RunSeeds`): one
stream for the genetic algorithm, one for the training mazes, one for the
deployment mazes of experiments.
"""

from __future__ import annotations

import os

from mesa_types import Engine, Progress
from search.training.adversarial import Adversary
from search.training.record_parts import AdversarialState
from search.training.run_loop import GeneticRun
from search.training.runs import AdversarialRun, Checkpoint, RunRecord, RunSettings

__all__ = ["evolve", "evolve_adversarial", "resume", "resume_adversarial"]

_Path = str | os.PathLike[str]


def evolve(
    settings: RunSettings,
    engine: Engine | None = None,
    *,
    checkpoint: _Path | None = None,
    checkpoint_every: int = 0,
    progress: Progress | None = None,
) -> RunRecord:
    """Run the genetic algorithm on ``settings.scenario`` from the start.

    Args:
        settings: What determines the run.
        engine: Where fitness is computed; serial if omitted.
        checkpoint: Where to keep the checkpoint, if anywhere.
        checkpoint_every: Save the checkpoint every this many generations (and
            at the end); 0 never.
        progress: Called after each generation.

    Raises:
        KeyError: Unknown scenario.
        ValueError: The config's depth range exceeds what the scenario allows,
            or ``checkpoint_every`` is negative.
    """
    run = GeneticRun.fresh(settings, engine, None)
    return run.go(checkpoint, checkpoint_every, progress)


def resume(
    saved: Checkpoint,
    engine: Engine | None = None,
    *,
    checkpoint: _Path | None = None,
    checkpoint_every: int = 0,
    progress: Progress | None = None,
) -> RunRecord:
    """Continue a run from its checkpoint; it ends as if it had never stopped.

    Arguments are as for :func:`evolve`; the settings come from ``saved``. With
    ``checkpoint`` given and ``checkpoint_every`` 0, it keeps saving at the
    interval ``saved`` was saved at.

    Raises:
        ValueError: ``saved`` is the checkpoint of an adversarial run
            (continue it with :func:`resume_adversarial`).
    """
    if saved.adversarial is not None:
        raise ValueError("this checkpoint is of an adversarial run: resume it with --adversarial")
    return GeneticRun.restored(saved, engine).go(checkpoint, checkpoint_every, progress)


def evolve_adversarial(
    settings: RunSettings,
    adversary: Adversary | None = None,
    engine: Engine | None = None,
    *,
    checkpoint: _Path | None = None,
    checkpoint_every: int = 0,
    progress: Progress | None = None,
) -> AdversarialRun:
    """Run the genetic algorithm on ``settings.scenario`` with the adversary between generations.

    Args:
        settings: What determines the run (the adversary's draws are seeded from its seed too).
        adversary: How the adversary searches; None runs without one (the same
            generations as :func:`evolve`, the best genome picked as
            :data:`~search.training.adversarial.FINAL_BEST` says).
        engine: Where fitness is computed; serial if omitted.
        checkpoint: Where to keep the checkpoint (the added mazes included), if anywhere.
        checkpoint_every: Save the checkpoint every this many generations (and at the end).
        progress: Called after each generation.

    Raises:
        KeyError: Unknown scenario.
        ValueError: The config's depth range exceeds what the scenario allows.
    """
    run = GeneticRun.fresh(settings, engine, AdversarialState(adversary=adversary))
    return run.adversarial_run(run.go(checkpoint, checkpoint_every, progress))


def resume_adversarial(
    saved: Checkpoint,
    engine: Engine | None = None,
    *,
    checkpoint: _Path | None = None,
    checkpoint_every: int = 0,
    progress: Progress | None = None,
) -> AdversarialRun:
    """Continue an adversarial run from its checkpoint; it ends as if it had never stopped.

    Arguments are as for :func:`resume`, the interval kept the same way.

    Raises:
        ValueError: ``saved`` is the checkpoint of a plain run (use :func:`resume`).
    """
    if saved.adversarial is None:
        raise ValueError("this checkpoint is of a run without --adversarial: resume it without")
    run = GeneticRun.restored(saved, engine)
    return run.adversarial_run(run.go(checkpoint, checkpoint_every, progress))
