"""The relaxed plant-or-planner: a stochastic policy that gradient descent can train.

A genome of :func:`~search.agents.plants.plant_vocabulary` is greedy: its depth
is one number and every choice is an argmax. Its relaxation makes each choice a
softmax draw, with the same weights as logits (divided by a temperature):

- the *search budget* is drawn once per episode from ``softmax(depth_logits)``
  over a few budgets (0 is a plant); a decision costs the budget drawn;
- at each step a walker with a budget ``d >= 1`` looks ``d`` moves ahead, as the
  search tree does, and chooses among what it sees: the nearest object of each
  kind in view, scored by its mesa-objective, and "nothing here", scored 0;
- if it chose "nothing" (or is a plant), it moves by its reflexes: a softmax
  over the open sides of ``go + turn + see``, as :class:`~search.ReflexPlant` scores them.

With every softmax replaced by its argmax and the budget by the likeliest one
this is the learned algorithm of :func:`~search.learned_algorithm` again, and
that is how a trained genome is deployed. :func:`relaxed_walks` runs many
episodes of many parameter vectors at once and returns, beside each episode's
end, the gradient of the log-probability of everything it drew (the
score-function, or REINFORCE, estimator needs nothing else). Every random draw
comes from the uniforms the caller hands in, one row per episode, so a seed
fixes everything.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from search.batched.maze_pool import MazePool

__all__ = ["RelaxedWalks", "relaxed_walks"]

_CLOCKWISE_OF_STEP = np.array([0, 2, 3, 1])  # UP, DOWN, LEFT, RIGHT -> clockwise index
_TURN = (_CLOCKWISE_OF_STEP[None, :] - _CLOCKWISE_OF_STEP[:, None]) % 4  # (heading, move)


@dataclass(frozen=True)
class RelaxedWalks:
    """What each episode came to, and the score of what it drew.

    Attributes:
        kind: ``(episodes,)`` the kind of object it ended on (0 none).
        steps: ``(episodes,)`` moves made.
        budget: ``(episodes,)`` the index of the budget it drew.
        score: ``(episodes, parameters)`` the gradient of the log-probability of
            its draws with respect to the parameters (genome weights, then depth logits).
        log_prob: ``(episodes,)`` the log-probability of its draws.
    """

    kind: NDArray[np.int64]
    steps: NDArray[np.int64]
    budget: NDArray[np.int64]
    score: NDArray[np.float64]
    log_prob: NDArray[np.float64]


def _draw(p: NDArray[np.float64], u: NDArray[np.float64]) -> NDArray[np.int64]:
    """Row by row, the index drawn from probabilities ``p`` with a uniform ``u`` in [0, 1)."""
    cumulative = np.cumsum(p, axis=1)
    drawn: NDArray[np.int64] = np.argmax(
        cumulative > (u * cumulative[:, -1])[:, None], axis=1
    ).astype(np.int64)
    return drawn


def _softmax(logits: NDArray[np.float64]) -> NDArray[np.float64]:
    """Row-wise softmax; ``-inf`` logits get probability 0."""
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    p: NDArray[np.float64] = shifted / shifted.sum(axis=1, keepdims=True)
    return p


def relaxed_walks(
    pool: MazePool,
    maze: NDArray[np.int64],
    owner: NDArray[np.int64],
    params: NDArray[np.float64],
    budgets: tuple[int, ...],
    values: NDArray[np.float64],
    temperature: float,
    uniforms: NDArray[np.float64],
) -> RelaxedWalks:
    """One stochastic episode per entry of ``maze``, run by parameter row ``owner``.

    Args:
        pool: The compiled mazes.
        maze: ``(episodes,)`` maze of each episode.
        owner: ``(episodes,)`` row of ``params`` each episode follows.
        params: ``(runs, parameters)``: weights laid out as ``plant_vocabulary``
            lays them (features, go, turn, see), then one logit per budget.
        budgets: The search depths the budget is drawn from (0: a plant).
        values: ``(kinds, features)`` each kind of object's features.
        temperature: Divides every weight-based logit.
        uniforms: ``(episodes, 1 + 2 * longest step limit)`` numbers in [0, 1).

    Raises:
        ValueError: A budget is deeper than the pool's plans.
    """
    if max(budgets) > pool.depths:
        raise ValueError(f"budgets must be at most {pool.depths}, got {max(budgets)}")
    f = values.shape[1]
    episodes = len(maze)
    score = np.zeros((episodes, params.shape[1]), dtype=np.float64)
    logits = params[owner, 2 * f + 8 :]
    q = _softmax(logits)
    budget = _draw(q, uniforms[:, 0])
    score[:, 2 * f + 8 :] = np.eye(len(budgets))[budget] - q
    log_prob = np.log(q[np.arange(episodes), budget])
    depth = np.array(budgets, dtype=np.int64)[budget]
    kinds = np.zeros((3, f), dtype=np.float64)
    kinds[: len(values)] = values
    walk = _Episodes(pool, maze, owner, depth)
    for t in range(int(pool.max_steps.max())):
        if not len(walk.slot):
            break
        w = walk.slot
        mesa, reflex = params[owner[w], :f], params[owner[w], f : 2 * f + 8]
        move, plant, mesa_score, p_plan = _plan(
            pool, walk, mesa, kinds, temperature, uniforms[w, 1 + 2 * t]
        )
        score[w, :f] += mesa_score
        chosen, reflex_score, p_reflex = _reflex(
            pool, walk, reflex, kinds, temperature, uniforms[w, 2 + 2 * t]
        )
        move = np.where(plant, chosen, move)
        log_prob[w] += np.log(p_plan) + np.where(plant, np.log(p_reflex), 0.0)
        score[w, f : 2 * f + 8] += np.where(plant[:, None], reflex_score, 0.0)
        walk.advance(pool, move)
    walk.finish(pool)
    return RelaxedWalks(walk.final_kind, walk.final_steps, budget, score, log_prob)


def _plan(
    pool: MazePool,
    walk: _Episodes,
    mesa: NDArray[np.float64],
    kinds: NDArray[np.float64],
    temperature: float,
    u: NDArray[np.float64],
) -> tuple[NDArray[np.int64], NDArray[np.bool_], NDArray[np.float64], NDArray[np.float64]]:
    """The planner's draw: a move to the chosen object, or "use reflexes"; its score, its p."""
    n = len(walk.slot)
    rows = pool.mazes * pool.tiles
    planner = walk.depth >= 1
    level = np.maximum(walk.depth - 1, 0) * rows + walk.here
    toward = np.full((n, 3), -1, dtype=np.int64)
    for k in (1, 2):
        planned = pool.plans[((k - 1) * pool.depths) * rows + level].astype(np.int64)
        toward[:, k] = np.where(planner, planned, -1)
    logits = np.zeros((n, 3), dtype=np.float64)
    logits[:, 1:] = mesa @ kinds[1:].T / temperature
    logits = np.where(toward[:, 1:] >= 0, logits[:, 1:], -np.inf)
    logits = np.concatenate([np.zeros((n, 1)), logits], axis=1)
    p = _softmax(logits)
    chosen = _draw(p, u)
    # d log p(chosen) / d mesa = (x_chosen - sum_c p_c x_c) / temperature, x_nothing = 0
    score = (kinds[chosen] - p @ kinds) / temperature
    move = toward[np.arange(n), chosen]
    return move, chosen == 0, score, p[np.arange(n), chosen]


def _reflex(
    pool: MazePool,
    walk: _Episodes,
    reflex: NDArray[np.float64],
    kinds: NDArray[np.float64],
    temperature: float,
    u: NDArray[np.float64],
) -> tuple[NDArray[np.int64], NDArray[np.float64], NDArray[np.float64]]:
    """The plant's draw among the open sides, its score over (go, turn, see), its p."""
    n, f = len(walk.slot), kinds.shape[1]
    around = pool.neighbour[walk.here]
    is_open = around >= 0
    seen = kinds[np.where(is_open, pool.kind_at[np.maximum(around, 0)], 0)]  # (n, 4, f)
    heading = np.minimum(walk.heading, 3)
    turn = _TURN[heading]  # (n, 4)
    started = (walk.heading < 4)[:, None]
    go, turns, see = reflex[:, :4], reflex[:, 4:8], reflex[:, 8:]
    raw = go + np.where(started, np.take_along_axis(turns, turn, axis=1), 0.0)
    raw = raw + np.einsum("ndf,nf->nd", seen, see)
    p = _softmax(np.where(is_open, raw / temperature, -np.inf))
    chosen = _draw(p, u)
    e = (np.eye(4)[chosen] - p) / temperature
    score = np.zeros((n, 8 + f), dtype=np.float64)
    score[:, :4] = e
    turn_score = np.zeros((n, 4), dtype=np.float64)
    np.put_along_axis(turn_score, turn, e, axis=1)
    score[:, 4:8] = np.where(started, turn_score, 0.0)
    score[:, 8:] = np.einsum("nd,ndf->nf", e, seen)
    return chosen, score, p[np.arange(n), chosen]


class _Episodes:
    """The episodes still running, as parallel arrays; finished ones are recorded and dropped."""

    def __init__(
        self,
        pool: MazePool,
        maze: NDArray[np.int64],
        owner: NDArray[np.int64],
        depth: NDArray[np.int64],
    ) -> None:
        total = len(maze)
        self.slot = np.arange(total)
        self.here = maze * pool.tiles + pool.start[maze]
        self.heading = np.full(total, 4, dtype=np.int64)  # 4: no move yet
        self.depth = depth
        self.limit = pool.max_steps[maze]
        self.steps = 0
        self.final_kind = np.zeros(total, dtype=np.int64)
        self.final_steps = np.zeros(total, dtype=np.int64)

    def advance(self, pool: MazePool, move: NDArray[np.int64]) -> None:
        self.here = pool.neighbour[self.here, move]
        self.heading = move
        self.steps += 1
        ended = (pool.kind_at[self.here] > 0) | (self.limit <= self.steps)
        if ended.any():
            self._record(pool, ended)

    def finish(self, pool: MazePool) -> None:
        if len(self.slot):
            self._record(pool, np.ones(len(self.slot), dtype=bool))

    def _record(self, pool: MazePool, ended: NDArray[np.bool_]) -> None:
        self.final_kind[self.slot[ended]] = pool.kind_at[self.here[ended]]
        self.final_steps[self.slot[ended]] = self.steps
        keep = ~ended
        self.slot, self.here, self.heading = self.slot[keep], self.here[keep], self.heading[keep]
        self.depth, self.limit = self.depth[keep], self.limit[keep]
