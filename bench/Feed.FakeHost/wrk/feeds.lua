-- wrk 4.1 script for measuring the fake host itself (see bench/updater/README.md, "Measuring the host").
-- FEEDS: a file of feed numbers, one per line (default: random numbers in [0, FEED_COUNT)).
-- MODE: "304" sends If-None-Match: * and a far-future If-Modified-Since (validator feeds answer 304);
--       "200" sends no validators (every feed answers its body).
local mode = os.getenv("MODE") or "200"
local feeds = {}
local file = os.getenv("FEEDS")
if file then
  for line in io.lines(file) do feeds[#feeds + 1] = tonumber(line) end
end
local count = tonumber(os.getenv("FEED_COUNT") or "1000000")

local headers = {}
if mode == "304" then
  headers["If-None-Match"] = "*"
  headers["If-Modified-Since"] = "Sun, 01 Jan 2040 00:00:00 GMT"
end

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
  local n
  if #feeds > 0 then n = feeds[math.random(#feeds)] else n = math.random(0, count - 1) end
  return wrk.format("GET", "/feeds/" .. n .. ".xml", headers)
end

local statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  io.write(string.format("WRKRESULT requests=%d bytes=%d seconds=%.2f rps=%.0f mbps=%.1f p50ms=%.2f p99ms=%.2f\n",
    summary.requests, summary.bytes, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    summary.bytes / (summary.duration / 1e6) / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
