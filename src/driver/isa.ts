// -m<feature>, -mno-<feature> and -march= against a target's IsaFeatures
// table (src/toolchain.ts): which extensions end up on, and their macros.

import type { IsaFeatures } from "../toolchain.js";

export class IsaState {
  private readonly on = new Set<string>();
  /** Turned on by their own -m option (not only implied by another). */
  private readonly explicit = new Set<string>();

  constructor(private readonly isa: IsaFeatures) {}

  /** Apply one -m option; false when it is not an ISA option of this target. */
  apply(m: string): boolean {
    const { features, aliases, offAliases, march } = this.isa;
    if (m.startsWith("arch=")) {
      const set = march[m.slice(5)];
      if (!set) return false;
      this.on.clear();
      this.explicit.clear();
      for (const f of set) this.enable(f, true);
      return true;
    }
    if (m.startsWith("no-")) {
      const name = offAliases[m.slice(3)] ?? m.slice(3);
      if (!features[name]) return false;
      this.disable(name);
      return true;
    }
    const name = aliases[m] ?? m;
    if (!features[name]) return false;
    this.enable(name, true);
    return true;
  }

  private enable(name: string, explicit: boolean): void {
    const f = this.isa.features[name]!;
    this.on.add(name);
    if (explicit) this.explicit.add(name);
    for (const r of f.requires) this.enable(r, false);
    for (const r of f.implies) this.enable(r, false);
  }

  private disable(name: string): void {
    if (!this.on.has(name) && !this.explicit.has(name)) {
      for (const [n, f] of Object.entries(this.isa.features)) if (f.requires.includes(name)) this.disable(n);
      return;
    }
    this.on.delete(name);
    this.explicit.delete(name);
    const f = this.isa.features[name]!;
    for (const i of f.implies) if (!this.explicit.has(i)) { this.on.delete(i); }
    for (const [n, g] of Object.entries(this.isa.features)) if (g.requires.includes(name)) this.disable(n);
  }

  /** What a bare `aligned` means with these extensions, if any of them widens it. */
  biggestAlignment(): number | undefined {
    const widths = [...this.on].map((n) => this.isa.features[n]!.biggestAlignment ?? 0);
    const w = Math.max(0, ...widths);
    return w > 0 ? w : undefined;
  }

  /** The macros of every extension on, sorted. */
  macros(): string[] {
    return [...this.on].flatMap((n) => this.isa.features[n]!.macros).sort();
  }
}
