#!/usr/bin/env bash
# Measures feeds, the JSON API's list endpoint and the sitemap on a generated archive. Usage:
# bench/feeds.sh [STATEMENTS=10000] [DURATION=15s] [SITEMAP_STATEMENTS=100000]. Needs wrk (apt-get install wrk).
# Throughput with wrk at 32 connections as deployed (answers kept in the page cache, emptied by every publication) and
# with the cache off; the sitemap index and its first file are timed on a second archive of SITEMAP_STATEMENTS.
# The API's rate limit is turned off (wrk is one client). Writes bench/results/feeds-N.md.
set -euo pipefail
cd "$(dirname "$0")/.."
statements=${1:-10000}
duration=${2:-15s}
sitemap_statements=${3:-100000}
connections=32
port=5095
work=$(mktemp -d /tmp/bayan-feeds-bench.XXXXXX)
app_pid=
results=bench/results/feeds-$statements.md
trap 'kill $app_pid 2>/dev/null || true; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { echo "bench: needs wrk (apt-get install wrk)" >&2; exit 2; }
dotnet build -c Release src/Bayan -v quiet -nologo >/dev/null
app=src/Bayan/bin/Release/net10.0/Bayan.dll

start_app() { # data-directory cache-seconds
  (cd src/Bayan && exec dotnet "../../$app" --urls "http://127.0.0.1:$port" --Bayan:DataDirectory="$1" --Bayan:CacheSeconds="$2" --Bayan:Api:RequestsPerMinute=0 --Logging:LogLevel:Default=Warning) >"$work/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 240); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
}

stop_app() { kill $app_pid; wait $app_pid 2>/dev/null || true; app_pid=; }

measure() { # label path
  curl -s "http://127.0.0.1:$port$2" >/dev/null
  wrk -t2 -c$connections -d5s "http://127.0.0.1:$port$2" >/dev/null
  local out
  out=$(wrk -t2 -c$connections -d"$duration" --latency "http://127.0.0.1:$port$2")
  echo "| $1 | \`$2\` | $(echo "$out" | awk '/Requests\/sec/ {print $2}') | $(echo "$out" | awk '$1=="50%" {print $2}') | $(echo "$out" | awk '$1=="99%" {print $2}') |"
}

echo "== generating $statements statements"
dotnet "$app" generate --statements "$statements" --Bayan:DataDirectory="$work/small" --Logging:LogLevel:Default=Warning | tail -1
paths=("/en/feed.rss" "/en/feed.atom" "/fa/feed.json" "/en/feed.atom?series=announcements" "/api/v1/statements" "/api/v1/statements?lang=fa&limit=100")
rows=""
for cache in 60 0; do
  start_app "$work/small" $cache
  label=$([ $cache = 0 ] && echo "cache off" || echo "as deployed")
  for path in "${paths[@]}"; do
    row=$(measure "$label" "$path"); echo "$row"; rows+="$row"$'\n'
  done
  stop_app
done

echo "== generating $sitemap_statements statements for the sitemap"
dotnet "$app" generate --statements "$sitemap_statements" --Bayan:DataDirectory="$work/large" --Logging:LogLevel:Default=Warning | tail -1
start_app "$work/large" 0
sitemap=""
for path in /sitemap.xml /sitemaps/en-1.xml; do
  curl -s -o /dev/null "http://127.0.0.1:$port$path"
  times=$(for _ in 1 2 3 4 5; do curl -s -o /dev/null -w "%{time_total}\n" "http://127.0.0.1:$port$path"; done | sort -n)
  size=$(curl -s "http://127.0.0.1:$port$path" | wc -c)
  row="| \`$path\` | $(echo "$times" | sed -n 3p) s | $(echo "$times" | tail -1) s | $size |"
  echo "$row"; sitemap+="$row"$'\n'
done
stop_app

cat > "$results" <<MD
# Feeds, API and sitemap benchmark

Run on $(date -u +%Y-%m-%d) · $(nproc) cores · wrk $connections connections, $duration · app and wrk on the same machine.

## $statements statements (wrk)

"As deployed" keeps answers in the page cache (Bayan:CacheSeconds=60), which every publication empties; "cache off" builds
every answer from the database.

| mode | path | req/s | p50 | p99 |
| --- | --- | ---: | ---: | ---: |
$rows
## Sitemap, $sitemap_statements statements, cache off (five requests after a first one)

| path | median | slowest | bytes |
| --- | ---: | ---: | ---: |
$sitemap
MD
echo "== wrote $results"
