"""Drawing a verdict's evidence: the witness maze, the path taken and the path wanted."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mesa_types import Genome, Misaligned, PseudoAligned, Verdict, linear_weights
from search.agents.tree_search import TreeSearchAgent
from search.checks.agent_checker import witness_agent
from search.render.figures import save_figure
from search.render.pictures import draw_maze, episode_path
from search.scenarios.paper import Scenario
from search.world.grid import Cell, GridWorld

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["draw_verdict", "verdict_figure", "wanted_path"]


def draw_verdict(
    verdict: Verdict, agent: TreeSearchAgent, scenario: Scenario, out: Path
) -> Path | None:
    """Write :func:`verdict_figure`'s picture at ``out`` (PNG, SVG or PDF by its suffix).

    Returns:
        ``out``, or ``None`` when the verdict has no witness (robust, not an optimizer).
    """
    fig = verdict_figure(verdict, agent, scenario)
    return None if fig is None else save_figure(fig, out)


def verdict_figure(verdict: Verdict, agent: TreeSearchAgent, scenario: Scenario) -> Figure | None:
    """The witness maze with the agent's path and the path the base objective wanted.

    Returns:
        The figure, or ``None`` when the verdict has no witness (robust, not an optimizer).
    """
    if not isinstance(verdict, Misaligned | PseudoAligned):
        return None
    world = GridWorld.model_validate(verdict.witness.spec)
    acting = witness_agent(verdict, agent, scenario)
    return draw_maze(
        world,
        path=episode_path(acting, world),
        wanted_path=wanted_path(scenario, world),
        title=_title(verdict),
    )


def _title(verdict: Misaligned | PseudoAligned) -> str:
    label = verdict.kind.replace("_", "-")
    if isinstance(verdict, PseudoAligned):
        label += f" ({', '.join(k.replace('_', '-') for k in verdict.kinds)})"
    name = verdict.witness.environment
    return f"{label}: {name}" if len(name) <= 40 else f"{label}: its witness"


def wanted_path(scenario: Scenario, world: GridWorld) -> list[Cell] | None:
    """The path of an agent whose mesa-objective is the base objective and who sees everything."""
    weights = linear_weights(scenario.base)
    if weights is None:
        return None
    seer = TreeSearchAgent(Genome(objective=weights, depth=world.max_steps))
    return episode_path(seer, world)
