"""``python -m center``: the ``vr-center`` command."""
import sys

from center.cli import main

sys.exit(main())
