"""Entry script of the bundled application: the frozen ``nianbao`` executable runs ``app.cli:main``.

It is the same entry point as the ``nianbao`` console script of the wheel, so the bundle takes the same
commands and options (``gui``, ``check``, ``new``, ``export``, ``import``).
"""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
