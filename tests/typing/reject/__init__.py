"""Misuses of the vocabulary that mypy --strict must reject.

Each misuse sits on its own line and ends with ``# type: ignore[<code>]`` naming
the exact error mypy reports. ``warn_unused_ignores`` makes the main mypy run fail
if a misuse stops being an error; ``tests/typing/test_typing.py`` strips the
comments and checks that each line fails with exactly that code. These files
are never imported.
"""
