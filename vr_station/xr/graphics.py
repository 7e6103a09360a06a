"""Which OpenGL binding the XR mode hands the runtime: chosen here, in one place (pure).

OpenXR shares the application's OpenGL context through a platform struct chained to
``xrCreateSession`` (OpenXR 1.0 spec, 12.12 XR_KHR_opengl_enable;
https://registry.khronos.org/OpenXR/specs/1.0/html/xrspec.html#XR_KHR_opengl_enable):

- Windows: ``XrGraphicsBindingOpenGLWin32KHR`` with the device context (HDC) and the WGL
  context (HGLRC) current on the render thread, whether Panda3D draws into the mirror window
  or an offscreen buffer (Panda's ``pandagl`` is WGL on Windows);
- Linux with an X display: ``XrGraphicsBindingOpenGLXlibKHR`` (GLX; Panda's ``pandagl`` is
  GLX, Panda3D 1.10 has no Wayland display module, so a Wayland desktop needs XWayland's
  ``DISPLAY``);
- Linux without a display: ``XrGraphicsBindingEGLMNDX`` (XR_MNDX_egl_enable; Panda's
  ``p3headlessgl``), which Monado and WiVRn offer and SteamVR does not.

Windows Mixed Reality's runtime offers Direct3D only; a runtime without
XR_KHR_opengl_enable cannot show the station, and the station says so in one line
(``no_opengl_message``) and runs in a window instead.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from enum import StrEnum

OPENGL_EXTENSION = "XR_KHR_opengl_enable"
EGL_EXTENSION = "XR_MNDX_egl_enable"

RUNTIMES_THAT_WORK = ("SteamVR, Meta Quest Link or Pico Connect on Windows; "
                      "Monado, WiVRn or SteamVR on Linux")
"""Named when a runtime cannot show the station (README: Stations: which PC, which headset)."""


class GraphicsApi(StrEnum):
    """The windowing side of the OpenGL context the runtime shares."""

    WGL = "wgl"
    """Windows: XrGraphicsBindingOpenGLWin32KHR."""
    GLX = "glx"
    """Linux on an X display: XrGraphicsBindingOpenGLXlibKHR."""
    EGL = "egl"
    """Linux without a display: XrGraphicsBindingEGLMNDX."""


@dataclass(frozen=True)
class GraphicsChoice:
    """How the XR mode opens Panda3D and which binding it builds from Panda's context."""

    api: GraphicsApi
    mirror_window: bool
    """The staff mirror is a window (else an offscreen buffer)."""

    @property
    def panda_display(self) -> str:
        """Panda3D's display module: pandagl (WGL or GLX) or p3headlessgl (EGL, no window system)."""
        return "p3headlessgl" if self.api is GraphicsApi.EGL else "pandagl"

    @property
    def required_extensions(self) -> tuple[str, ...]:
        """Instance extensions the binding needs from the runtime."""
        return (OPENGL_EXTENSION, EGL_EXTENSION) if self.api is GraphicsApi.EGL else (OPENGL_EXTENSION,)


class NoGraphicsBinding(Exception):
    """This platform, or this runtime, cannot share an OpenGL context; the message is one line."""


def choose_graphics(system: str, mirror: str, environ: Mapping[str, str]) -> GraphicsChoice:
    """The binding for ``system`` (``sys.platform``: 'win32', 'linux' …) and the mirror setting.

    ``mirror`` is XrSettings.mirror ('auto', 'window' or 'offscreen'); ``environ`` tells whether
    Linux has an X display. Raises NoGraphicsBinding where OpenXR has no OpenGL binding at all.
    """
    if system == "win32":
        # Every Windows station has a desktop; an offscreen mirror is still a WGL context.
        return GraphicsChoice(GraphicsApi.WGL, mirror_window=mirror != "offscreen")
    if system.startswith("linux"):
        has_x = bool(environ.get("DISPLAY"))
        if mirror == "window" and not has_x:
            raise NoGraphicsBinding("the staff mirror window needs an X display (DISPLAY is not set; "
                                    "Panda3D draws windows through GLX)")
        window = mirror == "window" or (mirror == "auto" and has_x)
        return GraphicsChoice(GraphicsApi.GLX if window else GraphicsApi.EGL, mirror_window=window)
    raise NoGraphicsBinding(f"OpenXR with OpenGL is not supported on {system} "
                            "(the station's XR mode runs on Windows and Linux)")


def no_opengl_message(runtime: str | None = None) -> str:
    """One line: this runtime cannot show the station, and which runtimes can."""
    who = f"the OpenXR runtime {runtime}" if runtime else "the active OpenXR runtime"
    return (f"{who} offers no OpenGL binding ({OPENGL_EXTENSION}; Windows Mixed Reality has "
            f"Direct3D only), which the station draws with; runtimes that work: {RUNTIMES_THAT_WORK}")


def missing_for(choice: GraphicsChoice, offered: Collection[str], runtime: str | None = None) -> str | None:
    """Why the runtime offering ``offered`` extensions cannot take ``choice``'s binding; None if it can."""
    if OPENGL_EXTENSION not in offered:
        return no_opengl_message(runtime)
    if choice.api is GraphicsApi.EGL and EGL_EXTENSION not in offered:
        who = f"the OpenXR runtime {runtime}" if runtime else "the active OpenXR runtime"
        return (f"{who} offers no EGL binding ({EGL_EXTENSION}) for a station without a display: "
                "start it on the desktop (DISPLAY set) for the GLX binding, or use Monado or WiVRn")
    return None
