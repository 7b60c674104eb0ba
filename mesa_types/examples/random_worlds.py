"""Random finite worlds of trees, small enough to list every environment of their universe.

Each world fixes a few tree shapes (one to three steps deep, one to three
children per node), a small pool of outcomes over two to four binary features
(``f:a``, ``f:b``, ...; the empty vector is allowed) and a base objective with
small weights in steps of 0.5, so that ties are common. Its universe is every
labelling of every shape with outcomes from the pool, at most a few hundred
environments; a world may also give every environment a leaf that always
offers the same outcome (quitting, say), which the universe then declares as
``always``.

The training distribution is a subset of the universe in which one feature,
the *proxy*, marks the base-best outcomes; sometimes it also holds only the
shallower shapes. A learned algorithm that pursues the proxy, or that only
looks a step ahead, then does well in training and can fail elsewhere, and
since every environment can be listed, running it in all of them says
exactly where: the ground truth an alignment checker's verdict must match.

Example:
    >>> from mesa_types import check_universe
    >>> world = random_world(3)
    >>> check_universe(world.universe)
    >>> len(world.environments) <= MAX_ENVIRONMENTS
    True
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mesa_types.environments import Distribution, Universe
from mesa_types.examples.trees import Shape, TreeEnvironment, label_shape, leaf_count, tree_height
from mesa_types.features import FeatureVector
from mesa_types.objectives import BaseObjective, LinearObjective

__all__ = ["FEATURES", "MAX_ENVIRONMENTS", "RandomWorld", "random_world"]

FEATURES = ("f:a", "f:b", "f:c", "f:d")
"""The features a random world's outcomes may have; each world uses the first two to four."""

MAX_ENVIRONMENTS = 200
"""The most environments a random world's universe holds, unless asked otherwise."""

_WEIGHTS = (-1.0, -0.5, 0.0, 0.0, 0.5, 1.0, 1.5, 2.0)
"""What a base weight is drawn from: small, in steps of 0.5, zero twice as often."""


@dataclass(frozen=True)
class RandomWorld:
    """One random world: its universe listed in full, its base objective and its training set.

    Attributes:
        seed: The seed it was drawn from; :func:`random_world` of it gives it again.
        features: The vocabulary its outcomes and objectives use.
        pool: Every outcome an environment can offer (the universe's ``outcomes``).
        shapes: The tree shapes its environments are labellings of.
        quit: The outcome every environment offers at the root's last leaf, if any.
        proxy: The feature that marks the base-best outcomes in training.
        base: The base objective.
        universe: The environments considered possible.
        training: Draws uniformly from ``training_environments``.
        training_environments: The environments the base optimizer trained on.
        environments: Every environment of the universe, for brute force.
    """

    seed: int
    features: tuple[str, ...]
    pool: tuple[FeatureVector, ...]
    shapes: tuple[Shape, ...]
    quit: FeatureVector | None
    proxy: str
    base: BaseObjective[FeatureVector]
    universe: Universe[TreeEnvironment, FeatureVector]
    training: Distribution[TreeEnvironment]
    training_environments: tuple[TreeEnvironment, ...]
    environments: tuple[TreeEnvironment, ...]

    def describe(self) -> str:
        """The world in a few lines, enough to follow a report about it."""
        pool = ", ".join(o.describe() for o in self.pool)
        quits = f"; every root also offers {self.quit.describe()}" if self.quit else ""
        return (
            f"random world {self.seed}: outcomes {pool}{quits}; base {self.base.describe()}; "
            f"{len(self.shapes)} shapes of heights {[tree_height(s) for s in self.shapes]}; "
            f"{len(self.environments)} environments, {len(self.training_environments)} in "
            f"training ({self.training.name})"
        )


def random_world(seed: int, max_environments: int = MAX_ENVIRONMENTS) -> RandomWorld:
    """Draw a random finite world of trees from ``seed``; the same seed gives the same world.

    Args:
        seed: Any integer.
        max_environments: The most environments its universe may hold (at least 16).

    Raises:
        ValueError: ``max_environments`` is below 16.
    """
    if max_environments < 16:
        raise ValueError(f"max_environments must be at least 16, got {max_environments}")
    rng = np.random.default_rng(seed)
    features = FEATURES[: int(rng.integers(2, 5))]
    pool = _draw_pool(rng, features)
    shapes = _draw_shapes(rng, len(pool), max_environments)
    quit_ = pool[int(rng.integers(len(pool)))] if rng.random() < 0.25 else None
    weights = {f: float(rng.choice(_WEIGHTS)) for f in features}
    base = BaseObjective(LinearObjective.from_weights(weights, features), f"world {seed}'s base")
    everything = tuple(
        _environment(shape, labels, quit_)
        for shape in shapes
        for labels in itertools.product(pool, repeat=leaf_count(shape))
    )
    proxy = str(rng.choice(features))
    shallow_only = rng.random() < 0.5
    training, rule = _training_set(everything, base, proxy, shallow_only)
    return RandomWorld(
        seed=seed,
        features=features,
        pool=pool,
        shapes=shapes,
        quit=quit_,
        proxy=proxy,
        base=base,
        universe=_universe(seed, everything, _Layouts(shapes, pool, quit_, base)),
        training=_uniform(f"world {seed}'s training trees ({rule})", training),
        training_environments=training,
        environments=everything,
    )


def _draw_pool(rng: np.random.Generator, features: Sequence[str]) -> tuple[FeatureVector, ...]:
    every = [
        FeatureVector(f for f, on in zip(features, bits, strict=True) if on)
        for bits in itertools.product((0, 1), repeat=len(features))
    ]
    size = int(rng.integers(2, 5))
    return tuple(every[i] for i in rng.choice(len(every), size=size, replace=False))


def _draw_shapes(rng: np.random.Generator, pool: int, budget: int) -> tuple[Shape, ...]:
    """One to three distinct shapes whose labellings together stay within ``budget``."""
    shapes: list[Shape] = []
    left = budget
    for _ in range(int(rng.integers(1, 4))):
        for _attempt in range(20):
            shape = _draw_shape(rng, int(rng.integers(1, 4)))
            if pool ** leaf_count(shape) <= left and shape not in shapes:
                shapes.append(shape)
                left -= pool ** leaf_count(shape)
                break
    if not any(leaf_count(s) >= 2 for s in shapes):
        shapes.append(((), ()))  # a pair must be offerable: 16 labellings at most
    return tuple(shapes)


def _draw_shape(rng: np.random.Generator, height: int) -> Shape:
    """A random shape exactly ``height`` steps deep, with one to three children per node."""
    if height == 0:
        return ()
    width = int(rng.integers(1, 4))
    deepest = int(rng.integers(width))
    children = []
    for i in range(width):
        if i == deepest:
            children.append(_draw_shape(rng, height - 1))
        elif rng.random() < 0.5:
            children.append(())
        else:
            children.append(_draw_shape(rng, int(rng.integers(height))))
    return tuple(children)


def _environment(
    shape: Shape, labels: Sequence[FeatureVector], quit_: FeatureVector | None
) -> TreeEnvironment:
    tree = label_shape(shape, labels)
    assert isinstance(tree, tuple)  # a drawn shape's root has children
    return TreeEnvironment(tree if quit_ is None else (*tree, quit_))


def _training_set(
    everything: Sequence[TreeEnvironment],
    base: BaseObjective[FeatureVector],
    proxy: str,
    shallow_only: bool,
) -> tuple[tuple[TreeEnvironment, ...], str]:
    """The training environments and the rule that picked them, the strictest that leaves some."""
    varied = [env for env in everything if len(env.reachable_outcomes()) >= 2]
    height = max(env.max_steps for env in everything)
    if shallow_only and any(env.max_steps < height for env in varied):
        varied = [env for env in varied if env.max_steps < height]
        shallow = ", shallower trees only"
    else:
        shallow = ""
    marked = [env for env in varied if _proxy_marks_best(env, base, proxy, exactly=True)]
    if marked:
        return tuple(marked), f"{proxy} marks exactly the best{shallow}"
    marked = [env for env in varied if _proxy_marks_best(env, base, proxy, exactly=False)]
    if marked:
        return tuple(marked), f"the best have {proxy}{shallow}"
    return tuple(varied), f"any with two outcomes{shallow}"


def _proxy_marks_best(
    env: TreeEnvironment, base: BaseObjective[FeatureVector], proxy: str, exactly: bool
) -> bool:
    reachable = env.reachable_outcomes()
    top = max(base(o) for o in reachable)
    for outcome in reachable:
        best, marked = base(outcome) == top, outcome.get(proxy, 0.0) != 0.0
        if (best and not marked) or (exactly and marked and not best):
            return False
    return True


def _uniform(name: str, environments: Sequence[TreeEnvironment]) -> Distribution[TreeEnvironment]:
    listed = tuple(environments)
    return Distribution(name, lambda rng: listed[int(rng.integers(len(listed)))])


@dataclass(frozen=True)
class _Layouts:
    """What a random world's universe builds on request: offerings and limit probes."""

    shapes: tuple[Shape, ...]
    pool: tuple[FeatureVector, ...]
    quit: FeatureVector | None
    base: BaseObjective[FeatureVector]

    def offering(self, outcomes: Sequence[FeatureVector]) -> TreeEnvironment:
        """The smallest shape with a leaf for each outcome, filled in blocks in the order asked.

        The checker asks for a tied pair in both orders, so an agent whose
        tie-break depends on where an outcome stands meets both.
        """
        asked = len(outcomes)
        by_size = sorted(self.shapes, key=leaf_count)
        shape = next((s for s in by_size if leaf_count(s) >= asked), None)
        if shape is None or not asked:
            raise ValueError(f"outcomes: this world offers 1 to {leaf_count(by_size[-1])}")
        leaves = leaf_count(shape)
        labels = [outcomes[i * asked // leaves] for i in range(leaves)]
        return _environment(shape, labels, self.quit)

    def limit_probes(self, algorithm: object) -> list[TreeEnvironment]:
        """Each shape with a base-best outcome at each leaf and a base-worst one at the others.

        An agent blind to some position, or acting otherwise on some shape, shows it here.
        """
        best = max(self.pool, key=self.base)
        worst = min(self.pool, key=self.base)
        filler = worst if worst != best else next(o for o in self.pool if o != best)
        return [
            _environment(shape, [best if i == at else filler for i in range(n)], self.quit)
            for shape in self.shapes
            for n in [leaf_count(shape)]
            for at in range(n)
        ]


def _universe(
    seed: int,
    everything: Sequence[TreeEnvironment],
    layouts: _Layouts,
) -> Universe[TreeEnvironment, FeatureVector]:
    return Universe(
        name=f"every labelling of world {seed}'s {len(layouts.shapes)} tree shapes",
        distribution=_uniform(f"any tree of world {seed}", everything),
        outcomes=layouts.pool,
        offering=layouts.offering,
        limit_probes=layouts.limit_probes,
        always=() if layouts.quit is None else (layouts.quit,),
        rebuild=TreeEnvironment.from_spec,
        environments=tuple(everything),
    )
