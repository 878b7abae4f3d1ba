-- Every request a different query (a different paper number and a unique counter), so no answer can come from the server's cache.
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/api/v1/search?q=paper+" .. math.random(0, 12499) .. "&nonce=" .. counter .. "-" .. math.random(1, 1000000000))
end
