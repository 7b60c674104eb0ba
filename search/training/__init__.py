"""Genetic runs on a scenario: evolve, resume, adversarial training, run records.

Implementation; the public names are importable from :mod:`search`.
"""
