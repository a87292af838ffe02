// -ftime-report: where a compilation's time goes, phase by phase (read and
// preprocess, parse, lower, each IR pass by name, code generation, assembly,
// link) and how much of it V8's garbage collector took, printed to stderr as
// gcc's table is (CPU user and system time, wall time, each with its share).
// gcc prints one table per cc1 run; tscc runs every unit and the link in one
// process and prints one table for all of it when the process exits.

import { performance } from "node:perf_hooks";
import { GCProfiler } from "node:v8";

interface PhaseTime { user: number; system: number; wall: number }

class TimeReport {
  private readonly phases = new Map<string, PhaseTime>();
  /** Synchronous, unlike the "gc" performance entries, which a synchronous compile never sees delivered. */
  private readonly gc = new GCProfiler();
  private readonly start = { cpu: process.cpuUsage(), wall: performance.now() };
  /** Time spent in the phases nested inside each running one (charged to them, not to it). */
  private readonly nested: PhaseTime[] = [];

  constructor() {
    this.gc.start();
    process.once("exit", () => this.print());
  }

  /** Run `fn`, charging its time to `phase`; time in phases nested inside goes to those only. */
  measure<T>(phase: string, fn: () => T): T {
    const cpu = process.cpuUsage(), wall = performance.now();
    this.nested.push({ user: 0, system: 0, wall: 0 });
    try {
      return fn();
    } finally {
      const inner = this.nested.pop()!;
      const used = process.cpuUsage(cpu);
      const all = { user: used.user / 1e6, system: used.system / 1e6, wall: (performance.now() - wall) / 1e3 };
      const p = this.phases.get(phase) ?? { user: 0, system: 0, wall: 0 };
      p.user += all.user - inner.user; p.system += all.system - inner.system; p.wall += all.wall - inner.wall;
      this.phases.set(phase, p);
      const outer = this.nested[this.nested.length - 1];
      if (outer) { outer.user += all.user; outer.system += all.system; outer.wall += all.wall; }
    }
  }

  private print(): void {
    const gcSeconds = (this.gc.stop()?.statistics ?? []).reduce((sum, e) => sum + e.cost, 0) / 1e6;
    const used = process.cpuUsage(this.start.cpu);
    const total = { user: used.user / 1e6, system: used.system / 1e6, wall: (performance.now() - this.start.wall) / 1e3 };
    const pct = (x: number, of: number): string => `(${String(of > 0 ? Math.round((100 * x) / of) : 0).padStart(3)}%)`;
    const col = (x: number, of?: number): string => `${x.toFixed(2).padStart(7)}${of === undefined ? "       " : " " + pct(x, of)}`;
    const line = (name: string, t: PhaseTime, share: boolean): string =>
      ` ${name.padEnd(36)}:${col(t.user, share ? total.user : undefined)}${col(t.system, share ? total.system : undefined)}${col(t.wall, share ? total.wall : undefined)}\n`;
    let out = `\nTime variable${" ".repeat(26)}usr${" ".repeat(11)}sys${" ".repeat(10)}wall\n`;
    const accounted: PhaseTime = { user: 0, system: 0, wall: 0 };
    for (const [name, t] of this.phases) {
      out += line(name, t, true);
      accounted.user += t.user; accounted.system += t.system; accounted.wall += t.wall;
    }
    const other = { user: Math.max(0, total.user - accounted.user), system: Math.max(0, total.system - accounted.system), wall: Math.max(0, total.wall - accounted.wall) };
    out += line("other (start-up, driver, output)", other, true);
    out += ` ${"of which garbage collection".padEnd(36)}:${" ".repeat(28)}${col(gcSeconds, total.wall)}\n`;
    out += line("TOTAL", total, false);
    process.stderr.write(out);
  }
}

let report: TimeReport | undefined;

/** Turn the report on (-ftime-report): phases are timed from now on and printed at exit. */
export function enableTimeReport(): void {
  report ??= new TimeReport();
}

/** Run `fn` as phase `name` of the report, if there is one. */
export function timed<T>(name: string, fn: () => T): T {
  return report ? report.measure(name, fn) : fn();
}
