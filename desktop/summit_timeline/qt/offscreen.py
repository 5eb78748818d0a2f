"""A Qt application for commands that draw files but show no window.

Fonts and painting need an application object, not a screen: with no display
(a server, CI, a cron job) Qt is pointed at its ``offscreen`` platform before
the first Qt object exists.  The object is a full ``QApplication`` so that a
later widget test or window in the same process can use it too.
"""

from __future__ import annotations

import os
import sys
from typing import Any


def ensure_platform() -> None:
    if os.environ.get("QT_QPA_PLATFORM"):
        return
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY")
                                                  or os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def application() -> Any:
    ensure_platform()
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(["summit-timeline"])
