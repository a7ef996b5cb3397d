-- wrk script: GETs the inventory's own request set (every tag's manifest and every config blob), each
-- thread cycling through the list from its own starting point. Usage: wrk -s mix.lua URL -- PATHS_FILE
local paths = {}
local counter = 0
local headers = {["Accept"] = "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json"}

local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end

function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  counter = (id * 997) % #paths
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter], headers)
end
