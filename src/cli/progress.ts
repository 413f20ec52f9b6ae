/**
 * Progress on stderr for long work (Monte Carlo runs, planning, apply): a bar with the count
 * and an ETA, drawn by cli-progress, only when stderr is a terminal — never when it is a file
 * or a pipe, never with `--quiet`, never with `--json` (machines read those runs' output).
 *
 *   const progress = progressFor(io, argv);
 *   progress.start(200, 'node-failure runs');
 *   … progress.tick() after each run …
 *   progress.stop();
 */
import { SingleBar } from 'cli-progress';
import type { Argv } from 'yargs';
import type { Io, ProgressStream } from './io.js';

export interface Progress {
  /** Begin a bar of `total` steps named `label` (a bar already running is stopped first). */
  start(total: number, label: string): void;
  /** `n` more steps done (1 by default). */
  tick(n?: number): void;
  /** Finish: the bar is cleared so the command's own output follows on a clean line. */
  stop(): void;
  /** Whether anything is drawn (false when stderr is not a terminal, or with --quiet or --json). */
  readonly active: boolean;
}

export interface ProgressOptions {
  readonly quiet?: boolean;
  readonly json?: boolean;
}

const SILENT: Progress = { start() {}, tick() {}, stop() {}, active: false };

/** A progress bar on `stream`, or one that draws nothing when it must stay silent. */
export function createProgress(stream: ProgressStream | undefined, opts: ProgressOptions = {}): Progress {
  if (!stream || stream.isTTY !== true || opts.quiet || opts.json) return SILENT;
  let bar: SingleBar | null = null;
  const stop = (): void => {
    if (bar) bar.stop();
    bar = null;
  };
  return {
    active: true,
    start(total, label) {
      stop();
      bar = new SingleBar({
        stream,
        format: `${label.replace(/[{}]/g, '')} [{bar}] {percentage}% {value}/{total} | ETA {eta_formatted}`,
        barCompleteChar: '█',
        barIncompleteChar: '░',
        barsize: 30,
        hideCursor: false,
        clearOnComplete: true,
        etaBuffer: 50,
        fps: 10,
      });
      bar.start(Math.max(0, total), 0);
    },
    tick(n = 1) {
      bar?.increment(n);
    },
    stop,
  };
}

/** The progress bar for a command: on the Io's stderr, silent with --quiet or --json. */
export function progressFor(io: Io, opts: ProgressOptions): Progress {
  return createProgress(io.errStream, opts);
}

/** `--quiet`, for commands that show progress. */
export function withQuietOption<T>(y: Argv<T>) {
  return y.option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress bar on stderr (there is none anyway when stderr is not a terminal)' });
}
