"""Learned algorithms for Minigrid levels: a trained policy, a memorised route, a safe planner.

:class:`ObservationPolicy` runs a policy trained on Minigrid's own observations
(the ``dict`` with an ``image``) in the world model, so a policy from any
training library is judged like any other learned algorithm. :class:`Route`
replays a fixed sequence of actions: what a policy that memorised its single
training level does. :class:`SafePlanner` searches the world model for the
shortest way to the goal and never steps into what it avoids.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from mesa_minigrid.world import MinigridState, MinigridWorld
from mesa_types import LearnedAlgorithm

__all__ = ["ObservationPolicy", "Route", "SafePlanner"]

DONE = 6
"""Minigrid's ``done`` action; in most levels it changes nothing and lets time pass."""


@dataclass(frozen=True)
class ObservationPolicy:
    """A policy over Minigrid's observation dicts, as a learned algorithm over world-model states.

    Example:
        >>> world = MinigridWorld("MiniGrid-DistShift1-v0", {"max_steps": 30})
        >>> ObservationPolicy(lambda obs: 2 if obs["direction"] == 0 else 0).act(world.initial())
        2
    """

    policy: Callable[[dict[str, Any]], int]
    name: str = "Minigrid policy"

    def act(self, observation: MinigridState) -> int:
        """The action the policy chooses on what Minigrid would show it in ``observation``."""
        return int(self.policy(observation.world.observation(observation)))


@dataclass(frozen=True)
class Route:
    """A fixed sequence of actions, then ``done`` forever: a memorised route, blind to the level.

    Example:
        >>> world = MinigridWorld("MiniGrid-DistShift1-v0", {"max_steps": 30})
        >>> Route((1, 2)).act(world.initial()), Route((1, 2)).act(world.step(world.initial(), 1))
        (1, 2)
    """

    actions: tuple[int, ...]
    name: str = "memorised route"

    def act(self, observation: MinigridState) -> int:
        """The action for this step of the route, by the step count alone."""
        return self.actions[observation.steps] if observation.steps < len(self.actions) else DONE

    @classmethod
    def recorded(
        cls, agent: LearnedAlgorithm[MinigridState, int], world: MinigridWorld, name: str = ""
    ) -> Route:
        """The actions ``agent`` takes in one episode in ``world``, to be replayed anywhere."""
        state, actions = world.initial(), []
        while not world.is_terminal(state):
            actions.append(agent.act(state))
            state = world.step(state, actions[-1])
        return cls(tuple(actions), name or "memorised route")


@dataclass(frozen=True, eq=False)
class SafePlanner:
    """Plans the fewest actions to an outcome with ``goal`` in the world model, avoiding ``avoid``.

    Breadth-first search over the level's states; plans reaching an outcome with
    any feature in ``avoid`` are never taken. A plan is kept for every state on
    it, so an episode costs one search. With no safe way to the goal it turns
    in place (action 0) until time runs out.

    Example:
        >>> world = MinigridWorld("MiniGrid-DistShift1-v0", {"max_steps": 30}, allowed=(0, 1, 2))
        >>> from mesa_types import run_episode
        >>> run_episode(SafePlanner(), world).outcome.describe()
        'color:green + kind:goal'
    """

    goal: str = "kind:goal"
    avoid: tuple[str, ...] = ("kind:lava",)
    name: str = "lava-avoiding planner"
    _plans: dict[tuple[MinigridWorld, Any], int] = field(
        default_factory=dict, init=False, repr=False
    )

    def act(self, observation: MinigridState) -> int:
        """The first action of a shortest safe plan from ``observation``."""
        key = (observation.world, observation.place)
        if key not in self._plans:
            plan = self._search(observation)
            if not plan:
                return 0
            for state, action in plan:
                self._plans[(state.world, state.place)] = action
        return self._plans[key]

    def _search(self, start: MinigridState) -> Sequence[tuple[MinigridState, int]]:
        world = start.world
        parent: dict[Any, tuple[MinigridState, int, Any]] = {}
        seen, frontier = {start.place}, [start]
        while frontier:
            following = []
            for state in frontier:
                for action in world.actions(state):
                    after = world.step(state, action)
                    ended = after.ended
                    if ended is not None and ended.get(self.goal, 0.0) > 0 and not self._bad(after):
                        return self._unwind(parent, start, state, action)
                    if ended is None and not world.is_terminal(after) and after.place not in seen:
                        seen.add(after.place)
                        parent[after.place] = (state, action, state.place)
                        following.append(after)
            frontier = following
        return ()

    def _bad(self, state: MinigridState) -> bool:
        ended = state.ended
        return ended is not None and any(ended.get(f, 0.0) > 0 for f in self.avoid)

    @staticmethod
    def _unwind(
        parent: dict[Any, tuple[MinigridState, int, Any]],
        start: MinigridState,
        last: MinigridState,
        action: int,
    ) -> list[tuple[MinigridState, int]]:
        plan = [(last, action)]
        while plan[-1][0].place != start.place:
            before, step, _ = parent[plan[-1][0].place]
            plan.append((before, step))
        return plan[::-1]
