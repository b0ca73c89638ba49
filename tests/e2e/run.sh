#!/usr/bin/env bash
# End-to-end test of the desktop app: Xvfb + tauri-driver + WebKitWebDriver, the real binary on
# a temporary data directory. Screenshots go to $SHOT_DIR (default target/e2e-screenshots;
# `make screenshots` refreshes the committed ones in docs/screenshots).
#
#   tests/e2e/run.sh [path/to/golive-desktop]
set -euo pipefail
cd "$(dirname "$0")/../.."

BIN=$(realpath "${1:-target/debug/golive-desktop}")
SHOT_DIR=$(realpath -m "${SHOT_DIR:-target/e2e-screenshots}")
export PATH="$HOME/.cargo/bin:$PATH"
for tool in Xvfb tauri-driver WebKitWebDriver node xwininfo xdotool; do
  command -v "$tool" >/dev/null || { echo "e2e: $tool is missing; run scripts/setup.sh desktop e2e" >&2; exit 2; }
done
[ -x "$BIN" ] || { echo "e2e: no binary at $BIN; build it with make test-e2e (cargo test --workspace --no-run)" >&2; exit 2; }

TMP=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  sleep 0.5
  rm -rf "$TMP" 2>/dev/null || true
}
trap cleanup EXIT

# Everything the app and its webview write goes to the temp dir, never the user's data.
export XDG_DATA_HOME="$TMP/data" XDG_CONFIG_HOME="$TMP/config" XDG_CACHE_HOME="$TMP/cache"
export GOLIVE_DB="$TMP/data/golive/golive.db"
# GTK's file dialogs keep their settings in memory: no dconf (and no D-Bus) on the test display.
export GSETTINGS_BACKEND=memory
mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"

# A free display and free ports, so parallel runs do not collide.
display=$(( 90 + RANDOM % 400 ))
while [ -e "/tmp/.X11-unix/X$display" ]; do display=$(( display + 1 )); done
Xvfb ":$display" -screen 0 1366x860x24 -nolisten tcp >"$TMP/xvfb.log" 2>&1 &
pids+=($!)
export DISPLAY=":$display"
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$display" ] && break; sleep 0.1; done

# A loopback "shop" for the Probes view: a static site on 127.0.0.1.
mkdir -p "$TMP/shop"
printf '<!doctype html><html lang="en"><head><title>Acme Shop</title><meta name="description" content="Acme shop"></head><body>Acme</body></html>' >"$TMP/shop/index.html"
printf 'User-agent: *\nAllow: /\n' >"$TMP/shop/robots.txt"
shop_port=$(( 8000 + RANDOM % 1000 ))
python3 -m http.server "$shop_port" --bind 127.0.0.1 --directory "$TMP/shop" >"$TMP/shop.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$shop_port/" >/dev/null && break; sleep 0.1; done

port=$(( 4444 + RANDOM % 2000 ))
tauri-driver --port "$port" --native-port $(( port + 1 )) >"$TMP/driver.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/status" >/dev/null && break; sleep 0.1; done

WD_URL="http://127.0.0.1:$port" APP_BIN="$BIN" SHOT_DIR="$SHOT_DIR" SHOP_URL="http://127.0.0.1:$shop_port/" \
  node "${E2E_SCRIPT:-tests/e2e/desktop.test.mjs}" || { echo "--- tauri-driver log"; tail -50 "$TMP/driver.log"; exit 1; }
