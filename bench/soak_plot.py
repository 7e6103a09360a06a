"""Draw a soak run (``bench/soak.py --json``) as one PNG: RSS, frame time, Python objects, load.

    .venv/bin/python bench/soak_plot.py out/soak.json docs/bench/soak.png

The grey band is the run's warm-up, read from the JSON (``--warm-up`` overrides it, for a file
written before the soak recorded it). Needs the ``bench`` extra (matplotlib).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def warm_up_of(run: dict[str, Any], given: int | None) -> tuple[int, bool]:
    """The visits to shade as warm-up, and whether that number is assumed.

    ``given`` (the command line) where set, else what the soak recorded, else the soak's
    default: files written before the soak recorded its warm-up do not say (their runs used the
    default of their day or said otherwise in the README).
    """
    if given is not None:
        return given, False
    if "warm_up" in run:
        return int(run["warm_up"]), False
    from bench.soak import WARM_UP_VISITS

    return WARM_UP_VISITS, True


def draw(visits: list[dict[str, Any]], warm_up: int, assumed: bool) -> Figure:
    """Four aligned axes over the visits, the first ``warm_up`` shaded grey."""
    import matplotlib

    matplotlib.use("Agg")  # no display: the plot goes to a file
    import matplotlib.pyplot as plt

    numbers = [v["number"] for v in visits]
    figure, axes = plt.subplots(4, 1, figsize=(8, 9), sharex=True)
    rss, frame, objects, load = axes
    rss.plot(numbers, [v["rss_mib"] for v in visits], marker="o")
    rss.set_ylabel("RSS (MiB)")
    frame.plot(numbers, [v["frame_median_ms"] for v in visits], marker="o", label="median")
    frame.plot(numbers, [v["frame_p95_ms"] for v in visits], marker="s", label="95th percentile")
    frame.set_ylabel("frame time (ms)")
    frame.legend()
    objects.plot(numbers, [v["objects"] for v in visits], marker="o")
    objects.set_ylabel("Python objects\n(after gc.collect)")
    objects.ticklabel_format(axis="y", useOffset=False, style="plain")
    load.plot(numbers, [v["load_1min"] for v in visits], marker="o", color="grey")
    load.set_ylabel("load average\n(1 min, 2 cores)")
    load.set_xlabel("visit")
    band = f"warm-up: visits 1–{warm_up}" + (" (assumed: the soak's default)" if assumed else "")
    for axis in axes:
        axis.axvspan(0.5, warm_up + 0.5, color="0.9", label=band)
        axis.grid(alpha=0.3)
    rss.legend()
    figure.suptitle(f"Soak: {len(visits)} demo visits in one station process")
    figure.tight_layout()
    return figure


def main(argv: list[str] | None = None) -> int:
    """Read the run's figures and write the plot."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("json", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--warm-up", type=int, dest="warm_up",
                        help="visits to shade as warm-up (default: what the run recorded)")
    args = parser.parse_args(argv)

    run = json.loads(args.json.read_text(encoding="utf-8"))
    warm_up, assumed = warm_up_of(run, args.warm_up)
    if assumed:
        print(f"soak_plot: {args.json} does not record its warm-up; shading the soak's "
              f"default, {warm_up} visits (--warm-up sets it)", file=sys.stderr)
    figure = draw(run["visits"], warm_up, assumed)
    args.png.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(args.png, dpi=80)
    return 0


if __name__ == "__main__":
    sys.exit(main())
