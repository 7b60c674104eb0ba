"""Base optimizers: the ask/tell interface, the one driver, the genetic algorithm, executors.

Implementation; the public names are importable from :mod:`mesa_types`.
"""
