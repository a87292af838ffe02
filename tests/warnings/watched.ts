// The warnings of issue 19's list that tscc decides: what tests/warnings/compare.ts
// and tests/unit/warnings.test.ts count against gcc.

export const WATCHED: readonly string[] = [
  "unused-variable", "unused-parameter", "unused-function", "unused-label", "unused-value",
  "unused-but-set-variable", "unused-but-set-parameter", "unused-const-variable",
  "implicit-function-declaration", "implicit-int", "builtin-declaration-mismatch", "incompatible-pointer-types",
  "int-conversion", "pointer-sign", "format", "format-extra-args", "format-zero-length", "format-contains-nul",
  "parentheses", "sign-compare", "return-type", "missing-field-initializers", "shift-count-overflow",
  "shift-count-negative", "implicit-fallthrough", "old-style-declaration",
  // Only when asked (not in -Wall/-Wextra): counted when a corpus is compared with them on.
  "strict-prototypes", "missing-prototypes", "missing-declarations", "old-style-definition",
];
