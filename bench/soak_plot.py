"""Draw a soak run (``bench/soak.py --json``) as one PNG: RSS, frame time, Python objects, load.

    .venv/bin/python bench/soak_plot.py out/soak.json docs/bench/soak.png

Needs the ``bench`` extra (matplotlib).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    """Read the run's figures and write the plot."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("json", type=Path)
    parser.add_argument("png", type=Path)
    parser.add_argument("--warm-up", type=int, default=3, dest="warm_up")
    args = parser.parse_args(argv)

    import matplotlib

    matplotlib.use("Agg")  # no display: the plot goes to a file
    import matplotlib.pyplot as plt

    visits = json.loads(args.json.read_text(encoding="utf-8"))["visits"]
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
    for axis in axes:
        axis.axvspan(0.5, args.warm_up + 0.5, color="0.9")  # the warm-up
        axis.grid(alpha=0.3)
    figure.suptitle(f"Soak: {len(visits)} demo visits in one station process")
    figure.tight_layout()
    args.png.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(args.png, dpi=80)
    return 0


if __name__ == "__main__":
    sys.exit(main())
