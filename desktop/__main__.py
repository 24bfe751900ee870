"""``python -m desktop`` = ``bulkdesk``."""

import sys

from desktop.app import main

sys.exit(main())
