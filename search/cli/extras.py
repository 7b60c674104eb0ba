"""Optional extras: a one-line install hint before any work, not an ImportError after it.

``mesa-types demo`` without matplotlib used to evolve for seconds and then end
with "No module named 'matplotlib'". The command line now looks at what the
parsed options will need (pictures, a Dask cluster) and stops at once, naming
the extra that provides it and the command that installs it.
"""

from __future__ import annotations

import argparse
import importlib.util
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Extra", "missing_extra"]


@dataclass(frozen=True, slots=True)
class Extra:
    """An optional dependency group of the package and the modules it provides."""

    name: str
    modules: tuple[str, ...]
    needed_by: str
    instead: str = ""

    def missing(self) -> str | None:
        """The first of its modules that cannot be imported, or ``None``."""
        for module in self.modules:
            if importlib.util.find_spec(module) is None:
                return module
        return None

    def hint(self, module: str) -> str:
        """The one line a user reads when ``module`` is missing."""
        line = f"{self.needed_by} {module}, which is not installed: "
        line += f"pip install 'mesa-types[{self.name}]'"
        return f"{line} ({self.instead})" if self.instead else line


PLOT = Extra("plot", ("matplotlib",), "pictures need", "or pass --no-pictures")
DASK = Extra("dask", ("dask", "distributed"), "Dask needs", "or leave out --dask and --scheduler")


def needed_extras(args: argparse.Namespace) -> list[Extra]:
    """The extras the parsed options of a command will use."""
    needed = []
    # A many-seed command draws only with --out (None without it); the others always draw.
    if getattr(args, "no_pictures", True) is False and getattr(args, "out", "") is not None:
        needed.append(PLOT)
    if getattr(args, "dask", False) or getattr(args, "scheduler", None):
        needed.append(DASK)
    return needed


def missing_extra(args: argparse.Namespace, extras: Sequence[Extra] | None = None) -> str | None:
    """The install hint for the first extra the command needs and lacks, or ``None``.

    Example:
        >>> missing_extra(argparse.Namespace(no_pictures=True, dask=False)) is None
        True
    """
    for extra in needed_extras(args) if extras is None else extras:
        module = extra.missing()
        if module is not None:
            return extra.hint(module)
    return None
