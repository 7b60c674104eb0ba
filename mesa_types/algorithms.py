"""Learned algorithms, optimizers, and the search traces that tell them apart.

Being an optimizer is a fact about internal structure, not behaviour: a
system is an optimizer if it holds an objective explicitly and searches
candidates for ones that score high under it. A learned algorithm here makes
that structure observable: an optimizer exposes its objective, and each of its
decisions returns a :class:`SearchTrace` of the candidates it scored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar, runtime_checkable

from typing_extensions import TypeVar as DefaultTypeVar

from mesa_types.environments import Environment, Episode
from mesa_types.features import FeatureVector
from mesa_types.objectives import MesaObjective, Objective

__all__ = [
    "Decision",
    "LearnedAlgorithm",
    "MesaOptimizer",
    "Optimizer",
    "PointsAtBaseModel",
    "SearchTrace",
    "goal",
    "is_optimizer",
    "run_episode",
]

X = TypeVar("X")
X_co = TypeVar("X_co", covariant=True)
A = TypeVar("A")
A_co = TypeVar("A_co", covariant=True)
O = TypeVar("O")
O_contra = TypeVar("O_contra", contravariant=True)
S = TypeVar("S")
S_out = DefaultTypeVar("S_out", default=FeatureVector)


@dataclass(frozen=True, slots=True)
class SearchTrace(Generic[X]):
    """The record of one search: the candidates scored, their scores, the choice.

    Attributes:
        candidates: What was scored, in the order it was considered.
        scores: The score of each candidate under the searcher's objective.
        chosen: Index of the candidate acted on.
    """

    candidates: tuple[X, ...]
    scores: tuple[float, ...]
    chosen: int

    def __post_init__(self) -> None:
        if len(self.candidates) != len(self.scores):
            raise ValueError(
                f"scores has {len(self.scores)} entries for {len(self.candidates)} candidates"
            )
        if not self.candidates:
            raise ValueError("a search trace needs at least one candidate")
        if not 0 <= self.chosen < len(self.candidates):
            raise ValueError(f"chosen must index a candidate (0..{len(self.candidates) - 1})")

    @property
    def choice(self) -> X:
        """The candidate acted on."""
        return self.candidates[self.chosen]

    def is_faithful_to(self, objective: Objective[X], tolerance: float = 1e-9) -> bool:
        """Whether the scores are ``objective``'s and the choice is a best-scoring candidate."""
        recomputed = [objective(c) for c in self.candidates]
        # Not `abs(r - s) > tolerance`, which lets a NaN on either side pass as a match.
        if any(_differ(r, s, tolerance) for r, s in zip(recomputed, self.scores, strict=True)):
            return False
        return self.scores[self.chosen] >= max(self.scores) - tolerance


@dataclass(frozen=True, slots=True)
class Decision(Generic[A, X]):
    """An action together with the search that chose it."""

    action: A
    trace: SearchTrace[X]


@runtime_checkable
class LearnedAlgorithm(Protocol[O_contra, A_co]):
    """What a base optimizer outputs: a map from observations to actions.

    It may be a mesa-optimizer or a bundle of heuristics; nothing about this
    type says which.
    """

    def act(self, observation: O_contra, /) -> A_co:
        """The action taken on ``observation``."""
        ...


@runtime_checkable
class Optimizer(Protocol[X_co]):
    """A system that searches candidates ``X`` for ones scoring high under an explicit objective.

    The objective is exposed so its use can be checked against search traces
    (see :func:`is_optimizer`).
    """

    @property
    def objective(self) -> Objective[Any]:
        """The objective the search maximises."""
        ...


@runtime_checkable
class MesaOptimizer(Protocol[O_contra, A, S_out]):
    """A learned algorithm that is itself an optimizer; its objective is its mesa-objective.

    Type parameters are the observation, the action and the outcome its
    mesa-objective scores (a :class:`FeatureVector` unless stated).
    """

    @property
    def mesa_objective(self) -> MesaObjective[S_out]:
        """The criterion it uses to choose among its own plans."""
        ...

    @property
    def objective(self) -> Objective[S_out]:
        """Its mesa-objective, as an optimizer's objective."""
        ...

    def act(self, observation: O_contra, /) -> A:
        """The first action of its best plan."""
        ...

    def decide(self, observation: O_contra, /) -> Decision[A, S_out]:
        """The action with the search trace that chose it."""
        ...


@runtime_checkable
class PointsAtBaseModel(Protocol):
    """A mesa-optimizer whose mesa-objective is a pointer to its model of the base objective.

    The paper's corrigible alignment: the agent does not hold the base
    objective as its own goal; it holds "whatever my model of the base
    objective says", and pursues that model. Its mesa-objective is then the
    model itself, and it is robustly aligned exactly as far as the model is
    right. Implementing this protocol is a structural claim about the agent,
    which :func:`~mesa_types.check_alignment` reports as ``"corrigible"``.
    """

    @property
    def modelled_base_objective(self) -> Objective[Any]:
        """Its own model of the base objective, which its mesa-objective points at."""
        ...


@runtime_checkable
class _Decides(Protocol):
    @property
    def objective(self) -> Objective[Any]: ...

    def decide(self, observation: Any, /) -> Decision[Any, Any]: ...

    def act(self, observation: Any, /) -> Any: ...


def is_optimizer(system: object, observations: Iterable[object]) -> bool:
    """Whether ``system`` is an optimizer, judged by structure and by its search traces.

    True when the system exposes an explicit objective and a ``decide`` that
    returns search traces; every trace on ``observations`` scores its
    candidates with that objective and chooses a best-scoring one; what it
    does (``act``) is what that search chose; and at least one trace scored
    more than one candidate. A lookup table or a fixed rule has a purpose but
    no such structure, so it is not an optimizer. Whether a trace's candidates
    are really reachable needs the environment:
    :func:`~mesa_types.audit_premise` checks that.

    Args:
        system: The learned algorithm (or anything else) to inspect.
        observations: Inputs on which to ask it for decisions.
    """
    if not isinstance(system, _Decides):
        return False
    searched = False
    for observation in observations:
        decision = system.decide(observation)
        trace = decision.trace
        if not trace.is_faithful_to(system.objective) or system.act(observation) != decision.action:
            return False
        searched = searched or len(trace.candidates) > 1
    return searched


def goal(algorithm: object) -> MesaObjective[Any] | None:
    """What a learned algorithm optimizes for: its mesa-objective, or ``None`` if it has none."""
    if isinstance(algorithm, MesaOptimizer):
        # The protocol check only sees attribute names; the role must be the real one.
        found: object = algorithm.mesa_objective
        return found if isinstance(found, MesaObjective) else None
    return None


def run_episode(
    algorithm: LearnedAlgorithm[O, A], environment: Environment[O, A, S]
) -> Episode[O, S]:
    """Run ``algorithm`` in ``environment`` until a terminal observation or the step limit."""
    observation = environment.initial()
    seen = [observation]
    for _ in range(environment.max_steps):
        if environment.is_terminal(observation):
            break
        observation = environment.step(observation, algorithm.act(observation))
        seen.append(observation)
    return Episode(tuple(seen), environment.outcome(observation))


def _differ(a: float, b: float, tolerance: float) -> bool:
    return a != b and not abs(a - b) <= tolerance  # equal infinities match; NaN never does
