"""The center's server: collects session feedback from a job center's stations.

It shows staff what works (``vr-center serve``).
"""
