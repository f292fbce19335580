#!/usr/bin/env bash
# Times `static-site` on a site of generated statements (the `generate` verb: English, Persian and Arabic): a first run
# into an empty directory, a second run with nothing changed, and a third after one statement is corrected. Reports wall
# time, peak memory (GNU time) and the mirror's size. Usage: bench/static-site.sh [STATEMENTS=10000].
# Writes bench/results/static-site-N.md.
set -euo pipefail
cd "$(dirname "$0")/.."
statements=${1:-10000}
work=$(mktemp -d /tmp/bayan-static-bench.XXXXXX)
results=bench/results/static-site-$statements.md
trap 'rm -rf "$work"' EXIT

command -v /usr/bin/time >/dev/null || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 2; }
command -v sqlite3 >/dev/null || { echo "bench: needs sqlite3 (apt-get install sqlite3)" >&2; exit 2; }
dotnet build -c Release src/Bayan -v quiet -nologo >/dev/null
app=src/Bayan/bin/Release/net10.0/Bayan.dll
dotnet "$app" generate --statements "$statements" --Bayan:DataDirectory="$work/data" >/dev/null

run() { # label
  /usr/bin/time -f "%e %M" -o "$work/time" dotnet "$app" static-site "$work/mirror" --base-url https://mirror.example.org/ --contentRoot="$PWD/src/Bayan" \
    --Bayan:DataDirectory="$work/data" >"$work/out" 2>&1
  read -r seconds kilobytes <"$work/time"
  echo "| $1 | $(grep -m1 "^Mirrored" "$work/out" | sed -e 's/ ([0-9.]* s)//' -e 's/ to [^ ]* for [^ ]*//') | ${seconds} s | $((kilobytes / 1024)) MB |" >>"$work/rows"
}

run "first run, empty directory"
run "second run, nothing changed"
# A correction as the back office would make it, straight in the database: one statement's English title changes.
sqlite3 "$work/data/bayan.db" "UPDATE Translations SET Title = Title || ' (corrected)' WHERE Id = (SELECT MIN(Id) FROM Translations WHERE Language = 'en' AND IsPublished = 1);"
run "third run, one title changed"
size=$(du -sm "$work/mirror" | cut -f1)
files=$(find "$work/mirror" -type f | wc -l)
{
  echo "# static-site, $statements statements"
  echo
  echo "$(date -u +%F), $(nproc) cores, $(dotnet --version) SDK, SQLite. The mirror: $files files, $size MB."
  echo
  echo "| run | report | wall time | peak memory |"
  echo "| --- | --- | --- | --- |"
  cat "$work/rows"
} >"$results"
cat "$results"
