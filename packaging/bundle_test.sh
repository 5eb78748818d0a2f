#!/usr/bin/env bash
# Bundle smoke test: build the one-folder app, then run the frozen binary
# headless (QT_QPA_PLATFORM=offscreen) and check what it does.
#   packaging/bundle_test.sh [--no-build]
# Takes about 30-60 s with a warm build venv (first run: + venv and wheels).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
if [ "${1:-}" != "--no-build" ]; then packaging/build_bundle.sh; fi

BUNDLE=dist/summit-timeline
APP=$BUNDLE/summit-timeline
RES=$BUNDLE/_internal/summit_timeline/resources
SRC_RES=desktop/summit_timeline/resources
fail=0
ok()   { echo "ok    $*"; }
bad()  { echo "FAIL  $*"; fail=1; }

[ -x "$APP" ] || { echo "FAIL  no bundle at $APP"; exit 1; }
# Every file of the package data (data, schema, icons, map, desktop files) is in the bundle.
missing=$(cd "$SRC_RES" && find . -type f ! -name '*.py' ! -name '*.pyc' | while read -r f; do
  [ -f "$OLDPWD/$RES/$f" ] || echo "$f"; done)
[ -z "$missing" ] && ok "every resource file is in the bundle" || bad "missing from the bundle: $missing"

want=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' desktop/summit_timeline/__init__.py)
python3 packaging/smoke_check.py --version "$want" --desktop "$APP" || fail=1

if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate $SRC_RES/linux/summit-timeline.desktop && ok "desktop-file-validate" || bad "desktop-file-validate"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net $SRC_RES/linux/io.github.summit_timeline.SummitTimeline.metainfo.xml >/dev/null \
    && ok "appstreamcli validate" || bad "appstreamcli validate"
fi
size=$(du -sk "$BUNDLE" | awk '{printf "%.1f", $1/1024}')
if awk -v s="$size" 'BEGIN { exit !(s <= 150) }'; then ok "bundle is $size MB (goal: at most 150)"
else bad "bundle is $size MB, over the 150 MB goal (python3 packaging/bundle_sizes.py shows why)"; fi

echo "bundle-test: $( [ $fail = 0 ] && echo passed || echo FAILED ) in $(( $(date +%s) - start )) s," \
     "bundle $size MB"
exit $fail
