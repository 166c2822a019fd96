"""`python -m intake.cli`: the same command line as `fabrique-intake`."""

import sys

from intake.cli import main

sys.exit(main())
