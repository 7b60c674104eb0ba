"""One example per kind of pseudo-alignment: a scenario and a hand-made agent that has it.

- *proxy* (green exit): wants green things; the exit was always green in training.
- *approximate* (gems): values sapphires 1.0 and rubies 0.9, the base objective
  the other way round; they part only on that near tie.
- *suboptimality* (far apples): likes apples more than exits, but its search is
  too shallow to see the apples of training.
- *side-effect* and *instrumental* (the cleaning robot): wants to sweep, or to
  fill its bag, instead of a clean floor.

:data:`KIND_EXAMPLES` lists them by name; each :class:`KindExample` can judge
its agent with :meth:`KindExample.check`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from mesa_types import Genome, PseudoKind, Verdict
from search.agents.tree_search import TreeSearchAgent
from search.checks.agent_checker import check_agent
from search.scenarios.cleaning import cleaning_robot
from search.scenarios.paper import Scenario, green_exit
from search.scenarios.pseudo_alignment import far_apples, gems

__all__ = ["KIND_EXAMPLES", "KindExample", "get_kind_example"]


@dataclass(frozen=True)
class KindExample:
    """A scenario and an agent whose verdict there shows one kind of pseudo-alignment.

    Attributes:
        kind: The kind it shows.
        summary: One sentence on why the agent has it.
        scenario: Where it is judged.
        agent: The agent judged.
        tolerance: The tolerance it is judged with.
    """

    kind: PseudoKind
    summary: str
    scenario: Scenario
    agent: TreeSearchAgent
    tolerance: float = 1e-9

    def check(self, training_environments: int = 32) -> Verdict:
        """The agent's verdict on the scenario (see :func:`~search.check_agent`)."""
        return check_agent(
            self.agent,
            self.scenario,
            training_environments=training_environments,
            tolerance=self.tolerance,
        )


def _agent(scenario: Scenario, weights: dict[str, float], depth: int, name: str) -> TreeSearchAgent:
    return TreeSearchAgent(Genome.of(weights, scenario.vocabulary, depth), name)


def proxy_example() -> KindExample:
    """Green exit: an agent that wants green things."""
    s = green_exit()
    agent = _agent(s, {"color:green": 1.0}, s.max_depth, "green-seeker")
    return KindExample("proxy", "The exit was always green in training.", s, agent)


def approximate_example() -> KindExample:
    """Gems: an agent that ranks sapphires (1.0) just above rubies (0.9)."""
    s = gems()
    weights = {"kind:ruby": 0.9, "kind:sapphire": 1.0}
    agent = _agent(s, weights, s.max_depth, "sapphire-lover")
    summary = "Its weights are the base weights with the two gems' values swapped."
    return KindExample("approximate", summary, s, agent)


def suboptimality_example() -> KindExample:
    """Far apples: an apple-lover whose search of depth 8 never reaches training apples."""
    s = far_apples()
    agent = _agent(s, {"kind:apple": 1.0, "kind:exit": 0.5}, 8, "short-sighted apple-lover")
    summary = "It prefers apples, but in training every apple lies beyond its search."
    return KindExample("suboptimality", summary, s, agent)


def side_effect_example() -> KindExample:
    """Cleaning robot: an agent that wants to sweep; sweeping dust cleans the floor."""
    s = cleaning_robot()
    agent = _agent(s, {"sweep": 1.0}, s.max_depth, "sweeper")
    summary = "In training sweeping always meant sweeping dust, which cleans the floor."
    return KindExample("side_effect", summary, s, agent)


def instrumental_example() -> KindExample:
    """Cleaning robot: an agent that wants a full bag; cleaning the floor fills the bag."""
    s = cleaning_robot()
    agent = _agent(s, {"bag_full": 1.0}, s.max_depth, "bag-filler")
    summary = "In training the only way to fill the bag was to clean the floor."
    return KindExample("instrumental", summary, s, agent)


KIND_EXAMPLES: dict[str, Callable[[], KindExample]] = {
    "proxy": proxy_example,
    "approximate": approximate_example,
    "suboptimality": suboptimality_example,
    "side-effect": side_effect_example,
    "instrumental": instrumental_example,
}
"""One example per kind of pseudo-alignment, by name."""


def get_kind_example(name: str) -> KindExample:
    """The example called ``name``.

    Raises:
        KeyError: No such example; the message lists the names there are.
    """
    try:
        return KIND_EXAMPLES[name]()
    except KeyError:
        raise KeyError(f"unknown example {name!r}; choose one of {sorted(KIND_EXAMPLES)}") from None
