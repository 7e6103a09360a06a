"""The installed release of the project, for the API and ``vr-center --version``.

Read from the package metadata, so the center needs none of the station's packages to know it.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def app_version() -> str:
    """The project's version as installed (``unknown`` in a checkout that was never installed)."""
    try:
        return version("vr-career-station")
    except PackageNotFoundError:
        return "unknown"
