"""Benchmarks run by hand, not by the tests; each module says how to run it and what it measures."""
