#!/usr/bin/env bash
# Plan-bundle speed and memory on a large plan: 1,000 evidence files of 1 MB (1 GB in all),
# exported to one bundle and imported into a fresh database; wall time and peak memory of
# each whole `golive` process (GNU time). Budgets (issue 15): disk speed; ≤ 100 MB RSS.
#
#   benches/bundle.sh [path/to/golive]      (default: target/release/golive)
set -euo pipefail
golive=$(realpath "${1:-target/release/golive}")
files=${BUNDLE_FILES:-1000}
size_kb=${BUNDLE_FILE_KB:-1024}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export NO_COLOR=1
a="$work/a/golive.db"
b="$work/b/golive.db"
"$golive" --db "$a" plan new "Bundle bench" --launch "2027-06-07 09:00" --tz Europe/Berlin >/dev/null
tasks=($("$golive" --db "$a" timeline "Bundle bench" --json | python3 -c 'import json,sys; print(" ".join(i["id"] for i in json.load(sys.stdin)["items"]))'))
echo "bundle bench: $files evidence files of $size_kb KB"
for i in $(seq 1 "$files"); do
  # Random bytes: evidence files are mostly compressed formats already.
  head -c "$((size_kb * 1024))" /dev/urandom > "$work/evidence.bin"
  "$golive" --db "$a" evidence add "Bundle bench" "${tasks[$((i % ${#tasks[@]}))]}" --file "$work/evidence.bin" >/dev/null
done
sync
measure() {
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null
  read -r secs kb < "$work/time"
  printf '%-8s %6.2f s  peak RSS %6.1f MB\n' "$label" "$secs" "$(echo "$kb / 1024" | bc -l)"
}
measure export "$golive" --db "$a" export bundle "Bundle bench" --out "$work/plan.golive"
ls -l "$work/plan.golive" | awk '{printf "bundle   %.1f MB\n", $5 / 1048576}'
measure import "$golive" --db "$b" import bundle "$work/plan.golive"
# Disk speed on the same filesystem for comparison: copying the bundle once.
measure "cp" cp "$work/plan.golive" "$work/copy.golive"
