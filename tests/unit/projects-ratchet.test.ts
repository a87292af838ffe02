// The real-project ratchet lists (tests/projects/pass-<arch>.txt): how lines
// combine, and which pairs a --fast run (npm test) and a full run are held to.
import { describe, expect, it } from "vitest";
import { listedPairs, parseRatchet } from "../projects/run.js";

const LIST = [
  "# comment",
  "zlib -O0",
  "zlib -O0 min=5",
  "zlib -O0 min=3",
  "lua -O2 min=4",
  "lua -O0 full-min=8",
  "sqlite3 -O2",
].join("\n");

describe("project ratchet lists", () => {
  it("keeps the largest minimum of each field", () => {
    const r = parseRatchet(LIST);
    expect(r.get("zlib -O0")).toEqual({ min: 5 });
    expect(r.get("lua -O0")).toEqual({ "full-min": 8 });
    expect(r.get("sqlite3 -O2")).toEqual({});
  });
  it("holds --fast runs to pairs with a min= or no minimum, full runs to all", () => {
    const r = parseRatchet(LIST);
    expect([...listedPairs(r, true)].sort()).toEqual(["lua -O2", "sqlite3 -O2", "zlib -O0"]);
    expect([...listedPairs(r, false)].sort()).toEqual(["lua -O0", "lua -O2", "sqlite3 -O2", "zlib -O0"]);
  });
  it("rejects unknown fields", () => {
    expect(() => parseRatchet("zlib -O2 max=3")).toThrow(/bad ratchet field/);
  });
});
