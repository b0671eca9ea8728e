#!/usr/bin/env bash
# Benchmarks of the registry (issue 6): start-up time, resident memory and wrk throughput/latency on PostgreSQL with a
# large consortium. NOT part of `mvn verify`. What it does, in order:
#   1. creates the database registry_bench (owner registry) afresh on 127.0.0.1:5432 (psql as postgres, trust auth);
#   2. copies this repository to $BENCH_WORK/src (rsync, without target/ and data/) and builds the WAR there:
#      mvn -q -DskipTests -Dmaven.test.skip=true package -Dregistry.build.dir=$BENCH_WORK/target (tests are not even
#      compiled: work in progress there cannot break the benchmark; the repository's own target/ is never touched);
#   3. starts Payara Micro on 127.0.0.1:8181 with demo data on the empty database (Flyway migrates) and measures the
#      start-up time to the first 200 of /health/ready and the resident memory (VmRSS of the java process) at ready;
#   4. stops it, runs bench/generate.sql (10,000 programmes, 200 agreements, 1,000,000 exemption requests with
#      history; about 2 minutes), starts it again and measures start-up and RSS on the large data;
#   5. gets tokens (POST /api/auth/token: coordinator, admin.tudelft / demo) and a published programme of another
#      institution than TU Delft;
#   6. runs wrk (32 connections, 2 threads, --latency): per endpoint $BENCH_WARMUP rounds of warm-up, then $BENCH_ROUNDS
#      recorded rounds of $BENCH_DURATION s, and reports the round with the median requests/s:
#        ping      GET  /api/ping                               (the trivial endpoint: the ceiling)
#        catalogue GET  /api/programmes?page=1&pageSize=20
#        search    GET  /api/programmes?q=$BENCH_QUERY           (full-text search)
#        ooapi     GET  /ooapi/v5/courses?pageSize=250           (the Open Education API's largest page, issue 13)
#        report    GET  /api/reports/pilot?from=2026-01-01&to=2026-12-31 as coordinator (skipped if it answers 404;
#                  it takes seconds, so 1 x 30 s warm-up and rounds of 60 s; also timed alone, 5 calls by one client)
#        record    POST /api/exemption-requests as admin.tudelft (bench/wrk/record.lua; non-2xx must be 0)
#      before every round it waits until the registry runs no query (what wrk abandoned is still being answered);
#      plus the resident memory after the load;
#   7. writes bench/results/<UTC timestamp>.md (machine, start-up, RSS, generator time, the table) and prints it;
#   8. stops the server: nothing is left running (also on Ctrl-C or failure).
#
# Run (from anywhere; as root or a user who can `psql -U postgres` and, if wrk/jq are missing, apt-get them):
#   bench/run.sh                 # the whole run: about 20 minutes on 2 cores (build ~1, two starts ~1,
#                                #   generator ~2, wrk 4 x (3 x 10 s warm-up + 3 x 15 s) ~6, pilot report ~5)
#   bench/run.sh --no-build      # reuse the WAR already in $BENCH_WORK/target
#   bench/run.sh --quick         # smoke test: 1 warm-up round and 1 recorded round of 5 s (figures are not comparable)
# Settings (environment): BENCH_WORK (/tmp/registry-bench), BENCH_PORT (8181), BENCH_DB (registry_bench),
#   BENCH_CONNECTIONS (32), BENCH_THREADS (2), BENCH_WARMUP (3 rounds), BENCH_WARMUP_DURATION (10 s),
#   BENCH_ROUNDS (3), BENCH_DURATION (15 s), BENCH_QUERY (robotics), BENCH_GENERATE_ARGS (e.g. "-v requests=100000"),
#   BENCH_REPORT_WARMUP (1), BENCH_REPORT_WARMUP_DURATION (30 s), BENCH_REPORT_DURATION (60 s),
#   MVN_ARGS (extra Maven arguments, e.g. -o).
# Only loopback addresses are used; every wait is bounded.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=${BENCH_WORK:-/tmp/registry-bench}
PORT=${BENCH_PORT:-8181}
DB=${BENCH_DB:-registry_bench}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
WARMUP=${BENCH_WARMUP:-3}
WARMUP_DURATION=${BENCH_WARMUP_DURATION:-10}
ROUNDS=${BENCH_ROUNDS:-3}
DURATION=${BENCH_DURATION:-15}
QUERY=${BENCH_QUERY:-robotics}
FILTER=${BENCH_FILTER:-nlqfLevel=6&language=en&participation=ONLINE}
# the pilot report takes seconds: at 32 connections a request waits for 31 others, so its rounds are longer
REPORT_WARMUP=${BENCH_REPORT_WARMUP:-1}
REPORT_WARMUP_DURATION=${BENCH_REPORT_WARMUP_DURATION:-30}
REPORT_DURATION=${BENCH_REPORT_DURATION:-60}
# the JVM options the registry ships with (README, Dockerfile, mvn -Pstart): the benchmark measures them
JAVA_OPTIONS=${BENCH_JAVA_OPTS:-$(sed -n 's:.*<registry.jvm.options>\(.*\)</registry.jvm.options>.*:\1:p' "$(cd "$(dirname "$0")/.." && pwd)/pom.xml")}
# on the data grid, as in production (a cluster of one, on loopback), unless BENCH_CLUSTER=false (then --nocluster)
CLUSTER=${BENCH_CLUSTER:-true}
BUILD=true
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=false ;;
    --quick) WARMUP=1; WARMUP_DURATION=5; ROUNDS=1; DURATION=5; REPORT_WARMUP=0; REPORT_DURATION=10 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done
BASE="http://127.0.0.1:$PORT"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
LOGS="$WORK/logs/$STAMP"
RESULTS="$REPO/bench/results/$STAMP.md"
SERVER_PID=""

log() { printf '== %s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
psql_admin() { psql -h 127.0.0.1 -p 5432 -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
now_ms() { date +%s%3N; }

# ---- the server ---------------------------------------------------------------------------------------------------

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  if kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 120); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$SERVER_PID" 2>/dev/null; then log "server $SERVER_PID did not stop in 60 s: KILL"; kill -KILL "$SERVER_PID" 2>/dev/null || true; fi
  fi
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
trap 'stop_server' EXIT
trap 'exit 130' INT TERM

rss_mb() { awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/$SERVER_PID/status"; }
hwm_mb() { awk '/^VmHWM:/ { printf "%d", $2 / 1024 }' "/proc/$SERVER_PID/status"; }

# start_server <label>: starts it in the background (SERVER_PID) and sets START_MS (launch to the first 200 of
# /health/ready) and START_RSS_MB (VmRSS at that moment). Runs in this shell, never in $(...), so that the trap stops it.
start_server() {
  local label=$1 started code=000
  if curl -s -o /dev/null --max-time 2 "$BASE/"; then die "something already listens on 127.0.0.1:$PORT"; fi
  mkdir -p "$WORK/run"
  started=$(now_ms)
  local cluster=(--nocluster)
  if [ "$CLUSTER" = true ]; then
    cluster=(--clustername "registry-bench-$STAMP" --clustermode "tcpip:127.0.0.1:$((PORT + 5000))" --interfaces 127.0.0.1 --startport "$((PORT + 5000))")
  fi
  # shellcheck disable=SC2086
  ( cd "$WORK/run" && exec env REGISTRY_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" REGISTRY_DB_USER=registry REGISTRY_DB_PASSWORD=registry \
      REGISTRY_DEMO_DATA=true REGISTRY_DATA_DIR="$WORK/data" \
      java $JAVA_OPTIONS -jar "$WORK/target/payara-micro.jar" --deploy "$WORK/target/ROOT.war" --deploy "$WORK/target/bare.war" \
      --domainconfig "$WORK/domain.xml" "${cluster[@]}" --port "$PORT" >"$LOGS/server-$label.log" 2>&1 ) &
  SERVER_PID=$!
  for _ in $(seq 1 1200); do   # at most 300 s
    kill -0 "$SERVER_PID" 2>/dev/null || die "the server exited during start-up; see $LOGS/server-$label.log"
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/health/ready" || true)
    [ "$code" = 200 ] && break
    sleep 0.25
  done
  [ "$code" = 200 ] || die "not ready after 300 s (last /health/ready: $code); see $LOGS/server-$label.log"
  START_MS=$(( $(now_ms) - started ))
  START_RSS_MB=$(rss_mb)
}

# ---- wrk ----------------------------------------------------------------------------------------------------------

# latency in wrk's notation (950.00us, 1.23ms, 2.01s, 1.00m) -> milliseconds
to_ms() {
  [ -n "$1" ] || { echo "n/a"; return; }
  awk -v v="$1" 'BEGIN { n = v + 0; u = v; sub(/^[0-9.]+/, "", u);
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000; printf "%.2f", n }'
}

# one wrk round; prints "<req/s> <p50 ms> <p99 ms> <non-2xx> <requests> <socket errors>"
wrk_round() {
  local out=$1; shift
  wrk -t "$THREADS" -c "${B_CONNECTIONS:-$CONNECTIONS}" --latency --timeout "${B_TIMEOUT:-30s}" "$@" >"$out" 2>&1 || true
  local rps p50 p99 non2xx requests errors
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  p50=$(to_ms "$(awk '$1 == "50%" { print $2 }' "$out")")
  p99=$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")
  non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$out"); non2xx=${non2xx:-0}
  requests=$(awk '/requests in/ { print $1 }' "$out")
  errors=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$out"); errors=${errors:-0}
  [ -n "$rps" ] || die "wrk gave no result; see $out"
  echo "$rps $p50 $p99 $non2xx $requests $errors"
}

# Waits (at most 300 s) until the registry runs no query: requests that wrk gave up on at the end of a round are still
# being answered, and must not eat into the next measurement. Logs how long it waited when it did.
quiesce() {
  local waited=0 active
  while [ "$waited" -lt 1200 ]; do
    active=$(psql_admin -d "$DB" -c "select count(*) from pg_stat_activity where datname = current_database()
      and usename = 'registry' and state = 'active' and pid <> pg_backend_pid()" 2>/dev/null || echo 0)
    [ "$active" = 0 ] && break
    sleep 0.25; waited=$((waited + 1))
  done
  [ "$waited" -lt 4 ] || log "waited $((waited / 4)) s for the queries of the previous round to finish"
}

# bench <name> <wrk arguments...>: warm-up rounds, recorded rounds; appends the median round to $LOGS/table and all
# recorded rounds to $LOGS/rounds
bench() {
  local name=$1; shift
  local i line warmup=${B_WARMUP:-$WARMUP} warmup_duration=${B_WARMUP_DURATION:-$WARMUP_DURATION} duration=${B_DURATION:-$DURATION}
  for i in $(seq 1 "$warmup"); do
    quiesce
    line=$(wrk_round "$LOGS/wrk-$name-warmup$i.txt" -d "${warmup_duration}s" "$@")
    log "$name warm-up $i/$warmup: $line"
    echo "| $name | warm-up $i | ${line// / | } |" >>"$LOGS/rounds"
  done
  : >"$LOGS/recorded-$name"
  for i in $(seq 1 "$ROUNDS"); do
    quiesce
    line=$(wrk_round "$LOGS/wrk-$name-$i.txt" -d "${duration}s" "$@")
    log "$name round $i/$ROUNDS: $line"
    echo "$line" >>"$LOGS/recorded-$name"
    echo "| $name | $i | ${line// / | } |" >>"$LOGS/rounds"
  done
  # the round with the median requests/s; non-2xx and errors summed over the recorded rounds
  local median total_non2xx total_errors
  median=$(sort -n -k1,1 "$LOGS/recorded-$name" | sed -n "$(( (ROUNDS + 1) / 2 ))p")
  total_non2xx=$(awk '{ s += $4 } END { print s + 0 }' "$LOGS/recorded-$name")
  total_errors=$(awk '{ s += $6 } END { print s + 0 }' "$LOGS/recorded-$name")
  read -r rps p50 p99 _ _ _ <<<"$median"
  echo "$name $rps $p50 $p99 $total_non2xx $total_errors" >>"$LOGS/table"
  quiesce
}

# ---- 0. prerequisites -----------------------------------------------------------------------------------------------

for cmd in java mvn psql curl rsync awk; do command -v "$cmd" >/dev/null || die "$cmd is missing"; done
for pkg in wrk jq; do
  if ! command -v "$pkg" >/dev/null; then
    log "installing $pkg (Debian package)"
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$pkg" >/dev/null \
      || { as_root apt-get update -qq && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$pkg" >/dev/null; }
  fi
done
pg_isready -h 127.0.0.1 -p 5432 -q || die "PostgreSQL does not answer on 127.0.0.1:5432"
mkdir -p "$LOGS" "$REPO/bench/results"
log "logs in $LOGS"

# ---- 1. the database --------------------------------------------------------------------------------------------------

log "creating database $DB afresh"
if [ "$(psql_admin -c "select 1 from pg_roles where rolname = 'registry'")" != "1" ]; then
  psql_admin -c "create role registry login password 'registry'"
fi
psql_admin -c "drop database if exists $DB with (force)"
psql_admin -c "create database $DB owner registry"

# ---- 2. the build -----------------------------------------------------------------------------------------------------

if $BUILD; then
  log "copying $REPO to $WORK/src and building the WAR into $WORK/target"
  mkdir -p "$WORK/src"
  rsync -a --delete --exclude /target --exclude /data --exclude /.git --exclude /bench/results "$REPO/" "$WORK/src/"
  build_started=$(now_ms)
  ( cd "$WORK/src" && mvn -q -DskipTests -Dmaven.test.skip=true ${MVN_ARGS:-} package -Dregistry.build.dir="$WORK/target" ) >"$LOGS/build.log" 2>&1 \
    || { tail -40 "$LOGS/build.log" >&2; die "the build failed; see $LOGS/build.log"; }
  # the yardstick of issue 15: a bare JAX-RS resource in a minimal WAR (bench/bare), deployed beside the registry
  api_jar=$(find "$HOME/.m2/repository/jakarta/platform/jakarta.jakartaee-api" -name 'jakarta.jakartaee-api-10*.jar' | head -n 1)
  [ -n "$api_jar" ] || die "jakarta.jakartaee-api not in the local Maven repository"
  rm -rf "$WORK/bare" && mkdir -p "$WORK/bare/WEB-INF/classes"
  javac --release 17 -nowarn -cp "$api_jar" -d "$WORK/bare/WEB-INF/classes" "$REPO"/bench/bare/*.java
  cp "$REPO/bench/bare/beans.xml" "$WORK/bare/WEB-INF/"
  ( cd "$WORK/bare" && jar cf "$WORK/target/bare.war" . )
  log "built in $(( ($(now_ms) - build_started) / 1000 )) s"
  cp "$WORK/src/domain.xml" "$WORK/domain.xml"
  git -C "$REPO" rev-parse --short HEAD >"$WORK/commit" 2>/dev/null || echo unknown >"$WORK/commit"
  git -C "$REPO" status --porcelain 2>/dev/null | grep -q . && echo "(+ uncommitted changes)" >>"$WORK/commit" || true
fi
[ -f "$WORK/target/ROOT.war" ] && [ -f "$WORK/target/bare.war" ] && [ -f "$WORK/target/payara-micro.jar" ] || die "no WAR in $WORK/target: run without --no-build"
[ -f "$WORK/domain.xml" ] || cp "$REPO/domain.xml" "$WORK/domain.xml"
rm -rf "$WORK/data" "$WORK/run"

# ---- 3. first start: empty database, migrations and demo data ---------------------------------------------------------

log "starting Payara Micro on the empty database (migrations + demo data)"
start_server empty; START1_MS=$START_MS; RSS1_MB=$START_RSS_MB
log "ready in $START1_MS ms, RSS $RSS1_MB MB"
stop_server

# ---- 4. the large consortium, second start -------------------------------------------------------------------------------

log "generating the large consortium (bench/generate.sql)"
gen_started=$(now_ms)
# shellcheck disable=SC2086
psql -h 127.0.0.1 -p 5432 -U registry -d "$DB" -v ON_ERROR_STOP=1 ${BENCH_GENERATE_ARGS:-} -f "$REPO/bench/generate.sql" >"$LOGS/generate.log" 2>&1 \
  || { tail -20 "$LOGS/generate.log" >&2; die "generate.sql failed; see $LOGS/generate.log"; }
GEN_S=$(( ($(now_ms) - gen_started) / 1000 ))
COUNTS=$(psql_admin -d "$DB" -F ' ' -c "select (select count(*) from programme), (select count(*) from programme_version),
  (select count(*) from agreement), (select count(*) from exemption_request), (select count(*) from exemption_event),
  pg_size_pretty(pg_database_size(current_database()))")
read -r N_PROG N_PV N_AGR N_REQ N_EV DB_SIZE <<<"$COUNTS"
log "generated in $GEN_S s: $N_PROG programmes, $N_AGR agreements, $N_REQ requests, $N_EV events ($DB_SIZE)"

log "starting Payara Micro on the large data"
start_server large; START2_MS=$START_MS; RSS2_MB=$START_RSS_MB
log "ready in $START2_MS ms, RSS $RSS2_MB MB"

# ---- 5. tokens and a programme of another institution ------------------------------------------------------------------

token() {
  curl -sf --max-time 30 -X POST "$BASE/api/auth/token" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"demo\"}" | jq -r .accessToken
}
COORDINATOR=$(token coordinator) || die "no token for coordinator"
ADMIN=$(token admin.tudelft) || die "no token for admin.tudelft"
[ -n "$COORDINATOR" ] && [ "$COORDINATOR" != null ] && [ -n "$ADMIN" ] && [ "$ADMIN" != null ] || die "token request failed"
PROGRAMME=$(curl -sf --max-time 30 "$BASE/api/programmes?institution=universiteit-leiden&status=PUBLISHED&pageSize=1" | jq -r '.items[0].id')
[ -n "$PROGRAMME" ] && [ "$PROGRAMME" != null ] || die "no published programme of universiteit-leiden"
AWARDED=$(date -d '30 days ago' +%F)
log "programme $PROGRAMME (universiteit-leiden), awarded $AWARDED"

# one request of each kind before the load, to fail early with a readable answer
probe() { curl -s -o "$LOGS/probe-$1.json" -w '%{http_code} %{time_total}' --max-time 120 "${@:2}"; }
read -r code t <<<"$(probe ping "$BASE/api/ping")"; [ "$code" = 200 ] || die "GET /api/ping answered $code"
read -r code t <<<"$(probe catalogue "$BASE/api/programmes?page=1&pageSize=20")"; [ "$code" = 200 ] || die "catalogue answered $code"
read -r code t <<<"$(probe search "$BASE/api/programmes?q=$QUERY")"; [ "$code" = 200 ] || die "search answered $code"
read -r code t <<<"$(probe filtered "$BASE/api/programmes?page=1&pageSize=20&$FILTER")"; [ "$code" = 200 ] || die "filtered catalogue answered $code"
read -r code t <<<"$(probe bare "$BASE/bare/ping")"; [ "$code" = 200 ] || die "GET /bare/ping answered $code"
SEARCH_HITS=$(jq -r .totalItems "$LOGS/probe-search.json")
read -r code t <<<"$(probe ooapi "$BASE/ooapi/v5/courses?pageSize=250")"; [ "$code" = 200 ] || die "OOAPI courses answered $code"
[ "$(jq -r '.items | length' "$LOGS/probe-ooapi.json")" = 250 ] || die "OOAPI courses: not a full page of 250"
log "search '$QUERY' finds $SEARCH_HITS programmes"
REPORT_URL="$BASE/api/reports/pilot?from=2026-01-01&to=2026-12-31"
read -r REPORT_CODE t <<<"$(probe report -H "Authorization: Bearer $COORDINATOR" -H 'Accept: application/json' "$REPORT_URL")"
REPORT_SINGLE=""
if [ "$REPORT_CODE" = 404 ]; then
  log "GET /api/reports/pilot answers 404: not deployed in this build, the report is SKIPPED"
elif [ "$REPORT_CODE" != 200 ]; then
  die "GET /api/reports/pilot answered $REPORT_CODE; see $LOGS/probe-report.json"
else
  # the target is about one report: its latency alone, 5 times in a row (after the first call above)
  for i in 1 2 3 4 5; do
    curl -s -o /dev/null -w '%{time_total}\n' --max-time 120 -H "Authorization: Bearer $COORDINATOR" "$REPORT_URL"
  done >"$LOGS/report-single.txt"
  REPORT_SINGLE=$(sort -n "$LOGS/report-single.txt" | awk '{ a[NR] = $1 * 1000 } END { printf "median %.0f ms, max %.0f ms", a[int((NR + 1) / 2)], a[NR] }')
  log "pilot report alone: $REPORT_SINGLE"
fi
RECORD_BODY=$(printf '{"learner":{"name":"Probe Learner","email":"probe@student.invalid","studentNumber":"p1"},"programme":"%s","awardedOn":"%s","targetCourse":{"code":"CSE1100","title":"Benchmark course","ects":5},"motivation":"probe"}' "$PROGRAMME" "$AWARDED")
read -r code t <<<"$(probe record -X POST -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' -d "$RECORD_BODY" "$BASE/api/exemption-requests")"
[ "$code" = 201 ] || [ "$code" = 200 ] || die "POST /api/exemption-requests answered $code; see $LOGS/probe-record.json"

# ---- 6. load ---------------------------------------------------------------------------------------------------------------

: >"$LOGS/table"; : >"$LOGS/rounds"
log "wrk: $CONNECTIONS connections, $THREADS threads, $WARMUP x ${WARMUP_DURATION}s warm-up + $ROUNDS x ${DURATION}s recorded per endpoint"
bench bare "$BASE/bare/ping"
bench ping "$BASE/api/ping"
bench catalogue "$BASE/api/programmes?page=1&pageSize=20"
bench filtered "$BASE/api/programmes?page=1&pageSize=20&$FILTER"
bench catalogue-miss -s "$REPO/bench/wrk/uncached.lua" "$BASE/api/programmes?page=1&pageSize=20"
bench search "$BASE/api/programmes?q=$QUERY"
B_CONNECTIONS=4 bench search-c4 "$BASE/api/programmes?q=$QUERY"
bench search-miss -s "$REPO/bench/wrk/uncached.lua" "$BASE/api/programmes?q=$QUERY"
B_CONNECTIONS=4 bench search-miss-c4 -s "$REPO/bench/wrk/uncached.lua" "$BASE/api/programmes?q=$QUERY"
bench ooapi "$BASE/ooapi/v5/courses?pageSize=250"
if [ "$REPORT_CODE" = 200 ]; then
  B_WARMUP=$REPORT_WARMUP B_WARMUP_DURATION=$REPORT_WARMUP_DURATION B_DURATION=$REPORT_DURATION B_TIMEOUT=120s \
    bench report -H "Authorization: Bearer $COORDINATOR" "$REPORT_URL"
fi
bench record -s "$REPO/bench/wrk/record.lua" "$BASE/api/exemption-requests" -- "$ADMIN" "$PROGRAMME" "$AWARDED" "$STAMP"
RSS3_MB=$(rss_mb); HWM_MB=$(hwm_mb)
log "RSS after the load: $RSS3_MB MB (peak $HWM_MB MB)"
stop_server

# ---- 7. results ------------------------------------------------------------------------------------------------------------

ping_rps=$(awk '$1 == "ping" { print $2 }' "$LOGS/table")
bare_rps=$(awk '$1 == "bare" { print $2 }' "$LOGS/table")
{
  echo "# Benchmark run $STAMP"
  echo
  echo "Commit $(cat "$WORK/commit" 2>/dev/null | tr '\n' ' ' || true); machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)," \
       "$(free -h | awk '/^Mem:/ { print $2 }') RAM; $(java -version 2>&1 | head -n 1); $(psql -V); $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2)."
  echo
  echo "wrk -t $THREADS -c $CONNECTIONS --latency --timeout 30s; per endpoint $WARMUP x ${WARMUP_DURATION} s warm-up, then $ROUNDS x ${DURATION} s recorded"
  echo "(the pilot report: $REPORT_WARMUP x ${REPORT_WARMUP_DURATION} s warm-up, $ROUNDS x ${REPORT_DURATION} s recorded, --timeout 120s); before every round the"
  echo "registry finishes the queries of the previous one. The row is the recorded round with the median requests/s;"
  echo "non-2xx and socket errors (timeouts included) are summed over the recorded rounds."
  echo
  echo "| endpoint | req/s | p50 (ms) | p99 (ms) | non-2xx | socket errors | vs ping |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  while read -r name rps p50 p99 non2xx errors; do
    case $name in
      bare) what="GET /bare/ping (a bare JAX-RS resource in a minimal WAR)" ;;
      ping) what="GET /api/ping" ;;
      catalogue) what="GET /api/programmes?page=1&pageSize=20" ;;
      filtered) what="GET /api/programmes?page=1&pageSize=20&$FILTER" ;;
      search) what="GET /api/programmes?q=$QUERY ($SEARCH_HITS hits)" ;;
      search-c4) what="GET /api/programmes?q=$QUERY at 4 connections" ;;
      catalogue-miss) what="the catalogue page, never from the cache (bench/wrk/uncached.lua)" ;;
      search-miss) what="the search, never from the cache" ;;
      search-miss-c4) what="the search, never from the cache, at 4 connections" ;;
      ooapi) what="GET /ooapi/v5/courses?pageSize=250" ;;
      report) what="GET /api/reports/pilot?from=2026-01-01&to=2026-12-31 (coordinator)" ;;
      record) what="POST /api/exemption-requests (admin.tudelft)" ;;
    esac
    echo "| $what | $(printf '%.0f' "$rps") | $p50 | $p99 | $non2xx | $errors | $(awk -v a="$rps" -v b="$ping_rps" 'BEGIN { printf "%.2fx", a / b }') |"
  done <"$LOGS/table"
  [ "$REPORT_CODE" = 200 ] || echo "| GET /api/reports/pilot | skipped: 404 (not in this build) | | | | | |"
  echo
  echo "/api/ping vs the bare resource: $(awk -v a="$ping_rps" -v b="$bare_rps" 'BEGIN { printf "%.2fx", a / b }') (the registry's filters and security cost $(awk -v a="$ping_rps" -v b="$bare_rps" 'BEGIN { printf "%.0f%%", (1 - a / b) * 100 }') of a trivial request)."
  echo "JVM options: ${JAVA_OPTIONS:-(none)}; data grid: $([ "$CLUSTER" = true ] && echo "on (a cluster of one on loopback)" || echo "off (--nocluster)")."
  echo
  [ -n "$REPORT_SINGLE" ] && { echo "Pilot report 2026 alone (one client, 5 calls after a first one): $REPORT_SINGLE."; echo; }
  echo "| | start-up to /health/ready | RSS at ready |"
  echo "| --- | ---: | ---: |"
  echo "| empty database (migrations + demo data) | $(awk -v v="$START1_MS" 'BEGIN { printf "%.1f s", v / 1000 }') | $RSS1_MB MB |"
  echo "| large data | $(awk -v v="$START2_MS" 'BEGIN { printf "%.1f s", v / 1000 }') | $RSS2_MB MB |"
  echo
  echo "RSS after the load: $RSS3_MB MB (peak $HWM_MB MB)."
  echo
  echo "Generator: $GEN_S s for $N_PROG programmes ($N_PV versions), $N_AGR agreements, $N_REQ exemption requests, $N_EV events; database $DB_SIZE."
  echo
  echo "<details><summary>All rounds (req/s, p50 ms, p99 ms, non-2xx, requests, socket errors)</summary>"
  echo
  echo "| endpoint | round | req/s | p50 | p99 | non-2xx | requests | socket errors |"
  echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
  cat "$LOGS/rounds"
  echo
  echo "</details>"
} >"$RESULTS"
cp "$RESULTS" "$LOGS/"
log "results: $RESULTS (raw wrk output in $LOGS)"
cat "$RESULTS"
record_non2xx=$(awk '$1 == "record" { print $5 }' "$LOGS/table")
[ "${record_non2xx:-0}" = 0 ] || { echo "bench: POST /api/exemption-requests had $record_non2xx non-2xx answers" >&2; exit 1; }
