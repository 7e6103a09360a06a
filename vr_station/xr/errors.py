"""Errors of the XR layer: pyopenxr's result exceptions, sorted by what the station does next.

pyopenxr raises one exception class per ``XrResult``. The station only cares whether the
runtime is missing (fall back to another mode), whether the session or instance is gone
(show the pause screen, then reset) or whether a call failed for another reason (a bug or an
unsupported feature: say which call and carry on without it).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class XrError(Exception):
    """An OpenXR call failed; the message names the call and the result."""


class XrUnavailable(XrError):
    """No runtime, no headset, or a feature the station needs is missing."""


class XrLost(XrError):
    """The runtime went away or lost the session; nothing more can be drawn."""


# Result names (pyopenxr's exception class names) that mean the runtime or session is gone.
_LOST = frozenset({
    "InstanceLostError", "SessionLostError", "RuntimeFailureError", "SessionLossPending",
})
_UNAVAILABLE = frozenset({
    "RuntimeUnavailableError", "FormFactorUnavailableError", "FormFactorUnsupportedError",
    "ExtensionNotPresentError", "InitializationFailedError", "ApiVersionUnsupportedError",
    "ApiLayerNotPresentError", "GraphicsDeviceInvalidError",
})


def classify(exc: BaseException, call: str) -> XrError:
    """The station's view of an exception raised by pyopenxr during ``call``."""
    name = type(exc).__name__
    detail = str(exc).strip() or name
    message = f"{call}: {name} ({detail})" if detail != name else f"{call}: {name}"
    if name in _LOST:
        return XrLost(message)
    if name in _UNAVAILABLE:
        return XrUnavailable(message)
    return XrError(message)


def is_xr_exception(exc: BaseException) -> bool:
    """Whether ``exc`` comes from pyopenxr (without importing it)."""
    return any(cls.__module__.startswith("xr.") or cls.__module__ == "xr"
               for cls in type(exc).__mro__)


@contextmanager
def xr_call(call: str) -> Iterator[None]:
    """Turn pyopenxr's exceptions inside the block into ``XrError``s that name ``call``."""
    try:
        yield
    except XrError:
        raise
    except Exception as exc:
        if not is_xr_exception(exc):
            raise
        raise classify(exc, call) from exc
