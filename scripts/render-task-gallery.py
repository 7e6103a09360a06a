"""Screenshots of every occupation's hands-on task for docs/gallery (task-OCCUPATION.png).

Run from the checkout: `python scripts/render-task-gallery.py [OCCUPATION ...]`. Each shot is a
real headless render of the station: the demo visitor walks to the task's tour stop, starts the
task, makes its first right choice (for a sort: picks the first item up) and looks a little
down, so the tiles within reach, the task's panel and the things in the room are in view.
"""

from __future__ import annotations

import sys
from pathlib import Path

from catalog.tasks import TaskKind
from tests.vr_station.station_fixtures import make_station, start_task

GALLERY = Path(__file__).resolve().parent.parent / "docs" / "gallery"


def shoot(occupation_id: str) -> Path:
    """Render one occupation's task; returns the PNG's path."""
    rig = make_station(size_px=(960, 540))
    try:
        visitor = rig.visitor
        view = start_task(rig, occupation_id).task_view
        assert view is not None
        first = view.run.next_needed()
        if first is not None:
            visitor.click(f"task:{first}")
        visitor.settle(0.5)
        visitor.look_ahead(0.0, -18.0 if view.task.kind is not TaskKind.FIND else 0.0)
        visitor.wait(0.5)
        return rig.display.screenshot(GALLERY / f"task-{occupation_id}.png")
    finally:
        rig.close()


def main(argv: list[str]) -> None:
    """Shoot the named occupations' tasks, or every one."""
    from catalog import default_content_dir, load_catalog

    catalog, _ = load_catalog(default_content_dir())
    for occupation_id in argv or sorted(catalog.hands_on):
        print(shoot(occupation_id), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
