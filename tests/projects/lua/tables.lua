-- tables: constructors, length, next/pairs order for arrays, sort, insert/remove, metatables
local t = { 10, 20, 30, nil, 50, x = 1, ["y z"] = 2, [3.0] = "three" }
print(#t >= 3, t[3], t.x, t["y z"], t[5])
local a = {} for i = 1, 1000 do a[i] = (i * 7919) % 1000 end
table.sort(a) print(a[1], a[500], a[1000], #a)
table.sort(a, function(x, y) return x > y end) print(a[1], a[2], a[1000])
local words = { "pear", "apple", "fig", "banana", "cherry", "date" }
table.sort(words) print(table.concat(words, " "))
table.sort(words, function(x, y) return #x < #y or (#x == #y and x < y) end) print(table.concat(words, " "))
local q = { 1, 2, 3 } table.insert(q, 4) table.insert(q, 1, 0) print(table.concat(q, ","), table.remove(q), table.remove(q, 1), table.concat(q, ","))
print(table.unpack({ 1, 2, 3 }, 2)) print(select("#", table.unpack({ 1, nil, 3 }, 1, 3)))
print(table.concat(table.move({ 1, 2, 3, 4, 5 }, 2, 4, 1), ","))
local p = table.pack(1, nil, 3) print(p.n, p[1], p[2], p[3])
local keys = {} for k in pairs({ a = 1, b = 2, c = 3, d = 4 }) do keys[#keys + 1] = k end table.sort(keys) print(table.concat(keys))
local sum = 0 for i, v in ipairs({ 5, 6, 7, nil, 9 }) do sum = sum + i * v end print(sum)
-- metatables
local V = {}
V.__index = V
V.__add = function(x, y) return setmetatable({ x = x.x + y.x, y = x.y + y.y }, V) end
V.__eq = function(x, y) return x.x == y.x and x.y == y.y end
V.__lt = function(x, y) return x.x < y.x end
V.__le = function(x, y) return x.x <= y.x end
V.__tostring = function(v) return "(" .. v.x .. "," .. v.y .. ")" end
V.__len = function() return 2 end
V.__call = function(self, k) return self.x * k end
V.__concat = function(x, y) return tostring(x) .. tostring(y) end
V.__unm = function(v) return setmetatable({ x = -v.x, y = -v.y }, V) end
function V.new(x, y) return setmetatable({ x = x, y = y }, V) end
function V:norm1() return math.abs(self.x) + math.abs(self.y) end
local v1, v2 = V.new(1, 2), V.new(3, 4)
print(tostring(v1 + v2), v1 == V.new(1, 2), v1 < v2, v2 <= v1, #v1, v1(10), v1 .. v2, tostring(-v1), (v1 + v2):norm1())
local defaults = setmetatable({}, { __index = function(_, k) return k .. "!" end, __newindex = function(t, k, v) rawset(t, k, v * 2) end })
defaults.z = 21 print(defaults.foo, defaults.z, rawget(defaults, "foo"))
local ro = setmetatable({}, { __index = { a = 1 }, __pairs = nil }) print(ro.a, rawlen({ 1, 2 }), rawequal(ro, ro))
-- big tables, hash part growth and shrink
local h = {} for i = 1, 20000 do h["k" .. i] = i end local c = 0 for k, v in pairs(h) do c = c + v end print(c)
for i = 1, 20000, 2 do h["k" .. i] = nil end c = 0 for _ in pairs(h) do c = c + 1 end print(c)
local m = {} for i = 1, 100 do m[i * 0.5] = i end print(m[0.5], m[1], m[50], m[2.0])
local nested = { { { { "deep" } } } } print(nested[1][1][1][1])
print(next({}), type(next({ 1 })), #"" , select(-1, 1, 2, 3))
