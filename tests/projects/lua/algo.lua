-- a CPU-bound mix: sieve, n-body-ish float math, string building, sorting, a small interpreter
local function sieve(n) local is = {} for i = 2, n do is[i] = true end for i = 2, math.floor(math.sqrt(n)) do if is[i] then for j = i * i, n, i do is[j] = false end end end local c = 0 for i = 2, n do if is[i] then c = c + 1 end end return c end
print(sieve(200000))
local function mandel(w) local s = 0 for y = 0, w - 1 do local ci = 2 * y / w - 1 for x = 0, w - 1 do local cr = 2.5 * x / w - 2 local zr, zi, i = 0.0, 0.0, 0 while i < 50 and zr * zr + zi * zi < 4 do zr, zi = zr * zr - zi * zi + cr, 2 * zr * zi + ci i = i + 1 end s = s + i end end return s end
print(mandel(120))
local acc = 0.0 for i = 1, 100000 do acc = acc + math.sin(i) * math.cos(i / 2) end print(string.format("%.10f", acc))
local b = {} for i = 1, 5000 do b[#b + 1] = string.format("%05d:%x;", i, i * 31) end local str = table.concat(b) print(#str, str:sub(1, 30), select(2, str:gsub(";", ";")))
local r = {} local seed = 42 for i = 1, 20000 do seed = (seed * 1103515245 + 12345) % 2147483648 r[i] = seed end table.sort(r) print(r[1], r[10000], r[20000])
math.randomseed(7) local x1, x2 = math.random(1, 100), math.random() print(x1 >= 1 and x1 <= 100, x2 >= 0 and x2 < 1)
local function ack(m, n) if m == 0 then return n + 1 elseif n == 0 then return ack(m - 1, 1) else return ack(m - 1, ack(m, n - 1)) end end print(ack(2, 300))
local stack, prog = {}, { "push 3", "push 4", "add", "push 5", "mul", "dup", "add", "print" }
for _, ins in ipairs(prog) do local op, arg = ins:match("(%a+)%s*(%d*)") if op == "push" then stack[#stack + 1] = tonumber(arg) elseif op == "add" then local y = table.remove(stack) stack[#stack] = stack[#stack] + y elseif op == "mul" then local y = table.remove(stack) stack[#stack] = stack[#stack] * y elseif op == "dup" then stack[#stack + 1] = stack[#stack] elseif op == "print" then print(stack[#stack]) end end
local h = 0 for i = 1, 300000 do h = (h * 31 + i) & 0xffffffff end print(h)
local os_time = os.time({ year = 2020, month = 1, day = 1, hour = 12 }) print(os.date("!%Y-%m-%d", 0), type(os_time), os.date("%Y", os_time))
print(string.format("%q", 1 / 3), string.format("%q", math.mininteger), string.format("%q", 2 ^ 63))
