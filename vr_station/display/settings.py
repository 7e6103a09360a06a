"""What every display mode shares: window size, field of view and Panda3D's configuration."""

from __future__ import annotations

from dataclasses import dataclass

from calibration.body import SEATED_EYE_HEIGHT_M, STANDING_EYE_HEIGHT_M

__all__ = ["SEATED_EYE_HEIGHT_M", "STANDING_EYE_HEIGHT_M", "DisplaySettings"]


@dataclass(frozen=True)
class DisplaySettings:
    """How the station's window or buffer looks and sounds, for every display mode."""

    size_px: tuple[int, int] = (1280, 720)
    """Window or offscreen buffer (desktop, headless); the headset's own size in xr."""
    horizontal_fov_deg: float = 90.0
    """Close to a headset's per-eye field of view, so text sizes chosen for VR read the same."""
    multisamples: int = 4
    """Anti-aliasing: text and thin lines shimmer without it."""
    fullscreen: bool = False
    eye_height_m: float = STANDING_EYE_HEIGHT_M
    """Where an untracked head (desktop, headless) sits above the floor."""
    sound: bool = True
    """Play speech through the sound card; False (or no sound card) keeps captions only."""
    window_title: str = "VR-Berufestation"


def panda_config(settings: DisplaySettings, *, window_type: str, sound: bool,
                 quiet_devices: bool) -> str:
    """Panda3D configuration for one ShowBase (prc syntax)."""
    width, height = settings.size_px
    lines = [
        f"window-type {window_type}",
        f"win-size {width} {height}",
        f"window-title {settings.window_title}",
        f"fullscreen {'#t' if settings.fullscreen else '#f'}",
        f"framebuffer-multisample {'#t' if settings.multisamples > 0 else '#f'}",
        f"multisamples {settings.multisamples}",
        # Arabic needs shaping and right-to-left layout; Panda3D does both through HarfBuzz.
        "text-use-harfbuzz #t",
        # Panda3D caches loaded models in the user's home by default; the station writes
        # nothing outside its own data and cache directories.
        "model-cache-dir",
        "audio-library-name " + ("p3openal_audio" if sound else "null"),
        "sync-video " + ("#t" if window_type == "onscreen" else "#f"),
        "notify-level-display error",
        # Finish every frame before the next. Measured with Mesa's llvmpipe (no GPU): without
        # it an offscreen buffer grows memory by ~0.7 KB per draw call per frame, about 35 MB
        # per demo visit (bench/soak.py; a plain Panda3D scene of 50 still cards shows it).
        # The station's frames are simple; the cost of waiting is small on a GPU as well.
        "gl-finish #t",
    ]
    if quiet_devices:
        # Headless has no input devices; Linux logs an error for every missing /dev/input.
        lines.append("notify-level-device fatal")
    return "\n".join(lines) + "\n"
