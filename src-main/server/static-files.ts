import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { contentTypeOf } from '../shared/content-types.ts';

export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/**
 * What a URL path resolves to: a file, a path that cannot name a file (undecodable, NUL, outside the root:
 * the client's fault, 400), or no renderer at all (not built: 404). Callers answer without the folder's path.
 */
export type StaticLookup = { kind: 'file'; file: StaticFile } | { kind: 'bad-path' } | { kind: 'not-built' };

/** Resolves a URL path inside `root` (never outside it); unknown paths fall back to index.html. */
export function loadStaticFile(root: string, urlPath: string): StaticLookup {
  const decoded = safeDecode(urlPath);
  if (decoded === null || decoded.includes('\0')) return { kind: 'bad-path' };
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  const candidate = join(root, relative);
  if (candidate !== root && !candidate.startsWith(root + sep)) return { kind: 'bad-path' };
  const file = existsSync(candidate) && statSync(candidate).isFile() ? candidate : join(root, 'index.html');
  if (!existsSync(file)) return { kind: 'not-built' };
  return { kind: 'file', file: { body: readFileSync(file), contentType: contentTypeOf(extname(file)) } };
}

/** decodeURIComponent, or null for malformed percent-encoding (it throws URIError). */
export function safeDecode(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}
