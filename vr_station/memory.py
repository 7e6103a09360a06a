"""Give freed native memory back to the operating system between visitors.

A visit builds and frees many native buffers (text geometry, panels, speech). glibc keeps
freed blocks in its heap; ``malloc_trim(0)`` hands free pages back, so a kiosk's resident
memory reflects what it uses, not what it once used. The wipe calls it off the render thread
while the screen is black. (The large growth bench/soak.py once showed came from the GL
driver, not from here: see ``gl-finish`` in display/settings.py.)
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys


def release_free_memory() -> bool:
    """True when the C library returned memory (glibc only; elsewhere a no-op)."""
    if not sys.platform.startswith("linux"):
        return False
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        libc = ctypes.CDLL(name)
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # musl and others have no malloc_trim
        return False
    trim.argtypes = [ctypes.c_size_t]
    trim.restype = ctypes.c_int
    return bool(trim(0))
