#!/usr/bin/env bash
# Measures signing and the public log on a generated archive: `keys create` signing every public translation, `verify`
# of the whole site, of its export and of its static mirror, an entry with its inclusion proof under wrk (page cache off, a random entry each request), and
# what signing and logging add to a publication (the editorial API, publishing without a key and then with one).
# Usage: bench/verification.sh [STATEMENTS=10000] [PUBLICATIONS=200]. Needs wrk, curl and python3.
# Writes bench/results/verification-N.md.
set -euo pipefail
cd "$(dirname "$0")/.."
statements=${1:-10000}
publications=${2:-200}
root=$PWD
work=$(mktemp -d /tmp/bayan-verification-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
app_pid=
results=bench/results/verification-$statements.md
trap 'kill $app_pid 2>/dev/null || true; rm -rf "$work"' EXIT
for tool in wrk curl python3; do command -v "$tool" >/dev/null || { echo "bench: needs $tool" >&2; exit 2; }; done

dotnet build -c Release src/Bayan -v quiet -nologo >/dev/null
app=$root/src/Bayan/bin/Release/net10.0/Bayan.dll
settings=(--Bayan:DataDirectory="$work/data" --Logging:LogLevel:Default=Warning)
seconds_since() { echo "$(date +%s.%N) - $1" | bc; }

echo "== generating $statements statements"
dotnet "$app" generate --statements "$statements" "${settings[@]}" | tail -1
password=$(head -c 18 /dev/urandom | base64 | tr "+/" "xy")
echo "$password" | dotnet "$app" users add --email bench@example.org --role Administrator --password-stdin "${settings[@]}" >/dev/null

serve() {
  (cd src/Bayan && exec dotnet "$app" --urls "http://127.0.0.1:$port" --Bayan:CacheSeconds=0 "${settings[@]}") >"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/healthz/ready" >/dev/null && return 0; sleep 0.5; done
  echo "bench: the site did not start" >&2; cat "$work/app.log" >&2; exit 1
}
stop() { kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=; }

# Publishing through the editorial API, timed per publication (create + publish), without a key.
serve
token=$(python3 bench/cluster/writer.py token "http://127.0.0.1:$port" bench@example.org "$password")
python3 bench/cluster/writer.py timed "http://127.0.0.1:$port" "$token" 50 >/dev/null # warm-up
unsigned=$(python3 bench/cluster/writer.py timed "http://127.0.0.1:$port" "$token" "$publications")
stop

echo "== keys create (signs every public translation)"
start=$(date +%s.%N)
dotnet "$app" keys create "${settings[@]}" | tail -1
create_seconds=$(seconds_since "$start")

serve
python3 bench/cluster/writer.py timed "http://127.0.0.1:$port" "$token" 50 >/dev/null
signed=$(python3 bench/cluster/writer.py timed "http://127.0.0.1:$port" "$token" "$publications")
size=$(curl -sf "http://127.0.0.1:$port/log/tree-head.json" | python3 -c 'import json,sys; print(json.load(sys.stdin)["size"])')
cat >"$work/entries.lua" <<LUA
request = function() return wrk.format("GET", "/log/entries/" .. math.random(0, $size - 1) .. ".json") end
LUA
wrk -t2 -c16 -d5s -s "$work/entries.lua" "http://127.0.0.1:$port" >/dev/null
wrk -t2 -c16 -d10s --latency -s "$work/entries.lua" "http://127.0.0.1:$port" >"$work/entries.txt"
wrk -t1 -c1 -d10s --latency -s "$work/entries.lua" "http://127.0.0.1:$port" >"$work/entry.txt"
stop

echo "== verify"
start=$(date +%s.%N)
verified=$(dotnet "$app" verify "${settings[@]}" | grep '^Verified')
verify_seconds=$(seconds_since "$start")

echo "== verify of an export and of a static mirror, offline"
dotnet "$app" export "$work/site.zip" "${settings[@]}" >/dev/null
start=$(date +%s.%N)
archive_verified=$(dotnet "$app" verify "$work/site.zip" | grep '^Verified')
archive_seconds=$(seconds_since "$start")
(cd src/Bayan && dotnet "$app" static-site "$work/mirror" --base-url https://mirror.example.org/ "${settings[@]}" | tail -1)
start=$(date +%s.%N)
mirror_verified=$(dotnet "$app" verify "$work/mirror" | grep '^Verified')
mirror_seconds=$(seconds_since "$start")

rate() { grep 'Requests/sec' "$1" | awk '{print $2}'; }
percentile() { grep -A4 'Latency Distribution' "$1" | grep " $2%" | awk '{print $2}'; }
{
  echo "# Signing and the public log, $statements statements"
  echo
  echo "$(date -u +%F), $(nproc) cores, $(dotnet --version) SDK, SQLite; wrk on the same machine."
  echo
  echo "| measure | result |"
  echo "| --- | --- |"
  echo "| \`keys create\`: sign and log every public translation | $(printf '%.1f' "$create_seconds") s for $size entries |"
  echo "| a publication through the API (create + publish), mean / p95, no key | $unsigned |"
  echo "| the same, signed and logged | $signed |"
  echo "| an entry with its inclusion proof ($size entries, cache off), one request at a time | p50 $(percentile "$work/entry.txt" 50), p99 $(percentile "$work/entry.txt" 99) |"
  echo "| the same at 16 connections | $(rate "$work/entries.txt") req/s, p50 $(percentile "$work/entries.txt" 50), p99 $(percentile "$work/entries.txt" 99) |"
  echo "| \`verify\` of the whole site | $(printf '%.1f' "$verify_seconds") s ($verified) |"
  echo "| \`verify\` of its export (restored into a scratch database, then checked) | $(printf '%.1f' "$archive_seconds") s ($archive_verified) |"
  echo "| \`verify\` of its static mirror, offline | $(printf '%.1f' "$mirror_seconds") s ($mirror_verified) |"
} >"$results"
cat "$results"
