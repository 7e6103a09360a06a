from vr_station.cli import main

raise SystemExit(main())
