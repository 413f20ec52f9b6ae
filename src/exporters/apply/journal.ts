/**
 * The apply journal: one JSON line per event under `.vmo-twin/`, so a run that was killed or
 * failed half-way resumes where it stopped.
 *
 * Per object and target: `intent` before a call that changes something, `done` after the
 * server confirmed it (with the ids the object binds), `fail` when it refused. A run that
 * finds an unfinished journal of the same plan and endpoint skips what is `done` (restoring
 * its ids) and reconciles the rest by natural key: an `intent` without `done` is the window
 * where the server may have created the object before the run died, and the lookup finds it
 * instead of creating it again. `end` closes a run that went to the end (converged, or with
 * conflicts it reported): the next run starts over and looks everything up again. Only a run
 * that was killed or stopped (unreachable server, retries exhausted) is resumed.
 *
 * Records hold step ids, hostnames, method and path, statuses and object ids: never a
 * header, a request body or a secret (every line also passes the secrets scrubber). Each
 * record is one append of a whole line, so a killed process leaves at most a torn last line,
 * which is ignored. Records are not fsync'ed (our choice: a killed process loses nothing the
 * kernel already has; after a power loss the natural-key lookup covers what the tail lost).
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { Secrets } from './secrets.js';

export const JOURNAL_VERSION = 1;

export type JournalEvent = 'begin' | 'intent' | 'done' | 'fail' | 'end';

export interface JournalRecord {
  readonly v: typeof JOURNAL_VERSION;
  readonly seq: number;
  readonly at: string;
  readonly event: JournalEvent;
  /** Step or object id (`workers/bond/bond_data`, `profile/x@1.0.0/import`). */
  readonly id?: string;
  /** The machine hostname for machine-scoped steps. */
  readonly target?: string;
  readonly status?: string;
  /** Ids the object binds (`interface:bond_data` → `42`), restored on resume. */
  readonly binds?: Readonly<Record<string, string>>;
  /** `POST /nodes/abc123/interfaces/?op=create_bond`: what was sent, without its body. */
  readonly request?: string;
  readonly message?: string;
  // begin only
  readonly planDigest?: string;
  readonly endpoint?: string;
  readonly site?: string;
  readonly apply?: 'maas' | 'palette';
}

export interface JournalHeader {
  readonly apply: 'maas' | 'palette';
  readonly site: string;
  readonly endpoint: string;
  readonly planDigest: string;
}

/** What a previous, unfinished run of the same plan against the same endpoint did. */
export interface ResumeState {
  readonly startedAt: string;
  readonly done: ReadonlyMap<string, JournalRecord>;
  /** Objects with an intent but no done or fail (the server may have acted on them), with the intended change. */
  readonly inFlight: ReadonlyMap<string, string>;
}

export type JournalOpen =
  | { readonly kind: 'opened'; readonly journal: Journal; readonly resume?: ResumeState; readonly restarted?: 'other-plan' | 'finished' }
  | { readonly kind: 'locked'; readonly path: string; readonly pid: number }
  | { readonly kind: 'unusable'; readonly message: string };

export const journalKey = (id: string, target?: string): string => (target !== undefined ? `${id}@${target}` : id);

/** File name: apply kind, site and a short hash of the endpoint (so two MAAS regions never share one). */
export function journalPath(dir: string, h: Pick<JournalHeader, 'apply' | 'site' | 'endpoint'>, hash: (s: string) => string): string {
  return join(dir, `apply-${h.apply}-${h.site}-${hash(h.endpoint).slice(0, 10)}.jsonl`);
}

/** The records of a journal file, skipping a torn last line and anything unreadable. */
export function readJournal(path: string): JournalRecord[] {
  if (!existsSync(path)) return [];
  const out: JournalRecord[] = [];
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as JournalRecord;
      if (r && r.v === JOURNAL_VERSION && typeof r.event === 'string') out.push(r);
    } catch {
      // a torn last line from a killed process
    }
  }
  return out;
}

/** The unfinished run of this plan in `records`, if there is one. */
export function resumeStateOf(records: readonly JournalRecord[], h: JournalHeader): { resume?: ResumeState; restarted?: 'other-plan' | 'finished' } {
  if (records.length === 0) return {};
  let begin = -1;
  for (let i = records.length - 1; i >= 0; i--) {
    if (records[i]?.event === 'begin') {
      begin = i;
      break;
    }
  }
  const head = records[begin];
  if (!head) return {};
  const run = records.slice(begin + 1);
  if (run.some((r) => r.event === 'end')) return { restarted: 'finished' };
  if (head.planDigest !== h.planDigest || head.endpoint !== h.endpoint) return { restarted: 'other-plan' };
  // A resumed run appends its own begin; its predecessors' records still count.
  let first = begin;
  for (let i = begin - 1; i >= 0; i--) {
    const r = records[i];
    if (r?.event === 'end') break;
    if (r?.event === 'begin') {
      if (r.planDigest !== h.planDigest || r.endpoint !== h.endpoint) break;
      first = i;
    }
  }
  const done = new Map<string, JournalRecord>();
  const inFlight = new Map<string, string>();
  for (const r of records.slice(first)) {
    if (r.id === undefined) continue;
    const key = journalKey(r.id, r.target);
    if (r.event === 'intent') inFlight.set(key, r.status ?? 'update');
    else if (r.event === 'done') {
      done.set(key, r);
      inFlight.delete(key);
    } else if (r.event === 'fail') inFlight.delete(key);
  }
  return { resume: { startedAt: records[first]?.at ?? '', done, inFlight } };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class Journal {
  private seq = 0;
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly fd: number,
    private readonly lockPath: string,
    private readonly secrets: Secrets,
    private readonly clock: () => Date,
  ) {}

  /**
   * Open (or create) the journal of this plan and endpoint, taking its lock; a lock left by a
   * process that no longer runs is taken over.
   */
  static open(dir: string, path: string, h: JournalHeader, secrets: Secrets, clock: () => Date = () => new Date()): JournalOpen {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (e) {
      return { kind: 'unusable', message: `cannot create ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
    }
    const lockPath = `${path}.lock`;
    for (let i = 0; i < 2; i++) {
      try {
        writeFileSync(lockPath, String(process.pid), { flag: 'wx' });
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') return { kind: 'unusable', message: `cannot lock ${lockPath}: ${(e as NodeJS.ErrnoException).code ?? ''}` };
        const pid = Number(readFileSync(lockPath, 'utf8').trim());
        if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && pidAlive(pid)) return { kind: 'locked', path, pid };
        unlinkSync(lockPath);
      }
    }
    const records = readJournal(path);
    const state = resumeStateOf(records, h);
    try {
      // A journal that finished (or belongs to another plan) is replaced: one run's story per file.
      const fd = openSync(path, state.resume ? 'a' : 'w');
      const j = new Journal(path, fd, lockPath, secrets, clock);
      j.seq = state.resume ? records.length : 0;
      j.write({ event: 'begin', apply: h.apply, site: h.site, endpoint: h.endpoint, planDigest: h.planDigest });
      return { kind: 'opened', journal: j, ...(state.resume ? { resume: state.resume } : {}), ...(state.restarted ? { restarted: state.restarted } : {}) };
    } catch (e) {
      try {
        unlinkSync(lockPath);
      } catch {
        // already gone
      }
      return { kind: 'unusable', message: `cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` };
    }
  }

  private write(r: Omit<JournalRecord, 'v' | 'seq' | 'at'>): void {
    if (this.closed) return;
    const record: JournalRecord = { v: JOURNAL_VERSION, seq: ++this.seq, at: this.clock().toISOString(), ...r };
    writeSync(this.fd, `${this.secrets.scrub(JSON.stringify(record))}\n`);
  }

  intent(id: string, target: string | undefined, request: string, status: string): void {
    this.write({ event: 'intent', id, ...(target !== undefined ? { target } : {}), status, request });
  }

  done(id: string, target: string | undefined, status: string, binds: Readonly<Record<string, string>>, request?: string): void {
    this.write({ event: 'done', id, ...(target !== undefined ? { target } : {}), status, binds, ...(request !== undefined ? { request } : {}) });
  }

  fail(id: string, target: string | undefined, status: string, message: string): void {
    this.write({ event: 'fail', id, ...(target !== undefined ? { target } : {}), status, message });
  }

  /** The run went to the end: the next one starts a new journal. */
  end(message: string): void {
    this.write({ event: 'end', message });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closeSync(this.fd);
    try {
      unlinkSync(this.lockPath);
    } catch {
      // removed by hand
    }
  }
}
