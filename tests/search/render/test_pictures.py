"""Pictures: exact text for a tiny world, and PNG files that are written and valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from mesa_types import GenerationStats, Genome
from search import ROOT, GridWorld, Thing, TreeSearchAgent, green_exit
from search.render import (
    episode_path,
    render_text,
    save_fitness_png,
    save_maze_png,
    save_tree_png,
    tree_layout,
)
from search.render.pictures import kind_letters

PNG_HEADER = b"\x89PNG\r\n\x1a\n"
SCENARIO = green_exit()
TINY = GridWorld(
    rows=("######", "#....#", "#.##.#", "#....#", "#.####", "######"),
    start=(1, 1),
    things=(
        Thing(position=(3, 4), kind="exit", color="green"),
        Thing(position=(1, 4), kind="apple", color="red"),
        Thing(position=(4, 1), kind="apple", color="green"),
    ),
)
SEEKER = TreeSearchAgent(Genome.of({"kind:exit": 1.0}, SCENARIO.vocabulary, depth=20))


def _is_png(path: Path) -> bool:
    return path.stat().st_size > 1000 and path.read_bytes()[:8] == PNG_HEADER


def test_text_shows_walls_floor_start_objects_and_a_legend() -> None:
    assert render_text(TINY) == "\n".join(
        [
            "######",
            "#S..A#",
            "#.##.#",
            "#...E#",
            "#A####",
            "######",
            "S start, E exit (green), A apple (red, green)",
        ]
    )


def test_text_marks_the_path_but_keeps_the_start_and_object_letters() -> None:
    path = episode_path(SEEKER, TINY)
    assert path == [(1, 1), (2, 1), (3, 1), (3, 2), (3, 3), (3, 4)]
    assert render_text(TINY, path).splitlines()[1:5] == ["#S..A#", "#*##.#", "#***E#", "#A####"]
    assert "* path" in render_text(TINY, path)


def test_text_refuses_a_path_through_a_wall() -> None:
    with pytest.raises(ValueError, match=r"path tile \(2, 2\) is off the grid or in a wall"):
        render_text(TINY, [(1, 1), (2, 2)])


def test_kinds_sharing_an_initial_get_different_letters() -> None:
    things = [
        Thing(position=(1, i), kind=kind, color="red")
        for i, kind in enumerate(["door", "dust", "door", "sock"], start=1)
    ]
    assert kind_letters(things) == {"door": "D", "dust": "U", "sock": "O"}


def test_a_maze_with_both_paths_is_written_as_a_png(tmp_path: Path) -> None:
    world = SCENARIO.deployment.sample_many(1, seed=0)[0]
    green = TreeSearchAgent(Genome.of({"color:green": 1.0}, SCENARIO.vocabulary, depth=64))
    out = save_maze_png(
        world,
        tmp_path / "nested" / "maze.png",
        path=episode_path(green, world),
        wanted_path=episode_path(SEEKER, world),
        title="green-seeker in deployment",
    )
    assert out == tmp_path / "nested" / "maze.png"
    assert _is_png(out)


def test_a_maze_of_user_defined_kinds_and_colours_is_drawn(tmp_path: Path) -> None:
    odd = TINY.with_things(
        [
            Thing(position=(3, 4), kind="exit", color="ochre"),
            Thing(position=(1, 4), kind="lamp", color="teal"),
        ]
    )
    assert _is_png(save_maze_png(odd, tmp_path / "odd.png"))


def test_a_search_tree_is_written_as_a_png_and_can_be_cut_to_size(tmp_path: Path) -> None:
    world = SCENARIO.training.sample_many(1, seed=0)[0]
    tree = SEEKER.search(world.initial())
    assert _is_png(save_tree_png(tree, tmp_path / "tree.png", title="first decision"))
    assert _is_png(save_tree_png(tree, tmp_path / "cut.png", max_nodes=10))
    with pytest.raises(ValueError, match="max_nodes must be at least 1, got 0"):
        save_tree_png(tree, tmp_path / "none.png", max_nodes=0)


def test_the_tree_layout_centres_parents_over_their_children() -> None:
    tree = SEEKER.search(TINY.initial())
    graph = tree.to_networkx()
    pos = tree_layout(graph)
    assert set(pos) == set(graph.nodes)
    for node, (x, y) in pos.items():
        assert y == -tree.nodes[node].depth
        children = sorted(graph.successors(node))
        if children:
            assert x == (pos[children[0]][0] + pos[children[-1]][0]) / 2
    leaves = [pos[n][0] for n in graph if graph.out_degree(n) == 0]
    assert sorted(leaves) == [float(i) for i in range(len(leaves))]
    assert pos[ROOT][1] == 0.0


def test_a_fitness_history_is_written_as_a_png(tmp_path: Path) -> None:
    history = [GenerationStats.of(g, [0.1 * g, 0.2, 0.05 * g]) for g in range(12)]
    assert _is_png(save_fitness_png(history, tmp_path / "fitness.png", title="green exit"))
    with pytest.raises(ValueError, match="at least one generation"):
        save_fitness_png([], tmp_path / "empty.png")


def test_saving_leaves_no_pyplot_figure_open(tmp_path: Path) -> None:
    import matplotlib.pyplot as plt

    save_maze_png(TINY, tmp_path / "tiny.png")
    save_tree_png(SEEKER.search(TINY.initial()), tmp_path / "tiny_tree.png")
    assert plt.get_fignums() == []
