"""``vr-station render``: real offscreen renders of shipped scenes, with their cost as JSON."""

import json

import pytest
from panda3d.core import PNMImage

from vr_station.cli import main

pytestmark = pytest.mark.slow


def test_render_scene_writes_images_and_reports_cost(tmp_path, capsys):
    code = main(
        [
            "render",
            "--scene",
            "restaurant-kitchen",
            "--scene",
            "interview-office",
            "--out",
            str(tmp_path),
            "--json",
            "--size",
            "160x90",
            "--multisamples",
            "0",
        ]
    )
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in report] == ["restaurant-kitchen", "interview-office"]
    kitchen, office = report
    assert set(kitchen) == {"id", "draw_calls", "triangles", "load_s", "cpu_frame_ms", "images"}
    assert len(kitchen["images"]) == 5, "one image per viewpoint"
    assert len(office["images"]) == 2
    for result in report:
        assert 0 < result["draw_calls"] <= 150
        assert 0 < result["triangles"] <= 300_000
        assert result["load_s"] > 0 and result["cpu_frame_ms"] > 0
        for path in result["images"]:
            image = PNMImage(path)
            assert (image.getXSize(), image.getYSize()) == (160, 90)
            corners = {
                tuple(round(c, 2) for c in image.getXel(x, y)) for x in (5, 80, 150) for y in (5, 45, 85)
            }
            assert len(corners) > 3, f"{path} is not blank"


def test_first_view_only_and_human_readable_summary(tmp_path, capsys):
    assert (
        main(
            [
                "render",
                "--scene",
                "interview-office",
                "--views",
                "first",
                "--out",
                str(tmp_path),
                "--size",
                "64x36",
                "--multisamples",
                "0",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "interview-office" in out and "draw calls" in out and "triangles" in out
    assert [p.name for p in tmp_path.iterdir()] == ["interview-office-candidate.png"]


def test_unknown_scene_and_bad_size_are_explained(tmp_path, capsys):
    assert main(["render", "--scene", "kitchn", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "no workplace 'kitchn' (known: " in err and "restaurant-kitchen" in err
    with pytest.raises(SystemExit, match="WIDTHxHEIGHT"):
        main(["render", "--all", "--size", "big", "--out", str(tmp_path)])
