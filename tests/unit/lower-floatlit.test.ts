import { describe, expect, it } from "vitest";
import { wideFloatBits } from "../../src/frontend/floatlit.js";

const hex = (t: string, f: "f80" | "f128") => wideFloatBits(t, f)!.toString(16).padStart(f === "f80" ? 20 : 32, "0");

describe("wide float literals", () => {
  it("converts decimal literals exactly to x87 extended", () => {
    expect(hex("1.0L", "f80")).toBe("3fff8000000000000000");
    expect(hex("0.1L", "f80")).toBe("3ffbcccccccccccccccd");
    expect(hex("-2.5e-3L", "f80")).toBe("bff6a3d70a3d70a3d70a");
    expect(hex("1e4933L", "f80")).toBe("7fff8000000000000000"); // overflow to infinity
  });
  it("handles hex literals and subnormals", () => {
    expect(hex("0x1p-16445L", "f80")).toBe("00000000000000000001");
    expect(hex("0x1.8p1L", "f80")).toBe("4000c000000000000000");
  });
  it("converts to binary128 with the implicit bit", () => {
    expect(hex("0.1L", "f128")).toBe("3ffb999999999999999999999999999a");
    expect(hex("1.0L", "f128")).toBe("3fff0000000000000000000000000000");
    expect(hex("0x1p-16494L", "f128")).toBe("00000000000000000000000000000001");
  });
});
