#!/usr/bin/env bash
# Soak (issue 7): a mixed read/write load (bench/wrk/mixed.lua: catalogue pages, searches, verifications, statistics and
# recorded exemption requests) for $SOAK_MINUTES minutes (default 10) against the registry on PostgreSQL; reports errors,
# requests/s, p50/p99 per minute and in total, and the heap after a full GC plus the resident memory at the start and the
# end. NOT part of `mvn verify`.
# Run: bench/soak.sh [--no-build]        (about SOAK_MINUTES + 2 minutes; results in bench/results/soak-<timestamp>.md)
# Only loopback addresses are used; the load stops by itself.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=${SOAK_WORK:-/tmp/registry-soak}
PORT=${SOAK_PORT:-8383}
DB=registry_soak
MINUTES=${SOAK_MINUTES:-10}
CONNECTIONS=${SOAK_CONNECTIONS:-16}
BASE="http://127.0.0.1:$PORT"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$WORK/$STAMP"
SERVER_PID=""
BUILD=true
[ "${1:-}" = "--no-build" ] && BUILD=false

log() { printf '== %s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'soak: %s\n' "$*" >&2; exit 1; }
psql_admin() { psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
}
trap stop_server EXIT
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }; }

mkdir -p "$OUT" "$REPO/bench/results"
pg_isready -h 127.0.0.1 -q || die "PostgreSQL does not answer on 127.0.0.1:5432"
psql_admin -c "drop database if exists $DB" >/dev/null
if [ "$(psql_admin -c "select 1 from pg_roles where rolname = 'registry'")" != "1" ]; then psql_admin -c "create role registry login password 'registry'"; fi
psql_admin -c "create database $DB owner registry" >/dev/null
if $BUILD; then
  log "building in $WORK"
  rsync -a --delete --exclude target --exclude data --exclude .git "$REPO/" "$WORK/src/"
  (cd "$WORK/src" && mvn -q -B -DskipTests package -Dregistry.build.dir="$WORK/target") || die "build failed"
fi

log "starting the registry on $BASE"
( cd "$OUT" && exec env REGISTRY_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" REGISTRY_DB_USER=registry REGISTRY_DB_PASSWORD=registry \
    REGISTRY_DEMO_DATA=true REGISTRY_DATA_DIR="$OUT/data" \
    java -jar "$WORK/target/payara-micro.jar" --deploy "$WORK/target/ROOT.war" --domainconfig "$REPO/domain.xml" --nocluster --port "$PORT" \
    >"$OUT/server.log" 2>&1 ) &
SERVER_PID=$!
for _ in $(seq 1 600); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/health/ready" || true)" = 200 ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited; see $OUT/server.log"
  sleep 0.5
done
JAVA_PID=$(pgrep -f -- "--port $PORT" | head -n 1)
TOKEN=$(curl -s -X POST "$BASE/api/auth/token" -H 'Content-Type: application/json' -d '{"username":"admin.tudelft","password":"demo"}' \
  | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
PROGRAMME=$(curl -s "$BASE/api/programmes?institution=universiteit-leiden&pageSize=1" | grep -o '"id":"[0-9a-f-]\{36\}"' | head -n 1 | cut -d'"' -f4)
AWARDED=$(date -d '-30 days' +%F)

# heap in use right after a full GC, in MB
heap_after_gc() {
  jcmd "$JAVA_PID" GC.run >/dev/null 2>&1 || true
  sleep 1
  jcmd "$JAVA_PID" GC.heap_info 2>/dev/null | awk '/garbage-first heap|total .* used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); printf "%d", v / 1024; exit } }'
}
rss() { awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$JAVA_PID/status"; }

log "warm-up 60 s"
wrk -t2 -c "$CONNECTIONS" -d60s -s "$REPO/bench/wrk/mixed.lua" "$BASE" -- "$TOKEN" "$PROGRAMME" "$AWARDED" warmup >"$OUT/warmup.txt" 2>&1 || true
HEAP_START=$(heap_after_gc); RSS_START=$(rss)
log "soak: $MINUTES x 60 s at $CONNECTIONS connections (heap after GC $HEAP_START MB, RSS $RSS_START MB)"
echo "| minute | requests/s | p50 | p99 | non-2xx | socket errors |" >"$OUT/minutes.md"
echo "|---|---|---|---|---|---|" >>"$OUT/minutes.md"
TOTAL_NON2XX=0; TOTAL_ERRORS=0; TOTAL_REQUESTS=0; WORST_P99=0
for m in $(seq 1 "$MINUTES"); do
  wrk -t2 -c "$CONNECTIONS" -d60s --latency --timeout 30s -s "$REPO/bench/wrk/mixed.lua" "$BASE" -- "$TOKEN" "$PROGRAMME" "$AWARDED" "m$m" \
    >"$OUT/minute-$m.txt" 2>&1 || true
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$OUT/minute-$m.txt")
  p50=$(awk '$1 == "50%" { print $2 }' "$OUT/minute-$m.txt")
  p99=$(awk '$1 == "99%" { print $2 }' "$OUT/minute-$m.txt")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$OUT/minute-$m.txt"); non2xx=${non2xx:-0}
  errors=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$OUT/minute-$m.txt"); errors=${errors:-0}
  requests=$(awk '/requests in/ { print $1 }' "$OUT/minute-$m.txt")
  TOTAL_NON2XX=$((TOTAL_NON2XX + non2xx)); TOTAL_ERRORS=$((TOTAL_ERRORS + errors)); TOTAL_REQUESTS=$((TOTAL_REQUESTS + ${requests:-0}))
  echo "| $m | $rps | $p50 | $p99 | $non2xx | $errors |" >>"$OUT/minutes.md"
  log "minute $m: $rps req/s, p50 $p50, p99 $p99, non-2xx $non2xx, errors $errors"
done
HEAP_END=$(heap_after_gc); RSS_END=$(rss)
RECORDED=$(psql_admin -d "$DB" -c "select count(*) from exemption_request where learner_name like 'Soak Learner%'")
{
  echo "# Soak run $STAMP"
  echo
  echo "- machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}'); $(java -version 2>&1 | head -n 1); $MINUTES minutes at $CONNECTIONS connections (wrk, 2 threads)"
  echo "- mix per 20 requests: 10 catalogue pages, 4 searches, 2 verifications, 2 statistics, 2 recorded exemption requests"
  echo "- requests: $TOTAL_REQUESTS; non-2xx: $TOTAL_NON2XX; socket errors: $TOTAL_ERRORS; exemption requests stored: $RECORDED"
  echo "- heap after full GC: $HEAP_START MB at the start, $HEAP_END MB at the end; resident memory: $RSS_START MB -> $RSS_END MB"
  echo
  cat "$OUT/minutes.md"
} | tee "$REPO/bench/results/soak-$STAMP.md"
[ "$TOTAL_NON2XX" = 0 ] && [ "$TOTAL_ERRORS" = 0 ] || die "errors during the soak (see $OUT)"
log "passed"
