"""Entry point of the frozen app (PyInstaller analyses this file).

Kept outside the package so the bundle imports ``summit_timeline`` exactly as
installed in the build venv, the same way the ``summit-timeline`` launcher does.
"""

from summit_timeline.app import main

if __name__ == "__main__":
    raise SystemExit(main())
