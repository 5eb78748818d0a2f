#!/usr/bin/env bash
# Bundle smoke test: build the one-folder app, then run the frozen binary
# headless (QT_QPA_PLATFORM=offscreen) and check what it does.
#   packaging/bundle_test.sh [--no-build]
# Takes about 30-60 s with a warm build venv (first run: + venv and wheels).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
if [ "${1:-}" != "--no-build" ]; then packaging/build_bundle.sh; fi

APP=dist/summit-timeline/summit-timeline
RES=dist/summit-timeline/_internal/summit_timeline/resources
SRC_RES=desktop/summit_timeline/resources
DATA=$RES/data/putin-xi-meetings.timeline.json
export QT_QPA_PLATFORM=offscreen
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
ok()   { echo "ok    $*"; }
bad()  { echo "FAIL  $*"; fail=1; }
note() { echo "note  $*"; }

[ -x "$APP" ] || { echo "FAIL  no bundle at $APP"; exit 1; }
[ -f "$DATA" ] && ok "default dataset is in the bundle" || bad "default dataset missing from the bundle"
for f in schema/summit-timeline-1.schema.json icons/summit-timeline.svg icons/summit-timeline-256.png \
         linux/summit-timeline.desktop; do
  [ -f "$RES/$f" ] && ok "resources/$f bundled" || bad "resources/$f missing"
done

want=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' desktop/summit_timeline/__init__.py)
got=$("$APP" --version 2>&1) || true
[ "$got" = "summit-timeline $want" ] && ok "--version: $got" || bad "--version printed '$got', want 'summit-timeline $want'"

# Run from a read-only copy's point of view: HOME elsewhere, cwd elsewhere.
out=$(cd "$tmp" && HOME="$tmp" "$OLDPWD/$APP" validate "$OLDPWD/$DATA" 2>&1) && ok "validate: $out" \
  || bad "validate failed: $out"

if "$APP" --help 2>&1 | grep -q "export"; then
  if (cd "$tmp" && HOME="$tmp" "$OLDPWD/$APP" export "$OLDPWD/$DATA" -o "$tmp/out.png") >"$tmp/export.log" 2>&1 \
     && [ "$(head -c 8 "$tmp/out.png" | od -An -tx1 | tr -d ' \n')" = "89504e470d0a1a0a" ]; then
    ok "export to PNG: $(wc -c <"$tmp/out.png") bytes"
  else
    bad "export to PNG failed: $(tail -3 "$tmp/export.log")"
  fi
else
  note "no 'export' command in this build yet: PNG export not checked"
fi

# The window itself: first painted frame of the default dataset, then exit.
if out=$(cd "$tmp" && HOME="$tmp" SUMMIT_TIMELINE_EXIT_AFTER_FIRST_FRAME=1 timeout 60 "$OLDPWD/$APP" 2>"$tmp/gui.log"); then
  if echo "$out" | grep -q "summit-timeline: first frame"; then ok "window painted its first frame and quit"
  else note "window ran and quit, but printed no first-frame marker (gui.py hook missing?)"; fi
else
  rc=$?
  if [ $rc = 124 ]; then note "window did not quit within 60 s (first-frame hook missing in gui.py?)"
  else bad "window exited with $rc: $(tail -3 "$tmp/gui.log")"; fi
fi

if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate $SRC_RES/linux/summit-timeline.desktop && ok "desktop-file-validate" || bad "desktop-file-validate"
else
  note "desktop-file-validate not installed"
fi
if command -v appstreamcli >/dev/null; then
  appstreamcli validate --no-net $SRC_RES/linux/io.github.summit_timeline.SummitTimeline.metainfo.xml >/dev/null \
    && ok "appstreamcli validate" || bad "appstreamcli validate"
fi

echo "bundle-test: $( [ $fail = 0 ] && echo passed || echo FAILED ) in $(( $(date +%s) - start )) s," \
     "bundle $(du -sk dist/summit-timeline | awk '{printf "%.1f", $1/1024}') MB"
exit $fail
