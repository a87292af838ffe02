-- garbage collection: weak tables, finalizers, collect cycles, incremental/generational
collectgarbage("collect")
local weak = setmetatable({}, { __mode = "v" })
local strong = {}
for i = 1, 100 do local t = { i } weak[i] = t if i % 10 == 0 then strong[#strong + 1] = t end end
collectgarbage("collect") collectgarbage("collect")
local n = 0 for _ in pairs(weak) do n = n + 1 end print("weak values left", n)
local wk = setmetatable({}, { __mode = "k" }) do for i = 1, 50 do wk[{}] = i end end local key = {} wk[key] = "kept"
collectgarbage() n = 0 for _ in pairs(wk) do n = n + 1 end print("weak keys left", n, wk[key])
local order = {}
for i = 1, 5 do setmetatable({}, { __gc = function() order[#order + 1] = i end }) end
collectgarbage() collectgarbage() table.sort(order) print("finalized", table.concat(order, ","))
-- resurrection
local saved
do setmetatable({ name = "zombie" }, { __gc = function(o) saved = o end }) end
collectgarbage() collectgarbage() print("resurrected", saved and saved.name)
-- cycles
do local a, b = {}, {} a.b = b b.a = a end
local before = collectgarbage("count") for i = 1, 200000 do local t = { i, tostring(i), { i } } end
collectgarbage() local after = collectgarbage("count") print("reclaimed", after < before + 1024)
-- lots of strings
local parts = {} for i = 1, 50000 do parts[i] = ("s" .. i):rep(3) end parts = nil collectgarbage() print("strings ok")
print(collectgarbage("incremental"), collectgarbage("generational"), collectgarbage("incremental"))
collectgarbage("generational") local l = {} for i = 1, 100000 do l[i % 1000] = { i } end collectgarbage() print("gen ok", #l)
collectgarbage("incremental") print(collectgarbage("step", 0) ~= nil, collectgarbage("isrunning"))
collectgarbage("stop") print(collectgarbage("isrunning")) collectgarbage("restart") print(collectgarbage("isrunning"))
-- closing a coroutine with pending to-be-closed
local co = coroutine.create(function() local x <close> = setmetatable({}, { __close = function() print("closed by close") end }) coroutine.yield() end)
coroutine.resume(co) print(coroutine.close(co))
-- weak table with strings as keys are never collected
local ws = setmetatable({}, { __mode = "k" }) ws["str"] = 1 collectgarbage() print(ws["str"])
