/**
 * Test helpers: validate exported documents against JSON schemas. The Kubernetes kinds'
 * schemas are read in place from ../shared/schemas (draft-04); where that folder is absent
 * the caller skips loudly, except under CI=true, where its absence fails.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import ajvDraft04 from 'ajv-draft-04';
import { ROOT } from './site.js';

export const SHARED_SCHEMAS = join(ROOT, '..', 'shared', 'schemas');
export const sharedSchemasPresent = existsSync(SHARED_SCHEMAS);

export interface Validator {
  /** Error messages, empty when valid. */
  (doc: unknown): string[];
}

function messages(errors: ReadonlyArray<{ instancePath: string; message?: string; params?: unknown }> | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'} ${JSON.stringify(e.params ?? {})}`);
}

/** ajv-draft-04 is CommonJS (module.exports = the class, with .default = the class); NodeNext types the default import as the module. */
const AjvDraft04 = ajvDraft04.default;

const kindValidators = new Map<string, Validator | null>();

/** The schema file of a document: `<apiVersion with / as _>_<Kind>.json` (schemas/README.md). */
export function schemaFileOf(doc: { apiVersion?: unknown; kind?: unknown }): string {
  return `${String(doc.apiVersion).replace(/\//g, '_')}_${String(doc.kind)}.json`;
}

/** The validator of a kind, or null when ../shared/schemas has no schema for it. */
export function kindValidator(doc: { apiVersion?: unknown; kind?: unknown }): Validator | null {
  const file = schemaFileOf(doc);
  if (!kindValidators.has(file)) {
    const path = join(SHARED_SCHEMAS, file);
    if (!existsSync(path)) kindValidators.set(file, null);
    else {
      const ajv = new AjvDraft04({ strict: false, allErrors: true, validateFormats: false, logger: false });
      const validate = ajv.compile(JSON.parse(readFileSync(path, 'utf8')) as object);
      kindValidators.set(file, (d) => (validate(d) ? [] : messages(validate.errors)));
    }
  }
  return kindValidators.get(file) ?? null;
}

/** A validator for one of our own draft-07 schemas. */
export function schemaValidator(path: string): Validator {
  const ajv = new Ajv({ strict: true, strictRequired: false, strictTypes: false, allErrors: true });
  const validate = ajv.compile(JSON.parse(readFileSync(path, 'utf8')) as object);
  return (d) => (validate(d) ? [] : messages(validate.errors));
}
