"""Learned algorithms that are not optimizers, to set beside the search-tree agent.

A base optimizer can just as well produce a bundle of habits as a planner.
These policies map what they see to a move with no objective and no
search inside: :func:`mesa_types.is_optimizer` is false of both, and
:func:`mesa_types.goal` finds no mesa-objective in them. They may still have
a purpose (whatever selected them), and one of them can even copy a
mesa-optimizer's behaviour on the mazes it was recorded in, which is the
paper's point that behaviour alone does not reveal internal search.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from mesa_types import LearnedAlgorithm
from search.world.grid import Cell, GridState, GridWorld, Move

__all__ = ["FixedRulePolicy", "LookupTablePolicy", "MemorisedPath"]


@dataclass(frozen=True)
class FixedRulePolicy:
    """A fixed preference over moves: "go down if you can, else right, else stay".

    It takes the first move in ``order`` that leads onto a floor tile, and
    stays (which ends the episode) when none does. With the default order it
    only ever moves down or right, so every episode ends; an order that holds
    opposite moves can walk back and forth, and then the world's step limit
    ends the episode.

    Args:
        order: The moves to try, most preferred first. ``Move.STAY`` in the
            order means "stop here" once the moves before it are blocked.
        name: A name for reports.

    Raises:
        ValueError: A move appears twice in ``order``.

    Example:
        >>> from search.world.grid import GridWorld
        >>> world = GridWorld(rows=("#####", "#...#", "#####"), start=(1, 1))
        >>> FixedRulePolicy().act(world.initial())
        <Move.RIGHT: (0, 1)>
    """

    order: tuple[Move, ...] = (Move.DOWN, Move.RIGHT)
    name: str = "down-then-right rule"

    def __post_init__(self) -> None:
        repeated = sorted({m.name for m in self.order if self.order.count(m) > 1})
        if repeated:
            raise ValueError(f"order: each move may appear once, repeated {repeated}")

    def act(self, observation: GridState) -> Move:
        """The first move of ``order`` that is not into a wall; ``STAY`` if there is none."""
        world, here = observation.world, observation.position
        for move in self.order:
            if move is Move.STAY or world.is_floor(move.apply(here)):
                return move
        return Move.STAY


@dataclass(frozen=True, eq=False)
class LookupTablePolicy:
    """A table from the agent's tile to a move, with a default for tiles not in it.

    It neither scores nor searches anything: it looks its answer up. Built by
    :meth:`imitating`, it replays what some agent did, so on those mazes it
    behaves like that agent while holding no objective at all.

    Args:
        table: The move to make on each tile. Copied and frozen.
        default: The move on any other tile; ``STAY`` ends the episode there.
        name: A name for reports.

    Example:
        >>> from search.world.grid import GridWorld
        >>> world = GridWorld(rows=("#####", "#...#", "#####"), start=(1, 1))
        >>> LookupTablePolicy({(1, 1): Move.RIGHT}).act(world.initial())
        <Move.RIGHT: (0, 1)>
    """

    table: Mapping[Cell, Move] = field(default_factory=dict)
    default: Move = Move.STAY
    name: str = "lookup table"

    def __post_init__(self) -> None:
        object.__setattr__(self, "table", MappingProxyType(dict(self.table)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LookupTablePolicy):
            return NotImplemented
        return (self.table, self.default) == (other.table, other.default)

    def __hash__(self) -> int:
        return hash((frozenset(self.table.items()), self.default))

    def act(self, observation: GridState) -> Move:
        """The move listed for the agent's tile, or the default."""
        return self.table.get(observation.position, self.default)

    @classmethod
    def imitating(
        cls,
        agent: LearnedAlgorithm[GridState, Move],
        worlds: Iterable[GridWorld],
        default: Move = Move.STAY,
        name: str | None = None,
    ) -> LookupTablePolicy:
        """A table of the moves ``agent`` makes in one episode of each of ``worlds``.

        Mazes are recorded in order and the first move recorded for a tile
        wins. On a single maze the table therefore reproduces the agent's
        episode exactly; on several mazes whose layouts ask for different
        moves on the same tile, it follows the earliest maze there.

        Args:
            agent: Any learned algorithm on gridworlds, typically a mesa-optimizer.
            worlds: The mazes to record in.
            default: The move for tiles the agent never stood on.
            name: A name for reports; defaults to one naming the agent.
        """
        table: dict[Cell, Move] = {}
        for world in worlds:
            state = world.initial()
            while not world.is_terminal(state):
                move = agent.act(state)
                table.setdefault(state.position, move)
                state = world.step(state, move)
        label = name or f"lookup table copied from {getattr(agent, 'name', type(agent).__name__)}"
        return cls(table, default, label)


@dataclass(frozen=True)
class MemorisedPath:
    """A fixed sequence of moves, played blind: the ``t``-th move at time ``t``.

    It looks at nothing but the clock. Recorded from an optimizer's plan in a
    training maze it is that plan's behaviour without its search: where the
    layout changes it walks on regardless (into lava, or the long way round).
    After the last move it stays.

    Args:
        moves: The moves, in order.
        name: A name for reports.

    Example:
        >>> from search.world.grid import GridWorld
        >>> world = GridWorld(rows=("#####", "#...#", "#####"), start=(1, 1))
        >>> MemorisedPath((Move.RIGHT, Move.LEFT)).act(world.step(world.initial(), Move.RIGHT))
        <Move.LEFT: (0, -1)>
    """

    moves: tuple[Move, ...]
    name: str = "memorised path"

    def act(self, observation: GridState) -> Move:
        """The move for this time step, or ``STAY`` once the path is played."""
        t = observation.time
        return self.moves[t] if t < len(self.moves) else Move.STAY
