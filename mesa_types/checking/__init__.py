"""Checkers: judging episodes, deciding alignment (exact and sampled), naming pseudo-alignment.

Implementation; the public names are importable from :mod:`mesa_types`.
"""
