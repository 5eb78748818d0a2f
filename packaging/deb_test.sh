#!/usr/bin/env bash
# .deb test (make deb-test): install the package the way a user does
# (apt-get install ./summit-timeline_*.deb) on this machine, check what a
# desktop user meets, then purge it and check that nothing is left behind.
#
#   packaging/deb_test.sh [--no-build]
#
# Needs root: it installs into the system.  It refuses to run when the
# package is already installed, and purges it on every exit, pass or fail.
# About 30 s after the build (make deb: about 2 min with a warm build venv).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
[ "$(id -u)" = 0 ] || { echo "deb-test: needs root (it installs the package system-wide)" >&2; exit 1; }
if [ "${1:-}" != "--no-build" ]; then
  packaging/build_bundle.sh
  python3 packaging/build_deb.py
fi
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' desktop/summit_timeline/__init__.py)
DEB="$PWD/dist/summit-timeline_${version}_$(dpkg --print-architecture).deb"
MIME=application/x-summit-timeline+json
[ -f "$DEB" ] || { echo "FAIL  no package at $DEB (run make deb)"; exit 1; }
if dpkg-query -W -f '${Status}' summit-timeline 2>/dev/null | grep -q "installed"; then
  echo "FAIL  summit-timeline is already installed; remove it first (apt-get purge summit-timeline)"
  exit 1
fi

fail=0
ok()   { echo "ok    $*"; }
bad()  { echo "FAIL  $*"; fail=1; }
tmp=$(mktemp -d)
export DEBIAN_FRONTEND=noninteractive
purge() { apt-get purge -y -qq summit-timeline >"$tmp/purge.log" 2>&1; }
cleanup() {
  if dpkg-query -W -f '${Status}' summit-timeline 2>/dev/null | grep -q "installed"; then purge || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT

# Every path the package could touch; generated caches keep their names.
snapshot() {
  find /opt /usr /etc /var/lib/dpkg/info -xdev -name __pycache__ -prune -o -print 2>/dev/null | sort
}
packages() { dpkg-query -W -f '${db:Status-Abbrev} ${Package}\n' | awk '$1 ~ /^.i/ {print $2}' | sort; }
snapshot >"$tmp/before.txt"
packages >"$tmp/packages-before.txt"

# -- install ------------------------------------------------------------
if apt-get install -y -qq "$DEB" >"$tmp/install.log" 2>&1; then ok "apt-get install $(basename "$DEB")"
else bad "apt-get install failed: $(tail -5 "$tmp/install.log")"; exit 1; fi
packages >"$tmp/packages-during.txt"
installed_mb=$(du -sk /opt/summit-timeline | awk '{printf "%.1f", $1/1024}')

# A user with nothing of their own yet: only what the package installed answers.
user_env() {
  mkdir -p "$tmp/home/runtime" && chmod 700 "$tmp/home/runtime"
  env HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/config" XDG_DATA_HOME="$tmp/home/share" \
      XDG_RUNTIME_DIR="$tmp/home/runtime" XDG_DATA_DIRS=/usr/local/share:/usr/share "$@"
}

[ "$(command -v summit-timeline)" = /usr/bin/summit-timeline ] \
  && ok "summit-timeline on PATH: /usr/bin/summit-timeline -> $(readlink /usr/bin/summit-timeline)" \
  || bad "summit-timeline is not /usr/bin/summit-timeline on PATH"
entry=/usr/share/applications/summit-timeline.desktop
if [ -f $entry ]; then
  ok "menu entry in /usr/share/applications"
  out=$(desktop-file-validate $entry 2>&1) && ok "desktop-file-validate $entry" || bad "desktop-file-validate: $out"
  grep -q "^Exec=summit-timeline %f$" $entry && ok "menu entry runs: $(grep ^Exec= $entry)" \
    || bad "unexpected $(grep ^Exec= $entry)"
else
  bad "no $entry"
fi
metainfo=/usr/share/metainfo/io.github.summit_timeline.SummitTimeline.metainfo.xml
out=$(appstreamcli validate --no-net $metainfo 2>&1) && ok "appstreamcli validate $metainfo" \
  || bad "AppStream metadata: $out"
for icon in /usr/share/icons/hicolor/{16x16,32x32,48x48,256x256}/apps/summit-timeline.png \
            /usr/share/icons/hicolor/scalable/apps/summit-timeline.svg; do
  [ -f "$icon" ] || bad "missing icon $icon"
done
ok "icons in /usr/share/icons/hicolor"
man -w summit-timeline >/dev/null 2>&1 && ok "manual page: $(man -w summit-timeline)" || bad "no manual page"

default=$(user_env xdg-mime query default $MIME)
[ "$default" = summit-timeline.desktop ] && ok "xdg-mime query default $MIME: $default" \
  || bad "xdg-mime query default $MIME: '$default'"
cp "$(ls /opt/summit-timeline/_internal/summit_timeline/resources/data/*.timeline.json | head -1)" \
   "$tmp/talks.timeline.json"
echo '{}' >"$tmp/other.json"
kind=$(user_env xdg-mime query filetype "$tmp/talks.timeline.json")
[ "$kind" = $MIME ] && ok "a *.timeline.json file is $kind" || bad "talks.timeline.json is '$kind'"
kind=$(user_env xdg-mime query filetype "$tmp/other.json")
[ "$kind" = application/json ] && ok "a plain .json file stays $kind" || bad "other.json is '$kind'"
# The double-click: the desktop's opener (xdg-open) looks up the file's type
# and its default application, and runs our entry's Exec line on the file.
# On a virtual X screen when Xvfb is installed, so the app draws through X11;
# xdg-open wants a display either way.  A wrapper first on PATH records the
# arguments the entry was started with, then runs the installed program.
mkdir -p "$tmp/spy"
printf '#!/bin/sh\necho "$@" >"%s/spy/args"\nexec /usr/bin/summit-timeline "$@"\n' "$tmp" \
  >"$tmp/spy/summit-timeline"
chmod 755 "$tmp/spy/summit-timeline"
xvfb=""
if command -v Xvfb >/dev/null; then
  Xvfb -displayfd 3 -screen 0 1280x720x24 3>"$tmp/display" >/dev/null 2>&1 & xvfb=$!
  for _ in $(seq 50); do [ -s "$tmp/display" ] && break; sleep 0.1; done
  screen=(DISPLAY=":$(cat "$tmp/display")")
else
  screen=(DISPLAY=":0" QT_QPA_PLATFORM=offscreen)  # only xdg-open looks at DISPLAY
fi
out=$(cd "$tmp" && user_env "${screen[@]}" PATH="$tmp/spy:$PATH" \
      SUMMIT_TIMELINE_EXIT_AFTER_FIRST_FRAME=1 timeout 60 xdg-open "$tmp/talks.timeline.json" \
      2>"$tmp/open.log") || true
[ -n "$xvfb" ] && kill "$xvfb" 2>/dev/null
if echo "$out" | grep -q "summit-timeline: first frame" \
   && [ "$(cat "$tmp/spy/args" 2>/dev/null)" = "$tmp/talks.timeline.json" ]; then
  ok "xdg-open talks.timeline.json ran 'summit-timeline $tmp/talks.timeline.json'," \
     "which painted its window (${screen[*]})"
else
  bad "xdg-open did not open the file in the app: args '$(cat "$tmp/spy/args" 2>/dev/null)'," \
      "$(tail -3 "$tmp/open.log")"
fi

python3 packaging/smoke_check.py --version "$version" /usr/bin/summit-timeline || fail=1

if [ -x .venv/bin/summit-timeline ]; then
  echo "start-up, installed package against the bare window (seconds to the first frame):"
  user_env .venv/bin/summit-timeline bench-startup --runs 3 --variants floor \
    --launcher deb=/usr/bin/summit-timeline || bad "bench-startup failed"
fi

# -- purge --------------------------------------------------------------
if purge; then ok "apt-get purge summit-timeline"; else bad "purge failed: $(tail -5 "$tmp/purge.log")"; fi
dpkg-query -W -f '${Status}' summit-timeline 2>/dev/null | grep -q "installed" \
  && bad "dpkg still lists summit-timeline" || ok "dpkg no longer knows the package"
snapshot >"$tmp/after.txt"
# Dependencies apt pulled in stay (apt-get autoremove takes them): not ours.
comm -13 "$tmp/packages-before.txt" "$tmp/packages-during.txt" | grep -vx summit-timeline \
  >"$tmp/new-packages.txt" || true
: >"$tmp/theirs.txt"
while read -r pkg; do
  dpkg -L "$pkg" >>"$tmp/theirs.txt" 2>/dev/null || true
  ls -d /var/lib/dpkg/info/"$pkg".* /var/lib/dpkg/info/"$pkg":* >>"$tmp/theirs.txt" 2>/dev/null || true
done <"$tmp/new-packages.txt"
[ -s "$tmp/new-packages.txt" ] && echo "note  apt installed as dependencies: $(tr '\n' ' ' <"$tmp/new-packages.txt")"
sort -u "$tmp/theirs.txt" -o "$tmp/theirs.txt"
left=$(comm -13 "$tmp/before.txt" "$tmp/after.txt" | comm -23 - "$tmp/theirs.txt")
gone=$(comm -23 "$tmp/before.txt" "$tmp/after.txt")
[ -z "$left" ] && ok "nothing left behind (compared $(wc -l <"$tmp/before.txt") paths before and after)" \
  || bad "left behind: $(echo "$left" | head -20 | tr '\n' ' ')"
[ -z "$gone" ] && ok "nothing of the system removed" || bad "removed: $(echo "$gone" | head -20 | tr '\n' ' ')"

echo "deb-test: $( [ $fail = 0 ] && echo passed || echo FAILED ) in $(( $(date +%s) - start )) s," \
     "package $(du -k "$DEB" | awk '{printf "%.1f", $1/1024}') MB," \
     "installed /opt/summit-timeline $installed_mb MB"
exit $fail
