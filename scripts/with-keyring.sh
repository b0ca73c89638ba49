#!/usr/bin/env bash
# Runs a command with a private OS keyring: its own D-Bus session bus and a GNOME Keyring
# daemon (the Secret Service) keeping its keyring in a temporary folder, so tests exercise a
# real keyring without touching the user's own. Sets GOLIVE_TEST_KEYRING=1 for the tests.
#
#   scripts/with-keyring.sh cargo test --locked
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: scripts/with-keyring.sh COMMAND [ARG...]" >&2; exit 2; }
for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
  command -v "$tool" >/dev/null || {
    echo "with-keyring: $tool is missing; run scripts/setup.sh keyring" >&2; exit 2; }
done

home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export GOLIVE_TEST_KEYRING=1 GOLIVE_KEYRING_HOME="$home"

# The inner shell owns the bus: the daemon and the bus end with the command.
dbus-run-session -- bash -c '
  set -euo pipefail
  # The keyring files live in the temporary HOME; the password only unlocks that throw-away
  # "login" keyring.
  printf test | HOME="$GOLIVE_KEYRING_HOME" XDG_DATA_HOME="$GOLIVE_KEYRING_HOME/data" \
    XDG_RUNTIME_DIR="$GOLIVE_KEYRING_HOME" \
    gnome-keyring-daemon --unlock --components=secrets >/dev/null
  for _ in $(seq 50); do
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
      | grep -q "boolean true" && break
    sleep 0.1
  done
  exec "$@"
' with-keyring "$@" 2> >(grep -v "Failed to set fd limit" >&2)
