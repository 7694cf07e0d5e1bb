#!/usr/bin/env bash
# The Debian package, tested as an office's admin would use it:
#   1. build the .deb with the pinned Tauri CLI (debug profile by default, so
#      it reuses the target/ of `make build`; PACKAGE_PROFILE=release for the
#      release build),
#   2. install it with apt-get (as root; sudo otherwise),
#   3. start the INSTALLED /usr/bin/loket-tte under Xvfb on a fresh data
#      folder, wait for its window and its database, take a screenshot,
#   4. remove the package and check the data folder and database are still
#      there.
# Prints one PASS or FAIL line; exits non-zero on failure. Cleans up (app,
# Xvfb, the installed package, temp folders) on every exit.
# Needs: scripts/setup.sh test (xvfb, imagemagick, x11-utils), node/npm.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
export PATH="$HOME/.cargo/bin:$PATH"

profile="${PACKAGE_PROFILE:-debug}"
t0=$(date +%s)
step() { echo "package-test: $*"; }
fail() {
  echo "package-test: FAIL: $*" >&2
  exit 1
}

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
apt_get() {
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=600 "$@"
}

for tool in npm npx cargo Xvfb xwininfo; do
  command -v "$tool" >/dev/null || fail "$tool not found (run: make setup-test)"
done
# ImageMagick's own binaries by full path: a stand-in earlier on PATH (some
# machines have a /usr/local/bin/convert that is not ImageMagick) would not do.
for tool in /usr/bin/import /usr/bin/identify; do
  [ -x "$tool" ] || fail "$tool not found (apt-get install imagemagick)"
done

# Everything made here goes under one temp folder; the screenshot is kept.
work=$(mktemp -d)
chmod 755 "$work" # apt's _apt user reads the .deb from here
out_dir="$repo/target/package-test"
mkdir -p "$out_dir"
app_pid=""
xvfb_pid=""
installed_by_us=0

cleanup() {
  local rc=$?
  set +e
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    kill "$app_pid" 2>/dev/null
    sleep 1
    kill -9 "$app_pid" 2>/dev/null
  fi
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null; fi
  if [ "$installed_by_us" = 1 ] && dpkg-query -W -f='${Status}' loket-tte 2>/dev/null | grep -q "ok installed"; then
    step "cleanup: removing the installed package"
    apt_get remove -y loket-tte >/dev/null 2>&1
  fi
  rm -rf "$work"
  if [ "$rc" -ne 0 ]; then
    echo "package-test: FAIL (exit $rc; logs were printed above)" >&2
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# 1. The pinned CLI, then the package.
pinned=$(sed -n 's/.*"@tauri-apps\/cli": *"\([^"]*\)".*/\1/p' package.json)
if [ "$(npx --no-install tauri --version 2>/dev/null || true)" != "tauri-cli $pinned" ]; then
  step "npm ci (Tauri CLI $pinned)"
  npm ci --no-audit --no-fund --loglevel=error
fi

meta=$(cargo metadata --format-version 1 --no-deps)
target_dir=$(printf '%s' "$meta" | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
version=$(printf '%s' "$meta" | python3 -c 'import json,sys; print([p["version"] for p in json.load(sys.stdin)["packages"] if p["name"]=="loket-tte"][0])')
arch=$(dpkg --print-architecture)
deb="$target_dir/$profile/bundle/deb/Loket TTE_${version}_${arch}.deb"
rm -f "$deb"

build_args=(build --ci --bundles deb)
if [ "$profile" = debug ]; then build_args+=(--debug); fi
step "npx tauri ${build_args[*]} (target dir $target_dir)"
tb=$(date +%s)
npx --no-install tauri "${build_args[@]}"
build_secs=$(($(date +%s) - tb))
[ -f "$deb" ] || fail "no package at $deb"
deb_size=$(stat -c %s "$deb")
step "built $(basename "$deb") ($((deb_size / 1024)) KiB) in ${build_secs} s"
cp "$deb" "$work/loket-tte.deb"
chmod 644 "$work/loket-tte.deb"
dpkg-deb --info "$work/loket-tte.deb" | sed -n '/Package:/,$p'

# 2. Install.
if dpkg-query -W -f='${Status}' loket-tte 2>/dev/null | grep -q "ok installed"; then
  step "note: loket-tte was already installed; it is replaced and removed at the end"
fi
step "apt-get install ./loket-tte.deb"
installed_by_us=1
apt_get install -y "$work/loket-tte.deb" >"$work/apt-install.log" 2>&1 || {
  cat "$work/apt-install.log" >&2
  fail "apt-get install"
}
[ "$(dpkg-query -W -f='${Version}' loket-tte)" = "$version" ] || fail "installed version is not $version"
[ -x /usr/bin/loket-tte ] || fail "/usr/bin/loket-tte missing"
[ -x /usr/bin/loket ] || fail "/usr/bin/loket (the admin CLI) missing"
[ "$(/usr/bin/loket --version)" = "loket $version" ] || fail "loket --version: $(/usr/bin/loket --version)"
[ -f "/usr/share/applications/Loket TTE.desktop" ] || fail "no desktop entry"
step "installed: $(dpkg -L loket-tte | grep -E '^/usr/(bin|share/applications)/.+' | tr '\n' ' ')"

# 3. Start the installed app on a fresh data folder under its own Xvfb.
data="$work/data"
mkdir -p "$data"
display=""
for n in $(seq 90 140); do
  if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then
    display=":$n"
    break
  fi
done
[ -n "$display" ] || fail "no free X display"
Xvfb "$display" -screen 0 1440x900x24 -nolisten tcp >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do
  [ -e "/tmp/.X11-unix/X${display#:}" ] && break
  sleep 0.1
done
[ -e "/tmp/.X11-unix/X${display#:}" ] || fail "Xvfb did not start on $display"

# WebKitGTK keeps its own cache under $XDG_DATA_HOME/<identifier> whatever
# LOKET_DATA_DIR says; point the XDG folders into the temp folder too, so the
# test leaves nothing in the home folder.
xdg="$work/xdg"
mkdir -p "$xdg/data" "$xdg/cache" "$xdg/config"
step "starting /usr/bin/loket-tte on $display with LOKET_DATA_DIR=$data"
ts=$(date +%s%N)
DISPLAY=$display LOKET_DATA_DIR=$data XDG_DATA_HOME=$xdg/data XDG_CACHE_HOME=$xdg/cache \
  XDG_CONFIG_HOME=$xdg/config /usr/bin/loket-tte >"$work/app.log" 2>&1 &
app_pid=$!

# The window, then the database, then a painted page (a blank or one-colour
# window is not "seen": wait until the screenshot has text-like detail).
window=""
colours=0
shot="$out_dir/loket-tte-window.png"
for _ in $(seq 300); do
  kill -0 "$app_pid" 2>/dev/null || {
    cat "$work/app.log" >&2
    fail "the app exited early"
  }
  if [ -z "$window" ]; then
    window=$(DISPLAY=$display xwininfo -root -tree 2>/dev/null | grep '"Loket TTE"' | head -n1 || true)
    [ -n "$window" ] && window_ms=$((($(date +%s%N) - ts) / 1000000))
  fi
  if [ -n "$window" ] && [ -s "$data/loket.sqlite3" ]; then
    DISPLAY=$display /usr/bin/import -window root "$shot" 2>/dev/null || true
    colours=$(/usr/bin/identify -format '%k' "$shot" 2>/dev/null || echo 0)
    if [ "$colours" -ge 200 ]; then break; fi
  fi
  sleep 0.1
done
[ -n "$window" ] || {
  cat "$work/app.log" >&2
  fail "no window titled \"Loket TTE\" within 30 s"
}
[ -s "$data/loket.sqlite3" ] || fail "no $data/loket.sqlite3"
[ "$colours" -ge 200 ] || fail "the window stayed blank ($colours colours in $shot)"
paint_ms=$((($(date +%s%N) - ts) / 1000000))
step "window after ${window_ms} ms, painted after ${paint_ms} ms ($colours colours): ${window## }"
step "screenshot: $shot"

kill "$app_pid"
for _ in $(seq 50); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
kill -0 "$app_pid" 2>/dev/null && fail "the app did not stop on SIGTERM"
app_pid=""
kill "$xvfb_pid" 2>/dev/null || true
xvfb_pid=""

# 4. Remove; the data folder must stay.
step "apt-get remove loket-tte"
apt_get remove -y loket-tte >"$work/apt-remove.log" 2>&1 || {
  cat "$work/apt-remove.log" >&2
  fail "apt-get remove"
}
installed_by_us=0
if dpkg-query -W -f='${Status}' loket-tte 2>/dev/null | grep -q "ok installed"; then
  fail "loket-tte still installed after remove"
fi
if [ -e /usr/bin/loket-tte ] || [ -e /usr/bin/loket ]; then fail "binaries left after remove"; fi
[ -s "$data/loket.sqlite3" ] || fail "the database is gone after remove"
head -c 16 "$data/loket.sqlite3" | grep -q "SQLite format 3" || fail "the database is not an SQLite file after remove"
step "after remove the data folder still holds: $(ls "$data" | tr '\n' ' ')"
step "WebKit's own folders (XDG, outside the data folder): $(cd "$xdg" && find . -mindepth 2 -maxdepth 2 | tr '\n' ' ')"

total=$(($(date +%s) - t0))
echo "package-test: PASS (loket-tte $version $arch, $profile build ${build_secs} s, .deb $((deb_size / 1024)) KiB, window ${window_ms} ms, total ${total} s)"
