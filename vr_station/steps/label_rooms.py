"""The room each label that cannot page has on screen, from the steps that draw it.

Each room is computed from the panel the step builds (its width, zone distance, buttons per
row, the gap between them) and the button's own padding, through the functions ``Panel.row``
and ``Button`` use themselves (``ui.panel.shared_width_m``, ``label_width_m``): the width the
label wraps in and its text size. Where a step uses a literal (the hotspot label's 0.8 m at
2.5 m, the chips' gap), it is repeated here with where it comes from; a test builds a task
card's real chip and compares the width its label wraps in (tests/vr_station/test_label_fit.py).
How a word too wide for the room breaks (slash, hyphen) is ``ui.hyphens.break_wide_words``, the
panel's own call, with the language's hyphenation (``content validate`` passes the language).

A button grows with its label, so more lines are not cut off; they make the row taller. The
lines a button in a zone may take (``zone_lines``) are those with which one row of such buttons
alone still fits its zone at the layout's smallest scale (``ui.layout.MIN_SCALE``); beyond that
the panel cannot fit its zone at all. A task's card and a hotspot's label stand in the world,
not in a zone, and grow away from what they label, so they have no limit on lines; for every
label a word wider than its room at the smallest text size is broken between letters, which
is always a warning.
"""

from __future__ import annotations

import math

from vr_station.steps import feedback, occupation, quick_check, task
from vr_station.ui.fonts import LINE_HEIGHT_EM
from vr_station.ui.layout import MIN_SCALE, Arrangement, zone
from vr_station.ui.panel import ROW_GAP_M, label_width_m, shared_width_m
from vr_station.ui.text_fit import LabelRoom
from vr_station.ui.theme import PANEL_DISTANCE_M, Theme

HOTSPOT_LABEL_WIDTH_M = 0.8
HOTSPOT_LABEL_DISTANCE_M = 2.5
"""``tour._HotspotMarker``: ``Panel(..., 0.8, distance_m=2.5)`` with one paragraph."""


def zone_lines(arrangement: Arrangement, name: str, em_m: float,
               theme: Theme | None = None) -> int:
    """Lines of text ``em_m`` high a button in zone ``name`` may take.

    More, and one row of such buttons alone on its panel is taller than the zone even at
    ``MIN_SCALE``.

    The panel keeps its padding above and ``Panel.finish``'s below; the row pads its buttons
    by 0.9 button-size em above and below (``Panel.row``).
    """
    theme = theme or Theme()
    where = zone(arrangement, name)
    room = where.height_m() / MIN_SCALE - theme.padding_m * 1.3 \
        - 2 * 0.9 * theme.sizes.em_m(theme.sizes.button_deg, where.distance_m)
    return max(1, math.floor(room / (em_m * LINE_HEIGHT_EM)))


def button_room(kind: str, *, zone_of: tuple[Arrangement, str] | None, panel_width_m: float,
                distance_m: float, size_deg: float, per_row: int = 1, gap_m: float = ROW_GAP_M,
                width_m: float | None = None, template: str = "{}", holder: str = "its button",
                theme: Theme | None = None) -> LabelRoom:
    """The room of a button's label, by the panel's own rules (``ui.panel.label_width_m``).

    The width comes from ``ui.panel.shared_width_m`` and ``label_width_m``, which ``Panel.row``
    and ``Button`` call: the check measures what the button wraps in.

    The button shares the panel's width with ``per_row - 1`` others (``Panel.row``), or is
    ``width_m`` wide.

    ``zone_of``: the (arrangement, zone) its panel stands in, which bounds its lines; None: a
    panel in the world, any number of lines.
    """
    theme = theme or Theme()
    inner = panel_width_m - 2 * theme.padding_m  # ``Panel.inner_width_m``
    button = width_m if width_m is not None else shared_width_m(inner, per_row, gap_m)
    em = theme.sizes.em_m(size_deg, distance_m)
    lines = zone_lines(*zone_of, em, theme) if zone_of is not None else None
    return LabelRoom(kind, holder, label_width_m(theme, button), em, lines, template=template)


def _zone_width(arrangement: Arrangement, name: str) -> tuple[float, float]:
    where = zone(arrangement, name)
    return where.width_m(), where.distance_m


def content_rooms(theme: Theme | None = None) -> dict[str, LabelRoom]:
    """Rooms of the content's labels by kind: ``chip``, ``task``, ``occupation``, ``hotspot``."""
    theme = theme or Theme()
    sizes = theme.sizes
    chips_w, chips_d = _zone_width(Arrangement.CHOICES, "left")
    menu_w, menu_d = _zone_width(Arrangement.SINGLE, "content")
    return {
        # feedback._chip_rows: two chips a row, 0.03 m apart; a chosen one shows "✓ ".
        "chip": button_room("chip label", zone_of=(Arrangement.CHOICES, "left"),
                            panel_width_m=chips_w, distance_m=chips_d, size_deg=sizes.body_deg,
                            per_row=feedback.CHIPS_PER_ROW, gap_m=0.03,
                            template="✓ {}", theme=theme),
        # task._card: one chip on a card at the panel distance; a shown thing gets its tick.
        "task": button_room("task label", zone_of=None, panel_width_m=task.CARD_WIDTH_M,
                            distance_m=PANEL_DISTANCE_M, size_deg=sizes.body_deg,
                            template="✓ {}", holder="its card", theme=theme),
        # occupation._build: PER_ROW cards across the content zone, the title in button size.
        "occupation": button_room("occupation title", zone_of=(Arrangement.SINGLE, "content"),
                                  panel_width_m=menu_w, distance_m=menu_d,
                                  size_deg=sizes.button_deg, per_row=occupation.PER_ROW,
                                  holder="its menu card", theme=theme),
        # tour._HotspotMarker: a paragraph (regular, body size) across the label's padding.
        "hotspot": LabelRoom("hotspot label", "its label",
                             HOTSPOT_LABEL_WIDTH_M - 2 * theme.padding_m,
                             sizes.em_m(sizes.body_deg, HOTSPOT_LABEL_DISTANCE_M), None,
                             bold=False),
    }


def ui_rooms(theme: Theme | None = None) -> dict[str, LabelRoom]:
    """Rooms of the interface texts (``ui/<code>.yaml``) drawn on buttons, by text key.

    Each at the narrowest button it is drawn on.
    """
    theme = theme or Theme()
    sizes = theme.sizes
    single = (Arrangement.SINGLE, "content")
    single_w, single_d = _zone_width(*single)
    controls_w, controls_d = _zone_width(Arrangement.TOUR, "controls")
    details = (Arrangement.TOUR, "details")
    keys = (Arrangement.KEYBOARD, "keyboard")
    actions_w, actions_d = _zone_width(Arrangement.CHOICES, "actions")

    def fixed(width_m: float, where: tuple[Arrangement, str]) -> LabelRoom:
        distance_m = zone(*where).distance_m
        return button_room("button label", zone_of=where, panel_width_m=width_m + 2 * theme.padding_m,
                           distance_m=distance_m, size_deg=sizes.button_deg, width_m=width_m,
                           theme=theme)

    def menu_row(size_deg: float, template: str = "{}") -> LabelRoom:
        # menu.build_ui: posture chips, "recentre" and "back" share a 1.55 m panel.
        return button_room("button label", zone_of=(Arrangement.SINGLE, "content"),
                           panel_width_m=min(1.55, single_w),
                           distance_m=single_d, size_deg=size_deg, per_row=4, template=template,
                           theme=theme)

    def shared(panel_width_m: float, per_row: int, where: tuple[Arrangement, str] = single,
               gap_m: float = ROW_GAP_M) -> LabelRoom:
        # A row of ``per_row`` buttons across a panel of the step's own width.
        return button_room("button label", zone_of=where,
                           panel_width_m=min(panel_width_m, _zone_width(*where)[0]),
                           distance_m=zone(*where).distance_m, size_deg=sizes.button_deg,
                           per_row=per_row, gap_m=gap_m, theme=theme)

    def controls(template: str) -> LabelRoom:
        # tour: two buttons a row across the controls zone.
        return button_room("button label", zone_of=(Arrangement.TOUR, "controls"),
                           panel_width_m=controls_w, distance_m=controls_d,
                           size_deg=sizes.button_deg, per_row=2, template=template, theme=theme)

    def actions(template: str) -> LabelRoom:
        # feedback._chips_page: comment, speak a comment and send across the actions zone.
        return button_room("button label", zone_of=(Arrangement.CHOICES, "actions"),
                           panel_width_m=actions_w, distance_m=actions_d,
                           size_deg=sizes.button_deg, per_row=3, template=template, theme=theme)

    return {
        "feedback_skip": fixed(0.5, single),
        "feedback_listening_cancel": fixed(0.4, single),
        "keyboard_done": fixed(0.32, keys),
        "interview_answer_done": fixed(0.3, keys),
        "report_continue": fixed(0.45, single),
        "tour_end": fixed(0.5, single),
        "close": fixed(0.4, details),
        "back": fixed(0.3, single),  # quick_check: 0.3 m beside "Passt so"
        "posture_standing": menu_row(sizes.body_deg, "✓ {}"),
        "posture_seated": menu_row(sizes.body_deg, "✓ {}"),
        "recentre": menu_row(sizes.button_deg),
        # menu.build_ui: the two big choices side by side, 0.05 m apart.
        "menu_explore": shared(1.55, 2, gap_m=0.05),
        "menu_interview": shared(1.55, 2, gap_m=0.05),
        # quick_check: "yes" and "no" across its 1.35 m panel; "continue" 0.55 m alone.
        "quick_check_yes": shared(quick_check.PANEL_WIDTH_M, 2),
        "quick_check_louder": shared(quick_check.PANEL_WIDTH_M, 2),
        "quick_check_no": shared(quick_check.PANEL_WIDTH_M, 2),
        "quick_check_confirm_height": fixed(0.55, single),
        "quick_check_continue": fixed(0.55, single),
        # tour: "practise" beside "end" on its 1.3 m "done" panel.
        "tour_practise": shared(1.3, 2),
        # interview: the status panel's 0.75 m, one button a row.
        "interview_end": shared(0.75, 1, (Arrangement.INTERVIEW, "content")),
        "tour_previous": controls("◀  {}"),
        "tour_next": controls("{}  ▶"),
        "tour_repeat": controls("↻  {}"),
        "tour_finish": controls("{}"),
        "feedback_comment": actions("✎  {} ✓"),
        "feedback_comment_speak": actions("●  {}"),
        "feedback_send": actions("{}"),
    }
