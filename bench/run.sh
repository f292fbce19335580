#!/usr/bin/env bash
# Measures Bayan's listing and statement pages with wrk against nginx serving saved copies of the same pages.
# Usage: bench/run.sh [STATEMENTS=10000] [DURATION=15s]. Needs wrk and nginx (apt-get install wrk nginx-light).
# Writes bench/results/statements-N.md; what we track is Bayan's throughput as a share of nginx's.
# Bayan is measured twice: as deployed (pages kept 60 s in the output cache) and with the cache off (every request rendered).
set -euo pipefail
cd "$(dirname "$0")/.."
statements=${1:-10000}
duration=${2:-15s}
connections=32
work=$(mktemp -d /tmp/bayan-bench.XXXXXX)
app_port=5090
nginx_port=5091
results=bench/results/statements-$statements.md
nocache_port=5092
nocache_pid=
app_pid=
nginx_pid=
trap 'kill $app_pid $nginx_pid $nocache_pid 2>/dev/null || true; rm -rf "$work"' EXIT

command -v wrk >/dev/null && command -v nginx >/dev/null || { echo "bench: needs wrk and nginx (apt-get install wrk nginx-light)" >&2; exit 2; }

dotnet build -c Release src/Bayan -v quiet -nologo >/dev/null
app=src/Bayan/bin/Release/net10.0/Bayan.dll
settings=(--Bayan:DataDirectory="$work/data" --Logging:LogLevel:Default=Warning)

echo "== generating $statements statements"
gen_start=$(date +%s.%N)
dotnet "$app" generate --statements "$statements" "${settings[@]}" | tail -1
gen_seconds=$(echo "$(date +%s.%N) - $gen_start" | bc)

echo "== starting Bayan (Release) on 127.0.0.1:$app_port"
(cd src/Bayan && exec dotnet "../../$app" --urls "http://127.0.0.1:$app_port" "${settings[@]}") &
app_pid=$!
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$app_port/healthz" >/dev/null && break; sleep 0.5; done

listing=/en/
statement=$(curl -s "http://127.0.0.1:$app_port/en/" | grep -o 'href="/en/statements/[0-9]*/[^"]*"' | head -1 | sed 's/href="//; s/"$//')
echo "   listing $listing, statement $statement"

# Saved copies for nginx, with the same compression and headers a static host would use.
mkdir -p "$work/static/en/statements"
curl -s "http://127.0.0.1:$app_port$listing" > "$work/static/en/index.html"
curl -s "http://127.0.0.1:$app_port$statement" > "$work/static/statement.html"
cat > "$work/nginx.conf" <<NGINX
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  include /etc/nginx/mime.types;
  sendfile on;
  keepalive_requests 100000;
  client_body_temp_path $work; proxy_temp_path $work; fastcgi_temp_path $work; uwsgi_temp_path $work; scgi_temp_path $work;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/static;
    location = /statement { default_type text/html; try_files /statement.html =404; }
  }
}
NGINX
nginx -c "$work/nginx.conf" -g "daemon off;" &
nginx_pid=$!
sleep 1

measure() { # name url -> "rps p50 p99"
  wrk -t2 -c"$connections" -d2s "$2" >/dev/null 2>&1 # warm-up
  local out
  out=$(wrk -t2 -c"$connections" -d"$duration" --latency "$2")
  echo "$out" > "$work/wrk-$1.txt"
  local rps p50 p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  echo "$rps $p50 $p99"
}

echo "== measuring ($connections connections, $duration each)"
read -r b_list_rps b_list_p50 b_list_p99 < <(measure bayan-listing "http://127.0.0.1:$app_port$listing")
read -r b_stmt_rps b_stmt_p50 b_stmt_p99 < <(measure bayan-statement "http://127.0.0.1:$app_port$statement")
read -r n_list_rps n_list_p50 n_list_p99 < <(measure nginx-listing "http://127.0.0.1:$nginx_port/en/")
read -r n_stmt_rps n_stmt_p50 n_stmt_p99 < <(measure nginx-statement "http://127.0.0.1:$nginx_port/statement")
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$app_pid/status")
kill $app_pid; wait $app_pid 2>/dev/null || true

echo "== measuring Bayan with the output cache off"
(cd src/Bayan && exec dotnet "../../$app" --urls "http://127.0.0.1:$nocache_port" "${settings[@]}" --Bayan:CacheSeconds=0) &
nocache_pid=$!
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$nocache_port/healthz" >/dev/null && break; sleep 0.5; done
read -r u_list_rps u_list_p50 u_list_p99 < <(measure uncached-listing "http://127.0.0.1:$nocache_port$listing")
read -r u_stmt_rps u_stmt_p50 u_stmt_p99 < <(measure uncached-statement "http://127.0.0.1:$nocache_port$statement")
kill $nocache_pid; wait $nocache_pid 2>/dev/null || true

ratio() { printf "%.2f" "$(echo "scale=4; $1 / $2" | bc)"; }
{
  echo "# Benchmark results"
  echo
  echo "Run on $(date -u +%Y-%m-%d) · $(nproc) cores · $statements statements (generated in ${gen_seconds%.*} s) · wrk $connections connections, $duration per page · app and wrk on the same machine."
  echo
  echo "| page | Bayan req/s | p50 | p99 | nginx (static copy) req/s | p50 | p99 | Bayan / nginx |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  echo "| listing \`$listing\` | $b_list_rps | $b_list_p50 | $b_list_p99 | $n_list_rps | $n_list_p50 | $n_list_p99 | $(ratio "$b_list_rps" "$n_list_rps") |"
  echo "| statement page | $b_stmt_rps | $b_stmt_p50 | $b_stmt_p99 | $n_stmt_rps | $n_stmt_p50 | $n_stmt_p99 | $(ratio "$b_stmt_rps" "$n_stmt_rps") |"
  echo "| listing, cache off | $u_list_rps | $u_list_p50 | $u_list_p99 | $n_list_rps | $n_list_p50 | $n_list_p99 | $(ratio "$u_list_rps" "$n_list_rps") |"
  echo "| statement page, cache off | $u_stmt_rps | $u_stmt_p50 | $u_stmt_p99 | $n_stmt_rps | $n_stmt_p50 | $n_stmt_p99 | $(ratio "$u_stmt_rps" "$n_stmt_rps") |"
  echo
  echo "Bayan's resident memory (cache on) after its run: $((rss_kb / 1024)) MB."
  echo
  echo "Listing: $listing; statement page: $statement."
} > "$results"
cat "$results"
