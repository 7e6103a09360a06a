"""Read an X window dump (``xwd -root``) into an RGB array (no imaging library needed)."""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np


def read_xwd(path: Path) -> np.ndarray:
    """Height × width × 3 uint8, top row first, from the 24- or 32-bit TrueColor dumps of Xvfb."""
    data = path.read_bytes()
    header = struct.unpack(">25I", data[:100])
    header_size, width, height = header[0], header[4], header[5]
    byte_order, bits_per_pixel, bytes_per_line, colours = header[7], header[11], header[12], header[19]
    if bits_per_pixel not in (24, 32):
        raise ValueError(f"{path}: {bits_per_pixel} bits per pixel; only 24 and 32 are supported")
    step = bits_per_pixel // 8
    offset = header_size + colours * 12
    rows = np.frombuffer(data, dtype=np.uint8, count=bytes_per_line * height, offset=offset)
    pixels = rows.reshape(height, bytes_per_line)[:, : width * step].reshape(height, width, step)
    # LSBFirst (0): bytes are B, G, R[, X]; MSBFirst: [X,] R, G, B.
    if byte_order == 0:
        return np.ascontiguousarray(pixels[..., [2, 1, 0]])
    return np.ascontiguousarray(pixels[..., [step - 3, step - 2, step - 1]])


def write_png(rgb: np.ndarray, path: Path) -> None:
    from panda3d.core import PNMImage, Texture

    height, width = rgb.shape[:2]
    texture = Texture("screenshot")
    texture.setup2dTexture(width, height, Texture.T_unsigned_byte, Texture.F_rgb8)
    texture.setRamImageAs(np.ascontiguousarray(rgb[::-1]).tobytes(), "RGB")  # bottom row first
    image = PNMImage()
    texture.store(image)
    image.write(str(path))
