-- wrk 4.1 script for ./prefix bench edge. The request (path and headers) comes from the command line.
--
-- PACE_MS (environment): when set and > 0, every connection waits this many milliseconds (on average)
-- between receiving a response and sending its next request, so the offered rate is about
-- connections / (PACE_MS + latency). wrk's timers are whole milliseconds, so a fractional pace is
-- dithered: each wait is floor(PACE_MS) or floor(PACE_MS)+1 with the right probability.
-- Without PACE_MS, delay() is not defined and wrk runs flat out (closed loop, full load).
--
-- done() prints one machine-readable line:
--   WRKRESULT requests=… duration_us=… rps=… p50_us=… p90_us=… p99_us=… p999_us=… max_us=… mean_us=… errors=… non2xx3xx=…

local pace = tonumber(os.getenv("PACE_MS") or "0") or 0

if pace > 0 then
  local whole = math.floor(pace)
  local fraction = pace - whole
  math.randomseed(os.time())
  function delay()
    if math.random() < fraction then
      return whole + 1
    end
    return whole
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "WRKRESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d mean_us=%.0f errors=%d non2xx3xx=%d\n",
    summary.requests, summary.duration, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max, latency.mean,
    e.connect + e.read + e.write + e.timeout, e.status))
end
