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

A caller that scores whole populations as arrays (the ``search`` package's
population fitness) uses the array path instead: ``ask_arrays`` hands out the
generation as :class:`~mesa_types.GenomeArrays` and ``tell_arrays`` takes back
one fitness per genome. Both paths breed the same generations from the same
fitness; genomes are built as objects only when someone asks for them
(tokens, ``evaluated``, ``incumbent``, ``state``).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from mesa_types.features import FeatureVector
from mesa_types.objectives import BaseObjective
from mesa_types.optimizers.base import BaseOptimizer
from mesa_types.optimizers.breeding import (
    GenomeArrays,
    breed,
    check_vocabulary,
    first_generation,
)
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
        >>> arrays = ga.ask_arrays()  # the same generation, as arrays
        >>> ga.tell_arrays(arrays, arrays.depths.astype(float))
        >>> ga.generation
        2
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
        # Fails here, not at the first ask, on a bad vocabulary (unnamed, or a name twice).
        check_vocabulary(self.vocabulary)
        self._base = base
        self._rng = np.random.default_rng(seed)
        self._population = first_generation(config, self.vocabulary, self._rng)
        self._pending: tuple[Candidate[Genome], ...] | None = None
        # The last generation told and the best genome so far, kept as arrays; the
        # Genome objects are built the first time someone asks for them.
        self._told: tuple[GenomeArrays, NDArray[np.float64]] | None = None
        self._evaluated: tuple[tuple[Genome, float], ...] | None = None
        self._best_at: tuple[GenomeArrays, int] | None = None
        self._best_fitness: float | None = None
        self._incumbent: Incumbent | None = None

    @property
    def generation(self) -> int:
        """The generation out or about to be asked for; the number of generations told."""
        return self._population.generation

    # --- ask / tell ----------------------------------------------------------------------

    @property
    def base_objective(self) -> BaseObjective[FeatureVector]:
        """The criterion the genomes are selected by."""
        return self._base

    def ask(self) -> Sequence[Candidate[Genome]]:
        """The current generation as tokens; asking again before ``tell`` gives the same tokens."""
        if self._pending is None:
            arrays = self.ask_arrays()
            self._pending = tuple(
                Candidate(arrays.generation, i, genome) for i, genome in enumerate(arrays.genomes())
            )
        return self._pending

    def tell(self, evaluated: Sequence[tuple[Candidate[Genome], float]]) -> None:
        """Take back every token of the last ``ask`` with its fitness; breed the next generation.

        Raises:
            ValueError: ``ask`` was not called first; a token is from another
                generation, was not handed out, or comes twice; a token is
                missing; or a fitness is NaN or infinite.
        """
        pending = self._pending or ()
        fitness = np.array(fitness_in_ask_order(pending, evaluated), dtype=np.float64)
        self._advance(fitness, tuple(c.model for c in pending))

    def ask_arrays(self) -> GenomeArrays:
        """The current generation as read-only arrays, for callers that score whole populations.

        The same genomes, in the same order, as the tokens of :meth:`ask`.

        Raises:
            ValueError: A weight is no longer finite or a depth is negative.
        """
        self._population.check()
        return self._population

    def tell_arrays(self, asked: GenomeArrays, fitness: ArrayLike) -> None:
        """Take back the generation of :meth:`ask_arrays` with one fitness per genome, in order.

        Breeds the next generation exactly as :meth:`tell` does with the same
        fitness. Tokens of this generation still out become stale.

        Raises:
            ValueError: ``asked`` is not the generation out (another generation,
                or another optimizer's); ``fitness`` does not hold one value per
                genome; or a fitness is NaN or infinite.
        """
        if asked is not self._population:
            raise ValueError(
                f"these arrays are generation {asked.generation} of some optimizer, but "
                f"generation {self.generation} of this one is out: tell what ask_arrays() gave"
            )
        values = np.array(fitness, dtype=np.float64)
        if values.shape != (len(asked),):
            raise ValueError(f"expected {len(asked)} fitness values, got shape {values.shape}")
        if not np.isfinite(values).all():
            first = int(np.flatnonzero(~np.isfinite(values))[0])
            raise ValueError(f"genome {first} has fitness {values[first]}; it must be finite")
        self._advance(values, None)

    def best(self) -> tuple[Genome, float]:
        """The best genome so far and its fitness, ties broken as :data:`TIE_BREAK` says.

        Raises:
            ValueError: No generation has been told yet.
        """
        incumbent = self.incumbent
        if incumbent is None:
            raise ValueError("no genome has been evaluated yet: call ask() and tell() first")
        return incumbent.genome, incumbent.fitness

    @property
    def incumbent(self) -> Incumbent | None:
        """The best genome so far with where it was found, or None before the first ``tell``."""
        if self._incumbent is None and self._best_at is not None:
            arrays, index = self._best_at
            assert self._best_fitness is not None  # set with _best_at
            self._incumbent = Incumbent(
                genome=arrays.genome(index),
                fitness=self._best_fitness,
                generation=arrays.generation,
                index=index,
            )
        return self._incumbent

    @property
    def evaluated(self) -> tuple[tuple[Genome, float], ...]:
        """The last generation told, each genome with its fitness, in token order."""
        if self._evaluated is None:
            if self._told is None:
                return ()
            arrays, fitness = self._told
            self._evaluated = tuple(zip(arrays.genomes(), fitness.tolist(), strict=True))
        return self._evaluated

    @property
    def evaluated_fitness(self) -> NDArray[np.float64]:
        """The fitness of :attr:`evaluated`, as a read-only array, without building genomes."""
        if self._told is not None:
            return self._told[1]
        told = np.array([f for _, f in self.evaluated], dtype=np.float64)
        told.setflags(write=False)
        return told

    def evaluated_genome(self, index: int) -> Genome:
        """Genome ``index`` of :attr:`evaluated`, built alone if the others are not needed."""
        if self._evaluated is None and self._told is not None:
            return self._told[0].genome(index)
        return self.evaluated[index][0]

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
            incumbent=self.incumbent,
            evaluated=tuple(g for g, _ in self.evaluated),
            evaluated_fitness=tuple(f for _, f in self.evaluated),
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
        optimizer._population = GenomeArrays(
            state.generation,
            optimizer.vocabulary,
            np.array(state.weights, dtype=np.float64).reshape(len(state.depths), len(vocabulary)),
            np.array(state.depths, dtype=np.int64),
        )
        optimizer._incumbent = state.incumbent
        optimizer._best_fitness = state.incumbent.fitness if state.incumbent else None
        optimizer._evaluated = tuple(zip(state.evaluated, state.evaluated_fitness, strict=True))
        return optimizer

    # --- internals ---------------------------------------------------------------------------

    def _advance(self, fitness: NDArray[np.float64], genomes: Sequence[Genome] | None) -> None:
        """Record the generation out with its (checked) fitness and breed the next one."""
        told = self._population
        fitness.setflags(write=False)
        self._told = (told, fitness)
        # The token path built the genomes already: keep them rather than build them again.
        self._evaluated = (
            None if genomes is None else tuple(zip(genomes, fitness.tolist(), strict=True))
        )
        top = int(np.argmax(fitness))  # the first index among equals
        value = float(fitness[top])
        if self._best_fitness is None or value > self._best_fitness:
            self._best_at, self._best_fitness, self._incumbent = (told, top), value, None
            if genomes is not None:
                self._incumbent = Incumbent(
                    genome=genomes[top], fitness=value, generation=told.generation, index=top
                )
        self._population = breed(told, fitness, self.config, self._rng)
        self._pending = None
