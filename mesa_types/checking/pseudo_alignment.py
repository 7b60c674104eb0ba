"""Naming the kind of pseudo-alignment from the base and mesa-objectives' weights."""

from __future__ import annotations

import networkx as nx
import numpy as np

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
    """Name the kind of pseudo-alignment from the two objectives' weights.

    Features the mesa-objective weights and the base objective does not are
    proxies. With a causal graph over features, a proxy that causes a base
    feature is a side-effect proxy and one that a base feature causes is an
    instrumental proxy. Mesa weights over the base features alone, at cosine
    similarity at least :data:`APPROXIMATE_COSINE`, make it approximate.
    """
    pursued = mesa.support() - base.support()
    if not pursued:
        vocabulary = sorted(base.support() | mesa.support())
        b, m = base.vector(vocabulary), mesa.vector(vocabulary)
        norm = float(np.linalg.norm(b) * np.linalg.norm(m))
        if norm > 0 and float(b @ m) / norm >= APPROXIMATE_COSINE:
            return ("approximate",)
        return ("proxy",)
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


def proportional(mesa: LinearObjective, base: LinearObjective) -> bool:
    """Whether the mesa weights are a positive multiple of the base weights (same objective)."""
    vocabulary = sorted(set(mesa.features) | set(base.features))
    m, b = mesa.vector(vocabulary), base.vector(vocabulary)
    scale = float(b @ b)
    if scale == 0.0:
        return False
    ratio = float(m @ b) / scale
    return ratio > 0 and bool(np.allclose(m, ratio * b, atol=1e-12))
