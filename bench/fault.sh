#!/usr/bin/env bash
# Database fault (issue 7): the registry under write load while PostgreSQL restarts. NOT part of `mvn verify`.
#   1. builds the WAR in a separate directory (unless --no-build) and starts Payara Micro on 127.0.0.1:$FAULT_PORT against a
#      fresh database registry_fault (demo data), waiting for /health/ready;
#   2. records exemption requests in a loop (one curl at a time, each with its own Idempotency-Key) and notes every answer;
#      the references of the acknowledged (201) ones go to acked.txt;
#   3. after $FAULT_BEFORE s it stops PostgreSQL (fast shutdown) for $FAULT_DOWN s, probing reads and /health/ready meanwhile,
#      then starts it again and measures how long until the registry records a request again;
#   4. stops the load, and checks that every acknowledged request is in the database;
#   5. prints a summary (answers by status, 5xx other than 503, recovery time, lost writes) and writes it to
#      bench/results/fault-<timestamp>.md. Passes when: no 500, 503 while the database is away, recovery <= 10 s, 0 lost.
# Run as root (it stops and starts the local PostgreSQL cluster with pg_ctlcluster): bench/fault.sh   (about 3 minutes)
# Only loopback addresses are used; every loop is bounded.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=${FAULT_WORK:-/tmp/registry-fault}
PORT=${FAULT_PORT:-8282}
DB=registry_fault
BEFORE=${FAULT_BEFORE:-20}
DOWN=${FAULT_DOWN:-15}
AFTER=${FAULT_AFTER:-30}
BASE="http://127.0.0.1:$PORT"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
OUT="$WORK/$STAMP"
PG_VERSION=$(ls /etc/postgresql | head -n 1)
SERVER_PID=""
BUILD=true
[ "${1:-}" = "--no-build" ] && BUILD=false

log() { printf '== %s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'fault: %s\n' "$*" >&2; exit 1; }
psql_admin() { psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
now_ms() { date +%s%3N; }
pg_start() { pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main start; for _ in $(seq 1 60); do pg_isready -h 127.0.0.1 -q && return 0; sleep 0.5; done; die "PostgreSQL did not start"; }
stop_all() {
  pg_isready -h 127.0.0.1 -q || pg_start || true
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  [ -n "${LOAD_PID:-}" ] && kill "$LOAD_PID" 2>/dev/null || true
}
trap stop_all EXIT

mkdir -p "$OUT" "$REPO/bench/results"
pg_isready -h 127.0.0.1 -q || die "PostgreSQL does not answer on 127.0.0.1:5432"
log "database $DB afresh"
psql_admin -c "drop database if exists $DB" >/dev/null
if [ "$(psql_admin -c "select 1 from pg_roles where rolname = 'registry'")" != "1" ]; then psql_admin -c "create role registry login password 'registry'"; fi
psql_admin -c "create database $DB owner registry" >/dev/null

if $BUILD; then
  log "building in $WORK"
  rsync -a --delete --exclude target --exclude data --exclude .git "$REPO/" "$WORK/src/"
  (cd "$WORK/src" && mvn -q -B -DskipTests package -Dregistry.build.dir="$WORK/target") || die "build failed"
fi
[ -f "$WORK/target/ROOT.war" ] || die "no WAR in $WORK/target (run without --no-build)"

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
TOKEN=$(curl -s -X POST "$BASE/api/auth/token" -H 'Content-Type: application/json' -d '{"username":"admin.tudelft","password":"demo"}' \
  | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
PROGRAMME=$(curl -s "$BASE/api/programmes?institution=universiteit-leiden&pageSize=1" | grep -o '"id":"[0-9a-f-]\{36\}"' | head -n 1 | cut -d'"' -f4)
[ -n "$PROGRAMME" ] || die "no programme found"
AWARDED=$(date -d '-30 days' +%F)

# the write load: one request at a time; "<ms since start> <status> <id or ->" per line
load() {
  local i=0 start status body id
  start=$(now_ms)
  while [ -f "$OUT/run" ] && [ "$i" -lt 100000 ]; do
    i=$((i + 1))
    body=$(curl -s --max-time 30 -o - -w '\n%{http_code}' -X POST "$BASE/api/exemption-requests" -H "Authorization: Bearer $TOKEN" \
      -H 'Content-Type: application/json' -H "Idempotency-Key: fault-$STAMP-$i" \
      -d "{\"learner\":{\"name\":\"Fault Learner $i\",\"studentNumber\":\"f$i\"},\"programme\":\"$PROGRAMME\",\"awardedOn\":\"$AWARDED\",\"targetCourse\":{\"code\":\"CSE$((i % 9000 + 1000))\",\"title\":\"Fault course\",\"ects\":5}}" || true)
    status=$(tail -n 1 <<<"$body"); status=${status:-000}
    id=-
    # the human-readable reference: unique per institution, and the only "reference" in the answer
    [ "$status" = 201 ] && id=$(head -n 1 <<<"$body" | grep -o '"reference":"[^"]*"' | head -n 1 | cut -d'"' -f4)
    echo "$(( $(now_ms) - start )) $status $id" >>"$OUT/writes.txt"
  done
}
touch "$OUT/run"
load & LOAD_PID=$!
log "write load for $BEFORE s"
sleep "$BEFORE"

log "stopping PostgreSQL for $DOWN s"
pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main stop -m fast
DOWN_AT=$(now_ms)
: >"$OUT/probes.txt"
while [ $(( $(now_ms) - DOWN_AT )) -lt $(( DOWN * 1000 )) ]; do
  echo "read $(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$BASE/api/programmes?pageSize=1" || echo 000)" >>"$OUT/probes.txt"
  echo "ready $(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$BASE/health/ready" || echo 000)" >>"$OUT/probes.txt"
  sleep 1
done
log "starting PostgreSQL"
pg_start
UP_AT=$(now_ms)
RECOVERED=""
for _ in $(seq 1 120); do
  if [ "$(tail -n 1 "$OUT/writes.txt" | awk '{print $2}')" = 201 ]; then RECOVERED=$(( $(now_ms) - UP_AT )); break; fi
  sleep 0.25
done
log "write load for another $AFTER s"
sleep "$AFTER"
rm -f "$OUT/run"
wait "$LOAD_PID" 2>/dev/null || true
LOAD_PID=""

awk '$3 != "-" { print $3 }' "$OUT/writes.txt" >"$OUT/acked.txt"
ACKED=$(wc -l <"$OUT/acked.txt")
psql_admin -d "$DB" >"$OUT/lost.txt" 2>&1 <<SQL || true
create temporary table acked (reference varchar(40));
\copy acked from '$OUT/acked.txt'
select count(*) from acked a where not exists (select 1 from exemption_request r where r.reference = a.reference);
SQL
LOST=$(tail -n 1 "$OUT/lost.txt")
BY_STATUS=$(awk '{ n[$2]++ } END { for (s in n) printf "%s: %d, ", s, n[s] }' "$OUT/writes.txt")
SERVER_ERRORS=$(awk '$2 >= 500 && $2 != 503 { n++ } END { print n + 0 }' "$OUT/writes.txt")
PROBES=$(sort "$OUT/probes.txt" | uniq -c | awk '{ printf "%s %s x%d, ", $2, $3, $1 }')
{
  echo "# Database fault run $STAMP"
  echo
  echo "- machine: $(nproc) cores, $(free -h | awk '/^Mem:/ {print $2}') memory; PostgreSQL $PG_VERSION stopped (fast) for $DOWN s under write load"
  echo "- writes by status: ${BY_STATUS%, }"
  echo "- 5xx other than 503: $SERVER_ERRORS"
  echo "- probes while the database was away: ${PROBES%, }"
  echo "- first acknowledged write after PostgreSQL was back: ${RECOVERED:-never} ms"
  echo "- acknowledged writes: $ACKED; missing from the database afterwards: ${LOST:-?}"
} | tee "$REPO/bench/results/fault-$STAMP.md"
[ "$SERVER_ERRORS" = 0 ] && [ -n "$RECOVERED" ] && [ "$RECOVERED" -le 10000 ] && [ "$LOST" = 0 ] || die "FAILED (see $OUT)"
log "passed"
