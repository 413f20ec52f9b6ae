/**
 * Where output goes: people's output to stdout, progress and logs to stderr. Commands write
 * through this so tests can capture both and nothing else prints.
 */
import { makeStyle, type Style } from './output.js';

/** A stream progress bars draw on: a writable with the TTY flags Node gives process.stderr. */
export type ProgressStream = NodeJS.WritableStream & { readonly isTTY?: boolean; readonly columns?: number };

export interface Io {
  out(text: string): void;
  err(text: string): void;
  readonly style: Style;
  readonly errStyle: Style;
  readonly stderrIsTTY: boolean;
  /** Where progress bars draw (process.stderr); absent in captured runs, which then show none. */
  readonly errStream?: ProgressStream;
}

export function processIo(): Io {
  return {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    style: makeStyle(process.stdout),
    errStyle: makeStyle(process.stderr),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    errStream: process.stderr,
  };
}

/** The exit status a command asks for; main sets process.exitCode from it. */
export class ExitStatus {
  constructor(readonly code: 0 | 1 | 2) {}
}

/** A usage error: the command could not be used as given (exit 2, message, no stack). */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
