"""Runs that last: the record of a genetic run, its checkpoints, and reading them back safely.

A :class:`RunRecord` is what a run produced, saved as JSON: the settings that
determine it (scenario, seed, generations, genetic config), the fitness of
every generation, the best genome and how it was picked among ties, the
top-fitness genomes of the final population, and timing. A
:class:`Checkpoint` is the whole state of an unfinished run. Both carry a
format name and version; loading checks them before anything else, and never
unpickles, so a file cannot run code.

Both are validated as a whole (:mod:`search.training.validity`): bounded
sizes, finite numbers, generations numbered from 0, fitness within the base
objective's range. Their files carry a content digest, checked on loading,
and are written atomically (:mod:`search.training.files`), so a run killed
while writing loses nothing and an edited file is refused.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, Field, JsonValue, ValidationError, model_validator

from mesa_types import GenerationStats, GeneticConfig, GeneticState
from search.training import validity as v
from search.training.adversarial import FINAL_BEST, Adversary
from search.training.files import FileFormatError, check_digest, read_json_object
from search.training.files import save_json as save_json  # importable from here as before
from search.training.files import write_text as write_text
from search.training.record_parts import AdversarialState, BestGenome, Frozen, Timing, TopGenome
from search.world.grid import GridWorld

__all__ = [
    "CHECKPOINT_FORMAT",
    "FORMAT_VERSION",
    "RUN_FORMAT",
    "AdversarialRun",
    "Checkpoint",
    "RunFormatError",
    "RunRecord",
    "RunSettings",
    "load_checkpoint",
    "load_run",
    "read_file",
    "validation_problems",
]

RUN_FORMAT = "mesa-types/run"
CHECKPOINT_FORMAT = "mesa-types/checkpoint"
FORMAT_VERSION = 1
"""The version of both file formats this library writes and reads."""

_Model = TypeVar("_Model", bound=BaseModel)


class RunFormatError(ValueError):
    """A file is not JSON, not a run (or checkpoint, verdict...), edited, or of another version."""


class RunSettings(Frozen):
    """Everything that determines a run's result: the same settings give the same run, bit for bit.

    Attributes:
        scenario: Name of a registered scenario (``search.SCENARIOS``).
        seed: The one seed all randomness is derived from, in ``[0, 2**64 - 1]``.
        generations: How many generations to evaluate, in ``[1, 100000]``.
        training_environments: How many training mazes fitness averages over,
            in ``[1, 1000]``.
        config: The genetic algorithm's settings (population at most 10,000;
            depth at most the scenario's).
    """

    scenario: str = Field(min_length=1)
    seed: int = Field(ge=0, le=v.MAX_SEED)
    generations: int = Field(ge=1, le=v.MAX_GENERATIONS)
    training_environments: int = Field(ge=1, le=v.MAX_TRAINING_ENVIRONMENTS)
    config: GeneticConfig

    @model_validator(mode="after")
    def _bounded(self) -> RunSettings:
        v.check_config(self.config, self.scenario)
        return self


class RunRecord(Frozen):
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

    Raises:
        pydantic.ValidationError: A field is invalid or the fields disagree (a
            history that is not one entry per generation from 0, a best genome
            the run could not have found, a fitness outside the base
            objective's range...); the message names the field.
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
    top_genomes: tuple[TopGenome, ...] = Field(min_length=1)
    timing: Timing

    @model_validator(mode="after")
    def _consistent(self) -> RunRecord:
        s, best, c = self.settings, self.best, self.settings.config
        vocabulary = v.vocabulary_of(s.scenario)
        v.check_history(self.history, s.generations, v.fitness_range(s.scenario))
        if best.generation >= s.generations or best.index >= c.population:
            raise ValueError(
                f"best must be found in generation [0, {s.generations - 1}] at index "
                f"[0, {c.population - 1}], got {best.generation} and {best.index}"
            )
        v.check_genome("best.genome", best.genome, c, vocabulary)
        if best.fitness != self.history[best.generation].best:
            raise ValueError("best.fitness must be the best fitness of its generation")
        for i, top in enumerate(self.top_genomes):
            v.check_genome(f"top_genomes.{i}.genome", top.genome, c, vocabulary)
            if top.fitness != self.history[-1].best:
                raise ValueError(f"top_genomes.{i}.fitness must be the final best fitness")
        if not sum(t.copies for t in self.top_genomes) == best.tied_in_final_population:
            raise ValueError("best.tied_in_final_population must be the top genomes' copies")
        if best.tied_in_final_population > c.population:
            raise ValueError("best.tied_in_final_population must be at most the population")
        resumed = self.timing.resumed_from_generation
        if resumed is not None and resumed > s.generations:
            raise ValueError(f"timing.resumed_from_generation must be at most {s.generations}")
        return self

    def result(self) -> dict[str, Any]:
        """The record without ``timing``: what two equal runs share exactly."""
        return self.model_dump(mode="json", exclude={"timing"})

    def describe(self) -> str:
        """A few lines saying what the run was and what it found (``mesa-types show``)."""
        s, best, first, last = self.settings, self.best, self.history[0], self.history[-1]
        return "\n".join(
            [
                f"Run of {s.scenario}, seed {s.seed}: {s.config.population} genomes, "
                f"{s.generations} generations, {s.training_environments} training mazes "
                f"(mesa-types {self.library_version}).",
                f"Fitness: generation 0 best {first.best:.3f} mean {first.mean:.3f}; "
                f"generation {last.generation} best {last.best:.3f} mean {last.mean:.3f}.",
                f"Best genome: {best.genome.describe()}, fitness {best.fitness:g}, found in "
                f"generation {best.generation} (index {best.index}).",
                f"{best.tied_in_final_population} genomes of the final population "
                f"({len(self.top_genomes)} distinct) share its top fitness; the best was "
                f"picked by: {best.tie_break}.",
                f"Took {self.timing.wall_seconds:.2f} s ({self.timing.engine}).",
            ]
        )

    def _repr_markdown_(self) -> str:
        # A notebook shows a run as its description, a line a paragraph.
        return "\n\n".join(self.describe().splitlines())


class AdversarialRun(Frozen):
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

    @model_validator(mode="after")
    def _consistent(self) -> AdversarialRun:
        last = self.record.settings.generations - 1
        v.check_added(len(self.added), self.added_after, self.adversary is not None, last)
        if self.record.best.tie_break != FINAL_BEST:
            raise ValueError("record.best.tie_break must be the rule of adversarial runs")
        return self


class Checkpoint(Frozen):
    """The state of an unfinished run between two generations, saved as ``checkpoint.json``.

    ``adversarial`` is None for a plain run; for an adversarial one it holds
    the mazes added so far, so that the run resumes on the same training set.
    ``checkpoint_every`` is how often the run saves it, so that a resumed run
    keeps saving at that interval unless told otherwise.

    Raises:
        pydantic.ValidationError: A field is invalid or the fields disagree
            (see :mod:`search.training.validity`); the message names the field.
    """

    format: Literal["mesa-types/checkpoint"] = "mesa-types/checkpoint"
    format_version: Literal[1] = 1
    library_version: str
    settings: RunSettings
    state: GeneticState
    history: tuple[GenerationStats, ...]
    started: str
    wall_seconds: float
    checkpoint_every: int = Field(ge=1, le=v.MAX_GENERATIONS)
    adversarial: AdversarialState | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Checkpoint:
        s = self.settings
        if not 1 <= len(self.history) <= s.generations:
            raise ValueError(f"history must hold 1 to {s.generations} generations")
        v.check_history(self.history, len(self.history), v.fitness_range(s.scenario))
        v.check_state(self.state, s.config, s.scenario, self.history)
        v.check_instant("started", self.started)
        v.check_seconds("wall_seconds", self.wall_seconds)
        if self.adversarial is not None:
            a = self.adversarial
            v.check_added(len(a.added), a.added_after, a.adversary is not None, len(self.history))
        return self


def load_run(path: str | os.PathLike[str], *, require_digest: bool = True) -> RunRecord:
    """Read a ``run.json`` written by this library.

    Args:
        path: The file.
        require_digest: Refuse a file without a digest (see
            :func:`~search.training.files.read_sealed`).

    Raises:
        FileNotFoundError: No such file.
        RunFormatError: The file is not JSON, not a run, from another format
            version, edited or damaged, or invalid; the message says which.
    """
    return _load(path, RunRecord, RUN_FORMAT, "run", require_digest)


def load_checkpoint(path: str | os.PathLike[str], *, require_digest: bool = True) -> Checkpoint:
    """Read a ``checkpoint.json`` written by this library.

    Raises:
        FileNotFoundError: No such file.
        RunFormatError: The file is not JSON, not a checkpoint, from another
            format version, edited or damaged, or invalid; the message says which.
    """
    return _load(path, Checkpoint, CHECKPOINT_FORMAT, "checkpoint", require_digest)


def read_file(path: str | os.PathLike[str], what: str, require_digest: bool) -> dict[str, Any]:
    """A file's JSON object, its digest checked (see :func:`~search.training.files.read_sealed`).

    Raises:
        RunFormatError: Anything ``read_sealed`` refuses, with the same message.
    """
    try:
        return check_digest(read_json_object(path, what), path, require_digest=require_digest)
    except FileFormatError as error:
        raise RunFormatError(str(error)) from None


def validation_problems(error: ValidationError) -> str:
    """A pydantic error as one line: ``field: problem; field: problem``."""
    return "; ".join(
        (f"{'.'.join(str(p) for p in e['loc'])}: " if e["loc"] else "")
        + e["msg"].removeprefix("Value error, ")
        for e in error.errors()
    )


def _load(
    path: str | os.PathLike[str], model: type[_Model], expected: str, what: str, digest: bool
) -> _Model:
    source = Path(path)
    try:  # what the file is, first; then whether it was edited
        data = read_json_object(source, what)
    except FileFormatError as error:
        raise RunFormatError(str(error)) from None
    found = data.get("format")
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
        data = check_digest(data, source, require_digest=digest)
    except FileFormatError as error:
        raise RunFormatError(str(error)) from None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = validation_problems(error)
        raise RunFormatError(f"{source} is a damaged {what}: {problems}") from None
