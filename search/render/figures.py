"""Figures without pyplot, written as PNG, SVG or PDF by the suffix of the path.

Every picture of the package is drawn on a bare :class:`matplotlib.figure.Figure`
with the Agg canvas (no global backend is switched, no figure stays open in a
pyplot registry) and written by :func:`save_figure`. matplotlib (the ``plot``
extra) is imported inside each function.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal, get_args

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["PICTURE_FORMATS", "PictureFormat", "figure", "picture_format", "save_figure"]

PictureFormat = Literal["png", "svg", "pdf"]
PICTURE_FORMATS: Final[tuple[PictureFormat, ...]] = get_args(PictureFormat)
"""The formats pictures are written in, chosen by the suffix of the path."""


def figure(size: tuple[float, float]) -> Figure:
    """A bare matplotlib figure (no pyplot state) of ``size`` inches at 150 dpi."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, dpi=150)
    FigureCanvasAgg(fig)
    return fig


def picture_format(out: Path) -> PictureFormat:
    """The format a picture at ``out`` is written in, from its suffix.

    Raises:
        ValueError: The suffix is not one of ``.png``, ``.svg`` or ``.pdf``.

    Example:
        >>> picture_format(Path("runs/demo/fitness.svg"))
        'svg'
    """
    suffix = Path(out).suffix.lower().lstrip(".")
    if suffix not in PICTURE_FORMATS:
        raise ValueError(
            f"picture path {str(out)!r} must end in .png, .svg or .pdf, "
            f"got {suffix or 'no suffix'!r}"
        )
    return suffix


def save_figure(fig: Figure, out: Path) -> Path:
    """Write ``fig`` at ``out`` as PNG, SVG or PDF by its suffix, creating folders; free it.

    Raises:
        ValueError: The suffix of ``out`` is not ``.png``, ``.svg`` or ``.pdf``.
    """
    from matplotlib import rc_context

    out = Path(out)
    kind = picture_format(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    # No creation date and a fixed id salt: the same figure gives the same bytes.
    metadata: dict[str, str | None] = {}
    if kind != "png":
        metadata["Date" if kind == "svg" else "CreationDate"] = None
    with rc_context({"svg.hashsalt": "mesa-types"}):
        fig.savefig(out, format=kind, bbox_inches="tight", metadata=metadata)
    fig.clear()  # a bare Figure has no pyplot registry entry; clearing frees its artists now
    return out
