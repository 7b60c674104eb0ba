"""The population path: a whole population's decisions on many mazes at once, as arrays.

Implementation; the public names are importable from :mod:`search`.
"""
