# PYTHON_ARGCOMPLETE_OK (argcomplete completes this command in the shell)
"""The ``mesa-types`` command line: ``demo``, ``evolve``, ``show``, ``check`` and the rest.

Subcommands are registered by the functions in :data:`COMMANDS`; a module adds
one by writing ``register(subparsers) -> None`` (see :mod:`search.cli.tools`)
and listing it here. Errors a user can fix end the program with a one-line
message and exit code 1, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from pydantic import ValidationError

from search.cli.check import add_check
from search.cli.classify import add_classify
from search.cli.commands import add_demo, add_phenomenon, add_show
from search.cli.deception import add_adversarial, add_deception
from search.cli.emergence import add_emergence
from search.cli.evolve import add_evolve
from search.cli.extras import missing_extra
from search.cli.tools import CommandError, Handler, Register
from search.training.folders import FolderInUse
from search.training.runs import RunFormatError

__all__ = ["COMMANDS", "build_parser", "main", "package_version"]

COMMANDS: list[Register] = [
    add_demo,
    add_evolve,
    add_show,
    add_phenomenon,
    add_check,
    add_classify,
    add_deception,
    add_adversarial,
    add_emergence,
]
"""Each adds one subcommand, in the order ``--help`` lists them."""


def build_parser() -> argparse.ArgumentParser:
    """The parser with every registered subcommand."""
    parser = argparse.ArgumentParser(
        prog="mesa-types",
        description="Base optimizers, mesa-optimizers and inner alignment, executable. "
        "Start with: mesa-types demo",
    )
    parser.add_argument("--version", action="version", version=f"mesa-types {package_version()}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for register in COMMANDS:
        register(subparsers)
    return parser


def package_version() -> str:
    """The installed version of mesa-types (``unknown`` when run from an uninstalled tree)."""
    try:
        return version("mesa-types")
    except PackageNotFoundError:
        return "unknown"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code.

    Example:
        >>> main(["show", "no/such/folder"])
        1
    """
    parser = build_parser()
    if argv is None:
        _complete(parser)
    args = parser.parse_args(argv)
    handler: Handler = args.handler
    hint = missing_extra(args)
    if hint is not None:
        print(f"{_error(args.command)} {hint}", file=sys.stderr)
        return 1
    terminated: list[int] = []

    def on_sigterm(signum: int, frame: object) -> None:
        # Handled like Ctrl-C: finished seeds are kept and worker processes stopped.
        terminated.append(signum)
        raise KeyboardInterrupt("terminated")

    previous = _handle_sigterm(on_sigterm)
    try:
        return handler(args)
    except (
        CommandError,
        FolderInUse,
        RunFormatError,
        ValueError,
        KeyError,
        OSError,
        ImportError,
    ) as error:
        print(f"{_error(args.command)} {_one_line(error)}", file=sys.stderr)
        return 1
    except (MemoryError, RecursionError) as error:  # bounded inputs should never get here
        what = "ran out of memory" if isinstance(error, MemoryError) else "recursed too deeply"
        print(f"{_error(args.command)} it {what}; try smaller sizes", file=sys.stderr)
        return 1
    except KeyboardInterrupt as error:
        kept = f": {error}" if str(error) else ""
        what = "terminated" if terminated else "interrupted"
        print(f"mesa-types {args.command}: {what}{kept}", file=sys.stderr)
        return 143 if terminated else 130
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _complete(parser: argparse.ArgumentParser) -> None:
    """Answer the shell's completion request and exit, when one is made (argcomplete).

    Does nothing without the ``completion`` extra or outside a completion request.
    """
    try:
        import argcomplete
    except ImportError:
        return
    argcomplete.autocomplete(parser)


def _handle_sigterm(handler: Callable[[int, object], None]) -> Any:
    """Install ``handler`` for SIGTERM and return the one it replaces; None off the main thread."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, handler)


def _error(command: str) -> str:
    """The start of an error line: in bold red on a terminal, plain in a pipe, a log or NO_COLOR."""
    prefix = f"mesa-types {command}: error:"
    stream = sys.stderr
    plain = not stream.isatty() or "NO_COLOR" in os.environ or os.environ.get("TERM") == "dumb"
    return prefix if plain else f"\033[1;31m{prefix}\033[0m"


def _one_line(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'settings'}: "
            + e["msg"].removeprefix("Value error, ")
            for e in error.errors()
        )
    if isinstance(error, KeyError) and error.args:
        return str(error.args[0])
    return " ".join(str(error).split()) or type(error).__name__
