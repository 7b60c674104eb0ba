"""Checking a universe before anything is proved on it: offerings, vocabulary, pure steps.

The exact check turns pairs of outcomes into environments with the universe's
``offering`` and reasons about the outcomes it can offer. That is sound only
if the universe keeps its side of the contract: an offering offers exactly
what was asked (plus the outcomes every environment offers), in every order
asked; every outcome an environment can bring about is in the vocabulary;
and the world model is pure, so that running an agent twice, or exploring
ahead as a planner does, cannot change the environment. :func:`check_universe`
checks all three and says what is wrong; users call it in their own tests, as
Gymnasium's ``check_env`` is called.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from itertools import permutations
from typing import Any, TypeVar

import numpy as np

from mesa_types.checking.judging import describe_outcome
from mesa_types.environments import Environment, Universe

__all__ = ["UniverseError", "check_universe"]

O = TypeVar("O")
A = TypeVar("A")
S = TypeVar("S")


class UniverseError(ValueError):
    """A universe breaks the contract the exact check relies on; the message says where."""


def check_universe(
    universe: Universe[Environment[Any, Any, S], S], *, samples: int = 8, seed: int = 0
) -> None:
    """Check that ``universe`` keeps the contract the exact check relies on.

    With a finite vocabulary and an offering: every pair of outcomes (and each
    single outcome) is offered in every order, and each environment must offer
    exactly those outcomes plus ``universe.always``. On ``samples`` environments
    drawn from the universe: every reachable outcome is in the vocabulary, and
    the world model is pure (the same initial observation twice; the same step
    from the same observation twice, along a random walk).

    Raises:
        UniverseError: The first breach found, naming the environment and what differed.
    """
    if universe.outcomes is not None and universe.offering is not None:
        _check_offerings(universe)
    rng = np.random.default_rng(seed)
    for env in universe.distribution.sample_many(samples, seed):
        _check_vocabulary(universe, env)
        _check_pure(env, rng)


@lru_cache(maxsize=64)
def checked_universe(universe: Universe[Any, Any]) -> bool:
    """:func:`check_universe` once per universe (they are frozen values); True when it passed."""
    check_universe(universe)
    return True


def _check_offerings(universe: Universe[Environment[Any, Any, S], S]) -> None:
    assert universe.outcomes is not None and universe.offering is not None
    outcomes, always = universe.outcomes, set(universe.always)
    requests: list[Sequence[S]] = [(o,) for o in outcomes]
    requests += [pair for pair in permutations(outcomes, 2)]
    for request in requests:
        asked = " and ".join(describe_outcome(o) for o in request)
        try:
            env = universe.offering(request)
        except Exception as error:  # a world's own bug: report it as the contract breach it is
            raise UniverseError(f"offering({asked}) failed: {error}") from error
        offered = set(env.reachable_outcomes())
        wanted = set(request) | always
        if offered != wanted:
            extra = ", ".join(describe_outcome(o) for o in offered - wanted) or "none"
            missing = ", ".join(describe_outcome(o) for o in wanted - offered) or "none"
            raise UniverseError(
                f"offering({asked}) built {env.name!r}, which offers other outcomes than "
                f"asked: extra {extra}; missing {missing}"
            )


def _check_vocabulary(
    universe: Universe[Environment[Any, Any, S], S], env: Environment[Any, Any, S]
) -> None:
    reachable = set(env.reachable_outcomes())
    for outcome in universe.always:
        if outcome not in reachable:
            raise UniverseError(
                f"environment {env.name!r} does not offer {describe_outcome(outcome)}, which "
                "the universe says every environment offers (always)"
            )
    if universe.outcomes is None:
        return
    known = set(universe.outcomes)
    for outcome in reachable:
        if outcome not in known:
            raise UniverseError(
                f"environment {env.name!r} offers {describe_outcome(outcome)}, which is not "
                "among the universe's outcomes: the vocabulary must be closed"
            )


def _check_pure(env: Environment[O, A, Any], rng: np.random.Generator) -> None:
    observation = env.initial()
    if env.initial() != observation:
        raise UniverseError(f"environment {env.name!r}: initial() gave two different answers")
    for _ in range(env.max_steps):
        if env.is_terminal(observation):
            return
        actions = list(env.actions(observation))
        if not actions:
            return
        action = actions[int(rng.integers(len(actions)))]
        after = env.step(observation, action)
        if env.step(observation, action) != after:
            raise UniverseError(
                f"environment {env.name!r}: step() from the same observation with the same "
                "action gave two different observations; the world model must be pure"
            )
        observation = after
