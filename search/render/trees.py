"""Drawing a search tree: :func:`save_tree_png`, and the tidy layout it uses."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from search.agents.tree_search import ROOT, SearchTree
from search.render.figures import figure, save_figure
from search.render.pictures import TAKEN_COLOUR

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.axes import Axes
    from matplotlib.collections import PathCollection
    from matplotlib.figure import Figure

__all__ = ["draw_tree", "save_tree_png", "tree_layout"]


def draw_tree(tree: SearchTree, max_nodes: int, title: str) -> Figure:
    """A figure of ``tree``: at most ``max_nodes`` nodes plus the plan, coloured by score."""
    plan = _plan_nodes(tree)
    kept = set(range(min(max_nodes, len(tree.nodes)))) | set(plan)
    graph = tree.to_networkx().subgraph(sorted(kept))
    pos = tree_layout(graph)
    width, depth = max(x for x, _ in pos.values()) + 1, -min(y for _, y in pos.values())
    fig = figure((min(18.0, max(6.0, 0.18 * width + 2)), min(14.0, max(3.5, 0.2 * depth + 2))))
    ax = fig.add_subplot()
    _draw_edges(ax, graph, pos, set(plan))
    dots = _draw_nodes(ax, tree, sorted(kept), pos)
    fig.colorbar(dots, ax=ax, shrink=0.5, label="score under its mesa-objective")
    _tree_axes(ax, int(depth), _tree_title(tree, len(kept), title))
    return fig


def _draw_edges(
    ax: Axes, graph: nx.DiGraph[int], pos: dict[int, tuple[float, float]], plan: set[int]
) -> None:
    from matplotlib.collections import LineCollection

    lines = [[pos[u], pos[v]] for u, v in graph.edges]
    ax.add_collection(LineCollection(lines, colors="#b8b8b8", linewidths=0.8, zorder=1))
    lines = [[pos[u], pos[v]] for u, v in graph.edges if v in plan]
    ax.add_collection(LineCollection(lines, colors=TAKEN_COLOUR, linewidths=2.6, zorder=3))


def _draw_nodes(
    ax: Axes, tree: SearchTree, order: list[int], pos: dict[int, tuple[float, float]]
) -> PathCollection:
    """Empty tiles as small dots under the plan line; objects as labelled discs over it."""
    from matplotlib.colors import Normalize

    bound = max(abs(tree.nodes[n].score) for n in order) or 1.0
    norm = Normalize(-bound, bound)
    empty = [n for n in order if not tree.nodes[n].outcome]
    full = [n for n in order if tree.nodes[n].outcome]
    dots = None
    for group, size, width, layer in ((empty, 16, 0.0, 2), (full, 70, 0.7, 4)):
        if group:
            xs, ys = [pos[n][0] for n in group], [pos[n][1] for n in group]
            scores = [tree.nodes[n].score for n in group]
            dots = ax.scatter(
                xs,
                ys,
                c=scores,
                s=size,
                cmap="coolwarm",
                norm=norm,
                edgecolors="k",
                linewidths=width,
                zorder=layer,
            )
    x, y = pos[tree.chosen]
    ax.scatter(
        [x], [y], s=300, facecolors="none", edgecolors=TAKEN_COLOUR, linewidths=2.2, zorder=5
    )
    for n in [ROOT, *full]:
        above = n == ROOT  # the plan leaves the root downwards: label it from above
        ax.annotate(
            _node_label(tree, n),
            pos[n],
            xytext=(0, 9 if above else -9),
            textcoords="offset points",
            ha="center",
            va="bottom" if above else "top",
            fontsize=7,
            zorder=6,
        )
    assert dots is not None  # the root is always drawn
    return dots


def _plan_nodes(tree: SearchTree) -> list[int]:
    chain: list[int] = []
    node: int | None = tree.chosen
    while node is not None:
        chain.append(node)
        node = tree.nodes[node].parent
    return chain


def _node_label(tree: SearchTree, index: int) -> str:
    node = tree.nodes[index]
    if not node.outcome:
        return "root"
    words = " ".join(name.split(":", 1)[-1] for name in node.outcome)
    return f"{words}\n{node.score:+.3g}"


def _tree_title(tree: SearchTree, drawn: int, title: str) -> str:
    chosen = tree.nodes[tree.chosen]
    what = "stay" if tree.chosen == ROOT else f"{chosen.position}, {chosen.depth} moves away"
    shown = f"{len(tree.nodes)} nodes" + (f", {drawn} drawn" if drawn < len(tree.nodes) else "")
    return f"{title or 'search tree'}\n{shown}; chosen (ringed): {what}"


def _tree_axes(ax: Axes, depth: int, title: str) -> None:
    ticks = list(range(0, depth + 1, max(1, depth // 8)))
    ax.set_yticks([-t for t in ticks], [str(t) for t in ticks])
    ax.set_ylabel("depth (moves from the root)")
    ax.set_xticks([])
    ax.margins(0.08, 0.08)
    for side in ("top", "right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.set_title(title, fontsize=10)


def save_tree_png(tree: SearchTree, out: Path, title: str = "", max_nodes: int = 400) -> Path:
    """Draw a decision's search tree: nodes coloured by score, the chosen plan highlighted.

    The drawing starts from :meth:`SearchTree.to_networkx` and lays the tree
    out with :func:`tree_layout` (no graphviz needed). Nodes holding an object
    are labelled with it; the chosen node is ringed and the plan to it drawn
    in purple. A tree with more than ``max_nodes`` nodes is cut to its first
    ``max_nodes`` in breadth-first order, plus the plan.

    Args:
        tree: The search tree of one decision.
        out: The PNG file to write; missing folders are created.
        title: A title above the tree.
        max_nodes: The most nodes drawn besides the plan (at least 1).

    Returns:
        ``out``.

    Raises:
        ValueError: ``max_nodes`` is below 1.
    """
    if max_nodes < 1:
        raise ValueError(f"max_nodes must be at least 1, got {max_nodes}")
    return save_figure(draw_tree(tree, max_nodes, title), out)


def tree_layout(graph: nx.DiGraph[int]) -> dict[int, tuple[float, float]]:
    """A tidy layout of a tree rooted at :data:`~search.ROOT`: ``(x, -depth)`` per node.

    Leaves sit at ``x = 0, 1, 2, ...`` in depth-first order, children taken by
    index (the order the search tried moves); each parent is centred over its
    first and last child. Nodes need a ``depth`` attribute.
    """
    x: dict[int, float] = {}
    leaves = 0
    stack = [(ROOT, False)]
    while stack:  # post-order without recursion: a tree can be deeper than the recursion limit
        node, children_placed = stack.pop()
        children = sorted(graph.successors(node))
        if not children:
            x[node], leaves = float(leaves), leaves + 1
        elif children_placed:
            x[node] = (x[children[0]] + x[children[-1]]) / 2
        else:
            stack.append((node, True))
            stack.extend((child, False) for child in reversed(children))
    return {n: (x[n], -float(graph.nodes[n]["depth"])) for n in x}
