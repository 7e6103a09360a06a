"""The OpenGL side of the XR layer: the graphics binding and the copy of each eye into the runtime.

The binding comes from Panda3D's context; each eye image is copied into the runtime's swapchain
image. The only module that imports OpenGL.

Everything here must run while Panda3D's GL context is current, i.e. inside a draw callback.
"""

from __future__ import annotations

import ctypes
import logging
from typing import Any

import xr
from OpenGL import GL

from vr_station.xr.errors import XrUnavailable, xr_call
from vr_station.xr.graphics import GraphicsApi

log = logging.getLogger(__name__)

SRGB8_ALPHA8 = 0x8C43
RGBA8 = 0x8058

_EGL_CONFIG_ID = 0x3028
_EGL_NONE = 0x3038


def choose_swapchain_format(offered: list[int]) -> int:
    """The swapchain format for the eye images, sRGB first.

    With sRGB the compositor treats Panda's (sRGB-encoded) bytes as sRGB. With a linear RGBA8
    swapchain it encodes them a second time and the picture looks washed out.
    """
    for wanted in (SRGB8_ALPHA8, RGBA8):
        if wanted in offered:
            return wanted
    raise XrUnavailable(f"the runtime offers no 8-bit RGBA swapchain format (offers {offered})")


def check_graphics_requirements(instance: Any, system_id: int) -> str:
    """xrGetOpenGLGraphicsRequirementsKHR: the spec requires this call before xrCreateSession."""
    pfn = ctypes.cast(xr.get_instance_proc_addr(instance, "xrGetOpenGLGraphicsRequirementsKHR"),
                      xr.PFN_xrGetOpenGLGraphicsRequirementsKHR)
    requirements = xr.GraphicsRequirementsOpenGLKHR()
    with xr_call("xrGetOpenGLGraphicsRequirementsKHR"):
        result = xr.check_result(pfn(instance, system_id, ctypes.byref(requirements)))
        if result.is_exception():
            raise result
    low = xr.Version(requirements.min_api_version_supported)
    high = xr.Version(requirements.max_api_version_supported)
    return f"OpenGL {low.major}.{low.minor} to {high.major}.{high.minor}"


def current_binding(api: GraphicsApi) -> Any:
    """The XrGraphicsBinding* for the GL context current on this thread (``vr_station.xr.graphics``).

    The returned struct must outlive the session: the runtime may keep its pointers.
    """
    if api is GraphicsApi.WGL:
        return _win32_binding()
    if api is GraphicsApi.GLX:
        from OpenGL import GLX
        context = GLX.glXGetCurrentContext()
        if not context:
            raise XrUnavailable("no current GLX context to share with the OpenXR runtime")
        return xr.GraphicsBindingOpenGLXlibKHR(
            x_display=GLX.glXGetCurrentDisplay(), glx_drawable=GLX.glXGetCurrentDrawable(),
            glx_context=context)
    return _egl_binding()


def _win32_binding() -> Any:
    """XrGraphicsBindingOpenGLWin32KHR: the device context and WGL context Panda3D made current.

    Not run by any test here (Windows only). Reviewed against the spec
    (https://registry.khronos.org/OpenXR/specs/1.0/man/html/XrGraphicsBindingOpenGLWin32KHR.html:
    hDC and hGLRC valid; the runtime assumes the default GPU and answers
    XR_ERROR_GRAPHICS_DEVICE_INVALID otherwise) and against pyopenxr, which takes the same two
    handles from wglGetCurrentDC/wglGetCurrentContext (cmbruns/pyopenxr
    src/xr/utils/gl/__init__.py, WGLGraphicsBinding; cmbruns/pyopenxr_examples
    xr_examples/hello_xr/graphics_plugin_opengl.py) and declares the struct only in
    ``xr.platform.windows``. Panda draws on one thread (no threaded pipeline), so the context is
    never current on another thread during frame calls, as the spec's external
    synchronisation rule for the shared context requires.
    """
    from OpenGL import WGL
    from xr.platform import windows as xr_windows

    dc = WGL.wglGetCurrentDC()
    context = WGL.wglGetCurrentContext()
    if not dc or not context:
        raise XrUnavailable("no current WGL context to share with the OpenXR runtime")
    return xr_windows.GraphicsBindingOpenGLWin32KHR(h_dc=dc, h_glrc=context)


def _egl_binding() -> Any:
    """XrGraphicsBindingEGLMNDX (XR_MNDX_egl_enable) for Panda's headless EGL context."""
    egl = ctypes.CDLL("libEGL.so.1")
    for name in ("eglGetCurrentDisplay", "eglGetCurrentContext", "eglGetProcAddress"):
        getattr(egl, name).restype = ctypes.c_void_p
    egl.eglGetProcAddress.argtypes = [ctypes.c_char_p]
    display = egl.eglGetCurrentDisplay()
    context = egl.eglGetCurrentContext()
    if not display or not context:
        raise XrUnavailable("no current EGL context to share with the OpenXR runtime")
    config_id = ctypes.c_int(0)
    egl.eglQueryContext(ctypes.c_void_p(display), ctypes.c_void_p(context), _EGL_CONFIG_ID,
                        ctypes.byref(config_id))
    config = ctypes.c_void_p(0)
    if config_id.value:
        count = ctypes.c_int(0)
        attributes = (ctypes.c_int * 3)(_EGL_CONFIG_ID, config_id.value, _EGL_NONE)
        egl.eglChooseConfig(ctypes.c_void_p(display), attributes, ctypes.byref(config), 1,
                            ctypes.byref(count))
    import xr.platform.linux as xr_linux  # the EGL handle types pyopenxr declares
    get_proc = ctypes.cast(ctypes.cast(egl.eglGetProcAddress, ctypes.c_void_p),
                           xr.PFN_xrEglGetProcAddressMNDX)
    return xr.GraphicsBindingEGLMNDX(
        get_proc_address=get_proc,
        display=ctypes.cast(ctypes.c_void_p(display), xr_linux.EGLDisplay),
        config=ctypes.cast(config, xr_linux.EGLConfig),
        context=ctypes.cast(ctypes.c_void_p(context), xr_linux.EGLContext))


def renderer_name() -> str:
    """The current GL context's renderer (GPU and driver), for the staff diagnostics."""
    name = GL.glGetString(GL.GL_RENDERER)
    return name.decode() if isinstance(name, bytes) else str(name)


class EyeCopier:
    """Copies the framebuffer Panda3D just drew into a swapchain texture, and reads textures back.

    Reading back serves captures. Owns one framebuffer object.
    """

    def __init__(self) -> None:
        self._fbo = int(GL.glGenFramebuffers(1))

    def copy_current_framebuffer(self, texture: int, width: int, height: int) -> None:
        """Blit the bound draw framebuffer (Panda's eye buffer, width × height px) into ``texture``.

        The bytes are copied as they are: no scissor, no second sRGB encoding.
        """
        source = int(GL.glGetIntegerv(GL.GL_DRAW_FRAMEBUFFER_BINDING))
        scissor = GL.glIsEnabled(GL.GL_SCISSOR_TEST)
        srgb = GL.glIsEnabled(GL.GL_FRAMEBUFFER_SRGB)
        # Panda leaves its display region's scissor on, and a blit honours it: nothing would
        # be copied. With FRAMEBUFFER_SRGB on, the blit would sRGB-encode the bytes again.
        GL.glDisable(GL.GL_SCISSOR_TEST)
        GL.glDisable(GL.GL_FRAMEBUFFER_SRGB)
        try:
            GL.glBindFramebuffer(GL.GL_READ_FRAMEBUFFER, source)
            GL.glBindFramebuffer(GL.GL_DRAW_FRAMEBUFFER, self._fbo)
            GL.glFramebufferTexture2D(GL.GL_DRAW_FRAMEBUFFER, GL.GL_COLOR_ATTACHMENT0,
                                      GL.GL_TEXTURE_2D, texture, 0)
            GL.glBlitFramebuffer(0, 0, width, height, 0, 0, width, height,
                                 GL.GL_COLOR_BUFFER_BIT, GL.GL_NEAREST)
        finally:
            GL.glBindFramebuffer(GL.GL_FRAMEBUFFER, source)
            if scissor:
                GL.glEnable(GL.GL_SCISSOR_TEST)
            if srgb:
                GL.glEnable(GL.GL_FRAMEBUFFER_SRGB)

    @staticmethod
    def read_texture(texture: int, width: int, height: int) -> bytes:
        """The texture's bytes (RGBA, bottom row first), as stored: no sRGB decoding."""
        previous = int(GL.glGetIntegerv(GL.GL_TEXTURE_BINDING_2D))
        GL.glBindTexture(GL.GL_TEXTURE_2D, texture)
        try:
            GL.glPixelStorei(GL.GL_PACK_ALIGNMENT, 1)
            data = GL.glGetTexImage(GL.GL_TEXTURE_2D, 0, GL.GL_RGBA, GL.GL_UNSIGNED_BYTE)
        finally:
            GL.glBindTexture(GL.GL_TEXTURE_2D, previous)
        raw = bytes(data)
        if len(raw) != width * height * 4:
            raise ValueError(f"read {len(raw)} bytes from a {width}x{height} texture")
        return raw

    def release(self) -> None:
        """Delete the framebuffer object (GL context current); a second call does nothing."""
        if self._fbo:
            GL.glDeleteFramebuffers(1, [self._fbo])
            self._fbo = 0
