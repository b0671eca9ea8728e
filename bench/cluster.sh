#!/usr/bin/env bash
# Several instances on one data grid behind a load balancer, and the loss of one of them (issue 16). NOT part of
# `mvn verify`. What it does, in order:
#   1. builds the WAR in $CLUSTER_WORK (a copy of this repository, like bench/run.sh; --no-build reuses it) and the test
#      classpath for the Selenium check (bench/cluster/ClusterUiCheck.java, run with Java's source launcher);
#   2. creates the database $CLUSTER_DB afresh (owner registry) on 127.0.0.1:5432;
#   3. starts $CLUSTER_INSTANCES instances (2; 3 also works) AT THE SAME MOMENT on the empty database, on loopback, in one
#      Payara data grid: --clustername, --clustermode tcpip:<every instance's data-grid port>, --interfaces 127.0.0.1,
#      --startport (16900, 16901, ...), host-aware partitioning off (domain.xml, else --nohostaware: every member has the
#      same address here, and with it on a member's share of the grid would have no backup), --name, --port (18080, 18081, ...), --rootdir, its own
#      REGISTRY_DATA_DIR, the pom's JVM options (registry.jvm.options), demo data on, and NO operator-configured token
#      keys (the registry's generated keys are exercised); an instance that does not come up is noted and started again;
#   4. writes an nginx config (bench/cluster/nginx.conf.template: round robin over the instances, no sticky sessions,
#      proxy_next_upstream error timeout http_502 http_503 for idempotent requests, 1 s connect timeout) and starts
#      Debian's nginx on 127.0.0.1:$CLUSTER_LB_PORT (18000) with its own prefix under $CLUSTER_WORK, and a webhook receiver
#      (bench/cluster/hook_receiver.py) on 127.0.0.1:$CLUSTER_HOOK_PORT (18099);
#   5. before the load: $CLUSTER_WARMUP s (30) of reads through nginx to warm the JVMs up (not counted); tokens (each from one instance, tried on every other one directly), hogeschool-utrecht's webhook,
#      and an admin UI session (admin.hu) opened through nginx in headless chromium;
#   6. the mixed load through nginx: wrk reads (bench/cluster/reads.lua: catalogue pages, search, OOAPI, a programme,
#      statistics; anonymous) and $CLUSTER_WRITERS writers recording exemption requests one at a time, each with its own
#      Idempotency-Key, retrying the same key on a connection error, 502, 503 or 504 (every acknowledged write, 2xx with
#      its id, goes to acked.txt); agreements with hogeschool-utrecht as a party are created at moments around the kill;
#   7. after $CLUSTER_BEFORE s: kill -9 of one instance (CLUSTER_KILL=ui: the one that served the UI session's last page;
#      or a number); the UI session goes on (a postback on the page rendered before the kill, dashboard loads);
#      after $CLUSTER_DOWN s the instance is started again with the same options (marked down in nginx until /health/ready
#      answers, as a readiness probe would; CLUSTER_GATE=false leaves it in: Payara Micro opens its HTTP port long before
#      the WAR is deployed and answers 404, then 500, meanwhile) and the script waits until it is ready and back in the grid; the load goes on for at least $CLUSTER_AFTER s more and $CLUSTER_DURATION s in all;
#   8. checks: every acknowledged write is in the database, no write twice, read errors (count and when), the UI
#      session, every agreement's webhook delivered exactly once (waits up to $CLUSTER_HOOK_WAIT s: a delivery claimed
#      by the killed instance is only taken over when its lease runs out), tokens across instances, the simultaneous start;
#   9. writes bench/results/cluster-<UTC timestamp>.md and prints it; exits 1 if a check failed.
# Everything it started is stopped on exit (trap), also on failure or Ctrl-C. Only loopback addresses are used.
#
# Run (as root or a user who can `psql -U postgres`; needs java, mvn, psql, curl, jq, wrk, nginx, chromium, chromedriver):
#   bench/cluster.sh               # about 6 minutes on 2 cores
#   bench/cluster.sh --no-build    # reuse the WAR in $CLUSTER_WORK/target
# Settings (environment): CLUSTER_WORK (/tmp/registry-cluster), CLUSTER_DB (registry_cluster), CLUSTER_INSTANCES (2),
#   CLUSTER_HTTP_PORT (18080: first instance), CLUSTER_HZ_PORT (16900: first data-grid port), CLUSTER_LB_PORT (18000),
#   CLUSTER_HOOK_PORT (18099), CLUSTER_BEFORE (20 s of load before the kill), CLUSTER_DOWN (15 s until the restart),
#   CLUSTER_AFTER (15 s of load after the rejoin), CLUSTER_DURATION (60 s at least), CLUSTER_READ_CONNECTIONS (4),
#   CLUSTER_WRITERS (2), CLUSTER_KILL (ui or 1..N), CLUSTER_GATE (true), CLUSTER_WARMUP (30 s), CLUSTER_HOOK_WAIT (150 s), CLUSTER_JAVA_OPTS (pom's JVM options),
#   MVN_ARGS (extra Maven arguments, e.g. -o).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
WORK=${CLUSTER_WORK:-/tmp/registry-cluster}
DB=${CLUSTER_DB:-registry_cluster}
N=${CLUSTER_INSTANCES:-2}
HTTP_BASE=${CLUSTER_HTTP_PORT:-18080}
HZ_BASE=${CLUSTER_HZ_PORT:-16900}
LB_PORT=${CLUSTER_LB_PORT:-18000}
HOOK_PORT=${CLUSTER_HOOK_PORT:-18099}
BEFORE=${CLUSTER_BEFORE:-20}
DOWN=${CLUSTER_DOWN:-15}
AFTER=${CLUSTER_AFTER:-15}
DURATION=${CLUSTER_DURATION:-60}
READ_CONNECTIONS=${CLUSTER_READ_CONNECTIONS:-4}
WRITERS=${CLUSTER_WRITERS:-2}
KILL=${CLUSTER_KILL:-ui}
HOOK_WAIT=${CLUSTER_HOOK_WAIT:-150}
GATE=${CLUSTER_GATE:-true}
WARMUP=${CLUSTER_WARMUP:-30}
JAVA_OPTIONS=${CLUSTER_JAVA_OPTS:-$(sed -n 's:.*<registry.jvm.options>\(.*\)</registry.jvm.options>.*:\1:p' "$REPO/pom.xml")}
BUILD=true
for arg in "$@"; do
  case "$arg" in
    --no-build) BUILD=false ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d'; exit 0 ;;
    *) echo "unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done
[ "$N" -ge 2 ] && [ "$N" -le 9 ] || { echo "CLUSTER_INSTANCES must be 2..9" >&2; exit 2; }
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
RUN="$WORK/runs/$STAMP"
RESULTS="$REPO/bench/results/cluster-$STAMP.md"
LB="http://127.0.0.1:$LB_PORT"
CLUSTER_NAME="registry-cluster-$STAMP"
MEMBERS=$(for i in $(seq 1 "$N"); do printf '127.0.0.1:%d,' $((HZ_BASE + i - 1)); done); MEMBERS=${MEMBERS%,}

log() { printf '== %s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'cluster: %s\n' "$*" >&2; exit 1; }
psql_admin() { psql -h 127.0.0.1 -p 5432 -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }
now_ms() { date +%s%3N; }
port_of() { echo $((HTTP_BASE + $1 - 1)); }

# ---- what runs, and stopping it ---------------------------------------------------------------------------------------

declare -A PIDS=()
NGINX_PID="" HOOK_PID="" UI_PID="" WRK_PID=""
WRITER_PIDS=()

stop_instance() {
  local i=$1 pid=${PIDS[$1]:-}
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && { log "instance $i ($pid) did not stop in 60 s: KILL"; kill -KILL "$pid" 2>/dev/null || true; }
  fi
  wait "$pid" 2>/dev/null || true
  PIDS[$i]=""
}

stop_all() {
  local rc=$?
  [ -f "$RUN/load" ] && rm -f "$RUN/load"
  for pid in "${WRITER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "$WRK_PID" ] && kill -INT "$WRK_PID" 2>/dev/null || true
  # the UI check runs in its own session (setsid): its process group holds chromedriver and chromium too
  [ -n "$UI_PID" ] && kill -TERM -- "-$UI_PID" 2>/dev/null || true
  [ -n "$NGINX_PID" ] && kill -TERM "$NGINX_PID" 2>/dev/null || true
  [ -n "$HOOK_PID" ] && kill -TERM "$HOOK_PID" 2>/dev/null || true
  for i in "${!PIDS[@]}"; do stop_instance "$i"; done
  wait 2>/dev/null || true
  return "$rc"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# ---- the instances ------------------------------------------------------------------------------------------------------

# start_instance <i>: in the background, in this shell (so that the trap stops it); appends to its server.log
start_instance() {
  local i=$1
  local dir="$RUN/instance-$i"
  mkdir -p "$dir/data" "$dir/root"
  echo "---- start $(date -u +%FT%T.%3NZ)" >>"$dir/server.log"
  # shellcheck disable=SC2086
  ( cd "$dir" && exec env -u MP_JWT_VERIFY_PUBLICKEY_LOCATION -u MP_JWT_VERIFY_PUBLICKEY -u MP_JWT_VERIFY_ISSUER \
      -u REGISTRY_JWT_SIGNING_KEY_LOCATION -u REGISTRY_JWT_ISSUER \
      REGISTRY_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" REGISTRY_DB_USER=registry REGISTRY_DB_PASSWORD=registry \
      REGISTRY_DEMO_DATA=true REGISTRY_DATA_DIR="$dir/data" REGISTRY_PUBLIC_URL="$LB" \
      REGISTRY_WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=true REGISTRY_WEBHOOKS_POLL_SECONDS=1 REGISTRY_WEBHOOKS_RETRY_BASE_SECONDS=2 \
      java $JAVA_OPTIONS -jar "$WORK/target/payara-micro.jar" --deploy "$WORK/target/ROOT.war" --domainconfig "$WORK/domain.xml" \
      --clustername "$CLUSTER_NAME" --clustermode "tcpip:$MEMBERS" --interfaces 127.0.0.1 --startport $((HZ_BASE + i - 1)) ${HOSTAWARE_OFF:-} \
      --name "registry-$i" --port "$(port_of "$i")" --rootdir "$dir/root" >>"$dir/server.log" 2>&1 ) &
  PIDS[$i]=$!
}

# ready <i>: /health/ready answers 200
ready() { [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$(port_of "$1")/health/ready" || true)" = 200 ]; }

# this_start <i>: the instance's log since its last start
this_start() { tac "$RUN/instance-$1/server.log" | sed '/^---- start/q' | tac; }

# deploy_failed <i>: Payara Micro logs "ready" and goes on running when the WAR failed to deploy: look for the failure
deploy_failed() { this_start "$1" | grep -q -e 'Exception while loading the app' -e 'Deployment of ROOT failed' -e 'Failed to deploy'; }

# grid_size <i>: the data-grid size the instance logged last (Hazelcast's member list), 0 if none yet
grid_size() {
  { grep -Eo 'DG Size: [0-9]+' "$RUN/instance-$1/server.log" || true; } | tail -n 1 | grep -Eo '[0-9]+$' || echo 0
}

# wait_ready <seconds> <i...>: waits until each is ready (READY_MS[i]); NOT_READY lists those that exited or timed out
wait_ready() {
  local limit=$1; shift
  local pending=("$@") started still i
  NOT_READY=""
  started=$(now_ms)
  while [ ${#pending[@]} -gt 0 ]; do
    still=()
    for i in "${pending[@]}"; do
      if ready "$i"; then READY_MS[$i]=$(now_ms)
      elif kill -0 "${PIDS[$i]}" 2>/dev/null && ! deploy_failed "$i"; then still+=("$i")
      else NOT_READY+="$i "
      fi
    done
    pending=("${still[@]}")
    if [ ${#pending[@]} -gt 0 ] && [ $(( $(now_ms) - started )) -gt $(( limit * 1000 )) ]; then NOT_READY+="${pending[*]}"; return 0; fi
    [ ${#pending[@]} -gt 0 ] && sleep 0.5
  done
  return 0
}
declare -A READY_MS=()

# ---- 0. prerequisites -----------------------------------------------------------------------------------------------------

for cmd in java mvn psql curl jq wrk rsync awk python3 setsid; do command -v "$cmd" >/dev/null || die "$cmd is missing"; done
[ -x /usr/sbin/nginx ] || die "nginx is missing (apt-get install nginx-light)"
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || die "chromium / chromedriver are missing (apt-get install chromium chromium-driver)"
pg_isready -h 127.0.0.1 -p 5432 -q || die "PostgreSQL does not answer on 127.0.0.1:5432"
for p in "$LB_PORT" "$HOOK_PORT" $(for i in $(seq 1 "$N"); do port_of "$i"; echo $((HZ_BASE + i - 1)); done); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then die "something already listens on 127.0.0.1:$p"; fi
done
mkdir -p "$RUN" "$REPO/bench/results"
log "run directory $RUN"

# ---- 1. build ---------------------------------------------------------------------------------------------------------------

if $BUILD; then
  log "copying $REPO to $WORK/src and building the WAR into $WORK/target"
  mkdir -p "$WORK/src"
  rsync -a --delete --exclude /target --exclude /data --exclude /.git --exclude /bench/results "$REPO/" "$WORK/src/"
  ( cd "$WORK/src" && mvn -B -ntp -q -DskipTests -Dmaven.test.skip=true ${MVN_ARGS:-} package -Dregistry.build.dir="$WORK/target" \
      && mvn -B -ntp -q ${MVN_ARGS:-} dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/test-classpath.txt" \
           -Dregistry.build.dir="$WORK/target" ) >"$RUN/build.log" 2>&1 || { tail -40 "$RUN/build.log" >&2; die "the build failed; see $RUN/build.log"; }
  cp "$WORK/src/domain.xml" "$WORK/domain.xml"
  { git -C "$REPO" rev-parse --short HEAD 2>/dev/null || echo unknown; } >"$WORK/commit"
  git -C "$REPO" status --porcelain 2>/dev/null | grep -v '^??' | grep -q . && echo "(+ uncommitted changes)" >>"$WORK/commit" || true
fi
for f in target/ROOT.war target/payara-micro.jar domain.xml test-classpath.txt; do
  [ -f "$WORK/$f" ] || die "no $WORK/$f: run without --no-build"
done
# every instance has the address 127.0.0.1: with host-aware partitioning (Payara's default) they would keep no backups
HOSTAWARE_OFF=""
grep -q 'host-aware-partitioning="false"' "$WORK/domain.xml" || { HOSTAWARE_OFF=--nohostaware; log "domain.xml leaves host-aware partitioning on: --nohostaware"; }

# ---- 2. database ------------------------------------------------------------------------------------------------------------

log "database $DB afresh"
if [ "$(psql_admin -c "select 1 from pg_roles where rolname = 'registry'")" != "1" ]; then
  psql_admin -c "create role registry login password 'registry'" >/dev/null
fi
psql_admin -c "drop database if exists $DB with (force)" >/dev/null
psql_admin -c "create database $DB owner registry" >/dev/null

# ---- 3. instances, all at once on the empty database -----------------------------------------------------------------------

log "starting $N instances at the same moment (cluster $CLUSTER_NAME, members $MEMBERS)"
START_AT=$(now_ms)
for i in $(seq 1 "$N"); do start_instance "$i"; done
wait_ready 300 $(seq 1 "$N"); FAILED_START=$NOT_READY
START_NOTES=""
for i in $FAILED_START; do
  START_NOTES+="instance $i did not come up at the simultaneous start: $(this_start "$i" | grep -m 1 -o 'Caused by: [^[]*' | tail -c 300 || echo 'see its log'); "
  log "instance $i did not come up: starting it again"
  stop_instance "$i"; start_instance "$i"
  wait_ready 300 "$i"; [ -z "$NOT_READY" ] || die "instance $i did not come up twice; see $RUN/instance-$i/server.log"
done
declare -A FIRST_READY_MS=()
for i in $(seq 1 "$N"); do FIRST_READY_MS[$i]=${READY_MS[$i]}; log "instance $i ready after $(( (READY_MS[$i] - START_AT) / 1000 )) s on port $(port_of "$i")"; done
for _ in $(seq 1 120); do
  all=true; for i in $(seq 1 "$N"); do [ "$(grid_size "$i")" = "$N" ] || all=false; done
  $all && break; sleep 0.5
done
GRID_AT_START=$(for i in $(seq 1 "$N"); do printf '%s ' "$(grid_size "$i")"; done)
log "data grid sizes seen by the instances: $GRID_AT_START"
SCHEMA=$(psql_admin -d "$DB" -c "select count(*) || ' migrations, ' || count(*) filter (where not success) || ' failed' from flyway_schema_history" 2>/dev/null || echo "?")
DEMO_ACCOUNTS=$(psql_admin -d "$DB" -c "select count(*) from account" 2>/dev/null || echo "?")

# ---- 4. nginx and the webhook receiver --------------------------------------------------------------------------------------

NGX="$RUN/nginx"
mkdir -p "$NGX/tmp" "$NGX/logs"
# nginx_conf [<i>]: writes the config, instance <i> (if given) marked down, and checks it
nginx_conf() {
  local upstreams
  upstreams=$(for i in $(seq 1 "$N"); do printf '        server 127.0.0.1:%d max_fails=1 fail_timeout=5s%s;\\n' "$(port_of "$i")" "$([ "$i" = "${1:-}" ] && echo ' down')"; done)
  sed -e "s|@PREFIX@|$NGX|g" -e "s|@PORT@|$LB_PORT|g" -e "s|^@UPSTREAMS@$|$upstreams|" "$REPO/bench/cluster/nginx.conf.template" >"$NGX/nginx.conf"
  /usr/sbin/nginx -t -p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/logs/error.log" >"$NGX/test.log" 2>&1 || { cat "$NGX/test.log" >&2; die "nginx -t failed"; }
}
# nginx_reload [<i>]: the new config (instance <i> down, or none), applied gracefully (SIGHUP)
nginx_reload() { nginx_conf "${1:-}"; kill -HUP "$NGINX_PID"; }
nginx_conf
/usr/sbin/nginx -p "$NGX" -c "$NGX/nginx.conf" -e "$NGX/logs/error.log" -g 'daemon off;' >"$NGX/stdout.log" 2>&1 &
NGINX_PID=$!
python3 "$REPO/bench/cluster/hook_receiver.py" "$HOOK_PORT" "$RUN/hooks.log" >"$RUN/hook_receiver.log" 2>&1 &
HOOK_PID=$!
: >"$RUN/hooks.log"
for _ in $(seq 1 40); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$LB/health/ready" || true)" = 200 ] && break; sleep 0.25
done
[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$LB/health/ready" || true)" = 200 ] || die "nginx does not answer on $LB"
log "nginx on $LB (pid $NGINX_PID), webhook receiver on 127.0.0.1:$HOOK_PORT"

# ---- 5. tokens, webhook, UI session --------------------------------------------------------------------------------------------

# token <base> <username>
token() {
  curl -sf --max-time 30 -X POST "$1/api/auth/token" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$2\",\"password\":\"demo\"}" | jq -r .accessToken
}
# tokens from each instance directly, tried on every instance directly
TOKEN_MATRIX="" TOKEN_FAILURES=0
for i in $(seq 1 "$N"); do
  t=$(token "http://127.0.0.1:$(port_of "$i")" admin.tudelft) || die "no token from instance $i"
  for j in $(seq 1 "$N"); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -H "Authorization: Bearer $t" "http://127.0.0.1:$(port_of "$j")/api/exemption-requests?pageSize=1" || echo 000)
    TOKEN_MATRIX+="issued by $i, used on $j: $code; "
    [ "$code" = 200 ] || TOKEN_FAILURES=$((TOKEN_FAILURES + 1))
  done
done
log "tokens across instances: $TOKEN_MATRIX"
DELFT=$(token "$LB" admin.tudelft); LEIDEN=$(token "$LB" admin.leiden); HU=$(token "$LB" admin.hu)
[ -n "$DELFT" ] && [ "$DELFT" != null ] && [ -n "$LEIDEN" ] && [ "$LEIDEN" != null ] && [ -n "$HU" ] && [ "$HU" != null ] || die "token request through nginx failed"
published() { curl -sf --max-time 30 "$LB/api/programmes?institution=$1&status=PUBLISHED&pageSize=1" | jq -r '.items[0].id // empty'; }
PROG_LEIDEN=$(published universiteit-leiden); PROG_DELFT=$(published tu-delft)
[ -n "$PROG_LEIDEN" ] && [ -n "$PROG_DELFT" ] || die "no published demo programme of universiteit-leiden and tu-delft"
AWARDED=$(date -d '30 days ago' +%F)

code=$(curl -s -o "$RUN/webhook.json" -w '%{http_code}' --max-time 30 -X PUT "$LB/api/institutions/hogeschool-utrecht/webhook" \
  -H "Authorization: Bearer $HU" -H 'Content-Type: application/json' -d "{\"url\":\"http://127.0.0.1:$HOOK_PORT/hook\"}" || echo 000)
[ "$code" = 200 ] || die "PUT /api/institutions/hogeschool-utrecht/webhook answered $code: $(cat "$RUN/webhook.json")"

# agreement <label>: a new draft agreement of universiteit-leiden with hogeschool-utrecht: one webhook delivery to HU
: >"$RUN/agreements.txt"
agreement() {
  local body code id at
  at=$(now_ms)
  body=$(curl -s --max-time 30 -w '\n%{http_code}' -X POST "$LB/api/agreements" -H "Authorization: Bearer $LEIDEN" -H 'Content-Type: application/json' \
    -d "{\"title\":\"Cluster check $STAMP $1\",\"kind\":\"BILATERAL\",\"parties\":[\"universiteit-leiden\",\"hogeschool-utrecht\"],\"effect\":\"ELECTIVE_CREDITS\",\"terms\":\"Cluster check $1\",\"validFrom\":\"2026-01-01\",\"validUntil\":\"2030-12-31\"}" || true)
  code=$(tail -n 1 <<<"$body"); id=$(head -n -1 <<<"$body" | jq -r '.id // "-"' 2>/dev/null || echo -)
  echo "$at $1 $code $id" >>"$RUN/agreements.txt"
  log "agreement '$1': $code $id"
}

log "UI session: admin.hu through nginx (headless chromium)"
cp "$REPO/bench/cluster/ClusterUiCheck.java" "$RUN/"
setsid java -cp "$(cat "$WORK/test-classpath.txt")" "$RUN/ClusterUiCheck.java" "$LB" "$RUN" admin.hu >"$RUN/ui.log" 2>&1 &
UI_PID=$!
for _ in $(seq 1 240); do [ -f "$RUN/ui-ready" ] && break; kill -0 "$UI_PID" 2>/dev/null || break; sleep 0.5; done
[ -f "$RUN/ui-ready" ] || { cat "$RUN/ui.log" >&2; die "the UI session did not log in; see $RUN/ui.log"; }

# ---- 6. load ------------------------------------------------------------------------------------------------------------------

# writer <n> <token> <programme>: one exemption request at a time until $RUN/load is gone; the same Idempotency-Key is
# retried (up to 10 times, 0.5 s apart) after a connection error, 502, 503 or 504. attempts-<n>.txt: every attempt
# "<ms> <key> <attempt> <status> <upstream>"; acked.txt: "<ms> <key> <id> <reference> <attempts>"; failed.txt the keys given up.
writer() {
  local n=$1 tok=$2 prog=$3 i=0 key attempt out status upstream
  while [ -f "$RUN/load" ] && [ "$i" -lt 100000 ]; do
    i=$((i + 1)); key="cl-$STAMP-w$n-$i"
    for attempt in $(seq 1 10); do
      out=$(curl -s --max-time 30 -o "$RUN/w$n.body" -w '%{http_code} %header{x-upstream}' -X POST "$LB/api/exemption-requests" \
        -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' -H "Idempotency-Key: $key" -H 'User-Agent: cluster-writer' \
        -d "{\"learner\":{\"name\":\"Cluster Learner $n $i\",\"studentNumber\":\"$key\"},\"programme\":\"$prog\",\"awardedOn\":\"$AWARDED\",\"targetCourse\":{\"code\":\"CSE$((i % 9000 + 1000))\",\"title\":\"Cluster course\",\"ects\":5}}" \
        || true)
      status=${out%% *}; status=${status:-000}; upstream=${out#* }; upstream=${upstream// /}; upstream=${upstream:--}
      echo "$(now_ms) $key $attempt $status $upstream" >>"$RUN/attempts-$n.txt"
      case $status in
        2??) echo "$(now_ms) $key $(jq -r '.id + " " + .reference' "$RUN/w$n.body" 2>/dev/null || echo '? ?') $attempt" >>"$RUN/acked.txt"; break ;;
        000|502|503|504) [ "$attempt" = 10 ] && echo "$(now_ms) $key $status" >>"$RUN/failed.txt"; sleep 0.5 ;;
        *) echo "$(now_ms) $key $status $(head -c 300 "$RUN/w$n.body" | tr '\n' ' ')" >>"$RUN/failed.txt"; break ;;
      esac
    done
  done
}

: >"$RUN/acked.txt"; : >"$RUN/failed.txt"
if [ "$WARMUP" -gt 0 ]; then
  # fresh JVMs compile for a minute: the "before the kill" phase should not measure that
  log "warm-up: $WARMUP s of reads through nginx (not counted)"
  wrk -t 1 -c "$READ_CONNECTIONS" -d "${WARMUP}s" --timeout 10s -s "$REPO/bench/cluster/reads.lua" "$LB" -- "$PROG_LEIDEN" >"$RUN/wrk-warmup.txt" 2>&1 || true
fi
touch "$RUN/load"
LOAD_AT=$(now_ms)
log "load through nginx: wrk reads ($READ_CONNECTIONS connections) and $WRITERS writers"
wrk -t 1 -c "$READ_CONNECTIONS" -d 900s --timeout 10s --latency -s "$REPO/bench/cluster/reads.lua" "$LB" -- "$PROG_LEIDEN" >"$RUN/wrk.txt" 2>&1 &
WRK_PID=$!
for n in $(seq 1 "$WRITERS"); do
  if [ $((n % 2)) = 1 ]; then writer "$n" "$DELFT" "$PROG_LEIDEN" & else writer "$n" "$LEIDEN" "$PROG_DELFT" & fi
  WRITER_PIDS+=($!)
done

sleep_until() { local t=$1 now; now=$(now_ms); [ "$t" -le "$now" ] || sleep "$(awk -v d=$((t - now)) 'BEGIN { printf "%.3f", d / 1000 }')"; }

sleep_until $((LOAD_AT + 5000)); agreement "before-the-kill"
sleep_until $((LOAD_AT + BEFORE * 1000 - 1000)); agreement "1s-before-the-kill"

# the instance to kill: the one that served the UI session's last page (from nginx's log), or CLUSTER_KILL
VICTIM=$KILL
if [ "$KILL" = ui ]; then
  up=$(grep '|cluster-ui-check' "$NGX/logs/access.log" | grep -v '/jakarta.faces.resource/' | tail -n 1 | awk -F'|' '{ print $5 }' | awk -F', ' '{ print $NF }' || true)
  VICTIM=1
  for i in $(seq 1 "$N"); do [ "$up" = "127.0.0.1:$(port_of "$i")" ] && VICTIM=$i; done
fi
sleep_until $((LOAD_AT + BEFORE * 1000))
VICTIM_PID=${PIDS[$VICTIM]}
kill -KILL "$VICTIM_PID"
KILL_AT=$(now_ms)
wait "$VICTIM_PID" 2>/dev/null || true
PIDS[$VICTIM]=""
ACKED_AT_KILL=$(wc -l <"$RUN/acked.txt")
log "KILLED instance $VICTIM (pid $VICTIM_PID, port $(port_of "$VICTIM")) at +$(( (KILL_AT - LOAD_AT) / 1000 )) s; $ACKED_AT_KILL writes acknowledged so far"
sleep 1; agreement "1s-after-the-kill"
touch "$RUN/ui-go"
sleep_until $((KILL_AT + DOWN * 1000))
if [ "$GATE" = true ]; then
  # as a readiness probe would: no traffic to the instance until /health/ready says so (Payara Micro opens its HTTP port
  # long before the WAR is deployed, and answers 404 and then 500 meanwhile)
  log "instance $VICTIM marked down in nginx while it starts"
  nginx_reload "$VICTIM"
fi
log "restarting instance $VICTIM with the same options"
RESTART_AT=$(now_ms)
start_instance "$VICTIM"
wait_ready 300 "$VICTIM"
[ -z "$NOT_READY" ] || die "instance $VICTIM did not come up again; see $RUN/instance-$VICTIM/server.log"
RESTART_READY_AT=${READY_MS[$VICTIM]}
if [ "$GATE" = true ]; then nginx_reload; log "instance $VICTIM back in nginx"; fi
REJOIN_AT=""
for _ in $(seq 1 120); do
  [ "$(this_start "$VICTIM" | grep -Eo 'DG Size: [0-9]+' | tail -n 1 | grep -Eo '[0-9]+$' || echo 0)" = "$N" ] && { REJOIN_AT=$(now_ms); break; }
  sleep 0.5
done
log "instance $VICTIM ready $(( (RESTART_READY_AT - RESTART_AT) / 1000 )) s after its restart; in a grid of $N: $([ -n "$REJOIN_AT" ] && echo yes || echo NO)"
agreement "after-the-rejoin"
END_AT=$(( RESTART_READY_AT + AFTER * 1000 )); [ "$END_AT" -ge $((LOAD_AT + DURATION * 1000)) ] || END_AT=$((LOAD_AT + DURATION * 1000))
sleep_until "$END_AT"
rm -f "$RUN/load"
kill -INT "$WRK_PID" 2>/dev/null || true
wait "$WRK_PID" 2>/dev/null || true; WRK_PID=""
for pid in "${WRITER_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done; WRITER_PIDS=()
STOP_AT=$(now_ms)
log "load stopped after $(( (STOP_AT - LOAD_AT) / 1000 )) s"

# ---- 8. checks ----------------------------------------------------------------------------------------------------------------

# the UI session (it ran its second phase after the kill)
for _ in $(seq 1 240); do kill -0 "$UI_PID" 2>/dev/null || break; sleep 0.5; done
UI_RESULT=$(tail -n 1 "$RUN/ui-result" 2>/dev/null || echo "no result")
kill -0 "$UI_PID" 2>/dev/null && { kill -TERM -- "-$UI_PID" 2>/dev/null || true; UI_RESULT="FAIL (no answer within 120 s)"; }
UI_PID=""

# webhooks: every created agreement delivered, each delivery received once
log "waiting (at most $HOOK_WAIT s) for the webhook deliveries"
HOOK_DEADLINE=$(( $(now_ms) + HOOK_WAIT * 1000 ))
while [ "$(now_ms)" -lt "$HOOK_DEADLINE" ]; do
  missing=0
  while read -r _ _ code id; do [ "$code" = 201 ] && ! grep -q "\"$id\"" "$RUN/hooks.log" && missing=$((missing + 1)); done <"$RUN/agreements.txt"
  [ "$missing" = 0 ] && break
  sleep 1
done
sleep 3   # a duplicate would come soon after
HOOK_ROWS="" HOOK_PROBLEMS=0
while read -r at label code id; do
  if [ "$code" != 201 ]; then HOOK_ROWS+="| $label | +$(( (at - LOAD_AT) / 1000 )) s | not created ($code) | | |"$'\n'; HOOK_PROBLEMS=$((HOOK_PROBLEMS + 1)); continue; fi
  received=$(grep -c "\"$id\"" "$RUN/hooks.log" || true)
  first=$(grep "\"$id\"" "$RUN/hooks.log" | head -n 1 | awk '{ print $1 }')
  deliveries=$(grep "\"$id\"" "$RUN/hooks.log" | awk '{ print $2 }' | sort | uniq -c | awk '$1 > 1 { n++ } END { print n + 0 }')
  HOOK_ROWS+="| $label | +$(( (at - LOAD_AT) / 1000 )) s | ${id:0:8} | $received | $([ -n "$first" ] && awk -v a="$first" -v b="$at" 'BEGIN { printf "%.1f s", (a - b) / 1000 }' || echo never) |"$'\n'
  [ "$received" = 1 ] && [ "$deliveries" = 0 ] || HOOK_PROBLEMS=$((HOOK_PROBLEMS + 1))
done <"$RUN/agreements.txt"
DELIVERY_STATES=$(psql_admin -d "$DB" -c "select string_agg(status || ' ' || n, ', ') from (select status, count(*) n from webhook_delivery group by status) s" 2>/dev/null || echo "?")

# writes: acknowledged, in the database, duplicates, given up
ACKED=$(wc -l <"$RUN/acked.txt")
awk '{ print $3 }' "$RUN/acked.txt" >"$RUN/acked-ids.txt"
LOST=$(psql_admin -d "$DB" <<SQL 2>"$RUN/lost.err" | tail -n 1 || echo "?"
create temporary table acked (id varchar(36));
\copy acked from '$RUN/acked-ids.txt'
select count(*) from acked a where not exists (select 1 from exemption_request r where r.id = a.id);
SQL
)
DUPLICATES=$(psql_admin -d "$DB" -c "select count(*) from (select learner_student_number from exemption_request
  where learner_student_number like 'cl-$STAMP-%' group by learner_student_number having count(*) > 1) d")
IN_DB=$(psql_admin -d "$DB" -c "select count(*) from exemption_request where learner_student_number like 'cl-$STAMP-%'")
GIVEN_UP=$(wc -l <"$RUN/failed.txt")
cat "$RUN"/attempts-*.txt >"$RUN/attempts.txt"
ATTEMPTS=$(wc -l <"$RUN/attempts.txt")
ATTEMPTS_BY_STATUS=$(awk '{ n[$4]++ } END { for (s in n) printf "%s: %d, ", s, n[s] }' "$RUN/attempts.txt"); ATTEMPTS_BY_STATUS=${ATTEMPTS_BY_STATUS%, }
RETRIED=$(awk '$5 > 1' "$RUN/acked.txt" | wc -l)
WRITE_ERRORS_WINDOW=$(awk -v k="$KILL_AT" '$4 !~ /^2/ { d = $1 - k; if (min == "" || d < min) min = d; if (max == "" || d > max) max = d; n++ }
  END { if (n) printf "%d failed attempts, from %+.1f s to %+.1f s after the kill", n, min / 1000, max / 1000; else printf "no failed attempt" }' "$RUN/attempts.txt")
ACKED_BEFORE=$(awk -v k="$KILL_AT" '$1 < k' "$RUN/acked.txt" | wc -l)
ACKED_DOWN=$(awk -v k="$KILL_AT" -v r="$RESTART_READY_AT" '$1 >= k && $1 < r' "$RUN/acked.txt" | wc -l)
ACKED_AFTER=$(awk -v r="$RESTART_READY_AT" '$1 >= r' "$RUN/acked.txt" | wc -l)

# reads: wrk's own count, and nginx's log (time, status, upstreams) of the reader's requests
WRK_REQUESTS=$(awk '/requests in/ { print $1 }' "$RUN/wrk.txt"); WRK_REQUESTS=${WRK_REQUESTS:-0}
WRK_NON2XX=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$RUN/wrk.txt"); WRK_NON2XX=${WRK_NON2XX:-0}
WRK_SOCKET=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$RUN/wrk.txt"); WRK_SOCKET=${WRK_SOCKET:-0}
WRK_RPS=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$RUN/wrk.txt")
WRK_P50=$(awk '$1 == "50%" { print $2 }' "$RUN/wrk.txt"); WRK_P99=$(awk '$1 == "99%" { print $2 }' "$RUN/wrk.txt")
grep '|cluster-reader$' "$NGX/logs/access.log" | awk -F'|' -v from="$LOAD_AT" '$1 * 1000 >= from' >"$RUN/reads.log" || true
# access log (|-separated): msec, status, request_time, "method uri", upstream_addr(s), upstream_status(es), user agent
READ_ERRORS_WINDOW=$(awk -F'|' -v k="$KILL_AT" '$2 !~ /^2/ { d = $1 * 1000 - k; if (min == "" || d < min) min = d; if (max == "" || d > max) max = d; n++ }
  END { if (n) printf "%d non-2xx in nginx'"'"'s log (answered from %+.1f s to %+.1f s after the kill)", n, min / 1000, max / 1000; else printf "no non-2xx in nginx'"'"'s log" }' "$RUN/reads.log")
READ_STATUSES=$(awk -F'|' '{ n[$2]++ } END { for (s in n) printf "%s: %d, ", s, n[s] }' "$RUN/reads.log"); READ_STATUSES=${READ_STATUSES%, }
READ_RETRIED=$(awk -F'|' '$5 ~ /,/' "$RUN/reads.log" | wc -l)
# per phase: requests, non-2xx, p50 / p99 / max of nginx's request time, and which instance answered
phase() {
  local from=$1 to=$2 what=$3 n bad p50 p99 max ups
  awk -F'|' -v from="$from" -v to="$to" '$1 * 1000 >= from && $1 * 1000 < to' "$RUN/reads.log" >"$RUN/phase.tmp"
  n=$(wc -l <"$RUN/phase.tmp")
  [ "$n" -gt 0 ] || { echo "| $what | 0 | | | | | |"; return; }
  bad=$(awk -F'|' '$2 !~ /^2/' "$RUN/phase.tmp" | wc -l)
  cut -d'|' -f3 "$RUN/phase.tmp" | sort -n >"$RUN/phase.sorted"
  p50=$(sed -n "$(( (n + 1) / 2 ))p" "$RUN/phase.sorted"); p99=$(sed -n "$(( (n * 99 + 99) / 100 ))p" "$RUN/phase.sorted"); max=$(tail -n 1 "$RUN/phase.sorted")
  ups=$(awk -F'|' '{ k = split($5, u, ", "); c[u[k]]++ } END { for (x in c) printf "%s: %d, ", x, c[x] }' "$RUN/phase.tmp")
  echo "| $what | $n | $bad | $(awk -v v="$p50" 'BEGIN { printf "%.0f", v * 1000 }') | $(awk -v v="$p99" 'BEGIN { printf "%.0f", v * 1000 }') | $(awk -v v="$max" 'BEGIN { printf "%.0f", v * 1000 }') | ${ups%, } |"
}
PHASES=$(
  phase "$LOAD_AT" "$KILL_AT" "before the kill"
  phase "$KILL_AT" $((KILL_AT + 10000)) "the first 10 s after the kill"
  phase $((KILL_AT + 10000)) "$RESTART_READY_AT" "until instance $VICTIM was ready again"
  phase "$RESTART_READY_AT" "$STOP_AT" "after it was ready again"
)
# the longest gap between two answered reads from 5 s before to 30 s after the kill
READ_GAP=$(awk -F'|' -v k="$KILL_AT" '{ t = $1 * 1000 } t > k - 5000 && t < k + 30000 { if (last && t - last > gap) { gap = t - last; at = last - k } last = t }
  END { printf "%.2f s (from %+.1f s after the kill)", gap / 1000, at / 1000 }' "$RUN/reads.log")

GRID_AFTER=$(for i in $(seq 1 "$N"); do printf '%s ' "$(grid_size "$i")"; done)
RSS=$(for i in $(seq 1 "$N"); do [ -n "${PIDS[$i]:-}" ] && printf '%s: %s MB, ' "$i" "$(awk '/^VmRSS:/ { printf "%d", $2 / 1024 }' "/proc/${PIDS[$i]}/status" 2>/dev/null || echo '?')"; done)

# ---- 9. results -------------------------------------------------------------------------------------------------------------

CHECKS=""
check() { if [ "$2" = true ]; then CHECKS+="- PASS: $1"$'\n'; else CHECKS+="- **FAIL**: $1"$'\n'; FAILURES=$((FAILURES + 1)); fi; }
FAILURES=0
check "all $N instances came up at the same moment on the empty database${START_NOTES:+ ($START_NOTES)}" "$([ -z "$START_NOTES" ] && echo true || echo false)"
check "tokens issued by one instance accepted by every other ($TOKEN_FAILURES of $((N * N)) refused)" "$([ "$TOKEN_FAILURES" = 0 ] && echo true || echo false)"
check "every acknowledged write is in the database ($ACKED acknowledged, ${LOST:-?} missing)" "$([ "$LOST" = 0 ] && echo true || echo false)"
check "no write recorded twice ($DUPLICATES Idempotency-Keys with more than one request)" "$([ "$DUPLICATES" = 0 ] && echo true || echo false)"
check "no write given up ($GIVEN_UP)" "$([ "$GIVEN_UP" = 0 ] && echo true || echo false)"
check "reads: at most the $READ_CONNECTIONS in flight failed (wrk: $WRK_NON2XX non-2xx, $WRK_SOCKET socket errors of $WRK_REQUESTS)" \
  "$([ $((WRK_NON2XX + WRK_SOCKET)) -le "$READ_CONNECTIONS" ] && echo true || echo false)"
check "the UI session stayed logged in through the kill ($UI_RESULT)" "$([ "$UI_RESULT" = PASS ] && echo true || echo false)"
check "every agreement's webhook delivered exactly once ($HOOK_PROBLEMS problems)" "$([ "$HOOK_PROBLEMS" = 0 ] && echo true || echo false)"
check "the restarted instance rejoined the grid of $N" "$([ -n "$REJOIN_AT" ] && echo true || echo false)"

rel() { awk -v a="$1" -v b="$LOAD_AT" 'BEGIN { printf "+%.1f s", (a - b) / 1000 }'; }
{
  echo "# Cluster run $STAMP"
  echo
  echo "Commit $(tr '\n' ' ' <"$WORK/commit"); machine: $(nproc) cores, $(free -h | awk '/^Mem:/ { print $2 }') RAM; $(java -version 2>&1 | head -n 1);"
  echo "$(psql -V); $(/usr/sbin/nginx -v 2>&1); $N instances of Payara Micro 6.2025.10 on loopback in one data grid (host-aware partitioning off$([ -n "$HOSTAWARE_OFF" ] && echo ": --nohostaware" || echo " in domain.xml")), nginx round robin in front."
  echo "JVM options: $JAVA_OPTIONS. Load: wrk -t1 -c$READ_CONNECTIONS (bench/cluster/reads.lua) + $WRITERS sequential writers (exemption requests, Idempotency-Key)."
  echo
  echo "## Checks"
  echo
  printf '%s' "$CHECKS"
  echo
  echo "## Timeline (from the start of the load)"
  echo
  echo "| moment | when |"
  echo "| --- | --- |"
  echo "| $N instances started together on the empty database | ready after $(for i in $(seq 1 "$N"); do printf '%s ' "$(( (FIRST_READY_MS[$i] - START_AT) / 1000 )) s"; done)(data grid sizes $GRID_AT_START; schema: $SCHEMA; demo accounts $DEMO_ACCOUNTS) |"
  echo "| load started | +0.0 s |"
  echo "| instance $VICTIM (port $(port_of "$VICTIM")) killed with SIGKILL ($([ "$KILL" = ui ] && echo "it served the UI session's last page" || echo "CLUSTER_KILL=$KILL")) | $(rel "$KILL_AT") |"
  echo "| instance $VICTIM started again$([ "$GATE" = true ] && echo ", marked down in nginx until ready (CLUSTER_GATE=true)" || echo ", in nginx all along (CLUSTER_GATE=false)") | $(rel "$RESTART_AT") |"
  echo "| ... ready (/health/ready 200) | $(rel "$RESTART_READY_AT") ($(( (RESTART_READY_AT - RESTART_AT) / 1000 )) s after its start) |"
  echo "| ... back in a data grid of $N | $([ -n "$REJOIN_AT" ] && rel "$REJOIN_AT" || echo never) |"
  echo "| load stopped | $(rel "$STOP_AT") |"
  echo
  echo "## Writes (POST /api/exemption-requests through nginx)"
  echo
  echo "- acknowledged: $ACKED ($ACKED_BEFORE before the kill, $ACKED_DOWN while instance $VICTIM was down or starting, $ACKED_AFTER after it was ready again); $RETRIED needed more than one attempt"
  echo "- in the database afterwards: $IN_DB requests of this run; acknowledged but missing: ${LOST:-?}; keys recorded twice: $DUPLICATES; given up: $GIVEN_UP"
  echo "- attempts: $ATTEMPTS ($ATTEMPTS_BY_STATUS); $WRITE_ERRORS_WINDOW"
  echo
  echo "## Reads (anonymous, wrk through nginx)"
  echo
  echo "- wrk: $WRK_REQUESTS requests, $WRK_RPS req/s, p50 $WRK_P50, p99 $WRK_P99, non-2xx $WRK_NON2XX, socket errors $WRK_SOCKET"
  echo "- nginx: statuses $READ_STATUSES; $READ_ERRORS_WINDOW; $READ_RETRIED passed to another instance by nginx (proxy_next_upstream)"
  echo "- the longest gap between two answered reads around the kill: $READ_GAP"
  echo
  echo "| phase (nginx's log) | reads | non-2xx | p50 ms | p99 ms | max ms | answered by |"
  echo "| --- | ---: | ---: | ---: | ---: | ---: | --- |"
  echo "$PHASES"
  echo
  echo "## Admin UI session (Selenium, admin.hu, through nginx; bench/cluster/ClusterUiCheck.java)"
  echo
  echo '```'
  cat "$RUN/ui-result" 2>/dev/null || echo "no result; see ui.log"
  echo '```'
  echo
  echo "## Webhook deliveries (hogeschool-utrecht's webhook, set before the load)"
  echo
  echo "| agreement created | at | id | received | delivered after |"
  echo "| --- | --- | --- | ---: | --- |"
  printf '%s' "$HOOK_ROWS"
  echo
  echo "Deliveries in the database: $DELIVERY_STATES. Data grid sizes at the end: $GRID_AFTER; resident memory: ${RSS%, }."
  echo
  echo "Logs: $RUN (server logs per instance, nginx access log, attempts, acked, hooks)."
} >"$RESULTS"
cp "$RESULTS" "$RUN/"
cat "$RESULTS"
log "results: $RESULTS"
[ "$FAILURES" = 0 ] || { echo "cluster: $FAILURES check(s) failed" >&2; exit 1; }
