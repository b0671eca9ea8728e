#!/usr/bin/env bash
# The capacity model's measurements (issue 16, docs/scaling.md): CPU time per request of each kind, for the registry's
# JVM and for PostgreSQL, on ONE instance with the large data set of bench/run.sh. NOT part of `mvn verify`.
#   1. builds the WAR like bench/cluster.sh (--no-build reuses $CAPACITY_WORK/target);
#   2. creates $CAPACITY_DB afresh, starts one instance (a cluster of one on loopback, as in production; demo data),
#      stops it, runs bench/generate.sql (10,000 programmes, 1,000,000 exemption requests) and starts it again;
#   3. per kind of request: $CAPACITY_WARMUP rounds of $CAPACITY_WARMUP_DURATION s of wrk (not measured), waits until
#      PostgreSQL runs no query of the registry, then one measured wrk run of $CAPACITY_DURATION s; around that run it
#      reads utime+stime of the JVM (/proc/<pid>/stat) and of every PostgreSQL backend connected to $CAPACITY_DB
#      (pg_stat_activity -> /proc/<pid>/stat), and of PostgreSQL's background processes (checkpointer, background
#      writer, walwriter, autovacuum: shared by every database of the server, so shown apart), and divides by the
#      number of requests wrk completed;
#   4. writes bench/results/capacity-<UTC timestamp>.md and prints it. Everything it started is stopped on exit.
# Kinds: the anonymous catalogue page (from the answer cache, and never from it: bench/wrk/uncached.lua), the full-text
# search (both ways), the OOAPI courses page of 250 (both ways), the public catalogue page of the UI (Faces), a programme
# read as staff (admin.tudelft, never cached), recording an exemption request (bench/wrk/record.lua), reviewing and
# deciding one as board.tudelft (bench/cluster/ids.lua over requests in the right state), and the pilot report 2026 as
# coordinator (the same period again: cached; and another period per request: computed, bench/cluster/report.lua).
#
# Run: bench/cluster/capacity.sh [--no-build]     (about 25 minutes on 2 cores)
# Settings (environment): CAPACITY_WORK (/tmp/registry-capacity), CAPACITY_DB (registry_capacity), CAPACITY_PORT (18080),
#   CAPACITY_HZ_PORT (16900), CAPACITY_CONNECTIONS (8), CAPACITY_THREADS (2), CAPACITY_WARMUP (2),
#   CAPACITY_WARMUP_DURATION (10), CAPACITY_DURATION (30), CAPACITY_REPORT_DURATION (60), CAPACITY_QUERY (robotics),
#   CAPACITY_GENERATE_ARGS (e.g. "-v requests=100000"), CAPACITY_ONLY (space-separated kinds to measure, default all),
#   CAPACITY_JAVA_OPTS (pom's JVM options), MVN_ARGS.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${CAPACITY_WORK:-/tmp/registry-capacity}
DB=${CAPACITY_DB:-registry_capacity}
PORT=${CAPACITY_PORT:-18080}
HZ_PORT=${CAPACITY_HZ_PORT:-16900}
CONNECTIONS=${CAPACITY_CONNECTIONS:-8}
THREADS=${CAPACITY_THREADS:-2}
WARMUP=${CAPACITY_WARMUP:-2}
WARMUP_DURATION=${CAPACITY_WARMUP_DURATION:-10}
DURATION=${CAPACITY_DURATION:-30}
REPORT_DURATION=${CAPACITY_REPORT_DURATION:-60}
QUERY=${CAPACITY_QUERY:-robotics}
ONLY=${CAPACITY_ONLY:-}
JAVA_OPTIONS=${CAPACITY_JAVA_OPTS:-$(sed -n 's:.*<registry.jvm.options>\(.*\)</registry.jvm.options>.*:\1:p' "$REPO/pom.xml")}
BUILD=true
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=false ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done
BASE="http://127.0.0.1:$PORT"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN="$WORK/runs/$STAMP"
RESULTS="$REPO/bench/results/capacity-$STAMP.md"
TICK=$(getconf CLK_TCK)
SERVER_PID=""

log() { printf '== %s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'capacity: %s\n' "$*" >&2; exit 1; }
psql_admin() { psql -h 127.0.0.1 -p 5432 -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
now_ms() { date +%s%3N; }

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 120); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$SERVER_PID" 2>/dev/null && kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
trap stop_server EXIT
trap 'exit 130' INT TERM

start_server() {
  local label=$1 code=000
  ( cd "$RUN" && exec env -u MP_JWT_VERIFY_PUBLICKEY_LOCATION -u REGISTRY_JWT_SIGNING_KEY_LOCATION \
      REGISTRY_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" REGISTRY_DB_USER=registry REGISTRY_DB_PASSWORD=registry \
      REGISTRY_DEMO_DATA=true REGISTRY_DATA_DIR="$RUN/data" \
      java $JAVA_OPTIONS -jar "$WORK/target/payara-micro.jar" --deploy "$WORK/target/ROOT.war" --domainconfig "$WORK/domain.xml" \
      --clustername "registry-capacity-$STAMP" --clustermode "tcpip:127.0.0.1:$HZ_PORT" --interfaces 127.0.0.1 --startport "$HZ_PORT" \
      --name registry-capacity --port "$PORT" --rootdir "$RUN/root" >"$RUN/server-$label.log" 2>&1 ) &
  SERVER_PID=$!
  for _ in $(seq 1 1200); do
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited during start-up; see $RUN/server-$label.log"
    grep -q 'Exception while loading the app' "$RUN/server-$label.log" && die "the WAR failed to deploy; see $RUN/server-$label.log"
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/health/ready" || true)
    [ "$code" = 200 ] && return 0
    sleep 0.25
  done
  die "not ready after 300 s; see $RUN/server-$label.log"
}

# ---- CPU counters -------------------------------------------------------------------------------------------------------

# ticks <pid>: utime + stime of one process (fields 14 and 15 of /proc/<pid>/stat; the name in field 2 may hold spaces)
ticks() { { sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null || true; } | awk '{ print $12 + $13 } END { if (NR == 0) print 0 }'; }
# backend_ticks: "<pid> <ticks>" of every backend connected to $DB (the registry's pool)
backend_ticks() {
  local pid
  for pid in $(psql_admin -d postgres -c "select pid from pg_stat_activity where datname = '$DB' and backend_type = 'client backend' and pid <> pg_backend_pid()"); do
    echo "$pid $(ticks "$pid")"
  done
}
# background_ticks: the server's own processes (no database): checkpointer, background writer, walwriter, autovacuum ...
background_ticks() {
  local pid sum=0
  for pid in $(psql_admin -d postgres -c "select pid from pg_stat_activity where datname is null"); do
    sum=$((sum + $(ticks "$pid")))
  done
  echo "$sum"
}

# waits (at most 300 s) until PostgreSQL runs no query of the registry
quiesce() {
  for _ in $(seq 1 1200); do
    [ "$(psql_admin -d postgres -c "select count(*) from pg_stat_activity where datname = '$DB' and state = 'active' and backend_type = 'client backend' and pid <> pg_backend_pid()")" = 0 ] && return 0
    sleep 0.25
  done
}

wants() { [ -z "$ONLY" ] || [[ " $ONLY " == *" $1 "* ]]; }

# measure <name> <connections> <duration> <wrk arguments...>
measure() {
  local name=$1 conns=$2 duration=$3; shift 3
  wants "$name" || return 0
  local i
  for i in $(seq 1 "$WARMUP"); do
    quiesce
    wrk -t "$THREADS" -c "$conns" -d "${WARMUP_DURATION}s" --timeout 120s "$@" >"$RUN/wrk-$name-warmup$i.txt" 2>&1 || true
  done
  quiesce
  local jvm0 jvm1 bg0 bg1 started elapsed
  backend_ticks >"$RUN/pg0-$name"; bg0=$(background_ticks); jvm0=$(ticks "$SERVER_PID"); started=$(now_ms)
  wrk -t "$THREADS" -c "$conns" -d "${duration}s" --timeout 120s --latency "$@" >"$RUN/wrk-$name.txt" 2>&1 || true
  quiesce   # what wrk abandoned at the end is still being answered: it is part of the cost
  jvm1=$(ticks "$SERVER_PID"); elapsed=$(( $(now_ms) - started )); bg1=$(background_ticks); backend_ticks >"$RUN/pg1-$name"
  local pg lost requests non2xx errors rps p50 p99
  # backends present at the end: their ticks minus those at the start (0 for a backend opened during the run)
  pg=$(awk 'NR == FNR { before[$1] = $2; next } { d = $2 - (($1 in before) ? before[$1] : 0); s += d } END { print s + 0 }' "$RUN/pg0-$name" "$RUN/pg1-$name")
  lost=$(awk 'NR == FNR { after[$1] = 1; next } !($1 in after) { n++ } END { print n + 0 }' "$RUN/pg1-$name" "$RUN/pg0-$name")
  requests=$(awk '/requests in/ { print $1 }' "$RUN/wrk-$name.txt"); requests=${requests:-0}
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$RUN/wrk-$name.txt"); non2xx=${non2xx:-0}
  errors=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$RUN/wrk-$name.txt"); errors=${errors:-0}
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$RUN/wrk-$name.txt"); rps=${rps:-0}
  p50=$(awk '$1 == "50%" { print $2 }' "$RUN/wrk-$name.txt"); p99=$(awk '$1 == "99%" { print $2 }' "$RUN/wrk-$name.txt")
  [ "$requests" -gt 0 ] || { log "$name: no requests; see $RUN/wrk-$name.txt"; return 0; }
  echo "$name $requests $rps $((jvm1 - jvm0)) $pg $((bg1 - bg0)) $elapsed $non2xx $errors ${p50:-?} ${p99:-?} $lost $conns" >>"$RUN/table"
  log "$name: $requests requests ($rps/s), JVM $(awk -v t=$((jvm1 - jvm0)) -v n="$requests" -v k="$TICK" 'BEGIN { printf "%.2f", t / k * 1000 / n }') ms/req, PostgreSQL $(awk -v t="$pg" -v n="$requests" -v k="$TICK" 'BEGIN { printf "%.2f", t / k * 1000 / n }') ms/req, non-2xx $non2xx"
}

# ---- 0..2: prerequisites, build, database, large data -----------------------------------------------------------------------

for cmd in java mvn psql curl jq wrk rsync awk; do command -v "$cmd" >/dev/null || die "$cmd is missing"; done
pg_isready -h 127.0.0.1 -p 5432 -q || die "PostgreSQL does not answer on 127.0.0.1:5432"
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then die "something already listens on 127.0.0.1:$PORT"; fi
mkdir -p "$RUN" "$REPO/bench/results"
log "run directory $RUN"
if $BUILD; then
  log "copying $REPO to $WORK/src and building the WAR into $WORK/target"
  mkdir -p "$WORK/src"
  rsync -a --delete --exclude /target --exclude /data --exclude /.git --exclude /bench/results "$REPO/" "$WORK/src/"
  ( cd "$WORK/src" && mvn -B -ntp -q -DskipTests -Dmaven.test.skip=true ${MVN_ARGS:-} package -Dregistry.build.dir="$WORK/target" ) \
    >"$RUN/build.log" 2>&1 || { tail -40 "$RUN/build.log" >&2; die "the build failed; see $RUN/build.log"; }
  cp "$WORK/src/domain.xml" "$WORK/domain.xml"
  { git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown; } >"$WORK/commit"
fi
for f in target/ROOT.war target/payara-micro.jar domain.xml; do [ -f "$WORK/$f" ] || die "no $WORK/$f: run without --no-build"; done

log "database $DB afresh"
if [ "$(psql_admin -c "select 1 from pg_roles where rolname = 'registry'")" != "1" ]; then psql_admin -c "create role registry login password 'registry'" >/dev/null; fi
psql_admin -c "drop database if exists $DB with (force)" >/dev/null
psql_admin -c "create database $DB owner registry" >/dev/null
log "first start: migrations and demo data"
start_server empty
stop_server
log "generating the large consortium (bench/generate.sql)"
# shellcheck disable=SC2086
psql -h 127.0.0.1 -U registry -d "$DB" -v ON_ERROR_STOP=1 ${CAPACITY_GENERATE_ARGS:-} -f "$REPO/bench/generate.sql" >"$RUN/generate.log" 2>&1 \
  || { tail -20 "$RUN/generate.log" >&2; die "generate.sql failed; see $RUN/generate.log"; }
COUNTS=$(psql_admin -d "$DB" -F ' ' -c "select (select count(*) from programme), (select count(*) from exemption_request),
  pg_size_pretty(pg_database_size(current_database()))")
log "generated: $COUNTS"
start_server large
log "ready on $BASE (pid $SERVER_PID)"

token() {
  curl -sf --max-time 60 -X POST "$BASE/api/auth/token" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"demo\"}" | jq -r .accessToken
}
COORDINATOR=$(token coordinator); ADMIN=$(token admin.tudelft); BOARD_TOKEN=$(token board.tudelft)
for t in "$COORDINATOR" "$ADMIN" "$BOARD_TOKEN"; do [ -n "$t" ] && [ "$t" != null ] || die "a token request failed"; done
# the board of board.tudelft, from its token's claims
BOARD=$(cut -d. -f2 <<<"$BOARD_TOKEN" | tr '_-' '/+' | awk '{ while (length($0) % 4) $0 = $0 "="; print }' | base64 -d 2>/dev/null | jq -r .board)
PROGRAMME=$(curl -sf --max-time 60 "$BASE/api/programmes?institution=universiteit-leiden&status=PUBLISHED&pageSize=1" | jq -r '.items[0].id')
STAFF_PROGRAMME=$(curl -sf --max-time 60 -H "Authorization: Bearer $ADMIN" "$BASE/api/programmes?institution=tu-delft&pageSize=1" | jq -r '.items[0].id')
[ -n "$BOARD" ] && [ "$BOARD" != null ] && [ -n "$PROGRAMME" ] && [ "$PROGRAMME" != null ] && [ -n "$STAFF_PROGRAMME" ] && [ "$STAFF_PROGRAMME" != null ] \
  || die "no board / programme found"
AWARDED=$(date -d '30 days ago' +%F)
REPORT_URL="$BASE/api/reports/pilot?from=2026-01-01&to=2026-12-31"
log "board $BOARD, programme $PROGRAMME (Leiden), staff programme $STAFF_PROGRAMME (TU Delft)"

# ---- 3. the kinds of request --------------------------------------------------------------------------------------------------

: >"$RUN/table"
measure catalogue "$CONNECTIONS" "$DURATION" "$BASE/api/programmes?page=1&pageSize=20"
measure catalogue-miss "$CONNECTIONS" "$DURATION" -s "$REPO/bench/wrk/uncached.lua" "$BASE/api/programmes?page=1&pageSize=20"
measure search "$CONNECTIONS" "$DURATION" "$BASE/api/programmes?q=$QUERY"
measure search-miss "$CONNECTIONS" "$DURATION" -s "$REPO/bench/wrk/uncached.lua" "$BASE/api/programmes?q=$QUERY"
measure ooapi "$CONNECTIONS" "$DURATION" "$BASE/ooapi/v5/courses?pageSize=250"
measure ooapi-miss "$CONNECTIONS" "$DURATION" -s "$REPO/bench/wrk/uncached.lua" "$BASE/ooapi/v5/courses?pageSize=250"
measure catalogue-ui "$CONNECTIONS" "$DURATION" "$BASE/catalogue/index.xhtml"
measure programme-staff "$CONNECTIONS" "$DURATION" -H "Authorization: Bearer $ADMIN" "$BASE/api/programmes/$STAFF_PROGRAMME"
measure record 4 "$DURATION" -s "$REPO/bench/wrk/record.lua" "$BASE/api/exemption-requests" -- "$ADMIN" "$PROGRAMME" "$AWARDED" "$STAMP"
# the requests to review: SUBMITTED ones of board.tudelft's board (the recorded ones and the generator's)
psql_admin -d "$DB" -c "select id from exemption_request where board_id = '$BOARD' and status = 'SUBMITTED' order by random()" >"$RUN/submitted.txt"
log "$(wc -l <"$RUN/submitted.txt") submitted requests of the board to review"
measure review 4 "$DURATION" -s "$REPO/bench/cluster/ids.lua" "$BASE" -- "$BOARD_TOKEN" "$RUN/submitted.txt" "/api/exemption-requests/%s/review" - "$THREADS"
psql_admin -d "$DB" -c "select id from exemption_request where board_id = '$BOARD' and status = 'IN_REVIEW' order by random()" >"$RUN/in-review.txt"
log "$(wc -l <"$RUN/in-review.txt") requests of the board in review to decide"
measure decision 4 "$DURATION" -s "$REPO/bench/cluster/ids.lua" "$BASE" -- "$BOARD_TOKEN" "$RUN/in-review.txt" "/api/exemption-requests/%s/decision" \
  '{"outcome":"GRANTED","motivation":"The learning outcomes of the micro-credential cover those of the course (capacity run)."}' "$THREADS"
measure report 2 "$REPORT_DURATION" -H "Authorization: Bearer $COORDINATOR" -H 'Accept: application/json' "$REPORT_URL"
measure report-computed 2 "$REPORT_DURATION" -s "$REPO/bench/cluster/report.lua" "$BASE" -- "$COORDINATOR" 0
RSS_MB=$(awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$SERVER_PID/status")
stop_server

# ---- 4. results -----------------------------------------------------------------------------------------------------------------

{
  echo "# Capacity run $STAMP"
  echo
  echo "Commit $(tr '\n' ' ' <"$WORK/commit"); machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(free -h | awk '/^Mem:/ { print $2 }') RAM;"
  echo "$(java -version 2>&1 | head -n 1); $(psql -V); one Payara Micro instance (a cluster of one on loopback); JVM options: $JAVA_OPTIONS."
  echo "Data: $COUNTS (bench/generate.sql). wrk -t $THREADS, warm-up $WARMUP x ${WARMUP_DURATION} s per kind, then one measured run of ${DURATION} s (the pilot report ${REPORT_DURATION} s)."
  echo
  echo "CPU time per request = (utime + stime after - before) / requests completed, in ms of one core: the registry's JVM"
  echo "(/proc/<pid>/stat), PostgreSQL's backends connected to the database (pg_stat_activity -> /proc/<pid>/stat), and"
  echo "PostgreSQL's background processes (checkpointer, writers, autovacuum; shared with every other database of the server)."
  echo
  echo "| kind | connections | requests | req/s | registry CPU ms/req | PostgreSQL backends CPU ms/req | PostgreSQL background ms/req | JVM cores busy | non-2xx | socket errors | p50 | p99 |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  while read -r name requests rps jvm pg bg elapsed non2xx errors p50 p99 lost conns; do
    case $name in
      catalogue) what="catalogue page, anonymous, from the answer cache" ;;
      catalogue-miss) what="catalogue page, anonymous, never cached" ;;
      search) what="search q=$QUERY, from the cache" ;;
      search-miss) what="search q=$QUERY, never cached" ;;
      ooapi) what="OOAPI /courses?pageSize=250, from the cache" ;;
      ooapi-miss) what="OOAPI /courses?pageSize=250, never cached" ;;
      catalogue-ui) what="public catalogue page (Faces, /catalogue/index.xhtml)" ;;
      programme-staff) what="GET /api/programmes/{id} as admin.tudelft" ;;
      record) what="POST /api/exemption-requests (record)" ;;
      review) what="POST .../{id}/review (board member)" ;;
      decision) what="POST .../{id}/decision (board member)" ;;
      report) what="pilot report 2026 (coordinator), same period: cached" ;;
      report-computed) what="pilot report, another period per request: computed" ;;
      *) what=$name ;;
    esac
    awk -v what="$what" -v c="$conns" -v n="$requests" -v rps="$rps" -v jvm="$jvm" -v pg="$pg" -v bg="$bg" -v el="$elapsed" -v k="$TICK" \
        -v e2="$non2xx" -v se="$errors" -v p50="$p50" -v p99="$p99" -v lost="$lost" 'BEGIN {
      printf "| %s | %d | %d | %.0f | %.2f | %.2f%s | %.3f | %.2f | %d | %d | %s | %s |\n", what, c, n, rps, jvm / k * 1000 / n,
        pg / k * 1000 / n, (lost > 0 ? " (" lost " backends gone)" : ""), bg / k * 1000 / n, jvm / k / (el / 1000), e2, se, p50, p99 }'
  done <"$RUN/table"
  echo
  echo "Resident memory at the end: $RSS_MB MB. Raw wrk output and counters: $RUN."
} >"$RESULTS"
cp "$RESULTS" "$RUN/"
cat "$RESULTS"
log "results: $RESULTS"
