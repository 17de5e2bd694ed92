-- wrk's side of `python -m newsevents.tools.loadtest`: each request the next of the paths that
-- loadtest.py drew (its random_query), a pause of 0 to 2x the think time before each, and the
-- figures as one JSON line. Arguments: the paths file, the mean think time in milliseconds.
local paths, think_ms, next_path, threads = {}, 0, 0, {}
not_2xx = 0  -- global: done() reads each thread's with thread:get

function setup(thread)
  thread:set("offset", #threads * 7919)  -- each thread its own place in the list
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  think_ms = tonumber(args[2])
  next_path = offset or 0
  math.randomseed(next_path + 1)
end

function request()
  next_path = next_path + 1
  return wrk.format("GET", paths[next_path % #paths + 1])
end

function delay()
  return math.random() * 2 * think_ms
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    not_2xx = not_2xx + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("not_2xx")
  end
  local e = summary.errors
  io.write(string.format(
    'loadtest {"requests": %d, "microseconds": %d, "not_2xx": %d, "connect": %d, "read": %d, '
      .. '"write": %d, "timeout": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, bad, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max
  ))
end
