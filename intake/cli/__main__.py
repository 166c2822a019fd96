"""`python -m intake.cli`: the same command line as `fabrique-intake`."""

import sys

from . import main

sys.exit(main())
