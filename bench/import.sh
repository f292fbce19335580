#!/usr/bin/env bash
# Times `import wordpress` on a generated WordPress export (bench/make-wxr.py: Persian posts of 3 to 8 paragraphs, with
# categories and tags): a first import into an empty site, then the same file again (everything unchanged). Reports wall
# time and peak memory (GNU time). Usage: bench/import.sh [POSTS=10000]. Writes bench/results/import-N.md.
set -euo pipefail
cd "$(dirname "$0")/.."
posts=${1:-10000}
work=$(mktemp -d /tmp/bayan-import-bench.XXXXXX)
results=bench/results/import-$posts.md
trap 'rm -rf "$work"' EXIT

command -v /usr/bin/time >/dev/null || { echo "bench: needs GNU time (apt-get install time)" >&2; exit 2; }
dotnet build -c Release src/Bayan -v quiet -nologo >/dev/null
app=src/Bayan/bin/Release/net10.0/Bayan.dll
python3 bench/make-wxr.py "$posts" "$work/export.xml" >/dev/null
size=$(du -m "$work/export.xml" | cut -f1)

run() { # label
  /usr/bin/time -f "%e %M" -o "$work/time" dotnet "$app" import wordpress "$work/export.xml" --Bayan:DataDirectory="$work/data" >"$work/out" 2>&1
  read -r seconds kilobytes <"$work/time"
  echo "| $1 | $(grep -m1 "^Imported" "$work/out" | sed 's/ ([0-9.]* s)//') | ${seconds} s | $((kilobytes / 1024)) MB |" >>"$work/rows"
}

run "first import"
run "the same file again"
{
  echo "# import wordpress, $posts posts ($size MB WXR)"
  echo
  echo "$(date -u +%F), $(nproc) cores, $(dotnet --version) SDK, SQLite."
  echo
  echo "| run | report | wall time | peak memory |"
  echo "| --- | --- | --- | --- |"
  cat "$work/rows"
} >"$results"
cat "$results"
