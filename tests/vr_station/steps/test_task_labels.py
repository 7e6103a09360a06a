"""A task card's label too wide for its card even at the smallest text size breaks with a
hyphen at a hyphenation point of the visitor's language, on the real station (issue 15: the Kfz
task's "Drehmomentschlüssel" was broken between letters on its 0.62 m card)."""

from __future__ import annotations

import pytest

from tests.vr_station.station_fixtures import make_station, start_task
from vr_station.ui.hyphens import WORD_FIT_MIN_SCALE
from vr_station.ui.theme import Theme

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]


def test_the_torque_wrench_card_reads_drehmoment_hyphen_schluessel_inside_its_card() -> None:
    rig = make_station(language="de")
    try:
        visitor = rig.visitor
        step = start_task(rig, "kfz-mechatroniker")
        assert step.task_view is not None
        card = step.task_view._cards["torque-wrench"]
        visitor.look(tuple(card.root.getPos(step.ctx.render)))
        visitor.frame()
        label = card.root.find("**/label")
        assert label.node().getText() == "Drehmoment-\nschlüssel"
        assert label.node().getNumRows() == 2  # the hyphen's two lines, no letter break
        theme = Theme()
        body_em = theme.sizes.em_m(theme.sizes.body_deg)
        assert label.getSx() >= body_em * WORD_FIT_MIN_SCALE - 1e-6
        low, high = label.getTightBounds(card.root)
        inner = card.width_m / 2 - theme.padding_m * 0.6  # the chip's own padding
        assert -inner <= low[0] and high[0] <= inner, (low, high, inner)
        assert abs(low[2]) < card.height_m / 2 and abs(high[2]) < card.height_m / 2
    finally:
        rig.close()
