import sys

from .cli import main

if __name__ == "__main__":  # importing the module (the Qt-free test imports every one) runs nothing
    sys.exit(main())
