#!/usr/bin/env bash
# Measures search on a generated archive: a full re-index, search latency in-process (bench/SearchBench), the cost of
# indexing one statement, the index's size, and /en/search under wrk with the page cache off (every query answered by
# the database) and on. Usage: bench/search.sh [STATEMENTS=100000] [DURATION=15s]. Needs wrk (apt-get install wrk).
# Writes bench/results/search-N.md.
set -euo pipefail
cd "$(dirname "$0")/.."
statements=${1:-100000}
duration=${2:-15s}
connections=32
work=$(mktemp -d /tmp/bayan-search-bench.XXXXXX)
port=5093
app_pid=
results=bench/results/search-$statements.md
trap 'kill $app_pid 2>/dev/null || true; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { echo "bench: needs wrk (apt-get install wrk)" >&2; exit 2; }

dotnet build -c Release src/Bayan -v quiet -nologo >/dev/null
dotnet build -c Release bench/SearchBench -v quiet -nologo >/dev/null
app=src/Bayan/bin/Release/net10.0/Bayan.dll
settings=(--Bayan:DataDirectory="$work/data" --Logging:LogLevel:Default=Warning)

echo "== generating $statements statements (indexed as they are written)"
start=$(date +%s.%N)
dotnet "$app" generate --statements "$statements" "${settings[@]}" | tail -1
generate_seconds=$(echo "$(date +%s.%N) - $start" | bc)

echo "== full re-index"
reindex=$(dotnet "$app" reindex "${settings[@]}" | tail -1)
echo "   $reindex"

echo "== in-process latency"
latency=$(cd src/Bayan && dotnet ../../bench/SearchBench/bin/Release/net10.0/SearchBench.dll "${settings[@]}")
echo "$latency"

# Each wrk connection walks through the same queries. With "new URLs", every request also carries a random parameter:
# no page comes from the page cache (as for the long tail of pages, filters and orders readers ask for), but the words'
# matches do, for as long as a cached page would.
cat > "$work/queries.lua" <<'LUA'
local queries = { "water", "winter%20shelter", "school%20access%20rights", "%22winter%20shelter%22", "clinic%20children",
  "flood%20road", "volunteers%20camp", "relief%20supplies%20district", "health", "appeal%20report" }
local fresh = os.getenv("FRESH_URLS") == "1"
local i = 0
request = function()
  i = i + 1
  local path = "/en/search?q=" .. queries[(i % #queries) + 1]
  if fresh then path = path .. "&n=" .. math.random(1, 1000000000) end
  return wrk.format("GET", path)
end
LUA

run_wrk() { # label cache-seconds fresh-urls
  (cd src/Bayan && exec dotnet "../../$app" --urls "http://127.0.0.1:$port" --Bayan:CacheSeconds="$2" "${settings[@]}") >"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
  curl -s "http://127.0.0.1:$port/en/search?q=water" >/dev/null
  # A first pass warms the JIT and the database's pages; the second is reported.
  FRESH_URLS=$3 wrk -t2 -c$connections -d5s --timeout 10s -s "$work/queries.lua" "http://127.0.0.1:$port" >/dev/null
  local out
  out=$(FRESH_URLS=$3 wrk -t2 -c$connections -d"$duration" --timeout 10s --latency -s "$work/queries.lua" "http://127.0.0.1:$port")
  kill $app_pid; wait $app_pid 2>/dev/null || true; app_pid=
  local rps p50 p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  echo "| $1 | $rps | $p50 | $p99 |"
}

echo "== wrk"
nothing=$(run_wrk "nothing cached (Bayan:CacheSeconds=0): every request matches and scores in the index" 0 0)
echo "$nothing"
fresh=$(run_wrk "new URLs, page cache on: pages rendered, the words' matches reused" 60 1)
echo "$fresh"
cached=$(run_wrk "same URLs, page cache on (60 s)" 60 0)
echo "$cached"

cat > "$results" <<MD
# Search benchmark

Run on $(date -u +%Y-%m-%d) · $(nproc) cores · $statements statements generated in $(printf %.0f "$generate_seconds") s (English; half also in Persian, a quarter also in Arabic; words drawn by Zipf's law, see src/Bayan/Demo/SyntheticText.cs) · wrk $connections connections, $duration · app and wrk on the same machine.

Full re-index: $reindex

## In-process, per query (StatementSearch: count, facets, one page of marked results)

"First search" is the first time the words are searched (the index matches and scores them); "again" is the next page,
another filter or order of the same words (their matches are reused: only the pass over them and the page's text).

$latency

## Through HTTP (wrk, 10 queries in rotation)

| page | req/s | p50 | p99 |
| --- | ---: | ---: | ---: |
$nothing
$fresh
$cached
MD
echo "== wrote $results"
