"""The station's controller actions and their suggested bindings per interaction profile.

The station needs few inputs, so visitors who never held a controller find them: the trigger
selects, the thumbstick (or touchpad) turns in steps and teleports, one button opens the menu,
and the grip (squeeze) carries a hands-on task's item to its place.
The runtime picks the profile of the controllers in hand and maps the others onto it.

Each profile is suggested on its own: a runtime rejects a whole suggestion when one path in it
is unknown to it (XR_ERROR_PATH_UNSUPPORTED), and that must cost one profile, not all.
Paths are from the OpenXR 1.0 spec, section 6.4 (interaction profiles), and
XR_BD_controller_interaction for Pico.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

HANDS = ("left", "right")


class ActionKind(Enum):
    """The OpenXR action type: a button, a thumbstick or touchpad axis pair, or a hand pose."""

    BOOLEAN = "boolean"
    VECTOR2 = "vector2"
    POSE = "pose"


@dataclass(frozen=True)
class ActionSpec:
    """One controller action the station reads, as created in the action set."""

    name: str
    """OpenXR action name (lower case, digits, '-', '_', '.')."""
    kind: ActionKind
    localized_name: str
    """Shown by the runtime's binding UI."""


ACTIONS = (
    ActionSpec("select", ActionKind.BOOLEAN, "Auswählen"),
    ActionSpec("thumbstick", ActionKind.VECTOR2, "Drehen und Teleportieren"),
    ActionSpec("menu", ActionKind.BOOLEAN, "Menü"),
    ActionSpec("aim", ActionKind.POSE, "Zeigen"),
    ActionSpec("grip", ActionKind.BOOLEAN, "Greifen"),
)


@dataclass(frozen=True)
class ProfileBindings:
    """The suggested bindings of one interaction profile (one controller family)."""

    profile: str
    """Interaction profile path."""
    bindings: tuple[tuple[str, str], ...]
    """(action name, full input path) pairs."""
    extension: str | None = None
    """Instance extension the profile needs; suggested only when the runtime offers it."""


def _both(action: str, component: str) -> tuple[tuple[str, str], ...]:
    return tuple((action, f"/user/hand/{hand}/input/{component}") for hand in HANDS)


def _per_hand(action: str, left: str, right: str) -> tuple[tuple[str, str], ...]:
    return ((action, f"/user/hand/left/input/{left}"), (action, f"/user/hand/right/input/{right}"))


PROFILES = (
    # The simple controller has no squeeze: its visitors sort by selecting item, then place.
    ProfileBindings("/interaction_profiles/khr/simple_controller", (
        *_both("select", "select/click"), *_both("menu", "menu/click"), *_both("aim", "aim/pose"))),
    # Touch: the right controller's menu position is the system button, reserved by the runtime.
    ProfileBindings("/interaction_profiles/oculus/touch_controller", (
        *_both("select", "trigger/value"), *_both("thumbstick", "thumbstick"),
        *_per_hand("menu", "menu/click", "b/click"), *_both("aim", "aim/pose"),
        *_both("grip", "squeeze/value"))),
    # Touch and Index report the squeeze only as a value: the runtime turns it into a press at
    # its own threshold (OpenXR 1.0, 11.4 "boolean actions bound to a float input").
    ProfileBindings("/interaction_profiles/valve/index_controller", (
        *_both("select", "trigger/click"), *_both("thumbstick", "thumbstick"),
        *_both("menu", "b/click"), *_both("aim", "aim/pose"), *_both("grip", "squeeze/value"))),
    ProfileBindings("/interaction_profiles/htc/vive_controller", (
        *_both("select", "trigger/click"), *_both("thumbstick", "trackpad"),
        *_both("menu", "menu/click"), *_both("aim", "aim/pose"), *_both("grip", "squeeze/click"))),
    ProfileBindings("/interaction_profiles/bytedance/pico4_controller", (
        *_both("select", "trigger/click"), *_both("thumbstick", "thumbstick"),
        *_per_hand("menu", "menu/click", "b/click"), *_both("aim", "aim/pose"),
        *_both("grip", "squeeze/click")),
        extension="XR_BD_controller_interaction"),
)


PROFILE_EXTENSIONS = tuple(p.extension for p in PROFILES if p.extension is not None)
"""Instance extensions to enable where offered, so their profiles can be suggested."""


def profiles_for(extensions: frozenset[str]) -> tuple[ProfileBindings, ...]:
    """The profiles to suggest given the enabled instance extensions."""
    return tuple(p for p in PROFILES if p.extension is None or p.extension in extensions)
