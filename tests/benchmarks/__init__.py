"""Smoke runs of the benchmark scripts: they run and agree; their timings are not checked."""
