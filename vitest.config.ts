import { defineConfig } from "vitest/config";

// One process, no per-file isolation: ~25x faster start-up for many small test
// files (TOOLING.md). Tests must therefore not leak global state.
export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts"],
    pool: "threads",
    isolate: false,
    testTimeout: 60_000,
  },
});
