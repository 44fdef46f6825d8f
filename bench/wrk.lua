-- Driven by bench/run.py: rotates the logged-in members' cookies, stops after a request
-- budget, and writes its figures as JSON to the file named by the first script argument.
local config = dofile(os.getenv("BENCH_WRK_CONFIG"))
local sent = 0

function request()
  sent = sent + 1
  if sent > config.max_requests then
    wrk.thread:stop()
  end
  local headers = { ["Accept-Encoding"] = "gzip", ["Accept"] = "text/html" }
  if #config.cookies > 0 then
    headers["Cookie"] = config.cookies[(sent % #config.cookies) + 1]
    headers["X-CSRFToken"] = config.csrf
  end
  if config.method == "POST" then
    headers["Content-Type"] = "application/x-www-form-urlencoded"
  end
  return wrk.format(config.method, config.path, headers, config.body)
end

function done(summary, latency, requests)
  local e = summary.errors
  local out = io.open(config.out, "w")
  out:write(string.format(
    '{"requests": %d, "duration_us": %d, "bytes": %d, "errors": {"connect": %d, "read": %d, ' ..
    '"write": %d, "status": %d, "timeout": %d}, "latency_us": {"p50": %d, "p95": %d, ' ..
    '"p99": %d, "mean": %.1f, "max": %d}}',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status,
    e.timeout, latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.mean, latency.max))
  out:close()
end
