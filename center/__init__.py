"""The center's server: collects session feedback from a job center's stations and shows staff
what works (``vr-center serve``)."""
