"""`python -m autograder` is `dlgrade`."""

import sys

from autograder.cli import main

sys.exit(main())
