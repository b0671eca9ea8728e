-- wrk script of bench/run.sh: the URL given to wrk with a parameter no request repeats (&run=<run>-<thread>-<n>), so
-- that the cache of public answers never holds the answer: every request is built from the database (the "miss"
-- rows). The registry ignores the parameter; the cache keys on the whole query string.

local next_thread = 0

function setup(thread)
  next_thread = next_thread + 1
  thread:set("tid", next_thread)
end

local counter = 0
local run = tostring(os.time())

function request()
  counter = counter + 1
  local path = wrk.path .. (string.find(wrk.path, "?", 1, true) and "&" or "?") .. "run=" .. run .. "-" .. tid .. "-" .. counter
  return wrk.format("GET", path)
end
