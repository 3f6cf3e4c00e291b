import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../shared/atomic-write.ts';

/**
 * Content-addressed response cache: the key is the sha256 of everything that shapes the answer (model,
 * messages, tools, parameters), so rerunning identical inputs replays the stored answer and costs nothing.
 * One JSON file per entry, written atomically; an unreadable file is a miss, never an error.
 */

const FORMAT_VERSION = 1;

/** JSON with object keys sorted at every level, so key order in a request does not change its hash. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
      );
    }
    return v;
  });
}

export function cacheKey(parts: unknown): string {
  return createHash('sha256').update(canonicalJson(parts)).digest('hex');
}

export class ResponseCache {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  #path(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  get<T>(key: string): T | undefined {
    try {
      const stored = JSON.parse(readFileSync(this.#path(key), 'utf8')) as { v?: unknown; value?: T };
      return stored.v === FORMAT_VERSION ? stored.value : undefined;
    } catch {
      return undefined;
    }
  }

  set(key: string, value: unknown): void {
    writeFileAtomic(this.#path(key), JSON.stringify({ v: FORMAT_VERSION, value }));
  }
}
