/**
 * What `apply` and `import` share: the endpoint, the API key (from the environment or a
 * file, never from argv), TLS (`--ca-cert`, `--insecure` with a warning), the timeout and
 * retry bounds, and the HTTP transport built from them. Everything they print passes the
 * secrets scrubber.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { Argv } from 'yargs';
import { parseDurationMs } from '../model/units.js';
import { HttpTransport } from '../exporters/apply/http.js';
import { DEFAULT_RETRY, makeCaller, type Caller, type RetryPolicy } from '../exporters/apply/retry.js';
import { Secrets } from '../exporters/apply/secrets.js';
import { MaasClient, MAAS_KEY_HINT, parseMaasKey, probeMaas } from '../exporters/maas/client.js';
import { UsageError, type Io } from './io.js';
import { stableStringify } from './output.js';
import { generatorName } from './paths.js';

export interface ApiArgs {
  readonly endpoint: string;
  readonly apiKeyFile?: string;
  readonly apiKey?: string;
  readonly caCert?: string;
  readonly insecure: boolean;
  readonly timeout: string;
  readonly retries: number;
  readonly retryDelay: string;
  readonly quiet: boolean;
}

/**
 * 30 s per call: the Palette SDK's default request timeout (palette-api.md §1); MAAS API calls
 * that reconfigure a machine answer in well under that (our estimate 0.05–1 s, maas-api.md §7.2).
 */
export const DEFAULT_TIMEOUT = '30s';

/** A single-value option given twice: the last one wins, as in most command lines. */
export const lastValue = <T>(v: T | T[]): T => (Array.isArray(v) ? (v[v.length - 1] as T) : v);

export function withApiOptions<T>(y: Argv<T>, endpoint = 'the API URL: MAAS http://HOST:5240/MAAS, Palette https://api.spectrocloud.com (or your Palette host)') {
  return y
    .option('endpoint', { type: 'string', demandOption: 'give the API URL with --endpoint', requiresArg: true, coerce: lastValue, describe: endpoint })
    .option('api-key-file', { type: 'string', requiresArg: true, coerce: lastValue, describe: 'read the API key from this file instead of MAAS_API_KEY / PALETTE_API_KEY' })
    .option('api-key', { type: 'string', hidden: true, describe: 'refused: a key on the command line shows in ps and shell history' })
    .option('ca-cert', { type: 'string', requiresArg: true, coerce: lastValue, describe: 'trust the CA certificates in this PEM file (a private CA, a self-signed MAAS)' })
    .option('insecure', { type: 'boolean', default: false, describe: 'do not verify the server\'s TLS certificate (prints a warning; only on a network you trust)' })
    .option('timeout', { type: 'string', default: DEFAULT_TIMEOUT, requiresArg: true, coerce: lastValue, describe: 'deadline of each call: connect, send and the whole answer' })
    .option('retries', { type: 'number', default: DEFAULT_RETRY.attempts - 1, requiresArg: true, coerce: lastValue, describe: 'retries of a call after 429/503 (Retry-After honoured), 5xx, dropped connections and timeouts' })
    .option('retry-delay', { type: 'string', default: `${DEFAULT_RETRY.baseDelayMs / 1000}s`, requiresArg: true, coerce: lastValue, describe: 'backoff before the first retry, doubled (with jitter) before each next one, at most 30s' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress bar and no retry notices on stderr' });
}

export interface Connection {
  readonly transport: HttpTransport;
  readonly caller: Caller;
  readonly key: string;
  readonly policy: RetryPolicy;
  readonly timeoutMs: number;
}

function duration(flag: string, text: string, min: number): number {
  const d = parseDurationMs(text);
  if (!d.ok) throw new UsageError(`--${flag} ${text}: ${d.message}`, d.hint);
  if (d.value < min) throw new UsageError(`--${flag} ${text} is too short`, `use at least ${min} ms`);
  return d.value;
}

/** Read the key: --api-key-file, else the environment variable. Never from argv; never echoed. */
export function readApiKey(args: ApiArgs, envVar: string, secrets: Secrets, hint: string): string {
  if (args.apiKey !== undefined) {
    secrets.add(args.apiKey);
    throw new UsageError('--api-key is not accepted: a key on the command line shows in `ps` and in shell history', `put it in ${envVar}, or in a file readable only by you and pass --api-key-file FILE`);
  }
  let key: string | undefined;
  if (args.apiKeyFile !== undefined) {
    try {
      if (!statSync(args.apiKeyFile).isFile()) throw new UsageError(`--api-key-file ${args.apiKeyFile} is not a file`, hint);
      key = readFileSync(args.apiKeyFile, 'utf8').trim();
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`cannot read --api-key-file ${args.apiKeyFile} (${(e as NodeJS.ErrnoException).code ?? 'error'})`, hint);
    }
    if (key === '') throw new UsageError(`--api-key-file ${args.apiKeyFile} is empty`, hint);
  } else {
    key = process.env[envVar]?.trim();
    if (key === undefined || key === '') throw new UsageError(`no API key: ${envVar} is not set and no --api-key-file was given`, hint);
  }
  secrets.add(key);
  for (const part of key.split(':')) secrets.add(part);
  return key;
}

/** Loopback endpoints (the tests' fakes, an SSH tunnel) are not warned about plain http. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || host === '::1' || /^127\./.test(host);
}

/** A stable seed for the retry jitter of this site and endpoint (no Math.random anywhere). */
export function seedOf(...parts: string[]): number {
  return createHash('sha256').update(parts.join('\u0000')).digest().readUInt32BE(0);
}

export function connect(io: Io, args: ApiArgs, root: URL, parallel: number, seed: number): Omit<Connection, 'key'> {
  if (args.insecure && args.caCert !== undefined) throw new UsageError('--insecure and --ca-cert contradict each other', 'keep --ca-cert: it checks the certificate against your CA');
  // 20 retries (our bound): with the 30 s cap on one wait, a run never waits more than ten minutes on one call.
  if (!Number.isInteger(args.retries) || args.retries < 0 || args.retries > 20) throw new UsageError(`--retries ${args.retries} is not a whole number from 0 to 20`, 'for example --retries 4');
  const timeoutMs = duration('timeout', args.timeout, 10);
  const baseDelayMs = duration('retry-delay', args.retryDelay, 0);
  let ca: string | undefined;
  if (args.caCert !== undefined) {
    try {
      ca = readFileSync(args.caCert, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read --ca-cert ${args.caCert} (${(e as NodeJS.ErrnoException).code ?? 'error'})`, 'give a PEM file with the CA certificate(s)');
    }
    if (!ca.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--ca-cert ${args.caCert} holds no PEM certificate`, 'give a PEM file with "-----BEGIN CERTIFICATE-----" blocks');
  }
  if (args.insecure) io.err(`${io.errStyle.yellow('warning')}: --insecure: the server's TLS certificate is not checked; anyone on the path can pose as ${root.host} and read the API key`);
  if (root.protocol === 'http:' && !isLoopback(root.hostname)) io.err(`${io.errStyle.yellow('warning')}: ${root.host} is plain http: the API key's signature and everything apply sends travel unencrypted; use https where the server offers it`);
  if (args.insecure && root.protocol === 'http:') io.err(`${io.errStyle.yellow('warning')}: --insecure has no effect on an http endpoint`);
  const policy: RetryPolicy = { ...DEFAULT_RETRY, attempts: args.retries + 1, baseDelayMs };
  const transport = new HttpTransport({ tls: { ...(ca !== undefined ? { ca } : {}), insecure: args.insecure }, timeoutMs, maxSockets: Math.max(1, parallel), userAgent: generatorName().replace(' ', '/') });
  const caller = makeCaller({
    send: (r) => transport.send(r),
    policy,
    seed,
    ...(args.quiet ? {} : { onRetry: (n) => io.err(`${io.errStyle.dim('retry')} ${n.attempt}/${n.of - 1}: ${n.request}: ${n.reason}; next attempt in ${(n.delayMs / 1000).toFixed(1)} s`) }),
  });
  return { transport, caller, policy, timeoutMs };
}

/**
 * `error: …` and `  hint: …` on stderr: how a run that cannot go on ends; with --json, also
 * `{ok: false, error, hint}` on stdout (the shape every command's stop has), so a script
 * reading stdout learns why.
 */
export function printFatal(io: Io, f: { readonly message: string; readonly hint: string }, json = false): void {
  if (json) io.out(stableStringify({ ok: false, error: f.message, hint: f.hint }));
  io.err(`${io.errStyle.red('error')}: ${f.message}`);
  io.err(`  hint: ${f.hint}`);
}

export function checkParallel(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError(`--parallel ${n} is not a whole number from 1 to 64`, 'for example --parallel 4');
}

/**
 * A MAAS client, once MAAS answered `GET version/` (asked before the key is read, so a wrong
 * or dead endpoint is said first) and the key is there and well-formed. Undefined, with the
 * error printed, when MAAS is not there; a UsageError for the key.
 */
export async function openMaas(io: Io, args: ApiArgs & { readonly json?: boolean }, root: URL, conn: Omit<Connection, 'key'>, secrets: Secrets): Promise<MaasClient | undefined> {
  const probe = await probeMaas(root, conn.caller, secrets);
  if (!probe.ok) {
    conn.transport.close();
    printFatal(io, probe, args.json === true);
    return undefined;
  }
  try {
    const parsed = parseMaasKey(readApiKey(args, 'MAAS_API_KEY', secrets, MAAS_KEY_HINT));
    if (!parsed.ok) throw new UsageError(`${args.apiKeyFile !== undefined ? `--api-key-file ${args.apiKeyFile}` : 'MAAS_API_KEY'}: ${parsed.message}`, MAAS_KEY_HINT);
    return new MaasClient(root, parsed.key, conn.caller, secrets);
  } catch (e) {
    conn.transport.close();
    throw e;
  }
}

/** The Io of a command that handles secrets: every line out and err is scrubbed. */
export function scrubbedIo(io: Io, secrets: Secrets): Io {
  return { ...io, out: (t) => io.out(secrets.scrub(t)), err: (t) => io.err(secrets.scrub(t)) };
}
