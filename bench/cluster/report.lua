-- wrk script of bench/cluster/capacity.sh: the pilot report as a coordinator, each request for another period (from a
-- day of 2025 or 2026 to 2026-12-31), so that the registry computes it instead of answering from its cache of reports.
-- Arguments (after --): <bearer token> <run offset in days (0..)>
local next_thread = 0

function setup(thread)
  next_thread = next_thread + 1
  thread:set("tid", next_thread)
end

local token, offset
local counter = 0

function init(args)
  token = args[1]
  offset = tonumber(args[2]) or 0
end

function request()
  counter = counter + 1
  -- thread 1 counts days forward from 2025-01-01, thread 2 from 2025-07-01, ...: no period twice in one run
  local day = (offset + (tid - 1) * 181 + counter) % 700
  local from = os.date("!%Y-%m-%d", os.time({ year = 2025, month = 1, day = 1 + day, hour = 12 }))
  return wrk.format("GET", "/api/reports/pilot?from=" .. from .. "&to=2026-12-31", {
    ["Authorization"] = "Bearer " .. token,
    ["Accept"] = "application/json",
  })
end
