"""The parts of a run record: its best genome, its top genomes, its timing, its adversary's state.

Implementation of :mod:`search.training.runs`, which holds the records themselves.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from mesa_types import TIE_BREAK, Genome
from search.training import validity as v
from search.training.adversarial import FINAL_BEST, Adversary
from search.world.grid import GridWorld

__all__ = ["AdversarialState", "BestGenome", "Frozen", "Timing", "TopGenome"]


class Frozen(BaseModel):
    """A frozen model that refuses fields it does not know."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class BestGenome(Frozen):
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
    generation: int = Field(ge=0)
    index: int = Field(ge=0)
    tie_break: str
    tied_in_final_population: int = Field(ge=1)

    @model_validator(mode="after")
    def _known_rule(self) -> BestGenome:
        if self.tie_break not in (TIE_BREAK, FINAL_BEST):
            raise ValueError("tie_break must be the rule of plain runs or of adversarial runs")
        return self


class TopGenome(Frozen):
    """A distinct genome with the final population's top fitness, and how many copies it has."""

    genome: Genome
    fitness: float
    copies: int = Field(ge=1)


class Timing(Frozen):
    """How the run was executed. Not part of its result: equal runs may differ here."""

    started: str
    wall_seconds: float
    engine: str
    resumed_from_generation: int | None = Field(default=None, ge=0)

    @model_validator(mode="after")
    def _sensible(self) -> Timing:
        v.check_instant("started", self.started)
        v.check_seconds("wall_seconds", self.wall_seconds)
        return self


class AdversarialState(Frozen):
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
