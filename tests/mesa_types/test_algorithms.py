from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import pytest
from pydantic import JsonValue

from mesa_types import (
    Decision,
    FeatureVector,
    LearnedAlgorithm,
    LinearObjective,
    MesaObjective,
    MesaOptimizer,
    Optimizer,
    SearchTrace,
    goal,
    is_optimizer,
    run_episode,
)
from mesa_types.examples import (
    VOCABULARY,
    LookupTable,
    Shelf,
    ShelfPicker,
    ShelfState,
    item,
    picker,
)

SHELVES = [
    Shelf((item("key", "red"), item("cup", "yellow"), item("book", "blue"))),
    Shelf((item("cup", "red"), item("key", "yellow"))),
]
OBSERVATIONS = [shelf.initial() for shelf in SHELVES]
WANTS_KEY = MesaObjective(LinearObjective.from_weights({"kind:key": 1.0}, VOCABULARY), "key")


@dataclass(frozen=True)
class LyingPicker:
    """Acts like a key picker, but its traces report scores its objective never gave."""

    mesa_objective: MesaObjective[FeatureVector] = WANTS_KEY

    @property
    def objective(self) -> MesaObjective[FeatureVector]:
        return self.mesa_objective

    def decide(self, observation: ShelfState) -> Decision[int, FeatureVector]:
        honest = ShelfPicker(self.mesa_objective).decide(observation)
        made_up = tuple(10.0 if i == honest.action else 0.0 for i in range(len(observation.items)))
        return Decision(honest.action, dataclasses.replace(honest.trace, scores=made_up))

    def act(self, observation: ShelfState) -> int:
        return self.decide(observation).action


@dataclass(frozen=True)
class GlancingPicker:
    """Takes the nearest item and scores only that one: an objective, but no search."""

    mesa_objective: MesaObjective[FeatureVector] = WANTS_KEY

    @property
    def objective(self) -> MesaObjective[FeatureVector]:
        return self.mesa_objective

    def decide(self, observation: ShelfState) -> Decision[int, FeatureVector]:
        last = len(observation.items) - 1
        nearest = observation.items[last]
        return Decision(last, SearchTrace((nearest,), (self.mesa_objective(nearest),), 0))

    def act(self, observation: ShelfState) -> int:
        return self.decide(observation).action


@dataclass(frozen=True)
class ContrarianPicker:
    """Scores honestly, then takes the worst item."""

    mesa_objective: MesaObjective[FeatureVector] = WANTS_KEY

    @property
    def objective(self) -> MesaObjective[FeatureVector]:
        return self.mesa_objective

    def decide(self, observation: ShelfState) -> Decision[int, FeatureVector]:
        scores = tuple(self.mesa_objective(i) for i in observation.items)
        worst = min(range(len(scores)), key=lambda i: scores[i])
        return Decision(worst, SearchTrace(observation.items, scores, worst))

    def act(self, observation: ShelfState) -> int:
        return self.decide(observation).action


# --- SearchTrace --------------------------------------------------------------------


def test_trace_choice_is_the_chosen_candidate() -> None:
    trace = SearchTrace(("a", "b", "c"), (0.0, 2.0, 1.0), 1)
    assert trace.choice == "b"


def test_trace_rejects_a_score_count_that_does_not_match_the_candidates() -> None:
    with pytest.raises(ValueError, match="scores has 1 entries for 2 candidates"):
        SearchTrace(("a", "b"), (1.0,), 0)


@pytest.mark.parametrize("chosen", [-1, 2])
def test_trace_rejects_a_choice_outside_the_candidates(chosen: int) -> None:
    with pytest.raises(ValueError, match=r"chosen must index a candidate \(0\.\.1\)"):
        SearchTrace(("a", "b"), (1.0, 2.0), chosen)


def test_trace_rejects_an_empty_search() -> None:
    with pytest.raises(ValueError, match="at least one candidate"):
        SearchTrace((), (), 0)


def test_traces_are_frozen_values() -> None:
    trace = SearchTrace(("a", "b"), (1.0, 2.0), 1)
    assert trace == SearchTrace(("a", "b"), (1.0, 2.0), 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        trace.chosen = 0  # type: ignore[misc]


def test_trace_is_faithful_when_it_holds_the_objectives_scores_and_a_best_choice() -> None:
    length = len
    trace = SearchTrace(("ab", "abc", "a"), (2.0, 3.0, 1.0), 1)
    assert trace.is_faithful_to(length)


def test_trace_is_unfaithful_when_scores_are_not_the_objectives() -> None:
    trace = SearchTrace(("ab", "abc"), (2.0, 30.0), 1)
    assert not trace.is_faithful_to(len)
    assert trace.is_faithful_to(len, tolerance=28.0)


def test_trace_is_unfaithful_when_the_choice_is_not_a_best_one() -> None:
    assert not SearchTrace(("ab", "abc"), (2.0, 3.0), 0).is_faithful_to(len)


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_nan_score_never_passes_for_the_objectives_score(order: tuple[int, int]) -> None:
    candidates, scores = ("abc", "ab"), (3.0, math.nan)
    first, second = order
    trace = SearchTrace(
        (candidates[first], candidates[second]), (scores[first], scores[second]), first
    )
    assert not trace.is_faithful_to(len)


def test_equal_infinite_scores_are_faithful() -> None:
    def forbid_empty(candidate: str) -> float:
        return len(candidate) if candidate else -math.inf

    assert SearchTrace(("", "ab"), (-math.inf, 2.0), 1).is_faithful_to(forbid_empty)


def test_a_tie_for_best_is_a_faithful_choice() -> None:
    assert SearchTrace(("ab", "cd"), (2.0, 2.0), 0).is_faithful_to(len)


# --- is_optimizer, goal ---------------------------------------------------------------


def test_a_shelf_picker_is_an_optimizer() -> None:
    assert is_optimizer(picker({"kind:key": 1.0}), OBSERVATIONS)


def test_a_lookup_table_is_not_an_optimizer() -> None:
    table = LookupTable({SHELVES[0].items: 0, SHELVES[1].items: 1})
    assert not is_optimizer(table, OBSERVATIONS)
    # Yet it behaves exactly as the key picker does on these shelves.
    key_picker = picker({"kind:key": 1.0})
    assert [table.act(o) for o in OBSERVATIONS] == [key_picker.act(o) for o in OBSERVATIONS]


def test_a_system_whose_traces_lie_about_its_scores_is_not_an_optimizer() -> None:
    liar = LyingPicker()
    assert [liar.act(o) for o in OBSERVATIONS] == [
        ShelfPicker(WANTS_KEY).act(o) for o in OBSERVATIONS
    ]
    assert not is_optimizer(liar, OBSERVATIONS)


def test_a_system_that_only_ever_scores_one_candidate_is_not_an_optimizer() -> None:
    assert not is_optimizer(GlancingPicker(), OBSERVATIONS)


def test_a_system_that_does_not_take_its_best_candidate_is_not_an_optimizer() -> None:
    assert not is_optimizer(ContrarianPicker(), OBSERVATIONS)


def test_one_real_search_is_enough_to_count_as_an_optimizer() -> None:
    one_item = Shelf((item("key", "red"),)).initial()
    key_picker = picker({"kind:key": 1.0})
    assert not is_optimizer(key_picker, [one_item])
    assert is_optimizer(key_picker, [one_item, OBSERVATIONS[0]])


def test_no_observations_means_no_evidence_of_search() -> None:
    assert not is_optimizer(picker({"kind:key": 1.0}), [])


def test_arbitrary_objects_are_not_optimizers() -> None:
    assert not is_optimizer("bottle cap", OBSERVATIONS)


def test_protocols_are_checked_by_structure_at_run_time() -> None:
    key_picker = picker({"kind:key": 1.0})
    assert isinstance(key_picker, MesaOptimizer)
    assert isinstance(key_picker, Optimizer)
    assert isinstance(key_picker, LearnedAlgorithm)
    assert isinstance(LookupTable(), LearnedAlgorithm)
    assert not isinstance(LookupTable(), MesaOptimizer)
    assert not isinstance(LookupTable(), Optimizer)


def test_goal_of_a_mesa_optimizer_is_its_mesa_objective() -> None:
    key_picker = picker({"kind:key": 1.0})
    assert goal(key_picker) is key_picker.mesa_objective


def test_goal_of_a_lookup_table_is_none() -> None:
    assert goal(LookupTable()) is None
    assert goal("bottle cap") is None


# --- run_episode --------------------------------------------------------------------


def test_run_episode_records_observations_and_outcome() -> None:
    episode = run_episode(picker({"kind:key": 1.0}), SHELVES[0])
    assert episode.steps == 1
    assert episode.observations[0] == SHELVES[0].initial()
    assert episode.outcome == item("key", "red")


def test_run_episode_stops_at_the_step_limit() -> None:
    class Counter:
        """Counts up forever; only the step limit ends its episodes."""

        name = "counter"
        max_steps = 5

        def initial(self) -> int:
            return 0

        def actions(self, observation: int) -> list[int]:
            return [1]

        def step(self, observation: int, action: int) -> int:
            return observation + action

        def is_terminal(self, observation: int) -> bool:
            return False

        def outcome(self, observation: int) -> int:
            return observation

        def reachable_outcomes(self) -> list[int]:
            return [5]

        def spec(self) -> JsonValue:
            return {"max_steps": self.max_steps}

    class Plus:
        def act(self, observation: int) -> int:
            return 1

    episode = run_episode(Plus(), Counter())
    assert episode.steps == 5
    assert episode.outcome == 5
