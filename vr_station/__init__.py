"""The VR career station: the application a visitor meets at a job centre."""

__version__ = "0.1.0"
