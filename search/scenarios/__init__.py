"""The scenarios: named, seeded training and deployment distributions, and their registry.

Implementation; the public names are importable from :mod:`search`.
"""
