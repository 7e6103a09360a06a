"""The kiosk flow: every step a visitor goes through, as one explicit state machine.

    ATTRACT ─start─▶ LANGUAGE ─language─▶ QUICK_CHECK ─finished─▶ MENU ─intent─▶ OCCUPATION ─occupation─┐
       ▲               ▲ ▲ back                 │            back │ ▲ back              │                │
       │               │ └──────────────────────┘                 │ └───────────────────┘                │
       │               └──────────────────────────────────────────┘            explore ▼     interview ▼
       │                                                              TOUR ──interview──▶ INTERVIEW
       │                                                                │ finished          │ finished
       │                                                                ▼                   ▼
       │                                                            FEEDBACK ◀──finished── REPORT
       │                                                                │ finished
       │                                                                ▼
       └──────────finished────────── WIPE ◀──────────finished──────── THANKS

    The quick check (standing or seated, "can you hear me?") runs once per session: a visitor
    who goes back from the menu to change the language comes straight back to the menu.

    From every state but ATTRACT and WIPE: staff reset, an abandoned session (inactivity, a
    headset left off too long, a lost display) → WIPE. WIPE removes everything of the visitor
    and only then goes back to ATTRACT.

This module is pure logic: no Panda3D, no clock of its own. The station feeds it events and
the time (``now_s``, any monotonic seconds) and applies the transitions it returns.
Timers count *active* time only: while the flow is paused (staff key, headset taken off) no
time limit runs out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from vr_station.kiosk.timing import KioskTimings, StepLimits


class KioskState(StrEnum):
    """The kiosk steps a visitor goes through; the module docstring draws how they follow each other."""

    ATTRACT = "attract"
    """Nobody is here: an inviting loop; any input starts a session."""
    LANGUAGE = "language"
    QUICK_CHECK = "quick_check"
    """Standing or seated (eye height, recentre) and "can you hear me?": once per session."""
    MENU = "menu"
    """Explore occupations or practise an interview; seated or standing."""
    OCCUPATION = "occupation"
    TOUR = "tour"
    INTERVIEW = "interview"
    REPORT = "report"
    """The interview's feedback for the visitor; they may choose to keep it."""
    FEEDBACK = "feedback"
    """The visitor's own feedback on the station."""
    THANKS = "thanks"
    WIPE = "wipe"
    """Remove everything of this visitor, then return to ATTRACT."""


class Intent(StrEnum):
    """What the visitor came for: to explore an occupation or to practise an interview."""

    EXPLORE = "explore"
    INTERVIEW = "interview"


class EndReason(StrEnum):
    """Why a session went to WIPE."""

    COMPLETED = "completed"
    STAFF_RESET = "staff_reset"
    INACTIVE = "inactive"
    HEADSET_OFF = "headset_off"
    DISPLAY_LOST = "display_lost"


class PauseReason(StrEnum):
    """Why the flow is paused: a staff key, or the headset was taken off."""

    STAFF = "staff"
    HEADSET_OFF = "headset_off"


# Events --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Start:
    """The visitor touched something in the attract loop."""


@dataclass(frozen=True)
class ChooseLanguage:
    """The visitor chose the language ``code``."""

    code: str


@dataclass(frozen=True)
class ChooseIntent:
    """The visitor chose what to do in the menu."""

    intent: Intent


@dataclass(frozen=True)
class ChooseOccupation:
    """The visitor chose an occupation."""

    occupation_id: str


@dataclass(frozen=True)
class Finish:
    """The current step is done (tour ended, report read, feedback sent, data wiped…)."""


@dataclass(frozen=True)
class Back:
    """One step back in the menus."""


@dataclass(frozen=True)
class StaffReset:
    """Staff ended the session (F5): everything of the visitor is wiped."""

    pass


@dataclass(frozen=True)
class StaffSkip:
    """Jump to the next step as if the visitor had finished this one."""


@dataclass(frozen=True)
class StaffLanguage:
    """Staff switched the language to ``code`` (F8), at any step."""

    code: str


@dataclass(frozen=True)
class DisplayLost:
    """The headset runtime went away; nothing can be shown any more."""


KioskEvent = (Start | ChooseLanguage | ChooseIntent | ChooseOccupation | Finish | Back | StaffReset
              | StaffSkip | StaffLanguage | DisplayLost)


@dataclass(frozen=True)
class FlowContext:
    """What the visitor chose so far in this session."""

    session_number: int
    """Counts sessions since the station started; 0 while nobody is here."""
    language: str
    intent: Intent | None = None
    occupation_id: str | None = None
    checked: bool = False
    """The quick check is behind the visitor (done, skipped or timed out)."""
    end_reason: EndReason | None = None
    """Set on the way into WIPE."""


@dataclass(frozen=True)
class Transition:
    """One step of the flow, from ``old`` to ``new``, with the context after it."""

    old: KioskState
    new: KioskState
    context: FlowContext
    cause: str
    """A few words for the log: which event or timer caused it."""


_NEXT_AFTER_FINISH: Mapping[KioskState, KioskState] = {
    KioskState.QUICK_CHECK: KioskState.MENU,
    KioskState.TOUR: KioskState.FEEDBACK,
    KioskState.INTERVIEW: KioskState.REPORT,
    KioskState.REPORT: KioskState.FEEDBACK,
    KioskState.FEEDBACK: KioskState.THANKS,
    KioskState.THANKS: KioskState.WIPE,
    KioskState.WIPE: KioskState.ATTRACT,
}

_BACK: Mapping[KioskState, KioskState] = {
    KioskState.QUICK_CHECK: KioskState.LANGUAGE,
    KioskState.MENU: KioskState.LANGUAGE,
    KioskState.OCCUPATION: KioskState.MENU,
}

_IN_SESSION = frozenset(KioskState) - {KioskState.ATTRACT, KioskState.WIPE}


@dataclass
class _Timers:
    in_state_s: float = 0.0
    idle_s: float = 0.0
    paused_s: float = 0.0
    """How long the current headset-off pause has lasted."""
    wrap_up_at_s: float | None = None
    """Active time in this state when the time limit ran out and a wrap-up was asked for."""


@dataclass
class KioskFlow:
    """The state machine. ``handle`` and ``tick`` return the transition they caused, if any."""

    languages: Sequence[str]
    """Languages a visitor can choose, in menu order."""
    default_language: str
    occupations: Sequence[str]
    """Occupation ids, in menu order (staff skip takes the first)."""
    timings: KioskTimings = field(default_factory=KioskTimings)
    state: KioskState = KioskState.ATTRACT
    context: FlowContext = field(init=False)
    pauses: set[PauseReason] = field(default_factory=set)
    _timers: _Timers = field(default_factory=_Timers)
    _last_now_s: float | None = None
    _sessions: int = 0

    def __post_init__(self) -> None:
        """Refuse a default language the station does not offer; start with nobody here."""
        if self.default_language not in self.languages:
            raise ValueError(f"default language {self.default_language!r} is not offered "
                             f"({', '.join(self.languages)})")
        self.context = FlowContext(0, self.default_language)

    # Events ----------------------------------------------------------------------------------

    def handle(self, event: KioskEvent, now_s: float) -> Transition | None:
        """Apply a visitor, staff or system event. Events that make no sense here are ignored."""
        self._advance(now_s)
        if not isinstance(event, DisplayLost | StaffLanguage):
            self._timers.idle_s = 0.0
        state = self.state
        match event:
            case StaffReset() | DisplayLost() if state in _IN_SESSION:
                reason = EndReason.STAFF_RESET if isinstance(event, StaffReset) \
                    else EndReason.DISPLAY_LOST
                return self._wipe(reason, type(event).__name__)
            case StaffSkip():
                return self._skip()
            case StaffLanguage(code) if code in self.languages:
                self.context = replace(self.context, language=code)
                if state in (KioskState.ATTRACT, KioskState.LANGUAGE):
                    if state is KioskState.ATTRACT:
                        self._begin_session()
                    return self._go(self._after_language(), "staff chose a language")
                return None
            case Start() if state is KioskState.ATTRACT:
                self._begin_session()
                return self._go(KioskState.LANGUAGE, "visitor started")
            case ChooseLanguage(code) if state is KioskState.LANGUAGE and code in self.languages:
                self.context = replace(self.context, language=code)
                return self._go(self._after_language(), f"language {code}")
            case ChooseIntent(intent) if state is KioskState.MENU:
                self.context = replace(self.context, intent=intent)
                return self._go(KioskState.OCCUPATION, f"intent {intent}")
            case ChooseIntent(Intent.INTERVIEW) if state is KioskState.TOUR:
                self.context = replace(self.context, intent=Intent.INTERVIEW)
                return self._go(KioskState.INTERVIEW, "interview after the tour")
            case ChooseOccupation(occupation_id) if state is KioskState.OCCUPATION \
                    and occupation_id in self.occupations:
                self.context = replace(self.context, occupation_id=occupation_id)
                target = KioskState.INTERVIEW if self.context.intent is Intent.INTERVIEW \
                    else KioskState.TOUR
                return self._go(target, f"occupation {occupation_id}")
            case Back() if state in _BACK:
                return self._go(_BACK[state], "back")
            case Finish() if state in _NEXT_AFTER_FINISH:
                if state is KioskState.THANKS:
                    return self._wipe(EndReason.COMPLETED, "session complete")
                if state is KioskState.QUICK_CHECK:
                    self.context = replace(self.context, checked=True)
                return self._go(_NEXT_AFTER_FINISH[state], "finished")
        return None

    def touch(self, now_s: float) -> None:
        """The visitor did something (pressed, pointed, moved their head): not inactive."""
        self._advance(now_s)
        self._timers.idle_s = 0.0

    def pause(self, reason: PauseReason, now_s: float) -> None:
        """Pause the flow for ``reason``: no time limit runs out meanwhile."""
        self._advance(now_s)
        if reason not in self.pauses and reason is PauseReason.HEADSET_OFF:
            self._timers.paused_s = 0.0
        self.pauses.add(reason)

    def resume(self, reason: PauseReason, now_s: float) -> None:
        """End the pause for ``reason`` (others may remain); inactivity counts afresh."""
        self._advance(now_s)
        self.pauses.discard(reason)
        self._timers.idle_s = 0.0

    @property
    def paused(self) -> bool:
        """Whether any pause holds the flow."""
        return bool(self.pauses)

    # Time ------------------------------------------------------------------------------------

    def tick(self, now_s: float) -> Transition | None:
        """Let time pass; returns the transition a timer caused, if any."""
        self._advance(now_s)
        limits = self.limits
        if PauseReason.HEADSET_OFF in self.pauses and self.state in _IN_SESSION \
                and self._timers.paused_s >= self.timings.headset_off_abandon_s:
            return self._wipe(EndReason.HEADSET_OFF, "headset off too long")
        if self.paused:
            return None
        if limits.inactivity_s is not None and self._timers.idle_s >= limits.inactivity_s \
                and self.state in _IN_SESSION:
            return self._wipe(EndReason.INACTIVE, "nobody there")
        if limits.time_limit_s is not None and self._timers.in_state_s >= limits.time_limit_s:
            if self._timers.wrap_up_at_s is None:
                self._timers.wrap_up_at_s = self._timers.in_state_s
            if self._timers.in_state_s - self._timers.wrap_up_at_s >= limits.wrap_up_grace_s:
                return self.handle(Finish(), now_s) if self.state in _NEXT_AFTER_FINISH \
                    else self._wipe(EndReason.INACTIVE, "time limit")
        return None

    @property
    def limits(self) -> StepLimits:
        """The time and inactivity limits of the current step."""
        return self.timings.for_state(self.state)

    @property
    def wrap_up_requested(self) -> bool:
        """The step's time limit ran out: it should come to an end now (grace period running)."""
        return self._timers.wrap_up_at_s is not None

    def seconds_in_state(self) -> float:
        """Active (unpaused) seconds since this state was entered."""
        return self._timers.in_state_s

    def inactivity_warning_s(self) -> float | None:
        """Seconds left before an inactive session is ended, while the warning should show."""
        limits = self.limits
        if self.paused or self.state not in _IN_SESSION or limits.inactivity_s is None:
            return None
        left = limits.inactivity_s - self._timers.idle_s
        return left if left <= self.timings.inactivity_warning_s else None

    # Internals -------------------------------------------------------------------------------

    def _advance(self, now_s: float) -> None:
        if self._last_now_s is None:
            self._last_now_s = now_s
            return
        dt_s = max(0.0, now_s - self._last_now_s)
        self._last_now_s = now_s
        if PauseReason.HEADSET_OFF in self.pauses:
            self._timers.paused_s += dt_s
        if not self.paused:
            self._timers.in_state_s += dt_s
            self._timers.idle_s += dt_s

    def _begin_session(self) -> None:
        self._sessions += 1
        self.context = FlowContext(self._sessions, self.context.language)

    def _after_language(self) -> KioskState:
        return KioskState.MENU if self.context.checked else KioskState.QUICK_CHECK

    def _go(self, new: KioskState, cause: str) -> Transition:
        old = self.state
        self.state = new
        self._timers = _Timers()
        if new is KioskState.ATTRACT:
            self.pauses.discard(PauseReason.HEADSET_OFF)
            self.context = FlowContext(0, self.default_language)
        return Transition(old, new, self.context, cause)

    def _wipe(self, reason: EndReason, cause: str) -> Transition:
        self.context = replace(self.context, end_reason=reason)
        self.pauses.clear()
        return self._go(KioskState.WIPE, cause)

    def _skip(self) -> Transition | None:
        state, now = self.state, self._last_now_s or 0.0
        match state:
            case KioskState.ATTRACT:
                return self.handle(Start(), now)
            case KioskState.LANGUAGE:
                return self.handle(ChooseLanguage(self.context.language), now)
            case KioskState.MENU:
                return self.handle(ChooseIntent(self.context.intent or Intent.EXPLORE), now)
            case KioskState.OCCUPATION if self.occupations:
                return self.handle(ChooseOccupation(self.occupations[0]), now)
            case KioskState.WIPE:
                return None  # the wipe must complete; skipping it would keep visitor data
        return self.handle(Finish(), now)
