"""The OpenGL binding per platform and per runtime answer, chosen in one place."""

from __future__ import annotations

import ctypes
import importlib
import sys
import types
from collections.abc import Iterator

import pytest

from vr_station.display.settings import DisplaySettings
from vr_station.xr.errors import XrUnavailable
from vr_station.xr.graphics import (
    EGL_EXTENSION,
    OPENGL_EXTENSION,
    GraphicsApi,
    NoGraphicsBinding,
    choose_graphics,
    missing_for,
)
from vr_station.xr.settings import XrSettings

# What runtimes answer to xrEnumerateInstanceExtensionProperties (abridged to what matters):
# Windows Mixed Reality offers Direct3D only; SteamVR offers OpenGL but not Monado's EGL.
WMR = frozenset({"XR_KHR_D3D11_enable", "XR_KHR_D3D12_enable", "XR_MSFT_hand_interaction"})
STEAMVR = frozenset({OPENGL_EXTENSION, "XR_KHR_vulkan_enable", "XR_KHR_D3D11_enable",
                     "XR_EXT_hand_tracking"})
MONADO = frozenset({OPENGL_EXTENSION, EGL_EXTENSION, "XR_EXT_hand_tracking",
                    "XR_FB_display_refresh_rate"})


@pytest.mark.parametrize(("system", "mirror", "environ", "api", "window"), [
    ("win32", "auto", {}, GraphicsApi.WGL, True),
    ("win32", "window", {}, GraphicsApi.WGL, True),
    ("win32", "offscreen", {}, GraphicsApi.WGL, False),
    ("linux", "auto", {"DISPLAY": ":0"}, GraphicsApi.GLX, True),
    ("linux", "auto", {}, GraphicsApi.EGL, False),
    ("linux", "offscreen", {"DISPLAY": ":0"}, GraphicsApi.EGL, False),
    ("linux", "window", {"DISPLAY": ":1"}, GraphicsApi.GLX, True),
    # Panda3D 1.10 draws windows through GLX only: Wayland alone is no window system for it.
    ("linux", "auto", {"WAYLAND_DISPLAY": "wayland-0"}, GraphicsApi.EGL, False),
])
def test_binding_per_platform(system: str, mirror: str, environ: dict[str, str],
                              api: GraphicsApi, window: bool) -> None:
    choice = choose_graphics(system, mirror, environ)
    assert (choice.api, choice.mirror_window) == (api, window)
    assert choice.panda_display == ("p3headlessgl" if api is GraphicsApi.EGL else "pandagl")
    assert OPENGL_EXTENSION in choice.required_extensions
    assert (EGL_EXTENSION in choice.required_extensions) == (api is GraphicsApi.EGL)


def test_no_binding_where_openxr_has_no_opengl() -> None:
    with pytest.raises(NoGraphicsBinding, match="darwin"):
        choose_graphics("darwin", "auto", {})
    with pytest.raises(NoGraphicsBinding, match="DISPLAY"):
        choose_graphics("linux", "window", {})


@pytest.mark.parametrize(("system", "environ", "offered", "problem"), [
    ("win32", {}, STEAMVR, None),
    ("win32", {}, MONADO, None),
    ("win32", {}, WMR, "no OpenGL binding"),
    ("linux", {"DISPLAY": ":0"}, STEAMVR, None),
    ("linux", {}, STEAMVR, "no EGL binding"),
    ("linux", {}, MONADO, None),
    ("linux", {"DISPLAY": ":0"}, WMR, "no OpenGL binding"),
])
def test_runtime_answer(system: str, environ: dict[str, str], offered: frozenset[str],
                        problem: str | None) -> None:
    why = missing_for(choose_graphics(system, "auto", environ), offered, "Some Runtime")
    if problem is None:
        assert why is None
        return
    assert why is not None and problem in why
    assert "\n" not in why and "Some Runtime" in why
    if problem == "no OpenGL binding":
        # One line that also says which runtimes do work.
        assert "SteamVR" in why and "Quest Link" in why and "Monado" in why


def test_display_on_an_unsupported_platform_says_why_and_opens_nothing() -> None:
    from vr_station.xr.display import XrDisplayMode

    mode = XrDisplayMode(DisplaySettings(), XrSettings(), system="darwin", environ={})
    with pytest.raises(XrUnavailable, match="not supported on darwin"):
        mode.open()
    mode.close()
    import builtins
    assert not hasattr(builtins, "base")


@pytest.fixture
def fake_wgl(monkeypatch: pytest.MonkeyPatch) -> Iterator[types.ModuleType]:
    """PyOpenGL's WGL module as it behaves on Windows with a current context (it cannot load
    elsewhere); pyopenxr's real Windows structs load on top of it."""
    import OpenGL

    wgl = types.ModuleType("OpenGL.WGL")
    wgl.HGLRC = ctypes.c_void_p  # type: ignore[attr-defined]
    wgl.wglGetCurrentDC = lambda: 0x1D0C  # type: ignore[attr-defined]
    wgl.wglGetCurrentContext = lambda: 0x6C0C  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "OpenGL.WGL", wgl)
    monkeypatch.setattr(OpenGL, "WGL", wgl, raising=False)
    yield wgl
    import xr.platform
    sys.modules.pop("xr.platform.windows", None)
    if hasattr(xr.platform, "windows"):
        delattr(xr.platform, "windows")


def test_windows_binding_is_pyopenxrs_win32_struct_from_the_current_wgl_context(
        fake_wgl: types.ModuleType) -> None:
    import xr

    from vr_station.xr import gl

    binding = gl.current_binding(choose_graphics("win32", "auto", {}).api)
    windows = importlib.import_module("xr.platform.windows")
    assert isinstance(binding, windows.GraphicsBindingOpenGLWin32KHR)
    assert binding.type == xr.StructureType.GRAPHICS_BINDING_OPENGL_WIN32_KHR
    assert (binding.h_dc, binding.h_glrc) == (0x1D0C, 0x6C0C)
    assert not binding.next
    # What XrSession chains to xrCreateSession: a pointer to the struct itself.
    pointer = ctypes.cast(ctypes.pointer(binding), ctypes.c_void_p)
    assert ctypes.cast(pointer, ctypes.POINTER(ctypes.c_int32)).contents.value == binding.type


def test_windows_binding_without_a_current_context_is_unavailable(fake_wgl: types.ModuleType) -> None:
    from vr_station.xr import gl

    fake_wgl.wglGetCurrentContext = lambda: None  # type: ignore[attr-defined]
    with pytest.raises(XrUnavailable, match="no current WGL context"):
        gl.current_binding(GraphicsApi.WGL)
