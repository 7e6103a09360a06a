"""Make docs/languages.png: a few key screens of each newer visitor language, small, on one sheet.

A real offscreen station per language (the tests' ``make_station``: tone speech, so captions show
the narration's words without waiting for a voice), walked with the staff's skip key (F6) and
the demo visitor's controller clicks; each screen is rendered at 640×360 and shrunk. Run from the
repository root (takes about a minute a language):

    PYTHONPATH=. .venv/bin/python docs/contact_sheet.py docs/languages.png [LANGUAGE …]
"""

from __future__ import annotations

import sys
import tempfile
import textwrap
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from calibration import StationProfile
from tests.vr_station.station_fixtures import Rig, make_station
from vr_station.kiosk.flow import KioskState

LANGUAGES = ("uk", "ar", "tr", "ru", "de-x-ls")
SCREENS = ("menu", "occupations", "tour", "feedback", "thanks")
THUMB = (256, 144)
LABEL_W = 150
HEADER_H = 22


def shoot(language: str, folder: Path) -> list[Path]:
    """The key screens of one visit in ``language``, as PNGs in ``folder``."""
    rig: Rig = make_station(language=language, profile=StationProfile(), size_px=(640, 360))
    station, visitor = rig.station, rig.visitor
    shots: list[Path] = []

    def shot(name: str) -> None:
        visitor.settle(0.5)
        path = folder / f"{language}-{name}.png"
        rig.display.screenshot(path)
        shots.append(path)

    def skip_to(state: KioskState) -> None:
        while station.state is not state:
            station.base.messenger.send("f6")
            visitor.wait_until(lambda: not station.pending_work(), f"the step before {state}")

    try:
        visitor.wait_state(KioskState.ATTRACT)
        station.base.messenger.send("f6")
        visitor.wait_state(KioskState.LANGUAGE)
        visitor.click(f"lang:{language}")
        visitor.wait_state(KioskState.QUICK_CHECK)
        skip_to(KioskState.MENU)
        shot("menu")
        skip_to(KioskState.OCCUPATION)
        shot("occupations")
        skip_to(KioskState.TOUR)
        visitor.settle(2.0)  # the first stop's narration is captioned
        shot("tour")
        skip_to(KioskState.FEEDBACK)  # F6 leaves the tour for the feedback (no interview)
        visitor.settle()
        visitor.click("rating:4")
        shot("feedback")
        visitor.click("send")
        visitor.wait_state(KioskState.THANKS)
        shot("thanks")
    finally:
        rig.close()
    return shots


def sheet(rows: dict[str, list[Path]], names: dict[str, str], out: Path) -> None:
    """One row a language: its name, then its screens shrunk to ``THUMB``."""
    font = ImageFont.truetype(str(_font()), 15)
    width = LABEL_W + THUMB[0] * len(SCREENS)
    image = Image.new("RGB", (width, HEADER_H + THUMB[1] * len(rows)), (16, 24, 32))
    draw = ImageDraw.Draw(image)
    for column, screen in enumerate(SCREENS):
        draw.text((LABEL_W + column * THUMB[0] + 6, 3), screen, fill=(220, 220, 220), font=font)
    for row, (language, shots) in enumerate(rows.items()):
        top = HEADER_H + row * THUMB[1]
        lines = textwrap.wrap(names[language], 16)  # "German – Easy Read" on two lines
        for n, line in enumerate(lines):
            draw.text((6, top + THUMB[1] // 2 - 18 * len(lines) + 18 * n), line,
                      fill=(255, 255, 255), font=font)
        draw.text((6, top + THUMB[1] // 2 + 2), language, fill=(160, 170, 180), font=font)
        for column, path in enumerate(shots):
            with Image.open(path) as shot:
                image.paste(shot.convert("RGB").resize(THUMB, Image.Resampling.LANCZOS),
                            (LABEL_W + column * THUMB[0], top))
    # A palette of 256 colours keeps the sheet a few hundred KB (the screens are flat colours).
    image.quantize(256, dither=Image.Dither.NONE).save(out, optimize=True)


def _font() -> Path:
    from tests.conftest import REPO

    return REPO / "vr_station" / "ui" / "fonts" / "DejaVuSans.ttf"


def main() -> None:
    """Shoot every language of ``LANGUAGES`` and write the sheet to the path given."""
    from catalog import load_catalog
    from tests.conftest import CONTENT

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/languages.png")
    languages = sys.argv[2:] or LANGUAGES
    catalog, _ = load_catalog(CONTENT)
    # Kept between runs: a language shot once is not shot again (delete the folder to redo).
    folder = Path(tempfile.gettempdir()) / "vr-station-contact-sheet"
    folder.mkdir(exist_ok=True)
    rows = {}
    for language in languages:
        done = [folder / f"{language}-{screen}.png" for screen in SCREENS]
        rows[language] = done if all(p.exists() for p in done) else shoot(language, folder)
    # English names: Pillow draws without Arabic shaping (the screens show each name shaped).
    sheet(rows, {code: lang.names.get("en", code) for code, lang in catalog.languages.items()}, out)


if __name__ == "__main__":
    main()
