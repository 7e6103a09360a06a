"""Give freed native memory back to the operating system between visitors.

Rendering allocates and frees many small buffers (text, panels, captions). glibc keeps freed
blocks inside its heap, and fragmentation lets a kiosk's resident memory creep up visitor
after visitor although nothing leaks (measured with bench/soak.py on Mesa's llvmpipe).
``malloc_trim(0)`` returns free pages inside the heap to the system; the wipe calls it off
the render thread while the screen is black.
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
