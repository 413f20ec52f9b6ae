import { loadSiteFile } from '../src/model/load.js';
import { validateSite } from '../src/model/validate.js';
const file = process.argv[2]!;
const sets = process.argv.slice(3);
const t0 = performance.now();
const r = loadSiteFile(file, sets);
if (r.kind === 'unusable') { console.log(JSON.stringify(r.diagnostics, null, 1)); process.exit(2); }
const v = validateSite(r.site, r.source, r.diagnostics);
console.log('ms', performance.now() - t0);
console.log(JSON.stringify(v.diagnostics, null, 1));
console.log(v.twin?.placement.kind, v.twin?.vms.count);
