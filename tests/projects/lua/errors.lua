-- errors, pcall/xpcall, error objects, levels, messages from the VM
print(pcall(error)) print(pcall(error, nil)) print(pcall(error, "msg", 0)) print(pcall(error, "msg")) print(pcall(error, "msg", 2))
print(pcall(error, { 1, 2 })) print(select("#", pcall(error)))
local function thrower(x) if x > 2 then error("too big: " .. x) end return x end
print(pcall(thrower, 1)) print(pcall(thrower, 5))
print(xpcall(thrower, function(m) return "handled: " .. m end, 10))
print(xpcall(function() local t = nil return t.x end, function(m) return (m:gsub("^.-:%d+: ", "")) end))
print(pcall(function() return 1 + {} end)) print(pcall(function() return #5 end)) print(pcall(function() return "a" < 1 end))
print(pcall(function() local a a() end)) print(pcall(function() return ("x"):bad() end))
print(pcall(string.rep)) print(pcall(setmetatable, 1, {})) print(pcall(string.format, "%d", "x"))
print(pcall(function() return 1 .. {} end)) print(pcall(function() error(setmetatable({}, { __tostring = function() return "custom" end })) end))
local ok, e = pcall(function() error({ code = 42, msg = "structured" }) end) print(ok, e.code, e.msg)
-- nested pcall and error in handler
print(pcall(pcall, error, "x")) print(xpcall(error, function() error("again") end, "first"))
-- error with non-string, tostring
print(pcall(error, 42)) print(pcall(error, true))
-- stack overflow is caught
local function rec() return 1 + rec() end local ok2, e2 = pcall(rec) print(ok2, (tostring(e2):match("stack overflow")))
-- assert
print(pcall(assert, false)) print(pcall(assert, nil, "custom assert")) print(pcall(assert, 1, 2, 3)) print(select("#", assert(1, 2, 3)))
-- tostring of errors from the string library
print(pcall(string.sub)) print(pcall(("x").rep, "x", 1e10))
print(pcall(load, nil)) print(load("return +")) print(load("x ="))
print(pcall(next, {}, "nokey")) print(pcall(ipairs)) print(pcall(math.floor, "a"))
print(pcall(string.char, 256)) print(pcall(utf8.char, -1)) print(pcall(table.concat, { 1, {}, 3 }))
print(pcall(function() local t = setmetatable({}, { __index = function() error("idx") end }) return t.x end))
print(pcall(function() for i = 1, 10, 0 do end end))
print(pcall(function() return math.tointeger("x") end), pcall(tostring))
-- debug.traceback shape (first line only)
print((debug.traceback("tb", 1):match("^[^\n]*")))
print(string.format("%s", select(2, pcall(error, "done"))))
