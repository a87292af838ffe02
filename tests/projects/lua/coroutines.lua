-- coroutines: generators, passing values, status, wrap, errors, yield across pcall
local function gen(n)
  return coroutine.wrap(function() for i = 1, n do coroutine.yield(i, i * i) end return "done" end)
end
local g = gen(4) for _ = 1, 5 do print(g()) end
local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c = coroutine.yield(a + b)
  print("got", c)
  local d, e = coroutine.yield(c * 2)
  print("got", d, e)
  return "end", a + b + c + d + e
end)
print(coroutine.status(co), coroutine.resume(co, 1, 2))
print(coroutine.status(co), coroutine.resume(co, 10))
print(coroutine.resume(co, 100, 1000))
print(coroutine.status(co), coroutine.resume(co))
local bad = coroutine.create(function() error("boom") end)
print(coroutine.resume(bad))
local bad2 = coroutine.create(function() error({ code = 7 }) end)
local ok, e = coroutine.resume(bad2) print(ok, type(e), e.code)
print(coroutine.isyieldable(), coroutine.running())
local inside = coroutine.wrap(function() print(coroutine.isyieldable(), select(2, coroutine.running())) end) inside()
-- yield across pcall (allowed in 5.4)
local co2 = coroutine.create(function()
  local ok2, v = pcall(function() local x = coroutine.yield("in pcall") error("after " .. x) end)
  coroutine.yield(ok2, v)
  return "finished"
end)
print(coroutine.resume(co2)) print(coroutine.resume(co2, "resume")) print(coroutine.resume(co2))
-- producer/consumer
local function producer() return coroutine.create(function() for _, w in ipairs({ "a", "b", "c" }) do coroutine.yield(w) end end) end
local function filter(p) return coroutine.create(function() while true do local _, x = coroutine.resume(p) if not x then break end coroutine.yield(x:upper()) end end) end
local f = filter(producer()) local out = {} while true do local _, x = coroutine.resume(f) if not x then break end out[#out + 1] = x end print(table.concat(out))
-- many coroutines
local cs = {} for i = 1, 500 do cs[i] = coroutine.wrap(function() local s = 0 while true do s = s + i coroutine.yield(s) end end) end
local tot = 0 for r = 1, 3 do for i = 1, 500 do tot = tot + cs[i]() end end print(tot)
local cl = coroutine.create(function() coroutine.yield() end) coroutine.resume(cl) print(coroutine.close(cl), coroutine.status(cl))
-- deep recursion inside a coroutine
local deep = coroutine.wrap(function() local function r(n) if n == 0 then return 0 end return 1 + r(n - 1) end return r(10000) end) print(deep())
