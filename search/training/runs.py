"""Runs that last: the record of a genetic run, its checkpoints, and reading them back safely.

A :class:`RunRecord` is what a run produced, saved as JSON: the settings that
determine it (scenario, seed, generations, genetic config), the fitness of
every generation, the best genome and how it was picked among ties, the
top-fitness genomes of the final population, and timing. A
:class:`Checkpoint` is the whole state of an unfinished run. Both carry a
format name and version; loading checks them before anything else, and never
unpickles, so a file cannot run code. Files are written atomically (a temporary
file, then ``os.replace``), so a run killed while writing loses nothing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, JsonValue, ValidationError

from mesa_types import GenerationStats, GeneticConfig, GeneticState, Genome
from search.training.adversarial import Adversary
from search.world.grid import GridWorld

__all__ = [
    "CHECKPOINT_FORMAT",
    "FORMAT_VERSION",
    "RUN_FORMAT",
    "AdversarialRun",
    "AdversarialState",
    "BestGenome",
    "Checkpoint",
    "RunFormatError",
    "RunRecord",
    "RunSettings",
    "Timing",
    "TopGenome",
    "load_checkpoint",
    "load_run",
    "save_json",
    "write_text",
]

RUN_FORMAT = "mesa-types/run"
CHECKPOINT_FORMAT = "mesa-types/checkpoint"
FORMAT_VERSION = 1
"""The version of both file formats this library writes and reads."""

_Model = TypeVar("_Model", bound=BaseModel)


class RunFormatError(ValueError):
    """A file is not JSON, not a run (or checkpoint), or from an incompatible format version."""


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RunSettings(_Frozen):
    """Everything that determines a run's result: the same settings give the same run, bit for bit.

    Attributes:
        scenario: Name of a registered scenario (``search.SCENARIOS``).
        seed: The one seed all randomness is derived from.
        generations: How many generations to evaluate.
        training_environments: How many training mazes fitness averages over.
        config: The genetic algorithm's settings.
    """

    scenario: str
    seed: int = Field(ge=0)
    generations: int = Field(ge=1)
    training_environments: int = Field(ge=1)
    config: GeneticConfig


class BestGenome(_Frozen):
    """The genome a run hands over, with where it was found and why this one.

    Attributes:
        genome: The genome.
        fitness: Its training fitness.
        generation: The generation it was first evaluated in.
        index: Its index in that generation.
        tie_break: The rule that picked it among genomes of equal fitness.
        tied_in_final_population: How many genomes of the final population
            share the final population's top fitness.
    """

    genome: Genome
    fitness: float
    generation: int
    index: int
    tie_break: str
    tied_in_final_population: int


class TopGenome(_Frozen):
    """A distinct genome with the final population's top fitness, and how many copies it has."""

    genome: Genome
    fitness: float
    copies: int


class Timing(_Frozen):
    """How the run was executed. Not part of its result: equal runs may differ here."""

    started: str
    wall_seconds: float
    engine: str
    resumed_from_generation: int | None = None


class RunRecord(_Frozen):
    """What a genetic run produced, saved as ``run.json``.

    Attributes:
        format: Always ``"mesa-types/run"``.
        format_version: The file format's version.
        library_version: The ``mesa_types.__version__`` that wrote it.
        settings: The settings that determine the run.
        scenario_settings: The scenario factory's settings.
        base_objective: The base objective, described.
        training: The training distribution's name.
        history: Best, mean and spread of fitness for each generation.
        best: The best genome and how it was chosen.
        top_genomes: The distinct top-fitness genomes of the final population.
        timing: When, how long and on what it ran.
    """

    format: Literal["mesa-types/run"] = "mesa-types/run"
    format_version: Literal[1] = 1
    library_version: str
    settings: RunSettings
    scenario_settings: dict[str, JsonValue]
    base_objective: str
    training: str
    history: tuple[GenerationStats, ...]
    best: BestGenome
    top_genomes: tuple[TopGenome, ...]
    timing: Timing

    def result(self) -> dict[str, Any]:
        """The record without ``timing``: what two equal runs share exactly."""
        return self.model_dump(mode="json", exclude={"timing"})


class AdversarialState(_Frozen):
    """What an adversarial run adds to a run's state: its adversary and the mazes it added.

    Attributes:
        adversary: The adversary's settings, or None for the run without one
            (which still picks its best genome as an adversarial run does).
        added: The mazes the adversary added to the training set, in order.
        added_after: For each, the generation after which it was added.
    """

    adversary: Adversary | None
    added: tuple[GridWorld, ...] = ()
    added_after: tuple[int, ...] = ()


class AdversarialRun(_Frozen):
    """A genetic run with (or without) the adversary: its record and the mazes it added.

    Attributes:
        record: The run as :func:`~search.evolve` records one; its
            ``best`` is picked as :data:`~search.training.adversarial.FINAL_BEST` says.
        adversary: The adversary's settings, or None for a plain run.
        added: The mazes the adversary added to the training set, in order.
        added_after: For each, the generation after which it was added.
    """

    record: RunRecord
    adversary: Adversary | None
    added: tuple[GridWorld, ...]
    added_after: tuple[int, ...]


class Checkpoint(_Frozen):
    """The state of an unfinished run between two generations, saved as ``checkpoint.json``.

    ``adversarial`` is None for a plain run; for an adversarial one it holds
    the mazes added so far, so that the run resumes on the same training set.
    """

    format: Literal["mesa-types/checkpoint"] = "mesa-types/checkpoint"
    format_version: Literal[1] = 1
    library_version: str
    settings: RunSettings
    state: GeneticState
    history: tuple[GenerationStats, ...]
    started: str
    wall_seconds: float
    adversarial: AdversarialState | None = None


def save_json(model: BaseModel, path: str | os.PathLike[str]) -> Path:
    """Write ``model`` as JSON at ``path`` atomically (see :func:`write_text`)."""
    return write_text(model.model_dump_json(indent=2), path)


def write_text(text: str, path: str | os.PathLike[str]) -> Path:
    """Write ``text`` at ``path`` atomically: all of it, or the old file untouched.

    The text goes to a temporary file in the same folder, is flushed to disk,
    then replaces ``path`` in one step, so a crash mid-write leaves the
    previous version intact.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, target)
    return target


def load_run(path: str | os.PathLike[str]) -> RunRecord:
    """Read a ``run.json`` written by this library.

    Raises:
        FileNotFoundError: No such file.
        RunFormatError: The file is not JSON, not a run, from another format
            version, or invalid; the message says which.
    """
    return _load(path, RunRecord, RUN_FORMAT, "run")


def load_checkpoint(path: str | os.PathLike[str]) -> Checkpoint:
    """Read a ``checkpoint.json`` written by this library.

    Raises:
        FileNotFoundError: No such file.
        RunFormatError: The file is not JSON, not a checkpoint, from another
            format version, or invalid; the message says which.
    """
    return _load(path, Checkpoint, CHECKPOINT_FORMAT, "checkpoint")


def _load(path: str | os.PathLike[str], model: type[_Model], expected: str, what: str) -> _Model:
    source = Path(path)
    text = source.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except ValueError as error:
        raise RunFormatError(
            f"{source} is not JSON ({error}); expected a mesa-types {what}"
        ) from None
    found = data.get("format") if isinstance(data, dict) else None
    if found != expected:
        shown = f"its format is {found!r}" if found is not None else "it has no 'format' field"
        raise RunFormatError(f"{source} is not a mesa-types {what}: {shown}, expected {expected!r}")
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        raise RunFormatError(
            f"{source} is a {what} of format_version {version!r}; this library reads "
            f"format_version {FORMAT_VERSION} only"
        )
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()
        )
        raise RunFormatError(f"{source} is a damaged {what}: {problems}") from None
