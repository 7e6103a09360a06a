"""The visitor's quick check at session start: height, then "can you hear me?", one button.

The app shows each ``QuickCheckScreen`` (title, text, one button), speaks ``say`` when a screen
carries it, feeds head poses while the height screen is up, and reports button presses and
the passing of time. Nothing here draws, plays or waits.

States, one at a time:
    HEIGHT   visitor stands or sits as they want to, looks ahead, presses the button;
             the head height decides standing or seated (seated: the world is lifted).
    HEARING  a sentence is spoken; the button means "I hear you". No press within
             ``HEARING_TIMEOUT_S``: the sentence is repeated louder, up to ``MAX_PLAYS`` times.
    DONE     result available; if the visitor never pressed, texts stay on screen and staff
             are asked for.

NOTE for the lead: the texts live here until the app has a UI text catalogue in content/.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from enum import StrEnum
from statistics import median

from calibration.headset import posture_for_eye_height, seated_lift_m
from calibration.profile import StationProfile
from vr_station.display.base import Pose

HEIGHT_WINDOW_S = 0.5
"""Head poses from this long before the press decide the height."""
HEARING_TIMEOUT_S = 8.0
MAX_PLAYS = 3
VOLUME_STEP_PERCENT = 15.0
TYPICAL_SEATED_EYE_HEIGHT_M = 1.2
"""Used when the station is set to seated and no head pose came in (DIN 33402-2: seated eye
height ~0.78 m above a ~0.45 m seat)."""

TEXTS: dict[str, dict[str, str]] = {
    "de": {
        "height_title": "Kurzer Check",
        "height_text": "Stehen oder sitzen Sie bitte so, wie Sie die Tour erleben möchten, und "
                       "schauen Sie geradeaus. Drücken Sie dann die Taste.",
        "height_button": "Weiter",
        "hearing_title": "Können Sie mich hören?",
        "hearing_text": "Wenn Sie mich gut hören, drücken Sie bitte die Taste.",
        "hearing_louder_text": "Ich spreche jetzt etwas lauter. Wenn Sie mich gut hören, "
                               "drücken Sie bitte die Taste.",
        "hearing_say": "Hallo! Können Sie mich gut hören? Dann drücken Sie bitte die Taste.",
        "hearing_button": "Ich höre Sie gut",
        "done_title": "Alles bereit",
        "done_text": "Vielen Dank! Es kann losgehen.",
        "done_unheard_title": "Alle Texte zum Mitlesen",
        "done_unheard_text": "Sie sehen alles Gesprochene auch als Text. Wenn Sie Hilfe möchten, "
                             "nehmen Sie bitte die VR-Brille ab und sprechen Sie unser Personal an.",
    },
    "en": {
        "height_title": "Quick check",
        "height_text": "Please stand or sit the way you would like to take the tour, and look "
                       "straight ahead. Then press the button.",
        "height_button": "Continue",
        "hearing_title": "Can you hear me?",
        "hearing_text": "If you can hear me well, please press the button.",
        "hearing_louder_text": "I am speaking a little louder now. If you can hear me well, "
                               "please press the button.",
        "hearing_say": "Hello! Can you hear me well? Then please press the button.",
        "hearing_button": "I can hear you",
        "done_title": "All set",
        "done_text": "Thank you! Let's begin.",
        "done_unheard_title": "All texts on screen",
        "done_unheard_text": "Everything that is said is also shown as text. If you would like "
                             "help, please take off the headset and ask our staff.",
    },
}
FALLBACK_LANGUAGE = "en"


class QuickCheckStep(StrEnum):
    HEIGHT = "height"
    HEARING = "hearing"
    DONE = "done"


@dataclass(frozen=True)
class QuickCheckScreen:
    step: QuickCheckStep
    title: str
    text: str
    button: str | None
    """The one button's label; None when there is nothing to press."""
    say: str | None = None
    """Speak this now (a new screen with ``say`` means: speak it again)."""
    volume_percent: float = 80.0
    """The volume to speak at."""


@dataclass(frozen=True)
class QuickCheckResult:
    posture: str
    """standing or seated."""
    eye_height_m: float | None
    """Above the floor; None when no head pose came in (desktop mode, tracking lost)."""
    seated_lift_m: float
    """How far the app raises the rig for this visitor."""
    heard: bool
    volume_percent: float
    """The volume the visitor confirmed (or the last one tried) for this session."""
    needs_staff: bool
    """The visitor never confirmed hearing: show subtitles, let staff know."""


class VisitorQuickCheck:
    def __init__(self, profile: StationProfile, language: str):
        self._profile = profile
        self._texts = TEXTS.get(language, TEXTS[FALLBACK_LANGUAGE])
        self._poses: deque[tuple[float, Pose]] = deque()
        self.step = QuickCheckStep.HEIGHT
        self._volume = profile.speaker.volume_percent
        self._plays = 0
        self._screen_since_s = 0.0
        self._posture = profile.headset.default_posture
        self._eye_height: float | None = None
        self._lift = 0.0
        self.result: QuickCheckResult | None = None

    def start(self, now_s: float) -> QuickCheckScreen:
        self._screen_since_s = now_s
        return QuickCheckScreen(QuickCheckStep.HEIGHT, self._texts["height_title"],
                                self._texts["height_text"], self._texts["height_button"],
                                volume_percent=self._volume)

    def head_pose(self, pose: Pose, now_s: float) -> None:
        """Every frame while the height screen shows; older poses are dropped."""
        if self.step is not QuickCheckStep.HEIGHT:
            return
        self._poses.append((now_s, pose))
        while self._poses and self._poses[0][0] < now_s - HEIGHT_WINDOW_S:
            self._poses.popleft()

    def press(self, now_s: float) -> QuickCheckScreen | None:
        """The button. Returns the next screen, or None when a press means nothing now."""
        if self.step is QuickCheckStep.HEIGHT:
            self._decide_height(now_s)
            self.step = QuickCheckStep.HEARING
            return self._hearing_screen(now_s, louder=False)
        if self.step is QuickCheckStep.HEARING:
            return self._finish(heard=True)
        return None

    def tick(self, now_s: float) -> QuickCheckScreen | None:
        """Call every frame (or second); returns a new screen when time changed something."""
        if self.step is not QuickCheckStep.HEARING or now_s - self._screen_since_s < HEARING_TIMEOUT_S:
            return None
        if self._plays >= MAX_PLAYS:
            return self._finish(heard=False)
        self._volume = min(100.0, self._volume + VOLUME_STEP_PERCENT)
        return self._hearing_screen(now_s, louder=True)

    def _decide_height(self, now_s: float) -> None:
        recent = [pose for at, pose in self._poses if at >= now_s - HEIGHT_WINDOW_S]
        headset = self._profile.headset
        if recent:
            # The median shrugs off a frame of lost tracking; stillness is not demanded of visitors.
            self._eye_height = median(p.position[2] for p in recent) + headset.floor_offset_m
            self._posture = posture_for_eye_height(self._eye_height)
            eye_height = self._eye_height
        else:
            self._posture = headset.default_posture
            eye_height = TYPICAL_SEATED_EYE_HEIGHT_M
        self._lift = (seated_lift_m(eye_height, headset.standing_eye_height_m)
                      if self._posture == "seated" else 0.0)

    def _hearing_screen(self, now_s: float, *, louder: bool) -> QuickCheckScreen:
        self._plays += 1
        self._screen_since_s = now_s
        return QuickCheckScreen(QuickCheckStep.HEARING, self._texts["hearing_title"],
                                self._texts["hearing_louder_text" if louder else "hearing_text"],
                                self._texts["hearing_button"], say=self._texts["hearing_say"],
                                volume_percent=self._volume)

    def _finish(self, *, heard: bool) -> QuickCheckScreen:
        self.step = QuickCheckStep.DONE
        self.result = QuickCheckResult(self._posture, self._eye_height, self._lift, heard,
                                       self._volume, needs_staff=not heard)
        title, text = ("done_title", "done_text") if heard else ("done_unheard_title", "done_unheard_text")
        return QuickCheckScreen(QuickCheckStep.DONE, self._texts[title], self._texts[text], None,
                                volume_percent=self._volume)
