"""Runtime hook of the frozen app: stand in for the QtOpenGL bindings left out.

pyqtgraph imports ``PySide6.QtOpenGL`` when its curve and mesh items load,
but uses it only to draw through OpenGL, which the app never enables.  The
bindings are 8.5 MB, so the bundle leaves them out and this placeholder
takes their name; should anything ever reach for an OpenGL class, it gets
an error that says why instead of an import failure at start-up.
"""

import sys
import types


class _LeftOut(types.ModuleType):
    def __getattr__(self, name: str) -> object:
        raise AttributeError(f"PySide6.QtOpenGL.{name}: OpenGL drawing is not part of this "
                             "build of Summit Timeline")


sys.modules.setdefault("PySide6.QtOpenGL", _LeftOut("PySide6.QtOpenGL"))
