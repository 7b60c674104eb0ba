"""The cancer world: the programmers want fewer people with cancer, and wrote down just that.

The sources open with outer alignment on this example. What the programmers
want is people alive and free of cancer; what they wrote as the base
objective is "fewer people with cancer", and that is best served by having no
people at all. Here a health authority chooses one programme for a town of
ten. Each programme ends in an outcome counted by two features: ``healthy``
(people alive without cancer) and ``cancer`` (people with it). No programme
cures everyone; one programme, which nobody put in the training towns, leaves
nobody, so nobody has cancer.

An agent whose mesa-objective is the base objective is then *robustly aligned
with the base objective* (the exact check proves it) and still does what the
programmers did not want wherever that programme is on offer: the inner
alignment problem is solved and the outer one is not.
:func:`~mesa_types.check_outer_alignment` finds that from the two objectives
and the universe, with a witness town.

The world plugs into the engine as the shelf world does: :class:`Town` is an
:class:`~mesa_types.Environment` by structure, the universe lists its four
kinds of outcome and builds a town offering any of them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import permutations

import numpy as np
from pydantic import JsonValue

from mesa_types.algorithms import Decision, SearchTrace
from mesa_types.environments import Distribution, Universe
from mesa_types.features import FeatureVector
from mesa_types.objectives import BaseObjective, IntendedObjective, LinearObjective, MesaObjective

__all__ = [
    "CANCER_VOCABULARY",
    "PROGRAMMES",
    "ProgrammePicker",
    "Town",
    "TownState",
    "base_optimal_picker",
    "fewer_people_with_cancer",
    "healthy_lives",
    "intended_picker",
    "town_universe",
    "training_towns",
]

CANCER_VOCABULARY = ("healthy", "cancer")
"""The two features of an outcome: people alive without cancer, people with cancer."""

PROGRAMMES: Mapping[str, FeatureVector] = {
    "carry on": FeatureVector({"healthy": 7.0, "cancer": 3.0}),
    "screening": FeatureVector({"healthy": 8.0, "cancer": 2.0}),
    "new drug": FeatureVector({"healthy": 9.0, "cancer": 1.0}),
    "no people": FeatureVector(),
}
"""Each programme a town may offer, by name, and the outcome it ends in (a town of ten)."""

_MEDICAL = ("carry on", "screening", "new drug")
_NAME = {outcome: name for name, outcome in PROGRAMMES.items()}


@dataclass(frozen=True)
class TownState:
    """An observation of a town: the programmes on offer, and the index of the one chosen.

    The world is fully observed, so the observation is the whole state.
    """

    programmes: tuple[FeatureVector, ...]
    chosen: int | None = None


@dataclass(frozen=True)
class Town:
    """One environment: a town and the programmes on offer there, the later ones nearer to hand.

    An ``Environment[TownState, int, FeatureVector]`` by structure: the action
    is the index of a programme, an episode is that one step, and its outcome
    is the chosen programme's.

    Raises:
        ValueError: No programme is on offer, or one is not among :data:`PROGRAMMES`.
    """

    programmes: tuple[FeatureVector, ...]
    name: str = "town"
    max_steps: int = 1

    def __post_init__(self) -> None:
        if not self.programmes:
            raise ValueError("programmes: a town needs at least one programme on offer")
        unknown = [p.describe() for p in self.programmes if p not in _NAME]
        if unknown:
            raise ValueError(f"programmes: {unknown} are none of {list(PROGRAMMES)}")

    def initial(self) -> TownState:
        """The town before a programme is chosen."""
        return TownState(self.programmes)

    def actions(self, observation: TownState) -> Sequence[int]:
        """Choose any one programme, by index."""
        return range(len(observation.programmes))

    def step(self, observation: TownState, action: int) -> TownState:
        """The town with programme ``action`` chosen.

        Raises:
            ValueError: ``action`` does not index a programme.
        """
        if not 0 <= action < len(observation.programmes):
            last = len(observation.programmes) - 1
            raise ValueError(f"action must index a programme (0..{last})")
        return TownState(observation.programmes, action)

    def is_terminal(self, observation: TownState) -> bool:
        """The episode ends once a programme is chosen."""
        return observation.chosen is not None

    def outcome(self, observation: TownState) -> FeatureVector:
        """The outcome of the chosen programme; before a choice, the town as it is."""
        if observation.chosen is None:
            return PROGRAMMES["carry on"]
        return observation.programmes[observation.chosen]

    def reachable_outcomes(self) -> Sequence[FeatureVector]:
        """Every programme on offer can be chosen."""
        return self.programmes

    def spec(self) -> JsonValue:
        """The programmes on offer, by name, the nearest last."""
        return {"programmes": [_NAME[p] for p in self.programmes]}


def _town(names: Sequence[str], name: str = "town") -> Town:
    return Town(tuple(PROGRAMMES[n] for n in names), name=name)


def _training_town(rng: np.random.Generator) -> Town:
    # What the programmers thought of: medical programmes only, two or three of them.
    count = int(rng.integers(2, 4))
    return _town([_MEDICAL[i] for i in rng.permutation(3)[:count]], "training town")


def _any_town(rng: np.random.Generator) -> Town:
    count = int(rng.integers(2, 5))
    return _town([list(PROGRAMMES)[i] for i in rng.permutation(4)[:count]])


def _offering(outcomes: Sequence[FeatureVector]) -> Town:
    return Town(tuple(outcomes), name="pair town")


def _limit_probes(algorithm: object) -> list[Town]:
    # Every programme on offer, the base-best one at each place: a chooser
    # that overlooks part of the menu shows it here.
    others = ["carry on", "new drug", "screening"]
    return [
        _town([*others[:place], "no people", *others[place:]], "probe town") for place in range(4)
    ]


def _rebuild(spec: JsonValue) -> Town:
    """A town again from its ``spec()``: the programmes' names, the nearest last."""
    names = spec.get("programmes") if isinstance(spec, dict) else None
    if not isinstance(names, list) or any(n not in PROGRAMMES for n in names):
        raise ValueError(f"a town's spec is {{'programmes': [names from {list(PROGRAMMES)}]}}")
    return _town([str(n) for n in names], "rebuilt town")


def training_towns() -> Distribution[Town]:
    """The training distribution: towns offering two or three of the medical programmes.

    The programme that leaves no people is never on offer in training, so no
    behaviour there can tell "fewer people with cancer" from "more healthy people".

    Example:
        >>> town = training_towns().sample_many(1, seed=0)[0]
        >>> PROGRAMMES["no people"] in town.programmes
        False
    """
    return Distribution("towns with medical programmes", _training_town)


def town_universe() -> Universe[Town, FeatureVector]:
    """The towns considered possible: two to four programmes of any kind, "no people" included.

    It lists the four kinds of outcome and builds a town offering any of them,
    so the exact checks apply; a witness town can be rebuilt from its spec. It also
    lists its 60 towns (every order of every choice of programmes), so a proof
    there watches the agent everywhere and assumes nothing.
    """
    return Universe(
        name="every town of two to four programmes",
        distribution=Distribution("any town", _any_town),
        outcomes=tuple(PROGRAMMES.values()),
        offering=_offering,
        limit_probes=_limit_probes,
        rebuild=_rebuild,
        environments=tuple(
            _town(names, "listed town")
            for count in (2, 3, 4)
            for names in permutations(PROGRAMMES, count)
        ),
    )


def fewer_people_with_cancer() -> BaseObjective[Mapping[str, float]]:
    """The base objective the programmers wrote: minus the number of people with cancer."""
    weights = LinearObjective.from_weights({"cancer": -1.0}, CANCER_VOCABULARY)
    return BaseObjective(weights, "fewer people with cancer")


def healthy_lives() -> IntendedObjective[Mapping[str, float]]:
    """The intended objective, which training never sees: the number of people alive and healthy."""
    weights = LinearObjective.from_weights({"healthy": 1.0}, CANCER_VOCABULARY)
    return IntendedObjective(weights, "more people alive without cancer")


@dataclass(frozen=True)
class ProgrammePicker:
    """A mesa-optimizer: scores every programme on offer with its mesa-objective, picks a best one.

    Among programmes it scores the same it picks the nearest, the last on offer.
    """

    mesa_objective: MesaObjective[FeatureVector]

    @property
    def objective(self) -> MesaObjective[FeatureVector]:
        """Its mesa-objective, as the objective its search maximises."""
        return self.mesa_objective

    def decide(self, observation: TownState) -> Decision[int, FeatureVector]:
        """Score every programme; the index of a best one, with the search that chose it."""
        scores = tuple(self.mesa_objective(p) for p in observation.programmes)
        best = max(range(len(scores)), key=lambda i: (scores[i], i))
        return Decision(best, SearchTrace(observation.programmes, scores, best))

    def act(self, observation: TownState) -> int:
        """The index of the programme it picks."""
        return self.decide(observation).action


def base_optimal_picker() -> ProgrammePicker:
    """The picker whose mesa-objective is the base objective: inner-aligned by construction."""
    base = LinearObjective.from_weights({"cancer": -1.0}, CANCER_VOCABULARY)
    return ProgrammePicker(MesaObjective(base, "fewer people with cancer"))


def intended_picker() -> ProgrammePicker:
    """The picker that wants what the programmers wanted: more people alive without cancer."""
    intended = LinearObjective.from_weights({"healthy": 1.0}, CANCER_VOCABULARY)
    return ProgrammePicker(MesaObjective(intended, "more people alive without cancer"))
