/**
 * A hash route to one graph node, `#/graph/node/<id>`, so other sections (Methods' linked Solutions) can link
 * to it and a reload keeps it open. The Graph section reads it when it opens and on every hash change.
 */

const PREFIX = '#/graph/node/';

export function graphNodeHref(id: string): string {
  return `${PREFIX}${encodeURIComponent(id)}`;
}

/** The node id a hash names, or null when it names none (or is malformed). */
export function graphNodeFromHash(hash: string): string | null {
  if (!hash.startsWith(PREFIX)) return null;
  try {
    const id = decodeURIComponent(hash.slice(PREFIX.length));
    return id.trim() === '' ? null : id;
  } catch {
    return null;
  }
}
