#!/usr/bin/env bash
# The report budget next to headless Chromium printing the same content as HTML.
#
#   benches/report_vs_chromium.sh        (needs the Debian package `chromium`)
#
# Runs the criterion bench `report` (our render, and render + seal + sign) and, in the same
# run, times Chromium's --print-to-pdf of the reference page. Prints times and sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

cargo run --quiet --release --example report_reference -- "$out"
cargo bench --quiet --bench report -- --noplot 2>&1 | grep -E 'reference report|time:|^report/' || true

command -v chromium >/dev/null || { echo "chromium is missing: apt-get install chromium" >&2; exit 1; }
best=""
for _ in 1 2 3; do
  start=$(date +%s%N)
  chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
    --print-to-pdf="$out/chromium.pdf" "file://$out/reference.html" >/dev/null 2>&1
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
done
pages() { pdfinfo "$1" | awk '/^Pages:/ {print $2}'; }
echo "golive:   $(stat -c %s "$out/golive.pdf") bytes, $(pages "$out/golive.pdf") pages (render time: see criterion above)"
echo "chromium: $(stat -c %s "$out/chromium.pdf") bytes, $(pages "$out/chromium.pdf") pages, best of 3: ${best} ms"
