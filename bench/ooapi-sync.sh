#!/usr/bin/env bash
# Benchmark of the OOAPI import (issue 13): a sync of 1,000 spec-valid courses (4 pages of 250) from a stand-in
# institution endpoint into a running registry. Target: under 60 s.
#
#   bench/ooapi-sync.sh                       # builds if needed, starts the quick start registry and the endpoint, syncs twice
#   BUILD_DIR=/tmp/x/target bench/ooapi-sync.sh
#   COURSES=2000 bench/ooapi-sync.sh
#
# What it does:
#   1. starts the registry as the quick start does (embedded H2, demo data) on $PORT with
#      -Dregistry.ooapi.allow-private-addresses=true (the endpoint is on the loopback) and a 1 s poll;
#   2. serves $COURSES courses built from the specification's Course example (with the registry's ext.microcredential,
#      so every one is complete and valid) from a small python3 server on $ENDPOINT_PORT, paged by pageNumber;
#   3. as admin.tudelft (password demo) sets the endpoint, starts a sync and waits for its report: the first sync creates
#      every programme, the second finds them all unchanged; prints the durations (the report's and the wall clock's).
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-target}
PORT=${PORT:-9494}
ENDPOINT_PORT=${ENDPOINT_PORT:-9595}
COURSES=${COURSES:-1000}
WORK=${WORK:-$(mktemp -d /tmp/ooapi-bench.XXXXXX)}
BASE="http://127.0.0.1:$PORT"
die() { echo "ooapi-sync: $*" >&2; exit 1; }
for cmd in java mvn curl python3; do command -v "$cmd" >/dev/null || die "$cmd is missing"; done

if [ ! -f "$BUILD_DIR/ROOT.war" ] || [ ! -f "$BUILD_DIR/payara-micro.jar" ]; then
  mvn -q -Dregistry.build.dir="$(realpath -m "$BUILD_DIR")" -DskipTests package
fi
if curl -s -o /dev/null --max-time 2 "$BASE/"; then die "something already listens on 127.0.0.1:$PORT"; fi

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# ---- 1. the registry ------------------------------------------------------------------------------------------------
java -Dregistry.demo.data=true -Dregistry.data.dir="$WORK/data" -Dregistry.ooapi.allow-private-addresses=true \
     -Dregistry.ooapi.poll-seconds=1 -jar "$BUILD_DIR/payara-micro.jar" --deploy "$BUILD_DIR/ROOT.war" --domainconfig domain.xml \
     --rootdir "$WORK/payara" --port "$PORT" --nocluster > "$WORK/registry.log" 2>&1 &
PIDS+=($!)

# ---- 2. the institution's endpoint ----------------------------------------------------------------------------------
cat > "$WORK/endpoint.py" <<'PY'
import json, sys, uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlparse, parse_qs
port, total = int(sys.argv[1]), int(sys.argv[2])
def course(i):
    return {
        "courseId": str(uuid.uuid5(uuid.NAMESPACE_URL, "bench-course-%d" % i)),
        "primaryCode": {"codeType": "identifier", "code": "BENCH-%05d" % i},
        "name": [{"language": "en-GB", "value": "Academic and Professional Writing %d" % i},
                 {"language": "nl-NL", "value": "Academisch en professioneel schrijven %d" % i}],
        "abbreviation": "BENCH-%05d" % i,
        "studyLoad": {"studyLoadUnit": "ects", "value": 5},
        "modeOfDelivery": ["online", "on campus"],
        "duration": "PT140H",
        "description": [{"language": "en-GB", "value": "As with all empirical sciences, to guarantee valid outcomes (%d)." % i}],
        "teachingLanguage": "eng",
        "fieldsOfStudy": "0732",
        "learningOutcomes": [[{"language": "en-GB", "value": "Critically reflect on the development of the Humanities"}],
                             [{"language": "en-GB", "value": "Write a professional report"}]],
        "admissionRequirements": [{"language": "en-GB", "value": "Students need to have completed their first year"}],
        "level": "master",
        "assessment": [{"language": "en-GB", "value": "Written exam"}],
        "link": "https://osiris.example.nl/course/%d" % i,
        "educationSpecification": str(uuid.uuid5(uuid.NAMESPACE_URL, "bench-spec-%d" % i)),
        "validFrom": "2025-09-01",
        "consumers": [],
        "organization": "123e4567-e89b-12d3-a456-426614174000",
        "ext": {"microcredential": {"courseCode": "BENCH-%05d" % i, "nlqfLevel": "7", "eqfLevel": 7, "ects": 5, "studyHours": 140,
                "assessmentType": "WRITTEN_EXAM", "assessmentSupervised": True, "identityVerified": True,
                "qualityAssurance": {"name": "Kwaliteitskader Microcredentials voor Professionals HBO en WO"},
                "microcredentialSince": "2025-09-01", "experimental": False, "languages": ["en"], "participation": ["ONLINE", "ONSITE"]}}}
size = 250
pages = {}
for n in range(1, (total + size - 1) // size + 1):
    items = [course(i) for i in range((n - 1) * size, min(total, n * size))]
    pages[n] = json.dumps({"pageSize": size, "pageNumber": n, "hasPreviousPage": n > 1, "hasNextPage": n * size < total,
                           "items": items}).encode()
class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        url = urlparse(self.path)
        n = int(parse_qs(url.query).get("pageNumber", ["1"])[0])
        body = pages.get(n, json.dumps({"pageSize": size, "pageNumber": n, "hasPreviousPage": True, "hasNextPage": False, "items": []}).encode())
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
PY
python3 "$WORK/endpoint.py" "$ENDPOINT_PORT" "$COURSES" &
PIDS+=($!)

for i in $(seq 1 180); do
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/health/ready" || true)
  [ "$code" = 200 ] && break
  sleep 1
done
[ "$code" = 200 ] || die "the registry did not become ready (see $WORK/registry.log)"

# ---- 3. sync, twice -------------------------------------------------------------------------------------------------
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }
TOKEN=$(curl -sf --max-time 30 -X POST "$BASE/api/auth/token" -H 'Content-Type: application/json' \
        -d '{"username":"admin.tudelft","password":"demo"}' | json 'd["accessToken"]') || die "no token for admin.tudelft"
AUTH=(-H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json')
curl -sf --max-time 30 -X PUT "${AUTH[@]}" -d "{\"baseUrl\":\"http://127.0.0.1:$ENDPOINT_PORT/ooapi/v5\"}" \
     "$BASE/api/institutions/tu-delft/ooapi-source" > /dev/null || die "cannot set the endpoint"

run_sync() {
  local start id report status
  start=$(date +%s.%N)
  id=$(curl -sf --max-time 30 -X POST "${AUTH[@]}" "$BASE/api/institutions/tu-delft/ooapi-source/sync" | json 'd["id"]') || die "cannot start a sync"
  while :; do
    report=$(curl -sf --max-time 30 "${AUTH[@]}" "$BASE/api/institutions/tu-delft/ooapi-source/syncs/$id?outcome=CONFLICT")
    status=$(echo "$report" | json 'd["status"]')
    [ "$status" = SUCCEEDED ] || [ "$status" = FAILED ] && break
    sleep 0.2
  done
  local wall; wall=$(python3 -c "import time; print('%.1f' % ($(date +%s.%N) - $start))")
  echo "$report" | json "'%s: %s, %d items on %d pages: created %d, updated %d, unchanged %d, refused %d, conflicts %d; sync %.1f s, wall clock $wall s%s' % (
      '$1', d['status'], d['items'], d['pages'], d['created'], d['updated'], d['unchanged'], d['refused'], d['conflicts'],
      d['durationMillis'] / 1000, ' (' + d['failure'] + ')' if d.get('failure') else '')"
}
run_sync "first sync (new)"
run_sync "second sync (unchanged)"
echo "logs: $WORK"
