"""Checkers for gridworld agents: fast exact checks, sampled and adversarial search, IRL.

Implementation; the public names are importable from :mod:`search`.
"""
