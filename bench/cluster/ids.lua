-- wrk script of bench/cluster/capacity.sh: one POST per id from a file, each id once (the ids are split between wrk's
-- threads), e.g. reviewing or deciding exemption requests as a board member.
-- Arguments (after --): <bearer token> <file with one id a line> <path with %s for the id> <JSON body or -> <threads>
-- When a thread has used all its ids it starts again from its first: those answers are 409s, counted by wrk as non-2xx.
local next_thread = 0

function setup(thread)
  next_thread = next_thread + 1
  thread:set("tid", next_thread)
end

local token, path, body
local ids = {}
local counter = 0
local printed = 0

function init(args)
  token, path, body = args[1], args[3], args[4]
  if body == "-" then body = nil end
  local threads = tonumber(args[5]) or 1
  local n = 0
  for line in io.lines(args[2]) do
    n = n + 1
    if (n - 1) % threads == tid - 1 then ids[#ids + 1] = line end
  end
end

function request()
  counter = counter + 1
  local id = ids[(counter - 1) % #ids + 1]
  return wrk.format("POST", string.format(path, id), {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
  }, body)
end

function response(status, headers, body)
  if (status < 200 or status > 299) and printed < 3 then
    printed = printed + 1
    io.stderr:write("HTTP " .. status .. ": " .. string.sub(body or "", 1, 300) .. "\n")
  end
end
