/**
 * Worker threads for the invariant fuzz campaign: each loads the sources through tsx, compiles
 * the sites once, and takes slices of seeds as it frees up; the failures come back in seed
 * order whatever the number of threads.
 */
import { Worker } from 'node:worker_threads';
import type { SeedsOutcome, SiteCase } from './sim-invariants.js';
import type { FromInvariantWorker, ToInvariantWorker } from './sim-invariants-worker.js';

const WORKER = new URL('./sim-invariants-worker.ts', import.meta.url).href;

/** Seeds per message: small enough to balance the threads, large enough that messages cost nothing. */
const SLICE = 20;

export class InvariantPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly ready: Promise<void>;
  private readonly waiting = new Map<number, { resolve: (r: SeedsOutcome) => void; reject: (e: Error) => void }>();
  private readonly queue: Array<Extract<ToInvariantWorker, { type: 'run' }>> = [];
  private nextId = 0;
  private broken: Error | null = null;

  constructor(threads: number, sites: readonly SiteCase[], drills: ReadonlyArray<{ name: string; text: string }>) {
    const started: Array<Promise<void>> = [];
    for (let t = 0; t < threads; t++) {
      const w = new Worker(`import { register } from 'tsx/esm/api'; register(); await import(${JSON.stringify(WORKER)});`, { eval: true, workerData: { sites, drills } });
      this.workers.push(w);
      started.push(
        new Promise<void>((resolve, reject) => {
          w.on('message', (m: FromInvariantWorker) => {
            if (m.type === 'ready') {
              resolve();
              this.free(w);
            } else if (m.type === 'done') {
              this.waiting.get(m.id)?.resolve(m.outcome);
              this.waiting.delete(m.id);
              this.free(w);
            } else {
              this.waiting.get(m.id)?.reject(new Error(`invariant worker failed: ${m.message}`));
              this.waiting.delete(m.id);
              this.free(w);
            }
          });
          w.on('error', (e) => {
            this.fail(e);
            reject(e);
          });
          w.on('exit', (code) => {
            if (code !== 0) this.fail(new Error(`invariant worker exited with code ${code}`));
          });
        }),
      );
    }
    this.ready = Promise.all(started).then(() => undefined);
  }

  private fail(e: Error): void {
    this.broken ??= e;
    for (const { reject } of this.waiting.values()) reject(e);
    this.waiting.clear();
  }

  private free(w: Worker): void {
    const job = this.queue.shift();
    if (job) w.postMessage(job satisfies ToInvariantWorker);
    else this.idle.push(w);
  }

  private send(drill: string, seeds: number[]): Promise<SeedsOutcome> {
    if (this.broken) return Promise.reject(this.broken);
    const id = this.nextId++;
    const p = new Promise<SeedsOutcome>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    const job = { type: 'run' as const, id, drill, seeds };
    const w = this.idle.pop();
    if (w) w.postMessage(job satisfies ToInvariantWorker);
    else this.queue.push(job);
    return p;
  }

  /** Run the seeds of one drill across the threads; failures in seed order. */
  async run(drill: string, seeds: readonly number[]): Promise<SeedsOutcome> {
    await this.ready;
    const slices: number[][] = [];
    for (let i = 0; i < seeds.length; i += SLICE) slices.push(seeds.slice(i, i + SLICE));
    const parts = await Promise.all(slices.map((s) => this.send(drill, s)));
    const stalls: Record<string, number> = {};
    for (const p of parts) for (const [code, n] of Object.entries(p.stalls)) stalls[code] = (stalls[code] ?? 0) + n;
    return { failures: parts.flatMap((p) => p.failures), events: parts.reduce((a, p) => a + p.events, 0), stalls };
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
