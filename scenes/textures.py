"""Seamless surface images for floors, walls and ceilings, generated with numpy (no files).

Each image tiles in both directions and covers ``repeat_m`` metres of surface, so grout lines,
planks and ceiling grids keep their real size whatever the room's size. Images are 8-bit sRGB;
the renderer uploads them as sRGB textures with mipmaps.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from functools import cache

import numpy as np
import numpy.typing as npt

from scenes.layout import Surface
from scenes.materials import Rgb

Image = npt.NDArray[np.uint8]


@dataclass(frozen=True)
class SurfaceTexture:
    """A seamless surface image and how much surface it covers."""

    image: Image
    """Height × width × 3, sRGB."""
    repeat_m: tuple[float, float]
    """Metres of surface one image covers, along u and v."""
    roughness: float


_ROUGHNESS = {
    "tiles": 0.35,
    "paint": 0.85,
    "linoleum": 0.45,
    "wood": 0.45,
    "concrete": 0.8,
    "epoxy": 0.25,
    "carpet": 1.0,
    "rubber": 0.8,
    "acoustic-tiles": 0.95,
    "brick": 0.9,
    "panels": 0.5,
}


def surface_texture(surface: Surface) -> SurfaceTexture:
    """The image for a room surface (made once per material, colour and size)."""
    return _texture(surface.material, surface.colour, round(surface.tile_size_m, 4))


@cache
def _texture(material: str, colour: Rgb, size_m: float) -> SurfaceTexture:
    # A stable seed (str hashes change per process), so screenshots are reproducible.
    rng = np.random.default_rng(zlib.crc32(repr((material, colour, size_m)).encode()))
    base = np.array(colour, dtype=np.float64)
    makers = {
        "tiles": _tiles,
        "wood": _planks,
        "concrete": _concrete,
        "epoxy": _epoxy,
        "linoleum": _linoleum,
        "carpet": _carpet,
        "rubber": _rubber,
        "paint": _paint,
        "acoustic-tiles": _acoustic,
        "brick": _brick,
        "panels": _panels,
    }
    image, repeat = makers[material](base, size_m, rng)
    pixels = np.clip(image * 255.0 + 0.5, 0, 255).astype(np.uint8)
    return SurfaceTexture(pixels, repeat, _ROUGHNESS[material])


def _noise(
    size: tuple[int, int], cells: tuple[int, int], rng: np.random.Generator
) -> npt.NDArray[np.float64]:
    """Smooth value noise in −1..1 that tiles, ``cells`` lattice cells across the image."""
    lattice = rng.uniform(-1, 1, (cells[0], cells[1]))
    h, w = size
    y = np.arange(h) * cells[0] / h
    x = np.arange(w) * cells[1] / w
    y0, x0 = np.floor(y).astype(int), np.floor(x).astype(int)
    fy, fx = (y - y0)[:, None], (x - x0)[None, :]
    fy, fx = fy * fy * (3 - 2 * fy), fx * fx * (3 - 2 * fx)
    y1, x1 = (y0 + 1) % cells[0], (x0 + 1) % cells[1]
    a = lattice[y0][:, x0]
    b = lattice[y0][:, x1]
    c = lattice[y1][:, x0]
    d = lattice[y1][:, x1]
    return (a * (1 - fx) + b * fx) * (1 - fy) + (c * (1 - fx) + d * fx) * fy


def _fractal(
    size: tuple[int, int], rng: np.random.Generator, base_cells: int = 4, octaves: int = 4
) -> npt.NDArray[np.float64]:
    total = np.zeros(size)
    amplitude, weight = 1.0, 0.0
    for k in range(octaves):
        cells = base_cells * 2**k
        total += amplitude * _noise(size, (cells, cells), rng)
        weight += amplitude
        amplitude *= 0.5
    return total / weight


def _shade(base: npt.NDArray[np.float64], factor: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return np.clip(base[None, None, :] * factor[:, :, None], 0, 1)


def _grid_lines(n_px: int, period_px: int, width_px: int) -> npt.NDArray[np.bool_]:
    return (np.arange(n_px) % period_px) < width_px


def _tiles(
    base: npt.NDArray[np.float64], tile_m: float, rng: np.random.Generator
) -> tuple[npt.NDArray[np.float64], tuple[float, float]]:
    per, count = 64, 4
    size = per * count
    tone = 1 + rng.uniform(-0.045, 0.045, (count, count))
    factor = np.kron(tone, np.ones((per, per))) * (1 + 0.025 * _fractal((size, size), rng, 8, 3))
    image = _shade(base, factor)
    grout_px = max(1, round(per * 0.004 / tile_m))
    lum = float(base.mean())
    grout = np.array([0.62, 0.62, 0.6]) if lum < 0.45 else base * 0.72
    lines = _grid_lines(size, per, grout_px)
    image[lines, :, :] = grout
    image[:, lines, :] = grout
    edge = _grid_lines(size, per, grout_px + 1) & ~lines  # a soft bevel beside the grout
    image[edge, :, :] *= 0.93
    image[:, edge, :] *= 0.93
    return image, (tile_m * count, tile_m * count)


def _planks(
    base: npt.NDArray[np.float64], plank_m: float, rng: np.random.Generator
) -> tuple[npt.NDArray[np.float64], tuple[float, float]]:
    planks, length_px, per = 4, 512, 48
    width_px = planks * per
    image = np.zeros((length_px, width_px, 3))
    grain = (
        _noise((length_px, width_px), (3, 48), rng) * 0.5 + _noise((length_px, width_px), (6, 96), rng) * 0.3
    )
    for p in range(planks):
        cut = int(rng.integers(0, length_px))
        for start, stop in ((0, cut), (cut, length_px)):
            tone = 1 + rng.uniform(-0.09, 0.09)
            cols = slice(p * per, (p + 1) * per)
            image[start:stop, cols, :] = np.clip(base * tone, 0, 1)[None, None, :]
        image[max(0, cut - 1) : cut + 1, p * per : (p + 1) * per, :] *= 0.55
    image *= (1 + 0.12 * grain)[:, :, None]
    image[:, _grid_lines(width_px, per, 1), :] *= 0.5
    metres_long = plank_m * planks * length_px / width_px
    return np.clip(image, 0, 1).transpose(1, 0, 2), (metres_long, plank_m * planks)


def _concrete(
    base: npt.NDArray[np.float64], _size: float, rng: np.random.Generator
) -> tuple[npt.NDArray[np.float64], tuple[float, float]]:
    size = 256
    factor = 1 + 0.08 * _fractal((size, size), rng, 3, 5) + rng.normal(0, 0.025, (size, size))
    return _shade(base, factor), (3.0, 3.0)


def _epoxy(
    base: npt.NDArray[np.float64], _size: float, rng: np.random.Generator
) -> tuple[npt.NDArray[np.float64], tuple[float, float]]:
    size = 256
    factor = 1 + 0.04 * _fractal((size, size), rng, 3, 4) + rng.normal(0, 0.01, (size, size))
    return _shade(base, factor), (3.0, 3.0)


def _linoleum(
    base: npt.NDArray[np.float64], _size: float, rng: np.random.Generator
) -> tuple[npt.NDArray[np.float64], tuple[float, float]]:
    size = 256
    factor = 1 + 0.05 * _fractal((size, size), rng, 4, 4)
    specks = rng.random((size, size))
    factor = np.where(specks < 0.04, 0.8, np.where(specks > 0.97, 1.12, factor))
    return _shade(base, factor), (1.5, 1.5)


def _carpet(
    base: npt.NDArray[np.float64], tile_m: float, rng: np.random.Generator
) -> tuple[npt.NDArray[np.float64], tuple[float, float]]:
    per, count = 64, 2
    size = per * count
    pile = np.indices((size, size)).sum(axis=0) % 4 < 2
    tone = np.kron(np.array([[1.0, 0.94], [0.94, 1.0]]), np.ones((per, per)))
    factor = tone * (1 + 0.06 * rng.normal(0, 1, (size, size))) * np.where(pile, 1.02, 0.98)
    return _shade(base, factor), (tile_m * count, tile_m * count)


def _rubber(
    base: npt.NDArray[np.float64], tile_m: float, rng: np.random.Generator
) -> tuple[npt.NDArray[np.float64], tuple[float, float]]:
    per, count = 64, 2
    size = per * count
    factor = 1 + 0.05 * rng.normal(0, 1, (size, size))
    image = _shade(base, factor)
    specks = rng.random((size, size))
    image[specks < 0.05] = [0.92, 0.92, 0.9]
    lines = _grid_lines(size, per, 1)
    image[lines, :, :] *= 0.8
    image[:, lines, :] *= 0.8
    return image, (tile_m * count, tile_m * count)


def _paint(
    base: npt.NDArray[np.float64], _size: float, rng: np.random.Generator
) -> tuple[npt.NDArray[np.float64], tuple[float, float]]:
    size = 128
    factor = 1 + 0.018 * _fractal((size, size), rng, 4, 3)
    return _shade(base, factor), (2.0, 2.0)


def _acoustic(
    base: npt.NDArray[np.float64], tile_m: float, rng: np.random.Generator
) -> tuple[npt.NDArray[np.float64], tuple[float, float]]:
    per, count = 128, 2
    size = per * count
    factor = 1 + 0.03 * rng.normal(0, 1, (size, size))
    pits = rng.random((size, size)) < 0.03
    factor[pits] = 0.8
    image = _shade(base, factor)
    bars = _grid_lines(size, per, 4)
    image[bars, :, :] = [0.93, 0.93, 0.92]
    image[:, bars, :] = [0.93, 0.93, 0.92]
    return image, (tile_m * count, tile_m * count)


def _brick(
    base: npt.NDArray[np.float64], brick_m: float, rng: np.random.Generator
) -> tuple[npt.NDArray[np.float64], tuple[float, float]]:
    bw, bh, cols, rows = 64, 18, 4, 12
    image = np.zeros((bh * rows, bw * cols, 3))
    for r in range(rows):
        shift = (bw // 2) * (r % 2)
        for c in range(cols + 1):
            tone = np.clip(base * (1 + rng.uniform(-0.12, 0.12)), 0, 1)
            x0 = c * bw - shift
            for x in range(max(0, x0), min(bw * cols, x0 + bw)):
                image[r * bh : (r + 1) * bh, x, :] = tone
    mortar = np.array([0.72, 0.7, 0.66])
    image[_grid_lines(bh * rows, bh, 2), :, :] = mortar
    for r in range(rows):
        shift = (bw // 2) * (r % 2)
        for c in range(cols + 1):
            x = c * bw - shift
            if 0 <= x < bw * cols:
                image[r * bh : (r + 1) * bh, x : x + 2, :] = mortar
    image *= (1 + 0.05 * rng.normal(0, 1, image.shape[:2]))[:, :, None]
    brick_h = brick_m * bh / bw
    return np.clip(image, 0, 1)[::-1], (brick_m * cols, brick_h * rows)


def _panels(
    base: npt.NDArray[np.float64], panel_m: float, rng: np.random.Generator
) -> tuple[npt.NDArray[np.float64], tuple[float, float]]:
    size = 128
    factor = 1 + 0.01 * rng.normal(0, 1, (size, size))
    image = _shade(base, factor)
    image[:, :2, :] *= 0.82
    return image, (panel_m, panel_m)
