"""The genetic base optimizer: evolves genomes (a linear mesa-objective and a depth) by fitness.

This is the base optimizer of the paper's evolution analogy. It never looks
inside the genomes it breeds; it only keeps those whose behaviour on the
training distribution scores well under the base objective. Whatever
mesa-objective the survivors carry is whatever happened to score well there.

The interface is ask/tell (:class:`~mesa_types.BaseOptimizer`): ``ask`` hands
out :class:`~mesa_types.Candidate` tokens, ``tell`` takes every one of them
back with its fitness and breeds the next generation by tournament selection,
uniform crossover of weights, Gaussian mutation of weights, bounded integer
mutation of depth and elitism. All randomness comes from one
``numpy.random.Generator``; its state is part of :class:`GeneticState`, so a
run can stop and resume without changing a bit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mesa_types.features import FeatureVector
from mesa_types.objectives import BaseObjective, LinearObjective
from mesa_types.optimizers.base import BaseOptimizer
from mesa_types.optimizers.generations import Candidate, fitness_in_ask_order
from mesa_types.optimizers.genetic_config import GeneticConfig, GeneticState, Incumbent
from mesa_types.optimizers.genome import Genome

__all__ = ["TIE_BREAK", "GeneticOptimizer"]

TIE_BREAK = (
    "highest training fitness; among genomes with equal fitness, the one found first "
    "(earliest generation, then lowest index in it): a later genome replaces the best "
    "only by scoring strictly higher"
)
"""How the best genome is chosen when several share the top fitness."""


@dataclass(frozen=True)
class _Population:
    """A population as arrays: ``(genomes, features)`` weights and ``(genomes,)`` depths."""

    weights: NDArray[np.float64]
    depths: NDArray[np.int64]


class GeneticOptimizer(BaseOptimizer[Genome, FeatureVector]):
    """A genetic algorithm over :class:`~mesa_types.Genome`: linear weights and a depth.

    Args:
        config: Population size, operators and rates.
        vocabulary: The features genomes weigh, in order.
        base: The base objective fitness is measured with (kept as the
            optimizer's purpose; fitness itself is computed by the caller).
        seed: Seeds the one generator all randomness comes from.

    Example:
        >>> from mesa_types.examples import VOCABULARY, take_the_key
        >>> ga = GeneticOptimizer(GeneticConfig(population=4), VOCABULARY, take_the_key())
        >>> tokens = ga.ask()
        >>> ga.tell([(t, float(t.model.depth)) for t in tokens])
        >>> ga.generation
        1
    """

    def __init__(
        self,
        config: GeneticConfig,
        vocabulary: Sequence[str],
        base: BaseObjective[FeatureVector],
        seed: int = 0,
    ) -> None:
        self.config = config
        self.vocabulary = tuple(vocabulary)
        # Checks the vocabulary once (named, each name once); genomes reuse it unchecked.
        LinearObjective(features=self.vocabulary, weights=(0.0,) * len(self.vocabulary))
        self._base = base
        self._rng = np.random.default_rng(seed)
        self.generation = 0
        self._population = self._initial_population()
        self._pending: tuple[Candidate[Genome], ...] | None = None
        self._incumbent: Incumbent | None = None
        self._evaluated: tuple[tuple[Genome, float], ...] = ()

    # --- ask / tell ----------------------------------------------------------------------

    @property
    def base_objective(self) -> BaseObjective[FeatureVector]:
        """The criterion the genomes are selected by."""
        return self._base

    def ask(self) -> Sequence[Candidate[Genome]]:
        """The current generation as tokens; asking again before ``tell`` gives the same tokens."""
        if self._pending is None:
            self._pending = tuple(
                Candidate(self.generation, i, genome)
                for i, genome in enumerate(self._genomes(self._population))
            )
        return self._pending

    def tell(self, evaluated: Sequence[tuple[Candidate[Genome], float]]) -> None:
        """Take back every token of the last ``ask`` with its fitness; breed the next generation.

        Raises:
            ValueError: ``ask`` was not called first; a token is from another
                generation, was not handed out, or comes twice; a token is
                missing; or a fitness is NaN or infinite.
        """
        fitness = self._check(evaluated)
        pending = self._pending
        assert pending is not None  # _check raised otherwise
        self._record(pending, fitness)
        self._population = self._breed(fitness)
        self.generation += 1
        self._pending = None

    def best(self) -> tuple[Genome, float]:
        """The best genome so far and its fitness, ties broken as :data:`TIE_BREAK` says.

        Raises:
            ValueError: No generation has been told yet.
        """
        if self._incumbent is None:
            raise ValueError("no genome has been evaluated yet: call ask() and tell() first")
        return self._incumbent.genome, self._incumbent.fitness

    @property
    def incumbent(self) -> Incumbent | None:
        """The best genome so far with where it was found, or None before the first ``tell``."""
        return self._incumbent

    @property
    def evaluated(self) -> tuple[tuple[Genome, float], ...]:
        """The last generation told, each genome with its fitness, in token order."""
        return self._evaluated

    # --- state for checkpoints -------------------------------------------------------------

    def state(self) -> GeneticState:
        """Everything needed to continue this run exactly, as JSON-ready data.

        Raises:
            ValueError: Tokens are out (``ask`` without ``tell``): save between generations.
        """
        if self._pending is not None:
            raise ValueError("cannot save state while a generation is out: tell() it first")
        return GeneticState(
            generation=self.generation,
            weights=tuple(tuple(row) for row in self._population.weights.tolist()),
            depths=tuple(self._population.depths.tolist()),
            rng=dict(self._rng.bit_generator.state),
            incumbent=self._incumbent,
            evaluated=tuple(g for g, _ in self._evaluated),
            evaluated_fitness=tuple(f for _, f in self._evaluated),
        )

    @classmethod
    def restore(
        cls,
        state: GeneticState,
        config: GeneticConfig,
        vocabulary: Sequence[str],
        base: BaseObjective[FeatureVector],
    ) -> GeneticOptimizer:
        """The optimizer exactly as it was when ``state`` was taken.

        Raises:
            ValueError: The state does not fit ``config`` or ``vocabulary``.
        """
        if len(state.depths) != config.population or any(
            len(row) != len(vocabulary) for row in state.weights
        ):
            raise ValueError(
                f"the saved population does not fit: {len(state.depths)} genomes of "
                f"{len(state.weights[0]) if state.weights else 0} weights, expected "
                f"{config.population} of {len(vocabulary)}"
            )
        optimizer = cls(config, vocabulary, base)
        optimizer._rng.bit_generator.state = dict(state.rng)
        optimizer.generation = state.generation
        optimizer._population = _Population(
            np.array(state.weights, dtype=np.float64).reshape(len(state.depths), len(vocabulary)),
            np.array(state.depths, dtype=np.int64),
        )
        optimizer._incumbent = state.incumbent
        optimizer._evaluated = tuple(zip(state.evaluated, state.evaluated_fitness, strict=True))
        return optimizer

    # --- internals ---------------------------------------------------------------------------

    def _initial_population(self) -> _Population:
        c, size = self.config, (self.config.population, len(self.vocabulary))
        # Uniform and centred on 0, so every sign pattern is as likely as another:
        # genomes that favour green and genomes that favour the exit both start out.
        weights = self._rng.uniform(-c.initial_weight_scale, c.initial_weight_scale, size)
        depths = self._rng.integers(c.min_depth, c.initial_depth + 1, c.population)
        return _Population(weights.astype(np.float64), depths.astype(np.int64))

    def _genomes(self, population: _Population) -> list[Genome]:
        # Validated once per generation as arrays, then built without re-validating
        # each genome: the vocabulary was checked once, in ``__init__``, and every
        # weight and depth is checked here, so each genome equals a validated one.
        if not np.all(np.isfinite(population.weights)):
            raise ValueError("the population's weights are no longer finite numbers")
        if population.depths.min(initial=0) < 0:
            raise ValueError("the population holds a negative depth")
        vocabulary = self.vocabulary
        return [
            Genome.model_construct(
                objective=LinearObjective.model_construct(features=vocabulary, weights=tuple(row)),
                depth=depth,
            )
            for row, depth in zip(
                population.weights.tolist(), population.depths.tolist(), strict=True
            )
        ]

    def _check(self, evaluated: Sequence[tuple[Candidate[Genome], float]]) -> NDArray[np.float64]:
        return np.array(fitness_in_ask_order(self._pending or (), evaluated), dtype=np.float64)

    def _record(self, pending: Sequence[Candidate[Genome]], fitness: NDArray[np.float64]) -> None:
        self._evaluated = tuple((c.model, float(f)) for c, f in zip(pending, fitness, strict=True))
        top = int(np.argmax(fitness))  # the first index among equals
        if self._incumbent is None or fitness[top] > self._incumbent.fitness:
            self._incumbent = Incumbent(
                genome=pending[top].model,
                fitness=float(fitness[top]),
                generation=self.generation,
                index=top,
            )

    def _breed(self, fitness: NDArray[np.float64]) -> _Population:
        c, pop, rng = self.config, self._population, self._rng
        n, features = c.population - c.elite, pop.weights.shape[1]
        # Elites: best fitness first, lower index first among equals.
        elite = np.lexsort((np.arange(c.population), -fitness))[: c.elite]
        mother = _tournament(fitness, n, c.tournament, rng)
        father = _tournament(fitness, n, c.tournament, rng)
        # Every draw happens whatever the rates are, so the stream of random
        # numbers depends only on the population size and the vocabulary.
        crossing = rng.random(n) < c.crossover_rate
        from_father = crossing[:, None] & (rng.random((n, features)) < 0.5)
        depth_from_father = crossing & (rng.random(n) < 0.5)
        weights = np.where(from_father, pop.weights[father], pop.weights[mother])
        depths = np.where(depth_from_father, pop.depths[father], pop.depths[mother])
        mutate = rng.random((n, features)) < c.mutation_rate
        noise = rng.normal(0.0, c.weight_sigma, (n, features))
        weights = np.where(mutate, weights + noise, weights)
        shift = rng.integers(-c.depth_step, c.depth_step + 1, n)
        depths = np.where(rng.random(n) < c.mutation_rate, depths + shift, depths)
        depths = np.clip(depths, c.min_depth, c.max_depth)
        return _Population(
            np.concatenate([pop.weights[elite], weights]).astype(np.float64),
            np.concatenate([pop.depths[elite], depths]).astype(np.int64),
        )


def _tournament(
    fitness: NDArray[np.float64], n: int, size: int, rng: np.random.Generator
) -> NDArray[np.intp]:
    """``n`` winners of tournaments of ``size`` contestants drawn with replacement.

    Among contestants with equal fitness the one drawn first wins.
    """
    contestants = rng.integers(0, len(fitness), (n, size))
    winners = np.argmax(fitness[contestants], axis=1)
    chosen: NDArray[np.intp] = contestants[np.arange(n), winners].astype(np.intp)
    return chosen
