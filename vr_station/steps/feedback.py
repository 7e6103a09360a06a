"""The visitor's feedback on the station: a smiley, quick chips, an optional comment.

Three short pages instead of one crowded panel: choosing a smiley leads to the chips (what
worked, what did not); a comment can be typed on the on-screen keyboard (or the station's
keyboard) or spoken. Everything is optional; "Send" and "Skip" both end the step.

A spoken comment goes through the interview's speech in: the station's recognizer for the
visitor's language (``EngineInterviews.recognizer_for``, kept loaded between visitors), its
microphone and the profile's end-of-speech silence (``speech.dictation``).
It is offered only where that language has a recognizer: never one of another language.
Recognition runs on a thread of its own, the microphone opens on a job lane; the render thread
only polls. What was heard goes into the comment entry, for the visitor to check on the
keyboard before sending. No audio is kept.

The microphone is the station's one watched microphone (``EngineInterviews.watched_microphone``;
``speech.microphone_watch``), as in the interview. When it goes away while the visitor speaks,
what was heard so far goes into the comment and the keyboard is offered, with a notice; while
it is away, the step looks for it again on the watch's backoff in station time
(``CommentMicrophone``), and "speak" tries it at once: still away, the keyboard comes with the
notice; back, the visitor is heard (and a notice says it is back).
"""

from __future__ import annotations

import logging
from enum import Enum, auto

from catalog.model import FeedbackChip, pick
from speech.dictation import Dictation
from speech.microphone_watch import ReopenBackoff, ReopenSchedule
from vr_station.interview.engine import EngineInterviews
from vr_station.kiosk.flow import Finish, KioskState
from vr_station.steps.base import Step
from vr_station.ui.layout import Arrangement, pages
from vr_station.ui.panel import ButtonKind, ButtonSpec, Panel
from vr_station.ui.smileys import smiley
from vr_station.ui.text_input import TextInput

log = logging.getLogger(__name__)

CHIPS_PER_ROW = 2
KEY_WIDTH_M = 0.072
"""3.6° at the keyboard zone's 1.15 m: five rows of keys fit its 26°."""
MICROPHONE_LANE = "microphone"
"""Job lane that opens the microphone (a sound device can take a moment to open)."""
COMMENT_LINES = 4
"""Lines the comment takes on its panel beside the face; a longer one shows its last words
(the whole comment is kept and sent)."""
PAGE_BUTTON_M = 0.28
"""Wide enough for "2/2  ↺" on one line in every script (0.24 m broke it in Arabic)."""
LIVE_CHARS = 110
"""The live words show the end of what was heard: two lines on the listening panel."""


class MicrophoneChange(Enum):
    """What the watch's latest status means for the spoken comment."""

    NONE = auto()
    WENT_AWAY = auto()
    CAME_BACK = auto()


class CommentMicrophone:
    """Whether the microphone is away, and when to look for it again.

    Pure logic: the watch's status and station times in, decisions out. A dictation's own
    source reopens the device while it is open; between dictations nothing holds the
    microphone, so the step tries it (``EngineInterviews.try_microphone``) on the same backoff.
    """

    def __init__(self, present: bool, now_s: float, backoff: ReopenBackoff | None = None) -> None:
        self.away = not present
        self._schedule = ReopenSchedule(backoff or ReopenBackoff())
        self._trying = False
        if self.away:  # gone before the comment (in the interview, say): look for it soon
            self._schedule.lost(now_s)

    def follow(self, present: bool, now_s: float) -> MicrophoneChange:
        """The watch's status now (read once a frame)."""
        if present is not self.away:
            return MicrophoneChange.NONE
        self.away = not present
        if self.away:
            self._schedule.lost(now_s)
            return MicrophoneChange.WENT_AWAY
        self._schedule.reopened()
        return MicrophoneChange.CAME_BACK

    def try_due(self, now_s: float, *, held: bool) -> bool:
        """Whether to try the microphone now; the caller then reports ``tried``.

        Not while a dictation holds it (``held``: its source reopens the device itself) or a
        try is under way.
        """
        if not self.away or held or self._trying or not self._schedule.due(now_s):
            return False
        self._trying = True
        return True

    def tried(self, opened: bool, now_s: float) -> None:
        """A try ended: opened (``follow`` sees the watch say so), or the next one waits longer."""
        self._trying = False
        if not opened and self.away:
            self._schedule.failed(now_s)


class _Page(Enum):
    RATING = auto()
    CHIPS = auto()
    COMMENT = auto()
    LISTENING = auto()


class FeedbackStep(Step):
    """The visitor's feedback on the station: a smiley, then chips and an optional comment."""

    state = KioskState.FEEDBACK

    def enter(self) -> None:
        """Start on the smiley page, with the session's comment (if any) in the text field."""
        self.page = _Page.RATING
        self._chip_pages: dict[str, int] = {}
        """The page of each chip group shown (a group longer than its zone pages)."""
        # Typed on the keys or the station's keyboard, or spoken into it (``_heard_into_entry``).
        self.entry = TextInput(self.ctx.base, accepting=lambda: self.page is _Page.COMMENT,
                               redraw=self.rebuild_ui, touch=self.ctx.touch,
                               text=self.ctx.require_session().feedback.comment)
        self._dictation: Dictation | None = None
        self._finishing: Dictation | None = None
        """A dictation cut short by the microphone going away: its words still go into the entry."""
        self._heard = ""
        self._notice: str | None = None
        self._speech_in = self._interviews_with_recognizer()
        self._microphone = CommentMicrophone(self.ctx.visit.interviews.microphone_status.present,
                                             self.ctx.clock())
        super().enter()

    def exit(self) -> None:
        """Close the microphone, if a dictation holds it, and release the text field."""
        self._stop_listening()
        self.entry.destroy()
        super().exit()

    # UI --------------------------------------------------------------------------------------

    def build_ui(self) -> None:
        """The current page: smileys, chips with comment and send, the comment's keys, or listening."""
        {_Page.RATING: self._rating_page, _Page.CHIPS: self._chips_page,
         _Page.COMMENT: self._comment_page, _Page.LISTENING: self._listening_page}[self.page]()

    def _rating_page(self) -> None:
        t = self.ctx.ui.texts
        rating = self.ctx.require_session().feedback.rating
        self.arrange(Arrangement.SINGLE)
        panel = self.panel("rating", 1.6)
        panel.title(t("feedback_title"), align="center")
        panel.gap(0.01)
        panel.row([ButtonSpec(f"rating:{mood}", t(f"feedback_rating_{mood}"),
                              draw=smiley(mood, self.ctx.ui.kit), kind=ButtonKind.CHIP,
                              selected=rating == mood)
                   for mood in range(1, 6)], gap_m=0.025)
        panel.gap(0.01)
        panel.row([ButtonSpec("skip", t("feedback_skip"), width_m=0.5)], min_height_m=0.09)
        self.place(panel.finish())

    def _chips_page(self) -> None:
        t = self.ctx.ui.texts
        chips = self.ctx.catalog.feedback
        feedback = self.ctx.require_session().feedback
        self.arrange(Arrangement.CHOICES)
        self._chip_panel("worked", t("feedback_worked"), chips.worked, feedback.worked, "left")
        self._chip_panel("not_worked", t("feedback_not_worked"), chips.not_worked,
                         feedback.not_worked, "right")
        spoken = self._speech_in is not None
        comment = t("feedback_comment") + (" ✓" if feedback.comment else "")
        buttons = [ButtonSpec("comment", "✎  " + comment)]
        if spoken:
            # Offered while the microphone is away too: choosing it tries the microphone, and
            # where it is still away the keyboard comes with the notice (``_start_listening``).
            buttons.append(ButtonSpec("comment-speak", "●  " + t("feedback_comment_speak")))
        buttons.append(ButtonSpec("send", t("feedback_send"), kind=ButtonKind.PRIMARY))
        notice = t("feedback_microphone_away") if spoken and self._microphone.away \
            else self._notice
        actions = self._actions(notice, buttons)
        if notice and not self.fits(actions):
            # The zone has room for one row of two-line labels only (``layout._LISTS_BOTTOM_DEG``):
            # the buttons win. The notice comes where it matters: on the keyboard page that
            # "speak" leads to while the microphone is away, or after nothing was heard.
            self.drop_panel(actions)
            actions = self._actions(None, buttons)
        self.place(actions, align="top")

    def _actions(self, notice: str | None, buttons: list[ButtonSpec]) -> Panel:
        actions = self.panel("send", zone_name="actions")  # the zone's width: labels on one line
        if notice:
            actions.paragraph(notice, muted=True, small=True)
        actions.row(buttons)
        return actions.finish()

    def _chip_panel(self, group: str, heading: str, chips: tuple[FeedbackChip, ...],
                    selected: set[str], zone_name: str) -> None:
        """One group's chips in its zone, a page at a time: as many rows as fit the zone.

        Nothing is dropped: a longer list gets "◀" and "1/2 ▸" buttons, like the facts.
        """
        rows = -(-len(chips) // CHIPS_PER_ROW)
        wanted = self._chip_pages.get(group, 0)
        # The page size is the one at which the first (fullest) page fits; every page is then
        # split alike. Sized on the page shown, a short last page took more rows than the first
        # and the chips between them were on no page (the demo could not find its chip).
        while True:
            split = pages(chips, rows * CHIPS_PER_ROW)
            panel = self._chip_page(group, heading, split, 0, selected, zone_name)
            if self.fits(panel) or rows == 1:
                break
            self.drop_panel(panel)  # too tall for the zone: fewer rows a page
            rows -= 1
        page = min(wanted, len(split) - 1)
        self._chip_pages[group] = page
        if page != 0:
            self.drop_panel(panel)
            panel = self._chip_page(group, heading, split, page, selected, zone_name)
        self.place(panel, align="top")

    def _chip_page(self, group: str, heading: str, split: list[tuple[FeedbackChip, ...]],
                   page: int, selected: set[str], zone_name: str) -> Panel:
        """Page ``page`` of a group's chips, with "◀" and "1/2 ▸" where there are more pages."""
        panel = self.panel(group.replace("_", "-"), zone_name=zone_name)
        panel.heading(heading)
        self._chip_rows(panel, group, split[page], selected)
        if len(split) > 1:
            buttons = [ButtonSpec(f"chips-page:{group}:previous", "◀", width_m=0.16)] \
                if page > 0 else []
            label = f"{page + 1}/{len(split)}"
            if page + 1 < len(split):
                buttons.append(ButtonSpec(f"chips-page:{group}:next", f"{label}  ▸",
                                          width_m=PAGE_BUTTON_M))
            else:
                buttons.append(ButtonSpec(f"chips-page:{group}:first", f"{label}  ↺",
                                          width_m=PAGE_BUTTON_M))
            panel.row(buttons, min_height_m=0.08)
        return panel.finish()

    def _chip_rows(self, panel: Panel, group: str, chips: tuple[FeedbackChip, ...],
                   selected: set[str]) -> None:
        language = self.ctx.ui.texts.language
        width = (panel.inner_width_m - 0.03 * (CHIPS_PER_ROW - 1)) / CHIPS_PER_ROW
        for start in range(0, len(chips), CHIPS_PER_ROW):
            panel.row([ButtonSpec(f"{group}:{c.id}", pick(c.labels, language), kind=ButtonKind.CHIP,
                                  selected=c.id in selected, width_m=width)
                       for c in chips[start:start + CHIPS_PER_ROW]], gap_m=0.03,
                      min_height_m=0.1)

    def _comment_page(self) -> None:
        t = self.ctx.ui.texts
        self.arrange(Arrangement.KEYBOARD)
        panel = self.panel("comment")
        panel.heading(t("feedback_comment_title"))
        panel.paragraph(self._notice or t("feedback_comment_hint"), muted=True, small=True)
        self.entry.add_line(panel, lines=COMMENT_LINES)
        body = panel.em_m(self.ctx.ui.kit.theme.sizes.body_deg)
        panel.gap(body * self.ctx.ui.kit.theme.line_spacing * (COMMENT_LINES - 1))
        self.place(panel.finish(), align="top")
        keys = self.panel("comment-keys", 1.1, zone_name="keyboard")  # see interview.KEYBOARD_WIDTH_M
        self.entry.add_keys(keys, t, ButtonSpec("comment-done", t("keyboard_done"),
                                                 kind=ButtonKind.PRIMARY, width_m=0.32),
                            key_width_m=KEY_WIDTH_M, gap_m=0.008, wide_key_m=0.32)
        self.place(keys.finish(), align="bottom")

    def _listening_page(self) -> None:
        t = self.ctx.ui.texts
        self.arrange(Arrangement.SINGLE)
        panel = self.panel("listening", 1.3)
        # The interview's sign of an open microphone: a red light before the status.
        panel.status(t("feedback_listening"), dot=self.ctx.ui.kit.theme.colours.listening)
        panel.paragraph(t("feedback_listening_hint"), muted=True, small=True)
        panel.gap(0.02)
        self._live = panel.paragraph(_live_text(self._heard) + "\n ", dynamic=True)  # two lines
        panel.gap(0.03)
        panel.row([ButtonSpec("speak-cancel", t("feedback_listening_cancel"), width_m=0.4),
                   ButtonSpec("speak-done", t("keyboard_done"), kind=ButtonKind.PRIMARY,
                              width_m=0.4)], min_height_m=0.1)
        self.place(panel.finish())

    # Speaking --------------------------------------------------------------------------------

    def _interviews_with_recognizer(self) -> EngineInterviews | None:
        """The station's speech in, where the visitor's language has a recognizer."""
        interviews = self.ctx.visit.interviews
        return interviews if interviews.recognizer_for(self.ctx.language).recognizer else None

    def _start_listening(self) -> None:
        interviews = self._speech_in
        if interviews is None or self._dictation is not None:
            return
        recognizer = interviews.recognizer_for(self.ctx.language).recognizer
        assert recognizer is not None
        listening = interviews.listening
        dictation = Dictation(recognizer, interviews.watched_microphone(),
                              endpoint=listening.endpoint, input_gain_db=listening.input_gain_db)
        self._dictation, self._heard, self._notice = dictation, "", None

        def opened(_: None) -> None:
            if self._dictation is not dictation:
                dictation.close()  # the visitor cancelled, or the step ended, meanwhile

        def failed(error: BaseException) -> None:
            # The watch now says it is away (``follow`` sees it and looks for it again).
            log.warning("no microphone for a spoken comment: %s", error)
            dictation.close()
            if self._finishing is dictation:  # ``follow`` saw the watch first: nothing was heard
                self._finishing = None
            if self._dictation is dictation:
                self._dictation = None
                self._notice = self.ctx.ui.texts("feedback_microphone_away")
                self._show(_Page.COMMENT)

        self.ctx.jobs.submit(MICROPHONE_LANE, "open-microphone", dictation.start,
                             on_done=opened, on_error=failed)
        self._show(_Page.LISTENING)

    def _stop_listening(self) -> None:
        dictation, self._dictation = self._dictation, None
        if dictation is not None:
            dictation.close()
        finishing, self._finishing = self._finishing, None
        if finishing is not None:
            finishing.close()

    def update(self, dt_s: float, now_s: float) -> None:
        """Follow the microphone; show the words heard so far; once dictation ends, keep them."""
        if self._speech_in is not None:
            self._follow_microphone(now_s)
        finishing = self._finishing
        if finishing is not None and finishing.poll().done:
            self._finishing = None
            self.entry.add_spoken(finishing.poll().text)
        dictation = self._dictation
        if dictation is None or self.page is not _Page.LISTENING:
            return
        state = dictation.poll()
        if state.text != self._heard:
            self._heard = state.text
            self.ctx.ui.kit.set_text(self._live, _live_text(state.text))
            self.ctx.touch()
        if state.done:
            self._dictation = None
            self._heard_into_entry(state.text)

    def _follow_microphone(self, now_s: float) -> None:
        """The watch's status (a cheap read: the render thread never waits on the device)."""
        interviews = self.ctx.visit.interviews
        t = self.ctx.ui.texts
        change = self._microphone.follow(interviews.microphone_status.present, now_s)
        if change is MicrophoneChange.WENT_AWAY:
            self._notice = t("feedback_microphone_away")
            dictation, self._dictation = self._dictation, None
            if dictation is not None:
                # Mid-comment: what was heard so far is recognized and lands in the entry
                # (``update``); the visitor types the rest meanwhile.
                self._finishing = dictation
                dictation.finish()
                self._show(_Page.COMMENT)
            elif self.page in (_Page.CHIPS, _Page.COMMENT):
                self.rebuild_ui()
        elif change is MicrophoneChange.CAME_BACK:
            self._notice = t("feedback_microphone_back")
            if self.page in (_Page.CHIPS, _Page.COMMENT):
                self.rebuild_ui()
        held = self._dictation is not None or self._finishing is not None
        if self._microphone.try_due(now_s, held=held):
            self.ctx.jobs.submit(
                MICROPHONE_LANE, "look-for-microphone", interviews.try_microphone,
                on_done=lambda opened: self._microphone.tried(opened, self.ctx.clock()),
                on_error=self._try_failed)

    def _try_failed(self, error: BaseException) -> None:
        log.warning("looking for the microphone failed: %r", error)
        self._microphone.tried(False, self.ctx.clock())

    def _keep_words_heard(self) -> None:
        """A cut-short dictation's words so far into the entry (the visitor sends before its end)."""
        finishing, self._finishing = self._finishing, None
        if finishing is not None:
            self.entry.add_spoken(finishing.poll().text)
            finishing.close()

    def _heard_into_entry(self, text: str) -> None:
        heard = self.entry.add_spoken(text)
        self._notice = None if heard else self.ctx.ui.texts("feedback_heard_nothing")
        self._show(_Page.COMMENT)

    # Input -----------------------------------------------------------------------------------

    def on_choose(self, target_id: str) -> None:
        """Type a key, rate, toggle a chip, open the comment (typed or spoken), or send or skip."""
        if self.entry.choose(target_id):  # a key of the comment's keyboard
            return
        feedback = self.ctx.require_session().feedback
        group, _, value = target_id.partition(":")
        if group == "rating":
            feedback.rating = int(value)
            self._show(_Page.CHIPS)
        elif group in ("worked", "not_worked"):
            chosen = feedback.worked if group == "worked" else feedback.not_worked
            chosen.symmetric_difference_update({value})
            for panel in self._panels:
                if target_id in panel.buttons:
                    panel.buttons[target_id].set_selected(value in chosen)
        elif group == "chips-page":
            chip_group, _, move = value.partition(":")
            page = self._chip_pages.get(chip_group, 0)
            self._chip_pages[chip_group] = 0 if move == "first" else \
                max(0, page + (1 if move == "next" else -1))
            self.rebuild_ui()
        elif target_id == "comment":
            self._notice = None
            self._show(_Page.COMMENT)
        elif target_id == "comment-speak":
            self._start_listening()
        elif target_id == "speak-done":
            if self._dictation is not None:
                self._dictation.finish()  # its result arrives with the next polls
        elif target_id == "speak-cancel":
            self._stop_listening()
            self._show(_Page.CHIPS)
        elif target_id == "comment-done":
            feedback.comment = self.entry.text.strip()
            self._show(_Page.CHIPS)
        elif target_id in ("send", "skip"):
            self._keep_words_heard()
            self._stop_listening()
            feedback.comment = self.entry.text.strip()
            self.ctx.send(Finish())

    def _show(self, page: _Page) -> None:
        self.page = page
        self.rebuild_ui()


def _live_text(heard: str) -> str:
    if len(heard) <= LIVE_CHARS:
        return heard or "…"
    return "… " + heard[-LIVE_CHARS:].split(" ", 1)[-1]
