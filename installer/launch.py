"""The frozen app's entry point (installer/bulkdesk.spec): the same main() as the `bulkdesk` script."""

import sys

from desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
