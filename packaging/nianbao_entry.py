"""Entry script of the bundled application: the frozen ``nianbao`` executable runs ``app.cli:main``.

It is the same entry point as the ``nianbao`` console script of the wheel, so the bundle takes the same
commands and options (``gui``, ``check``, ``new``, ``export``, ``import``).
"""

import os
import sys

if getattr(sys, "frozen", False) and sys.platform.startswith("linux"):
    # PyInstaller's launcher puts the bundle's own libraries first on LD_LIBRARY_PATH, and the programs the app
    # starts inherit it: LibreOffice then loads the bundle's older libstdc++ and fails (GLIBCXX_3.4.29 not
    # found) on any system newer than the build machine. The app itself no longer needs it once running.
    original = os.environ.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is None:
        os.environ.pop("LD_LIBRARY_PATH", None)
    else:
        os.environ["LD_LIBRARY_PATH"] = original

from app.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
