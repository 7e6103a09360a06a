"""The in-VR keyboard's keys on a panel: letter rows for the language, then space, delete and
the page's own "done" button. Used wherever a visitor types (an answer, a comment)."""

from __future__ import annotations

from vr_station.ui.keyboard import TextEntry, layout_for
from vr_station.ui.panel import ButtonKind, ButtonSpec, Panel
from vr_station.ui.texts import Texts


def add_key_rows(panel: Panel, texts: Texts, entry: TextEntry, done: ButtonSpec, *,
                 key_width_m: float, gap_m: float, wide_key_m: float) -> None:
    for keys in layout_for(texts.language):
        panel.row([ButtonSpec(f"key:{k}", k.upper() if entry.shift else k, kind=ButtonKind.KEY,
                              width_m=key_width_m) for k in keys],
                  gap_m=gap_m, min_height_m=key_width_m)
    panel.row([ButtonSpec("key:space", texts("keyboard_space"), kind=ButtonKind.KEY),
               ButtonSpec("backspace", "⌫  " + texts("keyboard_delete"), kind=ButtonKind.KEY,
                          width_m=wide_key_m),
               done], gap_m=gap_m, min_height_m=key_width_m)
