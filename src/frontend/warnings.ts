// Which warnings are on: the options gcc's -Wall and -Wextra turn on, as data.
//
// A warning that gcc gives by default is reported through
// `Diagnostics.warning` (only -w or -Wno-NAME silence it). The ones below are
// off until their own -WNAME or a group that contains them is given; each
// entry lists the alternatives (any one suffices), each a set of options that
// must all be on — gcc's -Wunused-parameter needs -Wunused (or -Wall) *and*
// -Wextra.

import type { WarningPolicy } from "./diagnostics.js";

type Enablers = readonly (readonly string[])[];

const ENABLED_BY: Readonly<Record<string, Enablers>> = {
  // Groups.
  unused: [["all"]],
  // -Wall.
  "unused-variable": [["unused"]],
  "unused-function": [["unused"]],
  "unused-label": [["unused"]],
  "unused-value": [["unused"]],
  "unused-but-set-variable": [["unused"]],
  "unused-const-variable": [["unused-variable"]],
  parentheses: [["all"]],
  "return-type": [["all"]],
  format: [["all"], ["format=1"], ["format=2"]],
  "format-extra-args": [["format"]],
  "format-zero-length": [["format"]],
  "format-contains-nul": [["format"]],
  // -Wformat=2 (and only with -Wformat on: see checkFormatCall).
  "format-nonliteral": [["format=2"]],
  "format-security": [["format=2"]],
  // -Wextra (with -Wunused for the unused family).
  "unused-parameter": [["unused", "extra"]],
  "unused-but-set-parameter": [["unused", "extra"]],
  "sign-compare": [["extra"]],
  "missing-field-initializers": [["extra"]],
  "old-style-declaration": [["extra"]],
  "implicit-fallthrough": [["extra"]],
};

/** Is the warning `name` on under this policy (its own -W[no-]NAME first, then its groups)? */
export function warningEnabled(policy: WarningPolicy, name: string): boolean {
  const own = policy.enabled.get(name);
  if (own !== undefined) return own;
  const by = ENABLED_BY[name];
  return by !== undefined && by.some((all) => all.every((group) => warningEnabled(policy, group)));
}

/** Does the group option `group` (-Wall, -Wunused, -Wformat=2…) turn on `name`, directly or through other groups? */
export function warningInGroup(name: string, group: string): boolean {
  const by = ENABLED_BY[name];
  return by !== undefined && by.some((all) => all.some((g) => g === group || warningInGroup(g, group)));
}
