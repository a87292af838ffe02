// The warnings of issue 19's list that tscc decides: what tests/warnings/compare.ts
// and tests/unit/warnings.test.ts count against gcc.

export const WATCHED: readonly string[] = [
  "unused-variable", "unused-parameter", "unused-function", "unused-label", "unused-value",
  "unused-but-set-variable", "unused-but-set-parameter", "unused-const-variable",
  "implicit-function-declaration", "implicit-int", "incompatible-pointer-types", "format", "format-extra-args",
  "parentheses", "sign-compare", "return-type", "missing-field-initializers", "shift-count-overflow",
  "strict-prototypes", "missing-prototypes",
];
