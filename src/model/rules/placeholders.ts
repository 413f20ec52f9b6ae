/**
 * Placeholders: values a site file holds only until someone who knows writes the real one.
 * `vmo-twin import maas` writes what MAAS cannot know (the FlashArray, FC port speeds and
 * fabrics, the Palette cloud account, …) as a plausible value with a `# PLACEHOLDER: …`
 * comment on it, so the file loads and compiles, and this rule reports every one of them
 * (with its line) until the comment is gone. Replacing the value with `--set` clears it too.
 */
import { isMap, isNode, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { Path } from '../codec.js';
import type { SiteSource } from '../load.js';
import type { Finding } from '../twin.js';

/** The marker, at the start of a comment (after "#" and spaces). */
export const PLACEHOLDER_MARKER = 'PLACEHOLDER:';

/** The text after the marker when a comment holds one; comments may span several lines. */
function placeholderText(comment: string | null | undefined): string | undefined {
  if (!comment) return undefined;
  for (const line of comment.split('\n')) {
    const t = line.trim();
    if (t.startsWith(PLACEHOLDER_MARKER)) return t.slice(PLACEHOLDER_MARKER.length).trim();
  }
  return undefined;
}

export function placeholderRules(source: SiteSource, out: Finding[]): void {
  const seen = new Set<string>();
  const report = (path: Path, text: string): void => {
    const key = path.join('\u0000');
    if (seen.has(key)) return;
    seen.add(key);
    out.push({
      path,
      code: 'placeholder',
      message: text || 'this value is a placeholder',
      hint: 'write the real value and delete the "# PLACEHOLDER:" comment (vmo-twin import maas leaves one on every value MAAS cannot know)',
    });
  };
  const visit = (node: unknown, path: Path, depth: number): void => {
    if (!isNode(node) || depth > 64) return;
    const own = placeholderText((node as Node).commentBefore) ?? placeholderText((node as Node).comment);
    if (own !== undefined) report(path, own);
    if (isMap(node)) {
      for (const item of node.items) {
        if (!isPair(item)) continue;
        const key = isScalar(item.key) ? item.key.value : undefined;
        if (typeof key !== 'string' && typeof key !== 'number') continue;
        const child = [...path, String(key)];
        if (isNode(item.key)) {
          const onKey = placeholderText(item.key.commentBefore) ?? placeholderText(item.key.comment);
          if (onKey !== undefined) report(child, onKey);
        }
        visit(item.value, child, depth + 1);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => visit(item, [...path, i], depth + 1));
    }
  };
  visit(source.doc.contents, [], 0);
}
