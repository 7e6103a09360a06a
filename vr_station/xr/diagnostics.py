"""What the XR mode reports about itself for staff diagnostics and tests (pure data)."""

from __future__ import annotations

from dataclasses import dataclass, field

from vr_station.xr.views import EyeView


@dataclass(frozen=True)
class XrRuntimeInfo:
    """Which runtime, headset and graphics the XR mode runs on, for staff diagnostics."""

    runtime: str
    system: str
    graphics: str
    """'egl' or 'glx', and the GL renderer."""
    play_space: str
    """'stage' or 'local'."""
    swapchain_format: int
    """GL internal format of the eye images (0x8C43 = SRGB8_ALPHA8)."""
    eye_size_px: tuple[int, int]
    mirror: str
    """'window' or 'offscreen'."""
    profiles_suggested: tuple[str, ...]
    hand_tracking: bool = False
    """The headset tracks hands (XR_EXT_hand_tracking): a pinch chooses."""
    refresh_rates_hz: tuple[float, ...] = ()
    """What the display offers (XR_FB_display_refresh_rate; empty where the runtime does not say)."""
    refresh_rate_hz: float | None = None
    """The rate asked for at session start (None: the runtime's own)."""


@dataclass
class XrFrameStats:
    """Counts of what the frame loop did since the station started, for diagnostics and tests."""

    frames_waited: int = 0
    """xrWaitFrame calls that returned."""
    frames_rendered: int = 0
    """Frames whose eye images were drawn and copied into the swapchains."""
    frames_submitted: int = 0
    """xrEndFrame calls (with or without a layer)."""
    predicted_period_ns: int = 0
    head_poses: int = 0
    """Frames in which the head was located."""
    reconnects: int = 0
    """Times the runtime came back after it went away (a new instance and session)."""
    copy_errors: list[str] = field(default_factory=list)
    refresh_rate_hz: float | None = None
    """The refresh rate asked for last (XR_FB_display_refresh_rate)."""
    refresh_rate_changes: int = 0
    """Requests after the session's first, as the measured frame time allowed more or less."""


@dataclass(frozen=True)
class EyeCapture:
    """One eye's swapchain image as the runtime received it."""

    eye: int
    """0 = left, 1 = right."""
    width: int
    height: int
    rgba: bytes
    """Top row first, 4 bytes per pixel, as stored in the swapchain image."""
    view: EyeView
    """The eye's pose (in rig coordinates) and field of view used for this image."""
    swapchain_format: int
