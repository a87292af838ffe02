// A pool of worker threads each running tscc's driver in-process (see
// compile-worker.cjs). A compile that exceeds its time limit is abandoned by
// terminating its worker, which is then replaced: a hung compiler costs one
// worker, never the run.

import { join } from "node:path";
import { Worker } from "node:worker_threads";

export interface CompileResult {
  status: number;
  output: string;
  timedOut: boolean;
}

interface Job {
  args: string[];
  timeoutMs: number;
  resolve: (r: CompileResult) => void;
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

const WORKER = join(import.meta.dirname, "compile-worker.cjs");

export class CompilePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 0;

  constructor(size: number) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    // Compiling big tests needs room; the worker's stack holds deep recursions of the parser.
    const worker = new Worker(WORKER, { resourceLimits: { stackSizeMb: 64, maxOldGenerationSizeMb: 4096 }, stdout: true, stderr: true });
    worker.unref();
    return { worker, busy: false };
  }

  compile(args: string[], timeoutMs: number): Promise<CompileResult> {
    return new Promise((resolve) => {
      this.queue.push({ args, timeoutMs, resolve });
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.busy || this.queue.length === 0) continue;
      this.run(slot, this.queue.shift()!);
    }
  }

  private run(slot: Slot, job: Job): void {
    slot.busy = true;
    const id = this.nextId++;
    const finish = (r: CompileResult): void => {
      clearTimeout(timer);
      slot.worker.off("message", onMessage);
      slot.worker.off("error", onError);
      slot.busy = false;
      job.resolve(r);
      this.pump();
    };
    const onMessage = (m: { id: number; status: number; output: string }): void => {
      if (m.id === id) finish({ status: m.status, output: m.output, timedOut: false });
    };
    const replace = (): void => {
      void slot.worker.terminate();
      const fresh = this.spawn();
      slot.worker = fresh.worker;
    };
    const onError = (e: Error): void => {
      replace();
      finish({ status: 1, output: `compiler crashed: ${e.message}`, timedOut: false });
    };
    const timer = setTimeout(() => {
      replace();
      finish({ status: 1, output: "", timedOut: true });
    }, job.timeoutMs);
    slot.worker.on("message", onMessage);
    slot.worker.on("error", onError);
    slot.worker.postMessage({ id, args: job.args });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
