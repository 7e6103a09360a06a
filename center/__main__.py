import sys

from center.cli import main

sys.exit(main())
