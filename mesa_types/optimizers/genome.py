"""A genome of linear weights and an integer budget: what the genetic base optimizer varies."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from mesa_types.objectives import LinearObjective

__all__ = ["Genome"]


class Genome(BaseModel):
    """What the base optimizer varies: a mesa-objective and a search depth.

    Example:
        >>> g = Genome.of({"color:green": 1.0}, ("kind:exit", "color:green"), depth=30)
        >>> g.objective.weight("color:green"), g.depth
        (1.0, 30)
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    objective: LinearObjective
    depth: int = Field(ge=0)

    @classmethod
    def of(cls, weights: dict[str, float], vocabulary: tuple[str, ...], depth: int) -> Genome:
        """A genome from named weights over ``vocabulary`` (unnamed features weigh 0)."""
        return cls(objective=LinearObjective.from_weights(weights, vocabulary), depth=depth)

    def describe(self) -> str:
        """``{color:green: +1} depth 30``."""
        return f"{self.objective.describe()} depth {self.depth}"
