/**
 * The journal: what a stopped run did is found again (done objects with their ids, objects
 * in flight with the change intended), a torn last line is ignored, a finished run or
 * another plan starts over, one apply at a time holds the lock (a dead holder's is taken
 * over), and no secret reaches the file. Also the secrets scrubber it relies on.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Journal, journalPath, readJournal, resumeStateOf, type JournalHeader } from '../../../src/exporters/apply/journal.js';
import { Secrets } from '../../../src/exporters/apply/secrets.js';
import { sha256 } from '../../../src/exporters/index.js';
import { workDir } from '../../helpers/fakes.js';

const HEADER: JournalHeader = { apply: 'maas', site: 'lab', endpoint: 'http://maas:5240/MAAS/api/2.0/', planDigest: 'abc' };
const clock = (): Date => new Date('2026-03-01T10:00:00Z');

function open(dir: string, header: JournalHeader = HEADER, secrets = new Secrets()) {
  const path = journalPath(dir, header, sha256);
  const o = Journal.open(dir, path, header, secrets, clock);
  if (o.kind !== 'opened') throw new Error(`journal not opened: ${o.kind}`);
  return { ...o, path };
}

describe('the apply journal', () => {
  it('gives the next run what the stopped one did: done objects with their ids, and what was in flight', () => {
    const dir = workDir();
    const a = open(dir);
    expect(a.resume).toBeUndefined();
    a.journal.intent('fabric/fabric-pxe', undefined, 'POST /fabrics/', 'create');
    a.journal.done('fabric/fabric-pxe', undefined, 'create', { 'fabric:fabric-pxe': '7' }, 'POST /fabrics/');
    a.journal.intent('workers/bond/bond_data', 'worker-1', 'POST /nodes/x/interfaces/?op=create_bond', 'create');
    a.journal.intent('workers/bond/bond_mgmt', 'worker-2', 'POST /nodes/y/interfaces/?op=create_bond', 'create');
    a.journal.fail('workers/bond/bond_mgmt', 'worker-2', 'failed', '400');
    a.journal.close();
    appendFileSync(a.path, '{"v":1,"seq":9,"event":"do'); // killed mid-write

    const b = open(dir);
    expect(b.resume?.done.get('fabric/fabric-pxe')?.binds).toEqual({ 'fabric:fabric-pxe': '7' });
    expect([...(b.resume?.inFlight ?? [])]).toEqual([['workers/bond/bond_data@worker-1', 'create']]);
    expect(b.resume?.startedAt).toBe('2026-03-01T10:00:00.000Z');
    // A resumed run that stops again still sees the first run's work.
    b.journal.done('workers/bond/bond_data', 'worker-1', 'create', { 'interface:bond_data': '12' });
    b.journal.close();
    const c = open(dir);
    expect([...(c.resume?.done.keys() ?? [])].sort()).toEqual(['fabric/fabric-pxe', 'workers/bond/bond_data@worker-1']);
    expect(c.resume?.inFlight.size).toBe(0);
    c.journal.end('converged');
    c.journal.close();
    expect(open(dir).resume).toBeUndefined();
  });

  it('starts over for another plan or endpoint, and says so', () => {
    const dir = workDir();
    const a = open(dir);
    a.journal.done('zone/az1', undefined, 'create', {});
    a.journal.close();
    const records = readJournal(a.path);
    expect(resumeStateOf(records, { ...HEADER, planDigest: 'other' })).toEqual({ restarted: 'other-plan' });
    const b = Journal.open(dir, a.path, { ...HEADER, planDigest: 'other' }, new Secrets(), clock);
    expect(b.kind === 'opened' && b.restarted).toBe('other-plan');
    expect(b.kind === 'opened' && b.resume).toBeUndefined();
    if (b.kind === 'opened') b.journal.close();
    expect(readJournal(a.path).map((r) => r.event)).toEqual(['begin']);
  });

  it('is held by one apply at a time; a lock left by a dead process is taken over', () => {
    const dir = workDir();
    const a = open(dir);
    const second = Journal.open(dir, a.path, HEADER, new Secrets(), clock);
    expect(second.kind).toBe('opened'); // the same process may reopen (its own pid)
    if (second.kind === 'opened') second.journal.close();
    a.journal.close();
    writeFileSync(`${a.path}.lock`, String(process.ppid));
    const locked = Journal.open(dir, a.path, HEADER, new Secrets(), clock);
    expect(locked).toEqual({ kind: 'locked', path: a.path, pid: process.ppid });
    writeFileSync(`${a.path}.lock`, '2147483646');
    expect(Journal.open(dir, a.path, HEADER, new Secrets(), clock).kind).toBe('opened');
  });

  it('never writes a secret, even one that slipped into a message', () => {
    const dir = workDir();
    const secrets = new Secrets();
    secrets.add('TstTokenSecret0123456789abcdefgh');
    const a = open(dir, HEADER, secrets);
    a.journal.fail('subnet/10.0.0.0/8', undefined, 'failed', 'the server said: Authorization: OAuth oauth_signature="%26TstTokenSecret0123456789abcdefgh"');
    a.journal.close();
    const text = readFileSync(a.path, 'utf8');
    expect(text).not.toContain('TstTokenSecret');
    expect(text).toContain('oauth_signature=\\"%26***\\"');
  });

  it('names its file after the apply, the site and the endpoint, under the given folder', () => {
    expect(journalPath('/j', HEADER, sha256)).toMatch(/^\/j\/apply-maas-lab-[0-9a-f]{10}\.jsonl$/);
    expect(journalPath('/j', HEADER, sha256)).not.toBe(journalPath('/j', { ...HEADER, endpoint: 'http://other:5240/MAAS/api/2.0/' }, sha256));
  });
});

describe('the secrets scrubber', () => {
  it('replaces every known secret, encoded or not, and leaves short strings alone', () => {
    const s = new Secrets();
    s.add('p@ss/word+1');
    s.add('abc');
    expect(s.scrub('a p@ss/word+1 and p%40ss%2Fword%2B1, abc')).toBe('a *** and ***, abc');
    expect(s.size).toBe(2);
  });
});
