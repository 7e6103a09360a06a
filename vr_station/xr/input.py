"""Controller input through the OpenXR action system, read once per frame after xrSyncActions.

One action set, with bindings suggested for each common controller.
"""

from __future__ import annotations

import logging
from types import TracebackType
from typing import Any

import xr

from vr_station.display.base import ControllerInput
from vr_station.xr.bindings import ACTIONS, HANDS, ActionKind, profiles_for
from vr_station.xr.errors import XrError, xr_call
from vr_station.xr.instance import XrInstance
from vr_station.xr.session import XrSession

log = logging.getLogger(__name__)

_ACTION_TYPES = {
    ActionKind.BOOLEAN: xr.ActionType.BOOLEAN_INPUT,
    ActionKind.VECTOR2: xr.ActionType.VECTOR2F_INPUT,
    ActionKind.POSE: xr.ActionType.POSE_INPUT,
}


class ControllerActions:
    """Actions for both hands; suggest bindings at creation, attach to one session."""

    def __init__(self, instance: XrInstance) -> None:
        self._instance = instance
        self.action_set: Any = None
        self.actions: dict[str, Any] = {}
        self.hand_paths = {hand: instance.path(f"/user/hand/{hand}") for hand in HANDS}
        self.suggested: tuple[str, ...] = ()
        """Profiles the runtime accepted suggestions for."""
        self.profiles: dict[str, str] = {hand: "" for hand in HANDS}
        """Interaction profile in use per hand ('' while none)."""
        self._aim_spaces: dict[str, Any] = {}
        self._session: XrSession | None = None

    def __enter__(self) -> ControllerActions:
        """Create the action set and actions and suggest each profile's bindings; returns self."""
        with xr_call("xrCreateActionSet"):
            self.action_set = xr.create_action_set(self._instance.handle, xr.ActionSetCreateInfo(
                action_set_name="station", localized_action_set_name="Station", priority=0))
        subaction_paths = [self.hand_paths[hand] for hand in HANDS]
        for spec in ACTIONS:
            with xr_call(f"xrCreateAction({spec.name})"):
                self.actions[spec.name] = xr.create_action(self.action_set, xr.ActionCreateInfo(
                    action_name=spec.name, action_type=_ACTION_TYPES[spec.kind],
                    subaction_paths=subaction_paths, localized_action_name=spec.localized_name))
        self.suggested = tuple(self._suggest())
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        """Forget the session and destroy the action set (a dead runtime only costs a warning)."""
        self.detach()
        if self.action_set is not None:
            handle, self.action_set = self.action_set, None
            try:
                xr.destroy_action_set(handle)
            except Exception as error:
                log.warning("xrDestroyActionSet failed during teardown: %s", error)

    def _suggest(self) -> list[str]:
        accepted = []
        for profile in profiles_for(self._instance.extensions):
            try:
                bindings = [xr.ActionSuggestedBinding(self.actions[action], self._instance.path(path))
                            for action, path in profile.bindings]
                with xr_call(f"xrSuggestInteractionProfileBindings({profile.profile})"):
                    xr.suggest_interaction_profile_bindings(
                        self._instance.handle, xr.InteractionProfileSuggestedBinding(
                            interaction_profile=self._instance.path(profile.profile),
                            suggested_bindings=bindings))
                accepted.append(profile.profile)
            except XrError as exc:
                # One profile the runtime does not know must not cost the others.
                log.warning("controller profile not used: %s", exc)
        log.info("controller bindings suggested for %d profiles", len(accepted))
        return accepted

    def attach(self, session: XrSession) -> None:
        """Attach the actions to ``session`` and create an aim space per hand; once per session."""
        with xr_call("xrAttachSessionActionSets"):
            xr.attach_session_action_sets(session.handle, xr.SessionActionSetsAttachInfo(
                action_sets=[self.action_set]))
        for hand in HANDS:
            with xr_call(f"xrCreateActionSpace(aim {hand})"):
                self._aim_spaces[hand] = xr.create_action_space(session.handle, xr.ActionSpaceCreateInfo(
                    action=self.actions["aim"], subaction_path=self.hand_paths[hand],
                    pose_in_action_space=xr.Posef()))
        self._session = session

    def detach(self) -> None:
        """Forget the session (its action spaces go with it)."""
        for space in self._aim_spaces.values():
            try:
                xr.destroy_space(space)
            except Exception as error:
                log.warning("xrDestroySpace(aim) failed during teardown: %s", error)
        self._aim_spaces.clear()
        self._session = None
        self.profiles = {hand: "" for hand in HANDS}

    def refresh_profiles(self) -> dict[str, str]:
        """Ask which profile each hand uses (after INTERACTION_PROFILE_CHANGED)."""
        if self._session is None:
            return self.profiles
        for hand in HANDS:
            with xr_call("xrGetCurrentInteractionProfile"):
                state = xr.get_current_interaction_profile(self._session.handle, self.hand_paths[hand])
            self.profiles[hand] = self._instance.path_text(int(state.interaction_profile))
        log.info("controllers: left %s, right %s", self.profiles["left"] or "none",
                 self.profiles["right"] or "none")
        return dict(self.profiles)

    def read(self, display_time_ns: int) -> tuple[ControllerInput, ...]:
        """Sync and read all actions. Only call while the session is FOCUSED."""
        session = self._session
        if session is None:
            return ()
        try:
            with xr_call("xrSyncActions"):
                xr.sync_actions(session.handle, xr.ActionsSyncInfo(
                    active_action_sets=[xr.ActiveActionSet(self.action_set, xr.NULL_PATH)]))
        except XrError as exc:
            # XR_SESSION_NOT_FOCUSED is a success code: no input this frame.
            if isinstance(exc.__cause__, xr.SessionNotFocused):
                return ()
            raise
        hands = []
        for hand in HANDS:
            path = self.hand_paths[hand]
            aim_active = self._get(xr.get_action_state_pose, "aim", path).is_active
            select = self._get(xr.get_action_state_boolean, "select", path)
            menu = self._get(xr.get_action_state_boolean, "menu", path)
            stick = self._get(xr.get_action_state_vector2f, "thumbstick", path)
            grip = self._get(xr.get_action_state_boolean, "grip", path)
            if not (aim_active or select.is_active or menu.is_active or stick.is_active):
                continue
            aim = session.locate(self._aim_spaces[hand], display_time_ns) if aim_active else None
            hands.append(ControllerInput(
                hand=hand, aim=aim,
                select=bool(select.is_active and select.current_state),
                thumbstick=(float(stick.current_state.x), float(stick.current_state.y))
                if stick.is_active else (0.0, 0.0),
                menu=bool(menu.is_active and menu.current_state),
                grip=bool(grip.is_active and grip.current_state)))
        return tuple(hands)

    def _get(self, getter: Any, action: str, subaction_path: int) -> Any:
        assert self._session is not None
        with xr_call(f"xrGetActionState({action})"):
            return getter(self._session.handle, xr.ActionStateGetInfo(
                action=self.actions[action], subaction_path=subaction_path))
