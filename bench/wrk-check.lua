-- wrk script for bench/server.py: POST /api/check with the file named by VIP_BENCH_BODY.
local f = assert(io.open(os.getenv("VIP_BENCH_BODY"), "rb"))
wrk.method = "POST"
wrk.path = "/api/check"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/yaml"

local fout = 0
response = function(status, headers, body)
  if status ~= 200 then fout = fout + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("VIPWRK %d %d %.1f %.1f %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), fout + summary.errors.status))
end
