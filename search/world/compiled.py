"""Whether maze drawing (and the population path) uses numba kernels or pure Python.

The kernels are used when numba imports (the ``fast`` extra), the generator is
a PCG64 (the kernels split its raw 64-bit words exactly as numpy does) and the
pure path is not forced: by ``MESA_TYPES_PURE_PYTHON=1`` in the environment,
read once when this module is imported, or by :func:`pure_python` in tests.
Both paths draw the same mazes and leave the generator in the same state;
numba is imported only when the first maze is drawn, so ``import search``
stays fast.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

__all__ = [
    "PURE_PYTHON_VARIABLE",
    "compiled_available",
    "kernels_enabled",
    "pure_python",
    "uses_kernels",
]

PURE_PYTHON_VARIABLE = "MESA_TYPES_PURE_PYTHON"
"""Set to ``1`` to draw mazes with the pure-Python code even when numba is installed."""


class _Switch:
    """The one switch: forced pure, and whether the kernels imported (None: not tried yet)."""

    forced_pure = os.environ.get(PURE_PYTHON_VARIABLE, "") == "1"
    importable: bool | None = None


def compiled_available() -> bool:
    """Whether the kernels import (numba installed); tried once, on the first call."""
    if _Switch.importable is None:
        try:
            import search.world.kernels  # noqa: F401  (numba's import cost, paid once)
        except ImportError:
            _Switch.importable = False
        else:
            _Switch.importable = True
    return _Switch.importable


def kernels_enabled() -> bool:
    """Whether compiled kernels run: numba imports and the pure path is not forced."""
    return not _Switch.forced_pure and compiled_available()


def uses_kernels(rng: np.random.Generator) -> bool:
    """Whether drawing with ``rng`` goes through the kernels."""
    return type(rng.bit_generator) is np.random.PCG64 and kernels_enabled()


@contextmanager
def pure_python(pure: bool = True) -> Iterator[None]:
    """Within the block, draw with the pure-Python code (``pure=False``: with the kernels).

    Example:
        >>> import numpy as np
        >>> from search import perfect_maze
        >>> with pure_python():
        ...     slow = perfect_maze(9, 9, np.random.default_rng(1))
        >>> slow == perfect_maze(9, 9, np.random.default_rng(1))
        True
    """
    before = _Switch.forced_pure
    _Switch.forced_pure = pure
    try:
        yield
    finally:
        _Switch.forced_pure = before
