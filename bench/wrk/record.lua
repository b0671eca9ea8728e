-- wrk script of bench/run.sh: POST /api/exemption-requests as an institution admin, one new request per call.
-- Arguments (after --): <bearer token> <programme id of another institution> <awardedOn yyyy-mm-dd> <run id>
-- Each request carries a unique Idempotency-Key (run id, thread, counter), as API.md asks clients to send.
-- The first answers that are not 2xx are printed, so that a failing run says why.

local next_thread = 0

function setup(thread)
  next_thread = next_thread + 1
  thread:set("tid", next_thread)
end

local token, programme, awarded, run
local counter = 0
local printed = 0

function init(args)
  token, programme, awarded = args[1], args[2], args[3]
  -- a new key space for every wrk process (rounds are seconds apart): a repeated key would only replay the first answer
  run = args[4] .. "-" .. os.time()
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"learner":{"name":"Bench Learner %d","email":"bench.%d.%d@student.invalid","studentNumber":"b%d-%d"},'
      .. '"programme":"%s","awardedOn":"%s",'
      .. '"targetCourse":{"code":"CSE%04d","title":"Benchmark course %d","ects":5},'
      .. '"motivation":"Recorded by the benchmark: the learning outcomes match the course."}',
    counter, tid, counter, tid, counter, programme, awarded, counter % 10000, counter % 100)
  local headers = {
    ["Host"] = wrk.headers["Host"],
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = string.format("bench-%s-%d-%d", run, tid, counter),
  }
  return wrk.format("POST", nil, headers, body)
end

function response(status, headers, body)
  if (status < 200 or status > 299) and printed < 3 then
    printed = printed + 1
    io.stderr:write("record: HTTP " .. status .. ": " .. string.sub(body or "", 1, 400) .. "\n")
  end
end
