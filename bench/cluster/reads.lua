-- wrk script of bench/cluster.sh: the anonymous read side of the mixed load, through the load balancer.
-- Per 10 requests: 4 catalogue pages (pages 1..5), 2 full-text searches, 2 OOAPI course pages, 1 programme read,
-- 1 public statistics. Argument (after --): <programme id>. The User-Agent "cluster-reader" finds these requests in
-- nginx's access log, which says when each was answered, by which instance(s), with which status.
local programme
local counter = 0
local words = {"data", "algebra", "networks", "zorg", "management", "learning", "law", "energie"}

function init(args)
  programme = args[1]
end

function request()
  counter = counter + 1
  local k = counter % 10
  local headers = { ["User-Agent"] = "cluster-reader" }
  if k < 4 then
    return wrk.format("GET", "/api/programmes?page=" .. (counter % 5 + 1) .. "&pageSize=20", headers)
  elseif k < 6 then
    return wrk.format("GET", "/api/programmes?q=" .. words[counter % #words + 1], headers)
  elseif k < 8 then
    return wrk.format("GET", "/ooapi/v5/courses?pageSize=50&pageNumber=" .. (counter % 3 + 1), headers)
  elseif k < 9 then
    return wrk.format("GET", "/api/programmes/" .. programme, headers)
  end
  return wrk.format("GET", "/api/statistics", headers)
end
