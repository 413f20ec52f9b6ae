/**
 * Running a command under a bound: in-process (the CLI's `run()` from src/, in a worker thread
 * with a capturing Io, terminated when it overruns its time or memory) or through the built
 * CLI (dist/cli/bin.js in a child process, killed on overrun). Both give the same outcome union,
 * so one oracle judges both.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { ROOT } from '../helpers/site.js';

export type RunOutcome =
  | { readonly kind: 'exited'; readonly code: number; readonly stdout: string; readonly stderr: string; readonly ms: number }
  /** run() itself rejected: a bug, since it must turn every error into an exit status. */
  | { readonly kind: 'threw'; readonly error: string }
  /** The run overran its time bound and was stopped. */
  | { readonly kind: 'timeout'; readonly ms: number }
  /** The worker or process died (out of memory, a signal). */
  | { readonly kind: 'died'; readonly error: string };

/** Per-run bounds; FUZZ_CASE_TIMEOUT_MS raises the time bound on slow machines. */
export const CASE_TIMEOUT_MS = Number(process.env['FUZZ_CASE_TIMEOUT_MS'] ?? 30_000);
/** Heap bound for one in-process run: far above what any accepted site needs, far below the machine. */
export const CASE_HEAP_MB = 1536;

interface Reply {
  readonly id?: number;
  readonly ready?: boolean;
  readonly code?: number;
  readonly stdout?: string;
  readonly stderr?: string;
  readonly ms?: number;
  readonly threw?: string;
}

/**
 * One worker thread running `run()` from src/, restarted after a timeout or a death. Anything
 * a command writes past the Io (straight to process.stdout/stderr) is caught in `leaked`.
 */
export class InProcessCli {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 1;
  private pending: { id: number; resolve: (o: RunOutcome) => void } | undefined;
  /** Output written around the Io; must stay empty. */
  leaked = '';

  constructor(private readonly bounds: { timeoutMs?: number; heapMb?: number } = {}) {}

  private start(): Promise<void> {
    const w = new Worker(new URL('./cli-worker.mjs', import.meta.url), {
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: this.bounds.heapMb ?? CASE_HEAP_MB },
      env: { ...process.env, NO_COLOR: '1' },
    });
    w.stdout.on('data', (b: Buffer) => (this.leaked += b.toString()));
    w.stderr.on('data', (b: Buffer) => (this.leaked += b.toString()));
    this.worker = w;
    this.ready = new Promise((resolve, reject) => {
      w.on('message', (m: Reply) => {
        if (m.ready) return resolve();
        const p = this.pending;
        if (!p || m.id !== p.id) return;
        this.pending = undefined;
        if (m.threw !== undefined) p.resolve({ kind: 'threw', error: m.threw });
        else p.resolve({ kind: 'exited', code: m.code ?? -1, stdout: m.stdout ?? '', stderr: m.stderr ?? '', ms: m.ms ?? 0 });
      });
      w.on('error', (e) => {
        reject(e);
        const p = this.pending;
        this.pending = undefined;
        this.worker = undefined;
        p?.resolve({ kind: 'died', error: `${e.name}: ${e.message}` });
      });
      w.on('exit', () => {
        if (this.worker === w) this.worker = undefined;
      });
    });
    return this.ready;
  }

  async run(argv: readonly string[]): Promise<RunOutcome> {
    if (!this.worker) await this.start();
    else await this.ready;
    const w = this.worker as Worker;
    const id = this.nextId++;
    const timeoutMs = this.bounds.timeoutMs ?? CASE_TIMEOUT_MS;
    return new Promise<RunOutcome>((resolve) => {
      const t0 = performance.now();
      const timer = setTimeout(() => {
        if (this.pending?.id !== id) return;
        this.pending = undefined;
        this.worker = undefined;
        void w.terminate();
        resolve({ kind: 'timeout', ms: performance.now() - t0 });
      }, timeoutMs);
      this.pending = {
        id,
        resolve: (o) => {
          clearTimeout(timer);
          resolve(o);
        },
      };
      w.postMessage({ id, argv: [...argv] });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    if (w) await w.terminate();
  }
}

/**
 * Several InProcessCli workers behind one `run`: the commands of one case run side by side,
 * so a fuzz campaign uses both cores even when the other property file has finished.
 */
export class InProcessPool {
  private readonly all: InProcessCli[];
  private readonly idle: InProcessCli[];
  private readonly waiting: Array<(cli: InProcessCli) => void> = [];

  constructor(size = 2, bounds: { timeoutMs?: number; heapMb?: number } = {}) {
    this.all = Array.from({ length: size }, () => new InProcessCli(bounds));
    this.idle = [...this.all];
  }

  async run(argv: readonly string[]): Promise<RunOutcome> {
    const cli = this.idle.pop() ?? (await new Promise<InProcessCli>((resolve) => this.waiting.push(resolve)));
    try {
      return await cli.run(argv);
    } finally {
      const next = this.waiting.shift();
      if (next) next(cli);
      else this.idle.push(cli);
    }
  }

  /** Output written around the Io by any worker since the last call; must stay empty. */
  takeLeaked(): string {
    let out = '';
    for (const c of this.all) {
      out += c.leaked;
      c.leaked = '';
    }
    return out;
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((c) => c.close()));
  }
}

export const BIN = join(ROOT, 'dist', 'cli', 'bin.js');

/** The built CLI as users run it, killed when it overruns. */
export function runBuilt(args: readonly string[], opts: { timeoutMs?: number; nodeArgs?: readonly string[]; cwd?: string } = {}): Promise<RunOutcome> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), BIN, ...args], { cwd: opts.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, opts.timeoutMs ?? CASE_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = performance.now() - t0;
      if (timedOut) resolve({ kind: 'timeout', ms });
      else if (code === null) resolve({ kind: 'died', error: `killed by ${signal ?? 'a signal'}\n${stderr}` });
      else resolve({ kind: 'exited', code, stdout, stderr, ms });
    });
  });
}

/** Run `tasks` with at most `limit` at a time (the built CLI is a process per run). */
export async function pooled<T>(tasks: ReadonlyArray<() => Promise<T>>, limit = 2): Promise<T[]> {
  const out = new Array<T>(tasks.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length) {
      const i = next++;
      out[i] = await (tasks[i] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, lane));
  return out;
}
