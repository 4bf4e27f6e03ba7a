"""`python -m device ...` runs from a source checkout what the bundle's `kiosk` executable runs."""

import sys

from device.cli import main

if __name__ == "__main__":
    sys.exit(main())
