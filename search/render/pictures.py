"""Pictures of gridworlds: mazes as text and as figures, with the paths taken and wanted.

``render_text`` needs nothing but Python, for terminals and logs. The picture
writers (PNG, SVG or PDF, chosen by the suffix of the path) use matplotlib
(the ``plot`` extra), imported inside each function so that ``import search``
stays fast and works without it. They draw on a bare
:class:`matplotlib.figure.Figure` with the Agg canvas, never through pyplot:
no global backend is switched and no figure stays open in a pyplot registry.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from mesa_types import LearnedAlgorithm, run_episode
from search.render.figures import figure, save_figure
from search.world.grid import FLOOR, WALL, Cell, GridState, GridWorld, Move, Thing

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D

__all__ = ["colour_of", "draw_maze", "episode_path", "kind_letters", "render_text", "save_maze_png"]

START, PATH = "S", "*"
WALL_COLOUR, FLOOR_COLOUR = "#2e3440", "#eceff4"
TAKEN_COLOUR, WANTED_COLOUR = "#7b2cbf", "#111111"
_NAMED_COLOURS = {
    "green": "#2ca02c",
    "red": "#d62728",
    "blue": "#1f77b4",
    "yellow": "#f2c80f",
    "grey": "#8c8c8c",
    "gray": "#8c8c8c",
    "orange": "#ff7f0e",
    "purple": "#9467bd",
    "brown": "#8c564b",
    "pink": "#e377c2",
}
_SPARE_COLOURS = ("#17becf", "#bcbd22", "#aec7e8", "#ffbb78", "#98df8a", "#c5b0d5")
_KIND_MARKERS = {"exit": "s", "apple": "o", "door": "D", "key": "^", "dust": "h", "coin": "p"}
_SPARE_MARKERS = ("v", "P", "X", "*", "<", ">", "8", "d")


def episode_path(agent: LearnedAlgorithm[GridState, Move], world: GridWorld) -> list[Cell]:
    """The tiles ``agent`` stands on during one episode in ``world``, the start first."""
    return [state.position for state in run_episode(agent, world).observations]


def kind_letters(things: Sequence[Thing]) -> dict[str, str]:
    """One letter per kind, in order of first appearance: its initial if free, else another."""
    letters: dict[str, str] = {}
    for kind in dict.fromkeys(t.kind for t in things):
        taken = {START, PATH, WALL, FLOOR, *letters.values()}
        own = [ch.upper() for ch in kind if ch.isalpha()] + [ch for ch in kind if ch.isalnum()]
        spare = "ABCDEFGHIJKLMNOPQRTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
        letters[kind] = next(ch for ch in [*own, *spare] if ch not in taken)
    return letters


def render_text(world: GridWorld, path: Sequence[Cell] | None = None) -> str:
    """The maze as text: ``#`` wall, ``.`` floor, ``S`` start, a letter per kind, ``*`` path.

    A legend line follows the grid. An object keeps its letter where the path
    reaches it, and the start keeps its ``S``.

    Raises:
        ValueError: A tile of ``path`` is off the grid or in a wall.

    Example:
        >>> exit_ = Thing(position=(1, 3), kind="exit", color="green")
        >>> world = GridWorld(rows=("#####", "#...#", "#####"), start=(1, 1), things=(exit_,))
        >>> print(render_text(world, [(1, 1), (1, 2), (1, 3)]))
        #####
        #S*E#
        #####
        S start, * path, E exit (green)
    """
    grid = [list(row) for row in world.rows]
    for r, c in path or ():
        if not world.is_floor((r, c)):
            raise ValueError(f"path tile {(r, c)} is off the grid or in a wall")
        grid[r][c] = PATH
    # Pickups (which pay on the way) are lettered like objects.
    shown = (*world.things, *world.pickup_at.values())
    letters = kind_letters(shown)
    for thing in shown:
        grid[thing.position[0]][thing.position[1]] = letters[thing.kind]
    grid[world.start[0]][world.start[1]] = START
    legend = [f"{START} start"] + ([f"{PATH} path"] if path else [])
    for kind, letter in letters.items():
        colours = dict.fromkeys(t.color for t in shown if t.kind == kind)
        legend.append(f"{letter} {kind} ({', '.join(colours)})")
    return "\n".join(["".join(row) for row in grid] + [", ".join(legend)])


def colour_of(name: str, spare: dict[str, str]) -> str:
    """A matplotlib colour for an object's colour name; unknown names get a spare, remembered."""
    from matplotlib.colors import is_color_like

    if name in _NAMED_COLOURS:
        return _NAMED_COLOURS[name]
    if is_color_like(name):
        return name
    return spare.setdefault(name, _SPARE_COLOURS[len(spare) % len(_SPARE_COLOURS)])


def save_maze_png(
    world: GridWorld,
    out: Path,
    path: Sequence[Cell] | None = None,
    wanted_path: Sequence[Cell] | None = None,
    title: str = "",
) -> Path:
    """Write :func:`draw_maze`'s picture at ``out`` (PNG, SVG or PDF by its suffix).

    Returns:
        ``out``; missing folders are created.
    """
    return save_figure(draw_maze(world, path, wanted_path, title), out)


def draw_maze(
    world: GridWorld,
    path: Sequence[Cell] | None = None,
    wanted_path: Sequence[Cell] | None = None,
    title: str = "",
) -> Figure:
    """The maze, its objects in their own colours and the paths, with a legend.

    A notebook shows the figure inline (after ``%matplotlib inline``).

    Args:
        world: The maze.
        path: The tiles the agent stood on, drawn as a solid purple line.
        wanted_path: The path the base objective wanted, drawn dashed on top.
        title: A title above the maze (defaults to the world's name).
    """
    from matplotlib.colors import ListedColormap
    from matplotlib.lines import Line2D

    inches = 0.34  # per tile
    fig = figure((max(3.6, world.width * inches), max(2.4, world.height * inches)))
    ax = fig.add_subplot()
    walls = [[float(ch == WALL) for ch in row] for row in world.rows]
    ax.imshow(walls, cmap=ListedColormap([FLOOR_COLOUR, WALL_COLOUR]), vmin=0.0, vmax=1.0)
    tile = inches * 72  # one tile in points, for line widths and marker sizes
    handles = [Line2D([], [], marker="$S$", color="k", linestyle="", label="start")]
    drawn: list[tuple[Sequence[Cell] | None, str, Literal["-", "--"], str, float]] = [
        (path, TAKEN_COLOUR, "-", "path taken", 0.28 * tile),
        (wanted_path, WANTED_COLOUR, "--", "path wanted", 0.1 * tile),
    ]
    for tiles, colour, style, label, width in drawn:
        if tiles:
            xs, ys = [c for _, c in tiles], [r for r, _ in tiles]
            ax.plot(xs, ys, color=colour, linestyle=style, linewidth=width, alpha=0.9, zorder=2)
            handles.append(Line2D([], [], color=colour, linestyle=style, label=label))
    handles += _draw_things(ax, world, tile)
    start_size = (0.55 * tile) ** 2
    ax.scatter([world.start[1]], [world.start[0]], marker="$S$", s=start_size, c="k", zorder=4)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title or world.name)
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.01),
        ncols=3,
        fontsize="small",
        frameon=False,
    )
    return fig


def _draw_things(ax: Axes, world: GridWorld, tile: float) -> list[Line2D]:
    """Scatter the objects, one marker per kind and one colour per colour; legend handles."""
    from matplotlib.lines import Line2D

    spare: dict[str, str] = {}
    markers = dict(_KIND_MARKERS)
    handles: list[Line2D] = []
    shown = (*world.things, *world.pickup_at.values())  # pickups are drawn like objects
    for kind, name in dict.fromkeys((t.kind, t.color) for t in shown):
        marker = markers.setdefault(kind, _SPARE_MARKERS[len(markers) % len(_SPARE_MARKERS)])
        colour = colour_of(name, spare)
        tiles = [t.position for t in shown if (t.kind, t.color) == (kind, name)]
        ax.scatter(
            [c for _, c in tiles],
            [r for r, _ in tiles],
            s=(0.62 * tile) ** 2,
            c=colour,
            marker=marker,
            edgecolors="k",
            linewidths=0.8,
            zorder=3,
        )
        handles.append(
            Line2D(
                [],
                [],
                linestyle="",
                marker=marker,
                color=colour,
                markeredgecolor="k",
                label=f"{name} {kind}",
            )
        )
    return handles
