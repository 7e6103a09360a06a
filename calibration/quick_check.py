"""The visitor's quick check at session start: height, then "can you hear me?".

Pure logic. The app shows ``screen`` (text keys into content/ui/LANG.yaml, so every word the
visitor reads is content), speaks its sentence whenever ``screen.plays`` goes up, feeds head
poses while the height page shows, and reports the buttons and the passing of time. Nothing
here draws, plays or waits.

States, one at a time:
    HEIGHT   The live reading shows the visitor's eye height and whether they stand or sit
             ("Stehen Sie bequem?"). They may switch standing/seated by hand and recentre;
             one button confirms. Seated visitors are lifted to standing eye height in the
             workplaces (``seated_lift_m``).
    HEARING  A test sentence is spoken at the session's volume. "Yes" → DONE (heard).
             "No – louder", or no answer within ``HEARING_TIMEOUT_S`` after the sentence
             ended, speaks it again ``LOUDER_STEP_DB`` louder, never above the profile's
             ``max_volume_percent``. "No" at that limit, or ``MAX_UNANSWERED_PLAYS`` without
             any answer, → DONE (not heard).
    DONE     ``result`` holds posture, eye height, lift and the confirmed volume. Not heard:
             everything spoken is still captioned, and the visitor is told staff can help.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from enum import StrEnum
from statistics import median

from calibration.body import Pose, Posture
from calibration.headset import SEATED_BELOW_EYE_HEIGHT_M, seated_lift_m
from calibration.profile import StationProfile

HEIGHT_WINDOW_S = 0.5
"""Head poses from this long before now decide the eye height (the median shrugs off a frame
of lost tracking; stillness is not demanded of visitors)."""
POSTURE_HYSTERESIS_M = 0.04
"""A visitor near the standing/seated boundary must move this far past it before the reading
flips, so the title does not flicker while they shift their weight."""
HEARING_TIMEOUT_S = 8.0
"""No answer this long after the sentence ended: say it again, louder."""
MAX_UNANSWERED_PLAYS = 3
LOUDER_STEP_DB = 6.0
"""Twice the amplitude per step: clearly louder (a few dB would hardly be noticed)."""
TYPICAL_SEATED_EYE_HEIGHT_M = 1.2
"""Used when the station is set to seated and no head pose came in (DIN 33402-2: seated eye
height ~0.78 m above a ~0.45 m seat)."""


class QuickCheckStep(StrEnum):
    """The quick check's states, in order (the module docstring describes each)."""

    HEIGHT = "height"
    HEARING = "hearing"
    DONE = "done"


@dataclass(frozen=True)
class HeightReading:
    """The live reading on the height page: eye height, posture and the lift it gets."""

    eye_height_m: float | None
    """Above the floor (tracked height + floor offset), median of the last poses; None
    without tracking (desktop, headless) or before the first pose."""
    posture: Posture
    chosen_by_visitor: bool
    """The visitor switched standing/seated by hand: the reading no longer decides it."""
    seated_lift_m: float
    """How far the workplaces lift this visitor (0 when standing)."""


@dataclass(frozen=True)
class QuickCheckScreen:
    """What the app shows now. Every str is a key of content/ui/LANG.yaml."""

    step: QuickCheckStep
    title: str
    text: str
    confirm: str | None
    """The one button that says "yes, fine"; None when there is nothing to confirm."""
    decline: str | None = None
    """The second button ("No – louder" / "No"); None where there is none."""
    say: str | None = None
    """The sentence to speak on this screen."""
    plays: int = 0
    """How often ``say`` was asked for so far: speak again whenever this goes up."""
    volume_percent: float = 80.0
    """Speak at this volume."""


@dataclass(frozen=True)
class QuickCheckResult:
    """What the quick check settled for this session."""

    posture: Posture
    eye_height_m: float | None
    """Above the floor; None when no head pose came in (desktop mode, tracking lost)."""
    seated_lift_m: float
    heard: bool | None
    """None: the check ended (time limit, staff) before hearing was asked."""
    volume_percent: float
    """The volume the visitor confirmed (or the last one tried) for this session."""

    @property
    def needs_staff(self) -> bool:
        """The visitor could not confirm hearing: subtitles only, staff may want to help."""
        return self.heard is False


class VisitorQuickCheck:
    """One visitor's quick check, from HEIGHT to DONE, driven by the app's calls.

    ``volume_percent`` and ``posture``: where this session stands now (the station's volume
    and default posture when None), e.g. after staff switched to seated.
    """

    def __init__(self, profile: StationProfile, *, volume_percent: float | None = None,
                 posture: Posture | None = None) -> None:
        self._headset = profile.headset
        self._max_volume = profile.speaker.max_volume_percent
        start = profile.speaker.volume_percent if volume_percent is None else volume_percent
        self._volume = min(start, self._max_volume)
        self._poses: deque[tuple[float, float]] = deque()
        """(time, tracked head height) within the window."""
        self._posture = posture or Posture(self._headset.default_posture)
        self._chosen = False
        self.step = QuickCheckStep.HEIGHT
        self._plays = 0
        self._unanswered = 0
        self._louder = False
        self._ended_s: float | None = None
        """When the sentence ended (the answer timer runs from there); None while speaking."""
        self.result: QuickCheckResult | None = None

    # What the app shows ----------------------------------------------------------------------

    @property
    def reading(self) -> HeightReading:
        """The visitor's eye height and posture now."""
        eye = self._eye_height_m()
        posture = self._posture
        lift = seated_lift_m(eye if eye is not None else TYPICAL_SEATED_EYE_HEIGHT_M,
                             self._headset.standing_eye_height_m) \
            if posture is Posture.SEATED else 0.0
        return HeightReading(eye, posture, self._chosen, lift)

    @property
    def screen(self) -> QuickCheckScreen:
        """What the app shows for the current step."""
        if self.step is QuickCheckStep.HEIGHT:
            seated = self._posture is Posture.SEATED
            return QuickCheckScreen(
                self.step, "quick_check_seated_title" if seated else "quick_check_standing_title",
                "quick_check_seated_text" if seated else "quick_check_standing_text",
                "quick_check_confirm_height", volume_percent=self._volume)
        if self.step is QuickCheckStep.HEARING:
            at_limit = self._volume >= self._max_volume
            text = "quick_check_hearing_text"
            if self._louder:
                text = "quick_check_hearing_limit_text" if at_limit else "quick_check_hearing_louder_text"
            return QuickCheckScreen(
                self.step, "quick_check_hearing_title", text, "quick_check_yes",
                "quick_check_no" if at_limit else "quick_check_louder", say="quick_check_say",
                plays=self._plays, volume_percent=self._volume)
        heard = self.result is not None and self.result.heard is not False
        return QuickCheckScreen(
            self.step, "quick_check_done_title" if heard else "quick_check_unheard_title",
            "quick_check_done_text" if heard else "quick_check_unheard_text",
            None if heard else "quick_check_continue", volume_percent=self._volume)

    # What the visitor and the headset do -----------------------------------------------------

    def head_pose(self, pose: Pose, now_s: float) -> None:
        """Every frame while the height page shows (rig space: tracked height)."""
        if self.step is not QuickCheckStep.HEIGHT:
            return
        self._poses.append((now_s, pose.position[2]))
        while self._poses and self._poses[0][0] < now_s - HEIGHT_WINDOW_S:
            self._poses.popleft()
        eye = self._eye_height_m()
        if eye is None or self._chosen:
            return
        if self._posture is Posture.STANDING and eye < SEATED_BELOW_EYE_HEIGHT_M - POSTURE_HYSTERESIS_M:
            self._posture = Posture.SEATED
        elif self._posture is Posture.SEATED and eye > SEATED_BELOW_EYE_HEIGHT_M + POSTURE_HYSTERESIS_M:
            self._posture = Posture.STANDING

    def choose_posture(self, posture: Posture) -> None:
        """The visitor switched standing/seated by hand; it sticks for this check."""
        if self.step is QuickCheckStep.HEIGHT:
            self._posture = posture
            self._chosen = True

    def confirm(self, now_s: float) -> None:
        """The one button: "fits" on the height page, "yes, I hear you" on the hearing page."""
        if self.step is QuickCheckStep.HEIGHT:
            self.step = QuickCheckStep.HEARING
            self._speak()
        elif self.step is QuickCheckStep.HEARING:
            self._finish(heard=True)

    def decline(self, now_s: float) -> None:
        """The second button: "No – louder" says it again, louder; at the limit "No" ends it unheard."""
        if self.step is not QuickCheckStep.HEARING:
            return
        if self._volume >= self._max_volume:
            self._finish(heard=False)
            return
        self._unanswered = 0
        self._raise_volume()
        self._speak()

    def speech_ended(self, now_s: float) -> None:
        """The sentence finished playing (or its captions' reading time ran out)."""
        if self.step is QuickCheckStep.HEARING:
            self._ended_s = now_s

    def tick(self, now_s: float) -> None:
        """Call every frame; a silence after the sentence repeats it louder, then gives up."""
        if self.step is not QuickCheckStep.HEARING or self._ended_s is None \
                or now_s - self._ended_s < HEARING_TIMEOUT_S:
            return
        self._unanswered += 1
        if self._unanswered >= MAX_UNANSWERED_PLAYS:
            self._finish(heard=False)
            return
        self._raise_volume()
        self._speak()

    def finish_now(self) -> QuickCheckResult:
        """The step's time ran out (or staff skipped it): keep what is known so far."""
        if self.result is None:
            self._finish(heard=None)
        assert self.result is not None
        return self.result

    # Internals -------------------------------------------------------------------------------

    def _eye_height_m(self) -> float | None:
        if not self._poses:
            return None
        return round(median(z for _, z in self._poses) + self._headset.floor_offset_m, 3)

    def _raise_volume(self) -> None:
        self._volume = min(self._max_volume, round(self._volume * 10 ** (LOUDER_STEP_DB / 20), 1))
        self._louder = True

    def _speak(self) -> None:
        self._plays += 1
        self._ended_s = None

    def _finish(self, *, heard: bool | None) -> None:
        reading = self.reading
        self.step = QuickCheckStep.DONE
        self.result = QuickCheckResult(reading.posture, reading.eye_height_m,
                                       reading.seated_lift_m, heard, self._volume)
