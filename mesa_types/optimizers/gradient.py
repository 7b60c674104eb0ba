"""Gradient descent as a base optimizer: a softmax relaxation of choosing among candidates.

Evolution selects learned algorithms by trying them; gradient descent, the
paper's usual base optimizer, changes one learned algorithm a little at a time
in the direction that improves the base objective. That needs the learned
algorithm to be differentiable, so it is relaxed: an algorithm that scores each
candidate (each outcome its search can reach, each action a heuristic offers)
with weights ``w`` over the candidate's features and takes the best becomes, in
training, one that takes candidate ``c`` with probability
``softmax(X w / temperature)[c]``. Its expected base-objective value in one
environment is ``E = p . v`` (``v`` the base objective's value of each
candidate), and the gradient has a closed form of two lines:
``dE/dw = X^T (p * (v - E)) / temperature``. Training ascends the mean of
``E`` over the training environments; deployment is greedy (the argmax), which
is the unrelaxed algorithm again. World-agnostic: a world supplies each
environment's candidates as a feature matrix and a value vector.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "Adam",
    "ChoiceSet",
    "GradientConfig",
    "GradientRun",
    "expected_value",
    "softmax_descent",
]


class GradientConfig(BaseModel):
    """How gradient descent trains: step size, number of steps, initial weights, temperature.

    Raises:
        pydantic.ValidationError: A value is out of its range; the message names the field.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    learning_rate: float = Field(default=0.5, gt=0.0, le=100.0, allow_inf_nan=False)
    steps: int = Field(default=200, ge=1, le=1_000_000)
    initial_scale: float = Field(default=1.0, gt=0.0, le=100.0, allow_inf_nan=False)
    temperature: float = Field(default=0.25, gt=0.0, le=100.0, allow_inf_nan=False)


@dataclass(frozen=True)
class ChoiceSet:
    """The candidates of one environment: ``(candidates, features)`` features and their values."""

    features: NDArray[np.float64]
    values: NDArray[np.float64]

    def __post_init__(self) -> None:
        if self.features.ndim != 2 or self.values.shape != (len(self.features),):
            raise ValueError("features must be (candidates, features) and values (candidates,)")
        if len(self.values) < 1:
            raise ValueError("a choice set needs at least one candidate")


@dataclass(frozen=True)
class GradientRun:
    """What training produced: the final weights and the mean expected value before each step."""

    weights: tuple[float, ...]
    history: tuple[float, ...]


def expected_value(
    weights: NDArray[np.float64], sets: Sequence[ChoiceSet], temperature: float
) -> tuple[float, NDArray[np.float64]]:
    """The mean expected base value of the relaxed algorithm over ``sets``, and its gradient."""
    total, gradient = 0.0, np.zeros_like(weights)
    for choice in sets:
        logits = choice.features @ weights / temperature
        p = np.exp(logits - logits.max())
        p /= p.sum()
        value = float(p @ choice.values)
        total += value
        gradient += choice.features.T @ (p * (choice.values - value)) / temperature
    return total / len(sets), gradient / len(sets)


def softmax_descent(
    sets: Sequence[ChoiceSet], features: int, config: GradientConfig, seed: int
) -> GradientRun:
    """Train weights over ``features`` by gradient ascent on the mean expected value.

    The initial weights are uniform in ``[-initial_scale, initial_scale]`` from
    ``numpy.random.default_rng(seed)``: the only randomness, so a seed fixes the run.

    Raises:
        ValueError: ``sets`` is empty or a set has another number of features.

    Example:
        >>> one = ChoiceSet(np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([1.0, 0.0]))
        >>> run = softmax_descent([one], 2, GradientConfig(steps=50), seed=0)
        >>> run.weights[0] > run.weights[1]
        True
    """
    if not sets:
        raise ValueError("sets: gradient descent needs at least one training environment")
    if any(s.features.shape[1] != features for s in sets):
        raise ValueError(f"every choice set must have {features} features")
    rng = np.random.default_rng(seed)
    weights = rng.uniform(-config.initial_scale, config.initial_scale, features)
    history: list[float] = []
    for _ in range(config.steps):
        value, gradient = expected_value(weights, sets, config.temperature)
        history.append(value)
        weights = weights + config.learning_rate * gradient
    if not all(math.isfinite(w) for w in weights):
        raise ValueError("the weights diverged: lower learning_rate or raise temperature")
    return GradientRun(tuple(float(w) for w in weights), tuple(history))


class Adam:
    """Gradient *ascent* with Adam's step (Kingma and Ba, 2015): a per-weight step size.

    Each weight moves by about ``learning_rate`` per step whatever the scale of
    its gradient, which matters when a base objective's terms differ by orders
    of magnitude (a thinking charge of 0.01 per unit of depth next to a reward
    of 1). Works on arrays of any shape, elementwise, so many runs can be
    trained side by side; nothing in it is random.

    Args:
        weights: The starting weights (copied).
        learning_rate: The step size.
        beta1: Decay of the running mean of gradients.
        beta2: Decay of the running mean of squared gradients.

    Example:
        >>> adam = Adam(np.zeros(2), learning_rate=0.1)
        >>> adam.step(np.array([1.0, -4.0])).round(3).tolist()
        [0.1, -0.1]
    """

    def __init__(
        self,
        weights: NDArray[np.float64],
        learning_rate: float,
        beta1: float = 0.9,
        beta2: float = 0.999,
    ) -> None:
        if not (math.isfinite(learning_rate) and learning_rate > 0.0):
            raise ValueError(f"learning_rate must be a finite number > 0, got {learning_rate}")
        self.weights = np.array(weights, dtype=np.float64)
        self.learning_rate, self.beta1, self.beta2 = learning_rate, beta1, beta2
        self._mean = np.zeros_like(self.weights)
        self._square = np.zeros_like(self.weights)
        self.steps = 0

    def step(self, gradient: NDArray[np.float64]) -> NDArray[np.float64]:
        """Move the weights up ``gradient``; returns the new weights."""
        self.steps += 1
        self._mean = self.beta1 * self._mean + (1.0 - self.beta1) * gradient
        self._square = self.beta2 * self._square + (1.0 - self.beta2) * gradient * gradient
        mean = self._mean / (1.0 - self.beta1**self.steps)
        square = self._square / (1.0 - self.beta2**self.steps)
        self.weights = self.weights + self.learning_rate * mean / (np.sqrt(square) + 1e-8)
        return self.weights
