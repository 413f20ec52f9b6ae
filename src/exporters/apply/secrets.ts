/**
 * Secrets that must never be printed: the API keys and the `${env:…}` values apply sends.
 * Nothing in apply formats a secret on purpose (keys go into request headers only); this
 * registry is the second line of defence: every line apply prints or journals, and every
 * message taken from a server's answer, passes through `scrub`, which replaces each known
 * secret with `***`.
 */

/** Shorter strings would mangle ordinary text; MAAS key parts are 18 and 32 characters (maas-api.md §1.2). */
const MIN_SECRET_LENGTH = 6;

export class Secrets {
  private readonly values = new Set<string>();

  /** Remember a secret (and nothing shorter than a few characters, which could be anything). */
  add(value: string | undefined): void {
    if (value === undefined) return;
    const v = value.trim();
    if (v.length >= MIN_SECRET_LENGTH) this.values.add(v);
    // A secret may reach a message percent-encoded (an OAuth header) or JSON-escaped.
    const encoded = encodeURIComponent(v);
    if (encoded !== v && encoded.length >= MIN_SECRET_LENGTH) this.values.add(encoded);
  }

  /** The text with every known secret replaced by `***`, longest first so parts of a key go last. */
  scrub(text: string): string {
    if (this.values.size === 0) return text;
    let out = text;
    for (const s of [...this.values].sort((a, b) => b.length - a.length)) {
      if (out.includes(s)) out = out.split(s).join('***');
    }
    return out;
  }

  get size(): number {
    return this.values.size;
  }
}
