-- Visitors of the portal for wrk, as the load test (`python -m benchmarks.load`) runs it:
--
--   wrk -t1 -c80 -d60s --timeout 30s -s visitors.lua http://127.0.0.1:PORT -- LINES MIN MAX SEED
--
-- LINES is a file the runner writes, one request a line: a path (already percent-encoded), or a
-- path, a tab and the `sessionid` of a signed-in user. Lines are repeated as often as the mix
-- wants that kind of page, so each request takes a line at random. After each page a visitor
-- reads for MIN to MAX milliseconds (wrk leaves that pause out of the latency it measures).
--
-- done() prints the results for the runner, one "hlp <name> <value>" a line: latency
-- percentiles in microseconds, socket errors, responses by status, page-cache hits, and
-- signed-in requests that were sent to the sign-in page (a session no longer valid).

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   local file = assert(io.open(args[1], "r"))
   think_min = tonumber(args[2]) or 0
   think_max = tonumber(args[3]) or think_min
   math.randomseed(tonumber(args[4]) or os.time())
   local host = wrk.headers["Host"] or wrk.host
   requests = {}
   for line in file:lines() do
      local path, session = line:match("^([^\t]+)\t?(.*)$")
      if path then
         local headers = { Host = host, ["Accept-Encoding"] = "gzip" }
         if session ~= "" then
            headers["Cookie"] = "sessionid=" .. session
         end
         table.insert(requests, wrk.format("GET", path, headers))
      end
   end
   file:close()
   assert(#requests > 0, "no requests in " .. args[1])
   statuses = {}
   hits = 0
   signed_out = 0
end

function delay()
   return math.random(think_min, think_max)
end

function request()
   return requests[math.random(#requests)]
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
   if headers["X-Page-Cache"] == "hit" then
      hits = hits + 1
   end
   local location = headers["Location"]
   if location and location:find("/sign-in/", 1, true) then
      signed_out = signed_out + 1
   end
end

function done(summary, latency, rates)
   local function say(name, value)
      io.write(string.format("hlp %s %s\n", name, tostring(value)))
   end
   say("duration_us", summary.duration)
   say("requests", summary.requests)
   say("bytes", summary.bytes)
   for _, name in ipairs({ "connect", "read", "write", "timeout" }) do
      say("socket_" .. name, summary.errors[name])
   end
   for _, p in ipairs({ 50, 90, 95, 99 }) do
      say("p" .. p .. "_us", latency:percentile(p))
   end
   say("max_us", latency.max)
   say("mean_us", string.format("%.0f", latency.mean))
   local total_hits, total_signed_out, merged = 0, 0, {}
   for _, thread in ipairs(threads) do
      total_hits = total_hits + (thread:get("hits") or 0)
      total_signed_out = total_signed_out + (thread:get("signed_out") or 0)
      for status, count in pairs(thread:get("statuses") or {}) do
         merged[status] = (merged[status] or 0) + count
      end
   end
   say("cache_hits", total_hits)
   say("signed_out", total_signed_out)
   for status, count in pairs(merged) do
      say("status_" .. status, count)
   end
end
