"""Pictures: exact text for a tiny world, and PNG files that are written and valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from mesa_types import GenerationStats, Genome
from search import ROOT, GridWorld, Thing, TreeSearchAgent, green_exit
from search.render import (
    episode_path,
    fitness_band,
    picture_format,
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


SVG_HISTORY = [GenerationStats(generation=g, best=1.0, mean=0.3, std=0.5) for g in range(3)]


@pytest.mark.parametrize(
    ("suffix", "header"), [(".png", PNG_HEADER), (".svg", b"<?xml"), (".pdf", b"%PDF-")]
)
def test_a_picture_is_written_in_the_format_its_suffix_names(
    tmp_path: Path, suffix: str, header: bytes
) -> None:
    out = save_fitness_png(SVG_HISTORY, tmp_path / f"fitness{suffix}")
    assert out.read_bytes().startswith(header)
    if suffix == ".svg":
        assert b"<svg" in out.read_bytes()[:2000]


def test_the_same_figure_gives_the_same_svg_and_pdf_bytes(tmp_path: Path) -> None:
    for suffix in (".svg", ".pdf"):
        first = save_fitness_png(SVG_HISTORY, tmp_path / f"a{suffix}").read_bytes()
        second = save_fitness_png(SVG_HISTORY, tmp_path / f"b{suffix}").read_bytes()
        assert first == second


def test_a_picture_path_with_another_suffix_is_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    with pytest.raises(ValueError, match=r"must end in \.png, \.svg or \.pdf, got 'jpg'"):
        save_fitness_png(SVG_HISTORY, tmp_path / "new" / "fitness.jpg")
    assert not (tmp_path / "new").exists()
    assert picture_format(Path("x.PDF")) == "pdf"


def test_the_fitness_band_stays_inside_what_fitness_can_take() -> None:
    history = [
        GenerationStats(generation=0, best=0.4, mean=0.1, std=0.3),
        GenerationStats(generation=1, best=1.0, mean=0.9, std=0.3),
    ]
    low, high = fitness_band(history)
    assert [round(x, 9) for x in low] == [-0.2, 0.6] and high == [0.4, 1.0]
    low, high = fitness_band(history, bounds=(0.0, 1.0))
    assert [round(x, 9) for x in low] == [0.0, 0.6] and high == [0.4, 1.0]
    with pytest.raises(ValueError, match="low <= high"):
        fitness_band(history, bounds=(1.0, 0.0))
