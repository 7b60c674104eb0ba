"""Where an episode can end in a world with pickups, for the population path.

With pickups (objects that pay on the way, :class:`~search.ReturnGridWorld`)
the tree-search agent plans over (tile, collected) states, and what an episode
brings about depends on the pickups taken on the way as well as the tile it
ends on. Of all the states a genome can reach, only few can be its choice:

* a state on an object (the episode ends there, with the pickups collected);
* a state on a pickup already collected, the agent waiting there until the
  step limit: every state with the same pickups collected scores the same,
  and the one on the last pickup taken is reached first, so the agent's
  tie-break (shallowest first) picks it or one as early;
* the start with nothing collected, which the batch scores as staying.

:func:`pickup_routes` lists the first two kinds with the depth of their
shortest route, found by one breadth-first search over (tile, collected) per
maze, in the agent's tie-break order (of the waits with the same pickups,
only the first, which wins every tie among them). Each genome then picks among them as it
picks among objects elsewhere; a property test pins the choices to the agent's.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from search.world.grid import STEPS, Cell, GridWorld, Thing

__all__ = ["MAX_ROUTE_STATES", "Route", "pickup_routes"]

MAX_ROUTE_STATES = 1_000_000
"""The most (tile, collected) states the population path enumerates in one maze."""


@dataclass(frozen=True, slots=True)
class Route:
    """An end an episode can come to: a tile after collecting some pickups.

    Attributes:
        depth: Moves on the shortest route there.
        end: The object the episode ends on, or the pickup the agent waits on.
        collected: The pickups taken on the way, in reading order of their tiles.
    """

    depth: int
    end: Thing
    collected: tuple[Thing, ...]

    @property
    def waits(self) -> bool:
        """Whether the agent waits on a pickup (rather than ending on an object)."""
        return self.end in self.collected


def pickup_routes(world: GridWorld) -> list[Route]:
    """Every route end of ``world`` within its step limit, in the agent's tie-break order.

    The order is the depth, then the end tile, then the collected tiles as a
    sorted tuple: what :meth:`~search.SearchTree.choosing_best` compares
    after the score.

    Raises:
        ValueError: More than :data:`MAX_ROUTE_STATES` states are reachable.
    """
    pickups = world.pickup_at
    objects = world.thing_at
    start = (world.start, frozenset[Cell]())
    depth = {start: 0}
    queue = deque([start])
    found: list[Route] = []
    while queue:
        state = queue.popleft()
        (tile, collected), d = state, depth[state]
        if tile in objects or tile in pickups:  # entering a pickup collected it
            end = objects.get(tile) or pickups[tile]
            taken = tuple(pickups[c] for c in sorted(collected))
            found.append(Route(d, end, taken))
        if tile in objects or d >= world.max_steps:
            continue
        r, c = tile
        for move in STEPS:
            dr, dc = move.value
            nxt = (r + dr, c + dc)
            if not world.is_floor(nxt):
                continue  # a step into a wall stays: a state already seen
            after = collected | {nxt} if nxt in pickups else collected
            child = (nxt, after)
            if child not in depth:
                if len(depth) >= MAX_ROUTE_STATES:
                    raise ValueError(
                        f"{world.name}: more than {MAX_ROUTE_STATES} (tile, collected) states; "
                        "too many pickups for the population path"
                    )
                depth[child] = d + 1
                queue.append(child)
    found.sort(key=lambda r: (r.depth, r.end.position, tuple(p.position for p in r.collected)))
    # Waiting with the same pickups scores the same anywhere: only the first can be chosen.
    waited: set[tuple[Thing, ...]] = set()
    kept = []
    for route in found:
        if route.waits:
            if route.collected in waited:
                continue
            waited.add(route.collected)
        kept.append(route)
    return kept
