-- wrk script of bench/soak.sh: a mixed read/write load. Per 20 requests: 10 catalogue pages, 4 full-text searches,
-- 2 programme verifications, 2 public statistics, 2 recorded exemption requests (as an institution admin).
-- Arguments (after --): <bearer token> <programme id of another institution> <awardedOn yyyy-mm-dd> <run id>
local token, programme, awarded, run
local counter = 0
local words = {"data", "algebra", "networks", "zorg", "management", "learning", "law", "energie"}
local next_thread = 0
local printed = 0

function setup(thread)
  next_thread = next_thread + 1
  thread:set("tid", next_thread)
end

function init(args)
  token, programme, awarded = args[1], args[2], args[3]
  run = args[4] .. "-" .. os.time()
end

function request()
  counter = counter + 1
  local k = counter % 20
  if k < 10 then
    return wrk.format("GET", "/api/programmes?page=" .. (counter % 5 + 1) .. "&pageSize=20")
  elseif k < 14 then
    return wrk.format("GET", "/api/programmes?q=" .. words[counter % #words + 1])
  elseif k < 16 then
    return wrk.format("GET", "/api/programmes/" .. programme .. "/verification")
  elseif k < 18 then
    return wrk.format("GET", "/api/statistics")
  end
  local body = string.format(
    '{"learner":{"name":"Soak Learner %d","studentNumber":"soak%d-%d"},"programme":"%s","awardedOn":"%s",'
      .. '"targetCourse":{"code":"CSE%04d","title":"Soak course","ects":5}}',
    counter, tid, counter, programme, awarded, counter % 9000 + 1000)
  return wrk.format("POST", "/api/exemption-requests", {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = string.format("soak-%s-%d-%d", run, tid, counter),
  }, body)
end

function response(status, headers, body)
  if (status < 200 or status > 299) and printed < 5 then
    printed = printed + 1
    io.stderr:write("non-2xx " .. status .. ": " .. string.sub(body or "", 1, 200) .. "\n")
  end
end
