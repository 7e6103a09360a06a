"""Settings of the XR display mode: one frozen object, built by the entry point.

What every display mode shares (mirror window size and title, sound) is the app's
``DisplaySettings``; this holds what only a headset needs. ``vr-station run --xr NAME=VALUE``
sets any field (``parse_overrides``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from typing import Any


@dataclass(frozen=True)
class XrSettings:
    """What only the XR mode needs: staff mirror, play space, eye image size, timeouts, reconnection."""

    app_name: str = "VR-Berufe-Station"
    """Shown by the runtime (its app list, the headset's dashboard)."""
    mirror: str = "auto"
    """Staff mirror: 'window' (needs a display), 'offscreen' (a buffer only, e.g. for
    screenshots) or 'auto' (a window where DISPLAY/WAYLAND_DISPLAY is set)."""
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
    reconnect_interval_s: float = 3.0
    """After the runtime went away: how often to look for it again (a restarted SteamVR or
    monado-service, a headset plugged in again)."""
    clear_color: tuple[float, float, float, float] = (0.05, 0.06, 0.08, 1.0)
    """Until the app sets its background colour (``ShowBase.setBackgroundColor``), which the
    eye images then follow."""

    def __post_init__(self) -> None:
        """Refuse values the XR mode cannot use; the ValueError names the setting."""
        if self.mirror not in ("auto", "window", "offscreen"):
            raise ValueError(f"mirror must be auto, window or offscreen, not {self.mirror!r}")
        if self.play_space not in ("stage", "local"):
            raise ValueError(f"play_space must be stage or local, not {self.play_space!r}")
        if not 0.1 <= self.resolution_scale <= 2.0:
            raise ValueError(f"resolution_scale must be within 0.1..2.0, not {self.resolution_scale}")
        if self.reconnect_interval_s <= 0:
            raise ValueError(f"reconnect_interval_s must be positive, not {self.reconnect_interval_s}")


_SCALARS = {"str": str, "float": float, "int": int}


def parse_overrides(overrides: Iterable[str], base: XrSettings | None = None) -> XrSettings:
    """``NAME=VALUE`` strings (e.g. ``play_space=local``) applied to ``base``.

    A ValueError names the setting that is unknown or malformed.
    """
    settings = base or XrSettings()
    kinds = {f.name: str(f.type) for f in fields(XrSettings)}
    changes: dict[str, Any] = {}
    for item in overrides:
        name, sep, raw = item.partition("=")
        name = name.strip().replace("-", "_")
        if not sep or name not in kinds:
            known = ", ".join(k for k, kind in kinds.items() if kind in _SCALARS)
            raise ValueError(f"--xr {item!r}: expected NAME=VALUE with NAME one of {known}")
        convert = _SCALARS.get(kinds[name])
        if convert is None:
            raise ValueError(f"--xr {name}: cannot be set from the command line")
        try:
            changes[name] = convert(raw.strip())
        except ValueError:
            raise ValueError(f"--xr {name}: {raw!r} is not a {kinds[name]}") from None
    return replace(settings, **changes)
