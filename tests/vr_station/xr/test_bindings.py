"""Controller bindings: every supported controller can select, point and open the menu."""

from __future__ import annotations

import re

from vr_station.xr.bindings import ACTIONS, HANDS, PROFILE_EXTENSIONS, PROFILES, profiles_for

PATH = re.compile(r"^/user/hand/(left|right)/input/[a-z_]+(/(click|value|pose|touch))?$")


def test_action_names_follow_the_openxr_rules() -> None:
    for action in ACTIONS:
        assert re.fullmatch(r"[a-z0-9_.-]+", action.name), action.name
        assert action.localized_name


def test_every_profile_binds_select_aim_and_menu_for_both_hands() -> None:
    assert {p.profile.rsplit("/", 2)[-2] for p in PROFILES} == {"khr", "oculus", "valve", "htc", "bytedance"}
    for profile in PROFILES:
        for action in ("select", "aim", "menu"):
            hands = {path.split("/")[3] for name, path in profile.bindings if name == action}
            assert hands == set(HANDS), f"{profile.profile}: {action} on {hands}"
        for name, path in profile.bindings:
            assert name in {a.name for a in ACTIONS}
            assert PATH.match(path), f"{profile.profile}: {path}"


def test_turning_needs_a_stick_or_pad_except_on_the_simple_controller() -> None:
    for profile in PROFILES:
        has_stick = any(name == "thumbstick" for name, _ in profile.bindings)
        assert has_stick == (not profile.profile.endswith("khr/simple_controller")), profile.profile


def test_every_controller_with_a_squeeze_binds_the_grip_on_both_hands() -> None:
    """The grip carries a task's item; only the simple controller has no squeeze to bind."""
    for profile in PROFILES:
        grips = {path for name, path in profile.bindings if name == "grip"}
        if profile.profile.endswith("khr/simple_controller"):
            assert grips == set(), profile.profile
            continue
        assert {path.split("/")[3] for path in grips} == set(HANDS), profile.profile
        assert all(path.split("/")[-2] == "squeeze" for path in grips), profile.profile


def test_no_system_button_is_bound() -> None:
    """The system button belongs to the runtime (its menu); binding it is refused."""
    assert not any("/system/" in path for p in PROFILES for _, path in p.bindings)


def test_pico_only_with_its_extension() -> None:
    assert "XR_BD_controller_interaction" in PROFILE_EXTENSIONS
    without = {p.profile for p in profiles_for(frozenset())}
    with_ext = {p.profile for p in profiles_for(frozenset({"XR_BD_controller_interaction"}))}
    assert "/interaction_profiles/bytedance/pico4_controller" not in without
    assert with_ext - without == {"/interaction_profiles/bytedance/pico4_controller"}
