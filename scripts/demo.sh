#!/usr/bin/env bash
# Shows GoLive Planner through its CLI on a throw-away database: a plan for a launch twelve
# weeks from today with some work done, its timeline and its readiness verdict.
set -euo pipefail
golive=${1:-target/release/golive}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export GOLIVE_DB="$dir/demo.db"

launch=$(date -d "+84 days" +%Y-%m-%d)
"$golive" config user "Demo Consultant" >/dev/null
"$golive" plan new "Acme relaunch" --launch "$launch 09:00" --tz Europe/Berlin --client "Acme GmbH"
"$golive" item set acme GEN-01 --status done --owner "Dana" >/dev/null
"$golive" evidence add acme GEN-01 --note "Date and time confirmed with the platform team by e-mail" >/dev/null
"$golive" item set acme CLO-06 --status in-progress --owner "Ops" >/dev/null
"$golive" item set acme SEO-06 --waive "Favicon ships with the new theme" --until "$launch" >/dev/null
echo
"$golive" plan show acme
echo
"$golive" timeline acme | head -n 16
echo "  … (golive timeline acme shows every task)"
echo
"$golive" history acme
echo
echo "This demo used a temporary database. Your own plans live in: $(env -u GOLIVE_DB "$golive" db path)"
