"""pyopenxr's exceptions sorted into what the station does next."""

from __future__ import annotations

import pytest
import xr

from vr_station.xr.errors import XrError, XrLost, XrUnavailable, classify, xr_call


@pytest.mark.parametrize(("exc", "kind"), [
    (xr.InstanceLostError(), XrLost), (xr.SessionLostError(), XrLost), (xr.RuntimeFailureError(), XrLost),
    (xr.RuntimeUnavailableError(), XrUnavailable), (xr.FormFactorUnavailableError(), XrUnavailable),
    (xr.ExtensionNotPresentError(), XrUnavailable), (xr.ValidationFailureError(), XrError),
])
def test_classify(exc: Exception, kind: type[XrError]) -> None:
    error = classify(exc, "xrSomething")
    assert type(error) is kind
    assert str(error).startswith(f"xrSomething: {type(exc).__name__}")


def test_xr_call_wraps_only_openxr_exceptions() -> None:
    with pytest.raises(XrLost, match="xrWaitFrame") as info, xr_call("xrWaitFrame"):
        raise xr.SessionLostError()
    assert isinstance(info.value.__cause__, xr.SessionLostError)
    with pytest.raises(KeyError), xr_call("xrWaitFrame"):
        raise KeyError("not from OpenXR")
