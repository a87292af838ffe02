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
  format: [["all"]],
  // -Wextra (with -Wunused for the unused family).
  "unused-parameter": [["unused", "extra"]],
  "unused-but-set-parameter": [["unused", "extra"]],
  "sign-compare": [["extra"]],
  "missing-field-initializers": [["extra"]],
};

/** Is the warning `name` on under this policy (its own -W[no-]NAME first, then its groups)? */
export function warningEnabled(policy: WarningPolicy, name: string): boolean {
  const own = policy.enabled.get(name);
  if (own !== undefined) return own;
  const by = ENABLED_BY[name];
  return by !== undefined && by.some((all) => all.every((group) => warningEnabled(policy, group)));
}
