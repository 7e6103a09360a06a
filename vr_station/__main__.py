"""``python -m vr_station``: the same as the ``vr-station`` command."""

from vr_station.cli import main

raise SystemExit(main())
