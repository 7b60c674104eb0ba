"""The gridworld itself: grids of walls and floor, objects, perfect mazes, placing objects.

Implementation; the public names are importable from :mod:`search`.
"""
