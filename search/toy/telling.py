"""How a source tells the toy: which letter is which destination, and the paper's grid.

The two sources name the destinations the other way round. The video calls
the mesa-objective's destination A (the apple, which is green) and the base
objective's B (the exit); its deceptive plan reads B, B, A, A, A. The paper
calls the base objective's corner A and the mesa-objective's corner B, on a
3x3 grid; the same plan reads A, A, B, B, B. :class:`Labels` holds one such
naming, so the toy can be given a plan, and print one, in either source's
terms; :class:`CornerGrid` is the paper's picture as data; :func:`play`
runs a plan written in some source's letters through the training process.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from pydantic import BaseModel, ConfigDict, Field, model_validator

from search.toy.schedule import Destination, TrainingProcess, TrainingSchedule

__all__ = [
    "PAPER_GRID",
    "PAPER_LABELS",
    "VIDEO_LABELS",
    "CornerGrid",
    "Labels",
    "PlayedPlan",
    "play",
]

_LETTER = r"^\S+$"


class Labels(BaseModel):
    """The names one source gives the toy's two destinations.

    In the paper's terms: ``mesa`` names the place the mesa-objective wants,
    ``base`` the place the base objective wants. The library's own
    :class:`~search.toy.Destination` is the meaning (apple or exit, mesa or
    base); labels only translate it.

    Raises:
        pydantic.ValidationError: A letter is empty or holds a space, or both
            destinations get the same letter.

    Example:
        >>> PAPER_LABELS.plan((Destination.EXIT, Destination.APPLE))
        'A B'
        >>> VIDEO_LABELS.plan((Destination.EXIT, Destination.APPLE))
        'B A'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str
    mesa: str = Field(pattern=_LETTER)
    base: str = Field(pattern=_LETTER)
    mesa_place: str
    base_place: str
    unit: str
    """What one episode at the mesa-objective's place is called: ``apple``."""
    units: str

    @model_validator(mode="after")
    def _distinct(self) -> Labels:
        if self.mesa == self.base:
            raise ValueError(f"mesa and base must be different letters, both are {self.mesa!r}")
        return self

    def letter(self, destination: Destination) -> str:
        """The letter this source uses for ``destination``."""
        return self.mesa if destination is Destination.APPLE else self.base

    def plan(self, choices: Sequence[Destination]) -> str:
        """``A A B B B``; ``-`` for no episodes."""
        return " ".join(self.letter(c) for c in choices) or "-"

    def parse(self, plan: str) -> tuple[Destination, ...]:
        """The choices a plan in this source's letters stands for (spaces or commas between).

        Raises:
            ValueError: A letter is neither :attr:`mesa` nor :attr:`base`.
        """
        meaning = {self.mesa: Destination.APPLE, self.base: Destination.EXIT}
        letters = plan.replace(",", " ").split()
        unknown = sorted({x for x in letters if x not in meaning})
        if unknown:
            raise ValueError(
                f"plan: unknown letters {unknown}; {self.source} uses {self.base!r} for "
                f"{self.base_place} and {self.mesa!r} for {self.mesa_place}"
            )
        return tuple(meaning[x] for x in letters)

    def count(self, n: int) -> str:
        """``3 apples``, ``1 visit to B``."""
        return f"{n} {self.unit if n == 1 else self.units}"

    def describe(self) -> str:
        """Which letter is which, in this source's words."""
        return (
            f"{self.source}: {self.base} is {self.base_place} (what the base objective wants), "
            f"{self.mesa} is {self.mesa_place} (what the mesa-objective wants)"
        )


VIDEO_LABELS: Final = Labels(
    source="the video",
    mesa="A",
    base="B",
    mesa_place="the apple",
    base_place="the exit",
    unit="apple",
    units="apples",
)
"""The video's naming, the library's default: A is the (green) apple, B the exit."""

PAPER_LABELS: Final = Labels(
    source="the paper",
    mesa="B",
    base="A",
    mesa_place="corner B",
    base_place="corner A",
    unit="visit to B",
    units="visits to B",
)
"""The paper's naming: A is the base objective's corner, B the mesa-objective's."""


class CornerGrid(BaseModel):
    """A square grid with the agent in one cell and two marked corners: the paper's picture.

    Cells are ``(row, column)`` from the top left. Each episode the agent walks
    to one of the two corners; which one is the toy's choice.

    Raises:
        pydantic.ValidationError: ``size`` is below 2, a cell is off the grid,
            a marked cell is not a corner, or two of the three cells coincide.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    size: int = Field(ge=2, strict=True)
    start: tuple[int, int]
    base_corner: tuple[int, int]
    mesa_corner: tuple[int, int]

    @model_validator(mode="after")
    def _cells(self) -> CornerGrid:
        corners = {(r, c) for r in (0, self.size - 1) for c in (0, self.size - 1)}
        for name in ("start", "base_corner", "mesa_corner"):
            row, column = getattr(self, name)
            if not (0 <= row < self.size and 0 <= column < self.size):
                raise ValueError(f"{name} must lie on the {self.size}x{self.size} grid")
        for name in ("base_corner", "mesa_corner"):
            if getattr(self, name) not in corners:
                raise ValueError(f"{name} must be one of the corners {sorted(corners)}")
        if len({self.start, self.base_corner, self.mesa_corner}) < 3:
            raise ValueError("start, base_corner and mesa_corner must be three different cells")
        return self

    def draw(self, labels: Labels) -> str:
        """The grid in ``labels``' letters: ``@`` is the agent, ``.`` an empty cell."""
        marks = {self.start: "@", self.base_corner: labels.base, self.mesa_corner: labels.mesa}
        return "\n".join(
            " ".join(marks.get((r, c), ".") for c in range(self.size)) for r in range(self.size)
        )


PAPER_GRID: Final = CornerGrid(size=3, start=(1, 1), base_corner=(0, 0), mesa_corner=(2, 2))
"""The paper's 3x3 grid. Where the cells sit is ours: the agent in the middle, so both
corners are two steps away and neither is cheaper to reach."""


class PlayedPlan(BaseModel):
    """A plan, and what the training process let it become.

    Attributes:
        intended: The choices planned, one per episode.
        played: The choices made: once the mesa-objective has been replaced,
            the agent goes where the base objective wants, whatever it planned.
        replaced_after: The episode (counted from 1) after which the objective
            was replaced, if it was.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    schedule: TrainingSchedule
    labels: Labels
    intended: tuple[Destination, ...]
    played: tuple[Destination, ...]
    replaced_after: int | None

    @property
    def reached(self) -> int:
        """How many episodes ended where the mesa-objective wants: the apples, the visits to B."""
        return self.played.count(Destination.APPLE)

    def describe(self) -> str:
        """``B B B B B is played B A A A A: 1 visit to B, replaced after episode 1``."""
        intended, played = self.labels.plan(self.intended), self.labels.plan(self.played)
        became = "" if intended == played else f" is played {played}"
        replaced = (
            "" if self.replaced_after is None else f", replaced after episode {self.replaced_after}"
        )
        return f"{intended}{became}: {self.labels.count(self.reached)}{replaced}"


def play(
    schedule: TrainingSchedule, plan: str | Sequence[Destination], labels: Labels = VIDEO_LABELS
) -> PlayedPlan:
    """Run a fixed plan through the :class:`~search.toy.TrainingProcess` of ``schedule``.

    Args:
        schedule: The training and deployment episodes.
        plan: One choice per episode, as :class:`~search.toy.Destination` values
            or as a string in ``labels``' letters.
        labels: The letters ``plan`` is written in, and the result printed in.

    Raises:
        ValueError: The plan does not have one choice per episode, or uses a
            letter ``labels`` does not know.

    Example:
        >>> paper = TrainingSchedule(training=2, deployment=3)
        >>> play(paper, "A A B B B", PAPER_LABELS).describe()
        'A A B B B: 3 visits to B'
        >>> play(paper, "B B B B B", PAPER_LABELS).describe()
        'B B B B B is played B A A A A: 1 visit to B, replaced after episode 1'
    """
    intended = labels.parse(plan) if isinstance(plan, str) else tuple(plan)
    if len(intended) != schedule.episodes:
        raise ValueError(
            f"plan: needs one choice per episode, {schedule.episodes} in all; got {len(intended)}"
        )
    process = TrainingProcess(schedule)
    state, replaced_after = process.initial(), None
    for episode, choice in enumerate(intended):
        state = process.step(
            state, choice if choice in process.actions(state) else Destination.EXIT
        )
        if state.replaced and replaced_after is None:
            replaced_after = episode + 1
    return PlayedPlan(
        schedule=schedule,
        labels=labels,
        intended=intended,
        played=state.choices,
        replaced_after=replaced_after,
    )
