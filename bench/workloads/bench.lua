-- CPU-bound Lua workload for bench/workloads.ts: recursion, tables, strings
-- and floats in roughly equal parts. `lua bench.lua N` scales the work by N;
-- the output is deterministic (a checksum per part), compared between builds.

local n = tonumber(arg[1]) or 10

local function fib(k) if k < 2 then return k end return fib(k - 1) + fib(k - 2) end

local function sieve(limit)
  local composite, count = {}, 0
  for i = 2, limit do
    if not composite[i] then
      count = count + 1
      for j = i * i, limit, i do composite[j] = true end
    end
  end
  return count
end

local function sorting(count)
  local t, seed = {}, 42
  for i = 1, count do seed = (seed * 1103515245 + 12345) % 2147483648; t[i] = seed end
  table.sort(t)
  local words = {}
  for i = 1, count // 4 do words[i] = { key = t[i] % 1000, name = "w" .. t[i] } end
  table.sort(words, function(a, b) if a.key ~= b.key then return a.key < b.key end return a.name < b.name end)
  return t[count // 2] + words[1].key
end

local function strings(count)
  local parts = {}
  for i = 1, count do parts[#parts + 1] = string.format("%d:%x;", i, i * 7) end
  local s = table.concat(parts)
  local total = 0
  for a, b in s:gmatch("(%d+):(%x+);") do total = total + #a + #b end
  local r = s:sub(1, 20000):gsub("%d", function(d) return string.char(65 + tonumber(d)) end)
  return total + #r + #s:upper():lower()
end

local function mandelbrot(size)
  local inside = 0
  for y = 0, size - 1 do
    local ci = 2.0 * y / size - 1.0
    for x = 0, size - 1 do
      local cr = 2.0 * x / size - 1.5
      local zr, zi, k = 0.0, 0.0, 0
      while k < 50 and zr * zr + zi * zi < 4.0 do
        zr, zi = zr * zr - zi * zi + cr, 2.0 * zr * zi + ci
        k = k + 1
      end
      if k == 50 then inside = inside + 1 end
    end
  end
  return inside
end

local function nbody(steps)
  local bodies = {}
  for i = 1, 5 do bodies[i] = { x = i, y = i * 0.5, z = -i, vx = 0.0, vy = 0.01 * i, vz = 0.0, m = 1.0 / i } end
  for _ = 1, steps do
    for i = 1, #bodies do
      local a = bodies[i]
      for j = i + 1, #bodies do
        local b = bodies[j]
        local dx, dy, dz = a.x - b.x, a.y - b.y, a.z - b.z
        local d2 = dx * dx + dy * dy + dz * dz + 0.01
        local mag = 0.001 / (d2 * math.sqrt(d2))
        a.vx, a.vy, a.vz = a.vx - dx * b.m * mag, a.vy - dy * b.m * mag, a.vz - dz * b.m * mag
        b.vx, b.vy, b.vz = b.vx + dx * a.m * mag, b.vy + dy * a.m * mag, b.vz + dz * a.m * mag
      end
    end
    for _, b in ipairs(bodies) do b.x, b.y, b.z = b.x + 0.001 * b.vx, b.y + 0.001 * b.vy, b.z + 0.001 * b.vz end
  end
  return string.format("%.9f", bodies[1].x + bodies[5].z)
end

print("fib", fib(20 + math.floor(math.log(n, 2))))
print("sieve", sieve(200000 * n))
print("sort", sorting(20000 * n))
print("strings", strings(20000 * n))
print("mandelbrot", mandelbrot(math.floor(100 * math.sqrt(n))))
print("nbody", nbody(20000 * n))
