"""`python -m localai_ui` starts the app."""

import sys

from localai_ui.cli import main

sys.exit(main())
