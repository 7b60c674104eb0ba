"""Which objects each maze's start reaches, and in how many moves: many mazes at once.

The population path needs, per maze, the objects an agent can end on with
their distances (objects end the episode, so no route passes through one),
sorted by the agents' tie-break. A breadth-first search runs from every start
at once over one Python integer used as a bitset.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from search.world.grid import Cell, GridWorld, Thing

__all__ = ["reachable_things"]

_FLOOR = ord(".")
_CHUNK = 64


def reachable_things(worlds: Sequence[GridWorld]) -> list[list[tuple[int, Thing]]]:
    """Per maze, the objects reachable from the start with their distances, in tie-break order.

    The distances are those of ``world.distances_from(world.start)``; mazes
    are searched a chunk at a time so one long maze does not slow the others much.
    """
    found: list[list[tuple[int, Thing]]] = []
    for i in range(0, len(worlds), _CHUNK):
        found += _search_chunk(worlds[i : i + _CHUNK])
    for reachable in found:
        reachable.sort(key=lambda pair: (pair[0], pair[1].position))
    return found


def _search_chunk(worlds: Sequence[GridWorld]) -> list[list[tuple[int, Thing]]]:
    """Breadth-first search from every start at once, with one Python integer as a bitset.

    Each maze gets its own block of bits, one bit per tile in reading order,
    ringed by walls so that a shift never carries a step into another row or
    maze. One level of the search is then a handful of whole-integer
    operations, whatever the number of mazes; it stops once every object is found.
    """
    span = max(w.width for w in worlds) + 2
    block = (max(w.height for w in worlds) + 2) * span
    owner: dict[int, tuple[int, Thing]] = {}
    starts = objects = 0
    for m, world in enumerate(worlds):
        starts |= 1 << _bit(m * block, world.start, span)
        for thing in world.things:
            bit = _bit(m * block, thing.position, span)
            owner[bit] = (m, thing)
            objects |= 1 << bit
    floor = _floor_bits(worlds, span, block)
    passable, unvisited = floor & ~objects, floor & ~starts
    found: list[list[tuple[int, Thing]]] = [[] for _ in worlds]
    frontier, distance, missing = starts, 0, len(owner)
    while frontier and missing:
        distance += 1
        out = frontier & passable  # objects end the episode: reached, never walked through
        frontier = ((out << 1) | (out >> 1) | (out << span) | (out >> span)) & unvisited
        unvisited ^= frontier
        hits = frontier & objects
        while hits:
            lowest = hits & -hits
            m, thing = owner[lowest.bit_length() - 1]
            found[m].append((distance, thing))
            missing -= 1
            hits ^= lowest
    return found


def _bit(offset: int, cell: Cell, span: int) -> int:
    return offset + (cell[0] + 1) * span + cell[1] + 1


def _floor_bits(worlds: Sequence[GridWorld], span: int, block: int) -> int:
    """The floor tiles of all ``worlds`` as set bits, each maze padded with walls to ``block``."""
    ring, height = "#" * span, block // span
    text = "".join(
        "".join([ring, *(f"#{row}#".ljust(span, "#") for row in w.rows)])
        + ring * (height - 1 - w.height)
        for w in worlds
    )
    open_ = np.frombuffer(text.encode(), dtype=np.uint8) == _FLOOR
    return int.from_bytes(np.packbits(open_, bitorder="little").tobytes(), "little")
