#!/usr/bin/env bash
# Qt's wheels bundle Qt itself but rely on a few system libraries (EGL/GL,
# xkbcommon, fontconfig, D-Bus, and the xcb set for a real X11 window).
# A desktop has them; a bare server or container may not.  Install them when
# we can (root with apt-get), otherwise say exactly what is missing.
set -u
py=${1:-.venv/bin/python}
# Chinese names need a CJK font; a machine can have Qt's libraries but not it.
have_cjk() { ! command -v fc-list >/dev/null || [ -n "$(fc-list :lang=zh 2>/dev/null | head -1)" ]; }
if "$py" -c "import PySide6.QtGui, PySide6.QtWidgets" 2>/dev/null && have_cjk; then exit 0; fi
pkgs="libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
      libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xinerama0
      libxcb-randr0 libxcb-shape0 libxcb-xkb1 libxcb-cursor0 fonts-noto-cjk"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing the system libraries Qt needs: $(echo $pkgs)" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pkgs >/dev/null
  "$py" -c "import PySide6.QtGui, PySide6.QtWidgets" && exit 0
fi
if "$py" -c "import PySide6.QtGui, PySide6.QtWidgets" 2>/dev/null; then
  echo "warning: no Chinese font found; names in Chinese will show as boxes." >&2
  echo "  sudo apt-get install fonts-noto-cjk" >&2
  exit 0
fi
echo "Qt cannot load its system libraries. On Debian/Ubuntu run:" >&2
echo "  sudo apt-get install $(echo $pkgs)" >&2
"$py" -c "import PySide6.QtGui" >&2
exit 1
