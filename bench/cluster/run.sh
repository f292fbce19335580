#!/usr/bin/env bash
# The cluster harness: PostgreSQL, Redis, two Bayan instances and nginx in front of them, all from Debian's packages on
# loopback ports. It checks that a page cached by one instance is served by the other and that a statement published
# through one instance is listed by the other within a second; measures one instance against two behind nginx; under a
# wrk load through nginx kills one instance, restarts Redis, and restarts PostgreSQL while a writer publishes through
# the editorial API, then counts failed requests and checks that every publication the site acknowledged was kept.
# Exits non-zero when a check fails.
#
# Usage: bench/cluster/run.sh [STATEMENTS=2000] [SECONDS=10]. Writes bench/results/cluster-N.md (or $BAYAN_CLUSTER_RESULTS).
# BAYAN_CLUSTER_DATABASE=sqlite runs the instances on one SQLite file instead (the default without PostgreSQL installed).
# BAYAN_CLUSTER_CACHE_SECONDS=0 turns the page cache off, so the measurements are of rendering every request.
set -euo pipefail
cd "$(dirname "$0")/../.."
statements=${1:-2000}
seconds=${2:-10}
root=$PWD
work=$(mktemp -d /tmp/bayan-cluster.XXXXXX)
results=${BAYAN_CLUSTER_RESULTS:-bench/results/cluster-$statements.md}
cache_seconds=${BAYAN_CLUSTER_CACHE_SECONDS:-60}
failed=0

for tool in redis-server redis-cli nginx wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "cluster: needs $tool (apt-get install redis-server nginx wrk curl python3)" >&2; exit 2; }
done
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
database=${BAYAN_CLUSTER_DATABASE:-$([ -n "$pg_bin" ] && echo postgres || echo sqlite)}
[ "$database" = sqlite ] || [ -n "$pg_bin" ] || { echo "cluster: needs PostgreSQL (apt-get install postgresql)" >&2; exit 2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
redis_port=$(free_port); a_port=$(free_port); b_port=$(free_port); both_port=$(free_port); one_port=$(free_port); pg_port=$(free_port)

# PostgreSQL refuses to run as root: as root, its programs run as the postgres account.
as_postgres() { if [ "$(id -u)" = 0 ]; then setpriv --reuid=postgres --regid=postgres --init-groups "$@"; else "$@"; fi; }
start_postgres() {
  as_postgres "$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w \
    -o "-p $pg_port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$work/pg -c max_connections=300" start >/dev/null
}
stop_postgres() { as_postgres "$pg_bin/pg_ctl" -D "$work/pg/data" -m fast -w stop >/dev/null 2>&1 || true; }

cleanup() {
  for pid in "$work"/*.pid; do [ -f "$pid" ] && kill "$(cat "$pid")" 2>/dev/null || true; done
  nginx -s stop -p "$work" -c "$work/nginx.conf" 2>/dev/null || true
  [ -d "$work/pg/data" ] && stop_postgres
  # BAYAN_CLUSTER_LOGS=DIR keeps the instances', nginx's and wrk's output for a look afterwards.
  if [ -n "${BAYAN_CLUSTER_LOGS:-}" ]; then mkdir -p "$BAYAN_CLUSTER_LOGS" && cp "$work"/*.log "$work"/*.txt "$BAYAN_CLUSTER_LOGS"/ 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

database_args=()
if [ "$database" = postgres ]; then
  chmod 711 "$work"
  mkdir "$work/pg"
  [ "$(id -u)" = 0 ] && chown postgres:postgres "$work/pg"
  as_postgres "$pg_bin/initdb" -D "$work/pg/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  start_postgres
  "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres bayan
  database_args=(--Bayan:Database:Provider=Postgres "--ConnectionStrings:Bayan=Host=127.0.0.1;Port=$pg_port;Database=bayan;Username=postgres")
fi

dotnet build -c Release src/Bayan -v quiet -nologo >/dev/null
app=$root/src/Bayan/bin/Release/net10.0/Bayan.dll
dotnet "$app" generate --statements "$statements" --Bayan:DataDirectory="$work/data" "${database_args[@]}" >/dev/null
# As after any bulk load: the planner's statistics, and the new rows' visibility map, before measuring (otherwise
# autovacuum does it during the first runs, and they measure it).
[ "$database" = postgres ] && "$pg_bin/vacuumdb" -h 127.0.0.1 -p "$pg_port" -U postgres -d bayan --analyze --quiet
password=$(head -c 18 /dev/urandom | base64 | tr "+/" "xy")
echo "$password" | dotnet "$app" users add --email harness@example.org --role Administrator --password-stdin \
  --Bayan:DataDirectory="$work/data" "${database_args[@]}" >/dev/null

start_redis() {
  redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no --daemonize yes \
    --pidfile "$work/redis.pid" --logfile "$work/redis.log" >/dev/null
  until redis-cli -p "$redis_port" ping >/dev/null 2>&1; do sleep 0.1; done
}

start_instance() { # name port
  (cd "$root/src/Bayan" && exec dotnet "$app" --urls "http://127.0.0.1:$2" --Bayan:DataDirectory="$work/data" "${database_args[@]}" \
    --ConnectionStrings:Redis="127.0.0.1:$redis_port" --Bayan:CacheSeconds="$cache_seconds" --Logging:LogLevel:Default=Warning >"$work/$1.log" 2>&1) &
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
                 proxy_next_upstream error timeout; proxy_connect_timeout 1s; }
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

# 1. The page cache is shared: a page instance A rendered comes from the cache through instance B.
if [ "$cache_seconds" != 0 ]; then
  curl -fs -H 'Host: statements.example.org' "http://127.0.0.1:$a_port$statement" >/dev/null
  age=$(curl -fs -D - -o /dev/null -H 'Host: statements.example.org' "http://127.0.0.1:$b_port$statement" | grep -ci '^age:' || true)
  check "a page rendered by one instance is served from the shared cache by the other" "$([ "$age" -ge 1 ] && echo 0 || echo 1)" "Age header: $age"
fi

# 2. A statement published through instance A (editorial API) is listed by instance B within a second.
writer=$root/bench/cluster/writer.py
token=$(python3 "$writer" token "http://127.0.0.1:$a_port" harness@example.org "$password")
if shown=$(python3 "$writer" visible "http://127.0.0.1:$a_port" "http://127.0.0.1:$b_port" "$token"); then
  check "published through A, listed by B within a second" "$([ "$shown" -le 1000 ] && echo 0 || echo 1)" "listed after $shown ms"
else
  check "published through A, listed by B within a second" 1 "not listed within 5 s"
fi

# Listing and statement pages: a sample of the sitemap's addresses and the first 50 listing pages.
curl -fs -H 'Host: statements.example.org' "http://127.0.0.1:$a_port/sitemaps/en-1.xml" | grep -o '<loc>[^<]*' \
  | sed 's|<loc>https\?://[^/]*||' | shuf -n 2000 >"$work/paths.txt"
for page in $(seq 1 50); do echo "/en/statements?page=$page"; done >>"$work/paths.txt"
export PATHS="$work/paths.txt"

# Each instance gets the same load on its own first: a new .NET process spends its first half minute or so under load
# compiling its code again, optimized (tiered compilation). Unwarmed, the second instance measured that: with 2,000
# statements two instances gave 7,300 req/s at p99 77 ms against 18,900 at p99 8 ms once both were warm.
for port in "$a_port" "$b_port"; do
  wrk -t2 -c32 -d"$(( seconds * 2 ))s" -s "$root/bench/cluster/pages.lua" "http://127.0.0.1:$port" >/dev/null
done

# 3. One instance against two behind nginx (the same machine runs wrk, nginx, Redis and both instances).
wrk -t2 -c32 -d"${seconds}s" --latency "http://127.0.0.1:$one_port$statement" >"$work/one.txt"
wrk -t2 -c32 -d"${seconds}s" --latency "http://127.0.0.1:$both_port$statement" >"$work/both.txt"
one_rate=$(rate "$work/one.txt"); both_rate=$(rate "$work/both.txt")
check "one instance, then two, at 32 connections" "$(( $(failures "$work/one.txt") + $(failures "$work/both.txt") ))" \
  "one: $one_rate req/s (p99 $(p99 "$work/one.txt")); two: $both_rate req/s (p99 $(p99 "$work/both.txt")); ratio $(echo "scale=2; $both_rate / $one_rate" | bc)"

# 3b. The same with the listing and statement pages, each request a random one of them. Each measured run follows a run
#     of the same length from an empty cache, not measured: from cold, a short run measures mostly how soon the pages are
#     all rendered once, which swung the ratio between 0.06 and 1.7 from one run to the next; warmed, it measures serving them.
# Each run starts from an empty cache: Redis emptied, and the instances' ten-second memory copies left to expire.
cold() { redis-cli -p "$redis_port" flushall >/dev/null; sleep 11; }
for run in one both; do
  port_var="${run}_port"
  cold
  wrk -t2 -c32 -d"${seconds}s" -s "$root/bench/cluster/pages.lua" "http://127.0.0.1:${!port_var}" >"$work/$run-pages-warm-up.txt"
  wrk -t2 -c32 -d"${seconds}s" --latency -s "$root/bench/cluster/pages.lua" "http://127.0.0.1:${!port_var}" >"$work/$run-pages.txt"
done
one_rate=$(rate "$work/one-pages.txt"); both_rate=$(rate "$work/both-pages.txt")
check "listing and statement pages ($(wc -l <"$work/paths.txt") addresses, after a warm-up), one instance, then two" \
  "$(( $(failures "$work/one-pages-warm-up.txt") + $(failures "$work/one-pages.txt") + $(failures "$work/both-pages-warm-up.txt") + $(failures "$work/both-pages.txt") ))" \
  "one: $one_rate req/s (p99 $(p99 "$work/one-pages.txt")); two: $both_rate req/s (p99 $(p99 "$work/both-pages.txt")); ratio $(echo "scale=2; $both_rate / $one_rate" | bc)"

# 4. Kill instance A (SIGKILL, mid-request) a third of the way into a load through nginx, while a writer publishes
#    through nginx too: readers see no failure, the writer's interrupted steps are retried on B, every publication the
#    site acknowledged is kept, and each is whole (its public page opens on both instances once A is back).
wrk -t2 -c32 -d"${seconds}s" "http://127.0.0.1:$both_port$statement" >"$work/kill.txt" &
wrk_pid=$!
python3 "$writer" publish "http://127.0.0.1:$both_port" "$token" "$seconds" "$work/published-kill.json" >"$work/writer-kill.txt" 2>&1 &
writer_pid=$!
sleep $(( seconds / 3 ))
killed=$(cat "$work/a.pid"); rm "$work/a.pid"
kill -9 "$killed"; wait "$killed" 2>/dev/null || true
wait $wrk_pid
written=0; wait $writer_pid || written=1
check "instance A killed under load" "$(failures "$work/kill.txt")" "$(failures "$work/kill.txt") failed of $(requests "$work/kill.txt") requests"
start_instance a "$a_port"
if [ "$written" = 0 ] && kept=$(python3 "$writer" verify "http://127.0.0.1:$a_port" "$token" "$work/published-kill.json" "http://127.0.0.1:$b_port"); then
  check "instance A killed while publishing: every acknowledged publication kept and whole" 0 "$(cat "$work/writer-kill.txt"); $kept"
else
  check "instance A killed while publishing: every acknowledged publication kept and whole" 1 \
    "$(cat "$work/writer-kill.txt") $(python3 "$writer" verify "http://127.0.0.1:$a_port" "$token" "$work/published-kill.json" "http://127.0.0.1:$b_port" 2>&1 || true)"
fi

# 5. Redis stopped and started again under load: pages keep coming (from each instance's memory meanwhile).
wrk -t2 -c32 -d"${seconds}s" "http://127.0.0.1:$both_port$statement" >"$work/redis.txt" &
wrk_pid=$!
sleep $(( seconds / 3 ))
redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
sleep $(( seconds / 3 ))
start_redis
wait $wrk_pid
check "Redis stopped and started under load" "$(failures "$work/redis.txt")" "$(failures "$work/redis.txt") failed of $(requests "$work/redis.txt") requests"

# 6. PostgreSQL restarted under load while a writer publishes through nginx: readers keep getting pages, the writer's
#    failed steps are retried, and every publication the site acknowledged is there afterwards.
if [ "$database" = postgres ]; then
  wrk -t2 -c32 -d"${seconds}s" "http://127.0.0.1:$both_port$statement" >"$work/postgres.txt" &
  wrk_pid=$!
  python3 "$writer" publish "http://127.0.0.1:$both_port" "$token" "$seconds" "$work/published.json" >"$work/writer.txt" 2>&1 &
  writer_pid=$!
  sleep $(( seconds / 3 ))
  stop_postgres
  sleep 2
  start_postgres
  wait $wrk_pid
  written=0; wait $writer_pid || written=1
  # While the server is down, a page no instance has cached (the writer's publications empty the cache) cannot be
  # rendered: those requests get a 503. Once it is back, every request must succeed again, with no instance restarted.
  wrk -t2 -c32 -d2s "http://127.0.0.1:$both_port$statement" >"$work/postgres-after.txt"
  check "PostgreSQL restarted under load: readers recover" "$(failures "$work/postgres-after.txt")" \
    "while it was down (about 2 s): $(failures "$work/postgres.txt") of $(requests "$work/postgres.txt") requests failed; afterwards: $(failures "$work/postgres-after.txt") of $(requests "$work/postgres-after.txt")"
  if [ "$written" = 0 ] && kept=$(python3 "$writer" verify "http://127.0.0.1:$a_port" "$token" "$work/published.json"); then
    check "PostgreSQL restarted under load: no acknowledged publication lost" 0 "$(cat "$work/writer.txt"); $kept"
  else
    check "PostgreSQL restarted under load: no acknowledged publication lost" 1 "$(cat "$work/writer.txt") $(python3 "$writer" verify "http://127.0.0.1:$a_port" "$token" "$work/published.json" 2>&1 || true)"
  fi
fi

ready=0
for port in "$a_port" "$b_port"; do curl -fs "http://127.0.0.1:$port/healthz/ready" >/dev/null || ready=1; done
uncached=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$b_port/en/search?q=harness$RANDOM")
check "both instances ready afterwards, an uncached page rendered" "$([ "$ready" = 0 ] && [ "$uncached" = 200 ] && echo 0 || echo 1)" "/healthz/ready on each; a new search: $uncached"

{
  echo "# Cluster harness, $statements statements"
  echo
  echo "$(date -u +%F), $(nproc) cores, page cache $([ "$cache_seconds" = 0 ] && echo off || echo "$cache_seconds s"), $(dotnet --version) SDK; $([ "$database" = postgres ] && "$pg_bin/postgres" --version || echo "SQLite") shared by two instances, Redis $(redis-server --version | grep -o 'v=[0-9.]*'), nginx, wrk (2 threads, 32 connections, ${seconds} s) on the same machine; page: a statement."
  echo
  echo "| check | result | detail |"
  echo "| --- | --- | --- |"
  printf '%s\n' "${rows[@]}"
} >"$results"
cat "$results"
exit $failed
