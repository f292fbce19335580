#!/usr/bin/env bash
# The cluster harness: Redis, two Bayan instances sharing one database, and nginx in front of them, all from Debian's
# packages on loopback ports. Under a wrk load through nginx it kills one instance, then restarts Redis, and counts the
# requests that failed; it measures one instance against two behind nginx; it checks that a change made through one
# instance shows on the other within a second. Exits non-zero when a check fails.
#
# Usage: bench/cluster/run.sh [STATEMENTS=2000] [SECONDS=10]. Writes bench/results/cluster-N.md (or $BAYAN_CLUSTER_RESULTS).
# (The database is SQLite, shared by the two instances on this machine; PostgreSQL joins when its provider lands.)
set -euo pipefail
cd "$(dirname "$0")/../.."
statements=${1:-2000}
seconds=${2:-10}
root=$PWD
work=$(mktemp -d /tmp/bayan-cluster.XXXXXX)
results=${BAYAN_CLUSTER_RESULTS:-bench/results/cluster-$statements.md}
failed=0

for tool in redis-server redis-cli nginx wrk curl; do
  command -v "$tool" >/dev/null || { echo "cluster: needs $tool (apt-get install redis-server nginx wrk curl)" >&2; exit 2; }
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
redis_port=$(free_port); a_port=$(free_port); b_port=$(free_port); both_port=$(free_port); one_port=$(free_port)

cleanup() {
  for pid in "$work"/*.pid; do [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true; done
  nginx -s stop -p "$work" -c "$work/nginx.conf" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build -c Release src/Bayan -v quiet -nologo >/dev/null
app=$root/src/Bayan/bin/Release/net10.0/Bayan.dll
dotnet "$app" generate --statements "$statements" --Bayan:DataDirectory="$work/data" >/dev/null

start_redis() {
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --pidfile "$work/redis.pid" --logfile "$work/redis.log" >/dev/null
  until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do sleep 0.1; done
}

start_instance() { # name port
  (cd "$root/src/Bayan" && exec dotnet "$app" --urls "http://127.0.0.1:$2" --Bayan:DataDirectory="$work/data" \
    --ConnectionStrings:Redis="127.0.0.1:$redis_port" --Logging:LogLevel:Default=Warning >"$work/$1.log" 2>&1) &
  echo $! >"$work/$1.pid"
  for _ in $(seq 200); do
    curl -fs "http://127.0.0.1:$2/healthz/ready" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "cluster: instance $1 did not become ready" >&2; cat "$work/$1.log" >&2; exit 1
}

start_redis
start_instance a "$a_port"
start_instance b "$b_port"

cat >"$work/nginx.conf" <<EOF
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
worker_processes 1;
events { worker_connections 1024; }
http {
  access_log off;
  upstream both { server 127.0.0.1:$a_port max_fails=1 fail_timeout=5s; server 127.0.0.1:$b_port max_fails=1 fail_timeout=5s; keepalive 32; }
  upstream one { server 127.0.0.1:$a_port; keepalive 32; }
  server {
    listen 127.0.0.1:$both_port;
    location / { proxy_pass http://both; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host statements.example.org;
                 proxy_next_upstream error timeout http_502 http_503; proxy_connect_timeout 1s; }
  }
  server {
    listen 127.0.0.1:$one_port;
    location / { proxy_pass http://one; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_set_header Host statements.example.org; }
  }
}
EOF
nginx -p "$work" -c "$work/nginx.conf"

statement=$(curl -fs -o /dev/null -w '%{redirect_url}' "http://127.0.0.1:$both_port/en/statements/1" | sed 's|^https\?://[^/]*||')
[ -n "$statement" ] || statement=/en/statements/1

# wrk prints errors and non-2xx answers only when there are some.
failures() { # wrk output file
  local socket non2xx
  socket=$(grep -o 'Socket errors: connect [0-9]*, read [0-9]*, write [0-9]*, timeout [0-9]*' "$1" | grep -o '[0-9]*' | paste -sd+ | bc || true)
  non2xx=$(grep -o 'Non-2xx or 3xx responses: [0-9]*' "$1" | grep -o '[0-9]*$' || true)
  echo $(( ${socket:-0} + ${non2xx:-0} ))
}
requests() { grep -o '[0-9]* requests in' "$1" | grep -o '^[0-9]*'; }
rate() { grep 'Requests/sec' "$1" | awk '{print $2}'; }
p99() { grep -A4 'Latency Distribution' "$1" | grep ' 99%' | awk '{print $2}'; }

rows=()
check() { # name ok detail
  rows+=("| $1 | $([ "$2" = 0 ] && echo pass || echo FAIL) | $3 |")
  [ "$2" = 0 ] || failed=1
}

# 1. The page cache is shared: a page instance A rendered comes from the cache through instance B. (That a publication
#    shows on every instance within a second is tested in tests/Bayan.Tests/Cluster/ClusterTests.cs.)
curl -fs -H 'Host: statements.example.org' "http://127.0.0.1:$a_port$statement" >/dev/null
age=$(curl -fs -D - -o /dev/null -H 'Host: statements.example.org' "http://127.0.0.1:$b_port$statement" | grep -ci '^age:' || true)
check "a page rendered by one instance is served from the shared cache by the other" "$([ "$age" -ge 1 ] && echo 0 || echo 1)" "Age header: $age"

# 2. One instance against two behind nginx (the same machine runs wrk, nginx, Redis and both instances).
wrk -t2 -c32 -d"${seconds}s" --latency "http://127.0.0.1:$one_port$statement" >"$work/one.txt"
wrk -t2 -c32 -d"${seconds}s" --latency "http://127.0.0.1:$both_port$statement" >"$work/both.txt"
one_rate=$(rate "$work/one.txt"); both_rate=$(rate "$work/both.txt")
check "one instance, then two, at 32 connections" "$(( $(failures "$work/one.txt") + $(failures "$work/both.txt") ))" \
  "one: $one_rate req/s (p99 $(p99 "$work/one.txt")); two: $both_rate req/s (p99 $(p99 "$work/both.txt")); ratio $(echo "scale=2; $both_rate / $one_rate" | bc)"

# 3. Kill instance A (SIGKILL, mid-request) a third of the way into a load through nginx.
wrk -t2 -c32 -d"${seconds}s" "http://127.0.0.1:$both_port$statement" >"$work/kill.txt" &
wrk_pid=$!
sleep $(( seconds / 3 ))
killed=$(cat "$work/a.pid"); rm "$work/a.pid"
kill -9 "$killed"; wait "$killed" 2>/dev/null || true
wait $wrk_pid
check "instance A killed under load" "$(failures "$work/kill.txt")" "$(failures "$work/kill.txt") failed of $(requests "$work/kill.txt") requests"
start_instance a "$a_port"

# 4. Redis stopped and started again under load: pages keep coming (from each instance's memory meanwhile).
wrk -t2 -c32 -d"${seconds}s" "http://127.0.0.1:$both_port$statement" >"$work/redis.txt" &
wrk_pid=$!
sleep $(( seconds / 3 ))
redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
sleep $(( seconds / 3 ))
start_redis
wait $wrk_pid
check "Redis stopped and started under load" "$(failures "$work/redis.txt")" "$(failures "$work/redis.txt") failed of $(requests "$work/redis.txt") requests"
ready=0
for port in "$a_port" "$b_port"; do curl -fs "http://127.0.0.1:$port/healthz/ready" >/dev/null || ready=1; done
check "both instances ready afterwards" "$ready" "/healthz/ready on each"

{
  echo "# Cluster harness, $statements statements"
  echo
  echo "$(date -u +%F), $(nproc) cores, $(dotnet --version) SDK; SQLite shared by two instances, Redis $(redis-server --version | grep -o 'v=[0-9.]*'), nginx, wrk (2 threads, 32 connections, ${seconds} s) on the same machine; page: a statement."
  echo
  echo "| check | result | detail |"
  echo "| --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} >"$results"
cat "$results"
exit $failed
