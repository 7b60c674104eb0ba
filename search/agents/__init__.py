"""Learned algorithms for gridworlds: the search-tree mesa-optimizer, policies, deceivers.

Implementation; the public names are importable from :mod:`search`.
"""
