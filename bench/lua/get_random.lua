-- GET /external/v1/insights/<random id>; ids come one per line from the file named by ZENTRIK_BENCH_IDS.
local ids = {}
init = function(args)
  for line in io.lines(os.getenv("ZENTRIK_BENCH_IDS")) do ids[#ids + 1] = line end
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end
request = function()
  return wrk.format("GET", "/external/v1/insights/" .. ids[math.random(#ids)])
end
