"""Settings of the XR display mode: one frozen object, built by the entry point."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class XrSettings:
    app_name: str = "VR-Berufe-Station"
    """Shown by the runtime (its app list, the headset's dashboard)."""
    mirror: str = "auto"
    """Staff mirror: 'window' (needs a display), 'offscreen' (a buffer only, e.g. for
    screenshots) or 'auto' (a window where DISPLAY/WAYLAND_DISPLAY is set)."""
    mirror_size_px: tuple[int, int] = (960, 540)
    play_space: str = "stage"
    """'stage': the runtime's floor-level STAGE space where it has one (else LOCAL, lowered);
    'local': always LOCAL lowered by ``fallback_eye_height_m`` (for a station whose STAGE is not
    set up in the runtime)."""
    fallback_eye_height_m: float = 1.6
    """Eye height above the floor assumed when the play space is LOCAL (which starts at the
    head)."""
    resolution_scale: float = 1.0
    """Eye image size as a fraction of the runtime's recommendation (lower is faster)."""
    near_m: float = 0.05
    far_m: float = 300.0
    exit_timeout_s: float = 3.0
    """How long close() lets the runtime take the session through STOPPING to EXITING."""
    idle_frame_s: float = 1 / 30
    """Loop period while no session runs (no xrWaitFrame paces the loop then)."""
    clear_color: tuple[float, float, float, float] = (0.05, 0.06, 0.08, 1.0)

    def __post_init__(self) -> None:
        if self.mirror not in ("auto", "window", "offscreen"):
            raise ValueError(f"mirror must be auto, window or offscreen, not {self.mirror!r}")
        if self.play_space not in ("stage", "local"):
            raise ValueError(f"play_space must be stage or local, not {self.play_space!r}")
        if not 0.1 <= self.resolution_scale <= 2.0:
            raise ValueError(f"resolution_scale must be within 0.1..2.0, not {self.resolution_scale}")
