"""Naming the kind of pseudo-alignment from the base and mesa-objectives' weights."""

from __future__ import annotations

import networkx as nx
import numpy as np
from numpy.typing import NDArray

from mesa_types.objectives import LinearObjective
from mesa_types.verdicts import PseudoKind

__all__ = ["APPROXIMATE_COSINE", "proportional", "pseudo_kinds", "pursued_features"]

APPROXIMATE_COSINE = 0.9
"""Mesa weights over the base features with cosine similarity at least this are "approximate"."""


def pursued_features(base: LinearObjective, mesa: LinearObjective) -> tuple[str, ...]:
    """Features the mesa-objective seeks (weighs above 0) and the base objective ignores, sorted.

    Features it only avoids (negative weights) are not "pursued", though
    :func:`pseudo_kinds` still counts them as a departure from the base objective.
    """
    return tuple(sorted(f for f in mesa.support() - base.support() if mesa.weight(f) > 0))


def pseudo_kinds(
    base: LinearObjective, mesa: LinearObjective, causal_graph: nx.DiGraph[str] | None = None
) -> tuple[PseudoKind, ...]:
    """Name the kind of pseudo-alignment from the two objectives' weights, by definition.

    *Proxy*: it pursues (weighs above 0) a feature the base objective does not
    weigh; with a causal graph over features, a pursued feature that causes a
    base feature makes it a side-effect proxy and one that a base feature
    causes an instrumental proxy. *Capability*: its weights are the base's
    (up to scale), so what failed was its search. *Approximate*: it pursues nothing outside
    the base objective and its weights point the same way as the base's, at
    cosine similarity at least :data:`APPROXIMATE_COSINE` (computed on weights
    scaled to at most 1, so no size of weight overflows). Neither:
    ``unclassified`` (it parts from the base objective only in how it weighs
    the base's own features, or in what it avoids, and not closely).
    """
    if proportional(mesa, base):  # the right objective: what failed is the search
        return ("capability",)
    pursued = pursued_features(base, mesa)
    if not pursued:
        return ("approximate",) if _cosine(base, mesa) >= APPROXIMATE_COSINE else ("unclassified",)
    kinds: list[PseudoKind] = ["proxy"]
    if causal_graph is not None:
        wanted = base.support() & set(causal_graph.nodes)
        causes = [
            p
            for p in pursued
            if p in causal_graph and any(nx.has_path(causal_graph, p, w) for w in wanted)
        ]
        caused = [
            p
            for p in pursued
            if p in causal_graph and any(nx.has_path(causal_graph, w, p) for w in wanted)
        ]
        if causes:
            kinds.append("side_effect")
        if caused:
            kinds.append("instrumental")
    return tuple(kinds)


def _cosine(base: LinearObjective, mesa: LinearObjective) -> float:
    vocabulary = sorted(base.support() | mesa.support())
    b, m = _unit_scale(base.vector(vocabulary)), _unit_scale(mesa.vector(vocabulary))
    norm = float(np.linalg.norm(b) * np.linalg.norm(m))
    return float(b @ m) / norm if norm > 0 else 0.0


def _unit_scale(weights: NDArray[np.float64]) -> NDArray[np.float64]:
    """Weights divided by the largest size among them, so squares cannot overflow."""
    largest = float(np.max(np.abs(weights))) if weights.size else 0.0
    return weights / largest if largest > 0 else weights


def proportional(mesa: LinearObjective, base: LinearObjective) -> bool:
    """Whether the mesa weights are a positive multiple of the base weights (same objective)."""
    vocabulary = sorted(set(mesa.features) | set(base.features))
    m, b = _unit_scale(mesa.vector(vocabulary)), _unit_scale(base.vector(vocabulary))
    scale = float(b @ b)
    if scale == 0.0:
        return False
    ratio = float(m @ b) / scale
    return ratio > 0 and bool(np.allclose(m, ratio * b, atol=1e-12))
