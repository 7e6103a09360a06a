"""The soak benchmark records its warm-up, and its plot shades the visits the run left out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.soak import WARM_UP_VISITS, Visit, write_json
from bench.soak_plot import main, warm_up_of


def _visit(number: int) -> Visit:
    return Visit(number=number, rss_mib=360.0 + number, frames=2700, frame_median_ms=30.0,
                 frame_p95_ms=60.0, nodes=900, tasks=40, events=120, wall_s=60.0,
                 objects=107000 + number, load_1min=2.0, top_types={"dict": 20000})


def test_the_soak_writes_its_warm_up_beside_the_visits(tmp_path: Path) -> None:
    path = tmp_path / "soak.json"
    write_json(path, [_visit(n) for n in range(1, 4)], {}, 7)
    run = json.loads(path.read_text(encoding="utf-8"))
    assert run["warm_up"] == 7 and len(run["visits"]) == 3
    assert warm_up_of(run, None) == (7, False)


def test_the_plot_takes_the_command_line_then_the_file_then_the_soak_default() -> None:
    assert warm_up_of({"warm_up": 7, "visits": []}, 4) == (4, False)
    assert warm_up_of({"warm_up": 7, "visits": []}, None) == (7, False)
    # A file written before the soak recorded its warm-up: the default, said to be assumed.
    assert warm_up_of({"visits": []}, None) == (WARM_UP_VISITS, True)


def test_the_grey_band_covers_the_recorded_warm_up(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib", reason="the plot needs the bench extra (matplotlib)")
    import matplotlib.pyplot as plt

    from bench.soak_plot import draw

    path = tmp_path / "soak.json"
    write_json(path, [_visit(n) for n in range(1, 13)], {}, 5)
    png = tmp_path / "soak.png"
    assert main([str(path), str(png)]) == 0
    assert png.read_bytes().startswith(b"\x89PNG")
    figure = draw(json.loads(path.read_text(encoding="utf-8"))["visits"], 5, False)
    try:
        for axis in figure.axes:
            (band,) = (p for p in axis.patches if p.get_label().startswith("warm-up"))
            # matplotlib 3.9+ draws the span as a Rectangle, x in data units
            assert (band.get_x(), band.get_x() + band.get_width()) == (0.5, 5.5)  # visits 1–5
        assert figure.axes[0].get_legend_handles_labels()[1][0] == "warm-up: visits 1–5"
    finally:
        plt.close(figure)
