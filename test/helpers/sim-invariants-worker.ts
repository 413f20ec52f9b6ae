/**
 * A worker thread of the invariant fuzz campaign: compiles the generated sites it is given,
 * then runs the (drill, seeds) slices the test thread hands it and sends back the failures.
 * Started through tsx (see sim-invariants-pool.ts), so it runs the sources, not dist/.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Campaign, type SeedsOutcome, type SiteCase } from './sim-invariants.js';

export type ToInvariantWorker = { readonly type: 'run'; readonly id: number; readonly drill: string; readonly seeds: readonly number[] } | { readonly type: 'stop' };
export type FromInvariantWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly id: number; readonly outcome: SeedsOutcome }
  | { readonly type: 'error'; readonly id: number; readonly message: string };

const data = workerData as { sites: SiteCase[]; drills: Array<{ name: string; text: string }> } | null;
const port = parentPort;
if (port && data) {
  const campaign = new Campaign(data.sites, data.drills);
  port.on('message', (m: ToInvariantWorker) => {
    if (m.type === 'stop') {
      port.close();
      return;
    }
    try {
      port.postMessage({ type: 'done', id: m.id, outcome: campaign.runSeeds(m.drill, m.seeds) } satisfies FromInvariantWorker);
    } catch (e) {
      port.postMessage({ type: 'error', id: m.id, message: (e as Error).stack ?? String(e) } satisfies FromInvariantWorker);
    }
  });
  port.postMessage({ type: 'ready' } satisfies FromInvariantWorker);
}
