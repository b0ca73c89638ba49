#!/usr/bin/env bash
# Installs what GoLive Planner needs to build, run and test, and only what is missing.
#
#   scripts/setup.sh [GROUP...]   groups: build (default), pdf, pyhanko, desktop, e2e, keyring,
#                                 bench, pytools
#
# desktop and e2e also install the UI's npm packages (npm ci, when node_modules is missing or
# older than ui/package-lock.json); e2e also installs tauri-driver with cargo.
#
# Debian packages are installed with apt-get only when dpkg does not list them, so a second
# run is quick and needs no network.
set -euo pipefail

groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(build)

packages=()
for group in "${groups[@]}"; do
  case "$group" in
    build) packages+=(build-essential pkg-config) ;;
    pdf) packages+=(poppler-utils qpdf openssl) ;;
    # certutil: an NSS database that trusts the test CA, so pdfsig's verdict on a trusted
    # issuer is tested too.
    pyhanko) packages+=(libnss3-tools) ;;
    bench) packages+=(curl chromium) ;;
    desktop) packages+=(libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libsoup-3.0-dev
                        libjavascriptcoregtk-4.1-dev libssl-dev file) ;;
    # x11-utils: xwininfo, to read the native window's title; xdotool, to answer the native
    # file dialogs (WebDriver cannot reach them) as a user types a path into them.
    e2e) packages+=(xvfb xauth webkit2gtk-driver imagemagick curl x11-utils xdotool) ;;
    # A real Secret Service for the tests of remembered staging logins (scripts/with-keyring.sh).
    keyring) packages+=(gnome-keyring dbus-daemon dbus-bin) ;;
    # Independent parsers the export tests read files back with (a virtualenv, see below).
    pytools) packages+=(python3-venv) ;;
    *) echo "setup: unknown group '$group' (use build, pdf, pyhanko, desktop, e2e, keyring, bench, pytools)" >&2; exit 2 ;;
  esac
done

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# The desktop UI's npm packages, from the committed lock file.
needs_ui=""
needs_driver=""
needs_pyhanko=""
for group in "${groups[@]}"; do
  case "$group" in
    desktop) needs_ui=1 ;;
    e2e) needs_ui=1; needs_driver=1 ;;
    pyhanko) needs_pyhanko=1 ;;
  esac
done
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ -n "$needs_ui" ]; then
  command -v npm >/dev/null || { echo "setup: Node.js 20+ and npm are needed for the desktop UI" >&2; exit 2; }
  stamp="$root/ui/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$root/ui/package-lock.json" -nt "$stamp" ]; then
    echo "setup: npm ci (ui/)"
    (cd "$root/ui" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
if [ -n "$needs_driver" ] && ! command -v tauri-driver >/dev/null && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
  echo "setup: cargo install tauri-driver"
  cargo install tauri-driver --locked --quiet
fi

# Python parsers for the tests, from PyPI into target/py-tools (pinned; remade when the pins
# change): icalendar reads exported calendars, pikepdf (qpdf's own library) reads the
# report's structure tree.
for group in "${groups[@]}"; do
  py_tools="$root/target/py-tools"
  py_pins="icalendar==6.1.0 pikepdf==10.17.0"
  if [ "$group" = pytools ] && { [ ! -x "$py_tools/bin/python" ] || [ "$(cat "$py_tools/.golive-pins" 2>/dev/null)" != "$py_pins" ]; }; then
    echo "setup: python venv target/py-tools ($py_pins)"
    rm -rf "$py_tools"
    python3 -m venv "$py_tools"
    # shellcheck disable=SC2086 # the pins are separate words
    "$py_tools/bin/pip" install --quiet --disable-pip-version-check $py_pins
    echo "$py_pins" > "$py_tools/.golive-pins"
  fi
done

# pyHanko, pinned so a validator release cannot change a test's verdict unannounced.
if [ -n "$needs_pyhanko" ]; then
  venv="${GOLIVE_PYHANKO_VENV:-$HOME/.cache/golive/pyhanko}"
  want="pyhanko==0.38.0 pyhanko-cli==0.6.0"
  if [ ! -x "$venv/bin/pyhanko" ] || [ "$(cat "$venv/.golive-pins" 2>/dev/null)" != "$want" ]; then
    command -v python3 >/dev/null || { echo "setup: python3 is needed for pyHanko" >&2; exit 2; }
    if ! python3 -m venv --help >/dev/null 2>&1; then
      echo "setup: installing python3-venv"
      sudo=""
      [ "$(id -u)" -ne 0 ] && sudo="sudo"
      DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-venv
    fi
    echo "setup: pyHanko virtual environment in $venv"
    rm -rf "$venv"
    python3 -m venv "$venv"
    # shellcheck disable=SC2086
    "$venv/bin/pip" install --quiet --disable-pip-version-check $want
    echo "$want" > "$venv/.golive-pins"
  fi
fi
