"""Perfect mazes: the floor is a tree, the seed decides the maze, sizes are checked."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from search import Cell, dead_ends, perfect_maze
from search.world.mazes import MIN_MAZE_SIZE


def _floor_graph(rows: tuple[str, ...]) -> nx.Graph[Cell]:
    graph: nx.Graph[Cell] = nx.Graph()
    for r, row in enumerate(rows):
        for c, tile in enumerate(row):
            if tile != ".":
                continue
            graph.add_node((r, c))
            for nr, nc in ((r + 1, c), (r, c + 1)):
                if nr < len(rows) and nc < len(row) and rows[nr][nc] == ".":
                    graph.add_edge((r, c), (nr, nc))
    return graph


@pytest.mark.parametrize(
    ("height", "width"), [(5, 5), (6, 6), (5, 8), (7, 9), (10, 7), (15, 15), (21, 21), (12, 20)]
)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_the_floor_of_a_perfect_maze_is_a_tree(height: int, width: int, seed: int) -> None:
    rows = perfect_maze(height, width, np.random.default_rng(seed))
    assert len(rows) == height and {len(r) for r in rows} == {width}
    graph = _floor_graph(rows)
    assert nx.is_connected(graph)
    assert graph.number_of_edges() == graph.number_of_nodes() - 1


@pytest.mark.parametrize(("height", "width"), [(6, 6), (8, 5), (5, 10)])
def test_an_even_side_ends_in_solid_wall(height: int, width: int) -> None:
    rows = perfect_maze(height, width, np.random.default_rng(0))
    if height % 2 == 0:
        assert set(rows[-1]) == {"#"}
    if width % 2 == 0:
        assert {row[-1] for row in rows} == {"#"}


def test_the_same_seed_gives_the_same_maze_and_another_seed_another() -> None:
    def maze(seed: int) -> tuple[str, ...]:
        return perfect_maze(15, 15, np.random.default_rng(seed))

    assert maze(7) == maze(7)
    assert len({maze(seed) for seed in range(10)}) == 10


@pytest.mark.parametrize(("height", "width"), [(4, 9), (9, 4), (3, 3)])
def test_a_maze_smaller_than_the_minimum_is_rejected(height: int, width: int) -> None:
    with pytest.raises(ValueError, match=f"at least {MIN_MAZE_SIZE}, got {height}x{width}"):
        perfect_maze(height, width, np.random.default_rng(0))


def test_dead_ends_have_exactly_one_floor_neighbour() -> None:
    rows = perfect_maze(15, 15, np.random.default_rng(3))
    graph = _floor_graph(rows)
    ends = dead_ends(rows)
    assert ends == sorted(ends)
    assert set(ends) == {cell for cell in graph if graph.degree(cell) == 1}
