#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks to build and run Loket TTE
# ("run"), or also to test it ("test"). Installs only what is missing, so it
# is quick the second time. Needs root or sudo for apt.
set -euo pipefail

mode="${1:-run}"

# Build and run: WebKitGTK and GTK headers for Tauri 2 on Linux.
pkgs_run=(build-essential pkg-config libssl-dev libgtk-3-dev libwebkit2gtk-4.1-dev
          libsoup-3.0-dev librsvg2-dev libayatana-appindicator3-dev)
# Tests: a virtual display, the WebKit WebDriver, the PDF checking tools, and
# for the package test (scripts/package-test.sh, scripts/nsis-check.sh) the
# screenshot and window tools and makensis.
pkgs_test=(xvfb xauth webkit2gtk-driver poppler-utils qpdf imagemagick x11-utils nsis)

wanted=("${pkgs_run[@]}")
if [ "$mode" = "test" ]; then
  wanted+=("${pkgs_test[@]}")
  # The pinned Tauri CLI (package.json) comes through npm.
  if ! command -v npm >/dev/null 2>&1; then
    wanted+=(nodejs npm)
  fi
fi

missing=()
for p in "${wanted[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -q
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    -o DPkg::Lock::Timeout=600 "${missing[@]}"
fi

if ! command -v cargo >/dev/null 2>&1; then
  echo "setup: cargo not found. Install Rust (https://rustup.rs) and run this again." >&2
  exit 1
fi

if [ "$mode" = "test" ]; then
  if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
    echo "setup: installing tauri-driver"
    cargo install tauri-driver --locked --version 2.1.0
  fi
fi
