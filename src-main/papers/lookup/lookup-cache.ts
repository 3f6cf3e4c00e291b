import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../shared/atomic-write.ts';

/**
 * Successful lookup answers on disk (`<dataDir>/cache/paper-lookup/<sha256 of the URL>.json`), so importing the
 * same DOI again, offline or under a rate limit, costs no request. An entry that no longer parses is a miss.
 */

const EntrySchema = z.object({ url: z.string(), fetchedAt: z.number(), body: z.string() });

export class LookupCache {
  readonly dir: string;
  private readonly ttlMs: number;

  constructor(dataDir: string, ttlMs: number) {
    this.dir = join(dataDir, 'cache', 'paper-lookup');
    this.ttlMs = ttlMs;
  }

  private pathOf(url: string): string {
    return join(this.dir, `${createHash('sha256').update(url).digest('hex')}.json`);
  }

  get(url: string, now = Date.now()): string | null {
    if (this.ttlMs <= 0) return null;
    const path = this.pathOf(url);
    if (!existsSync(path)) return null;
    try {
      const entry = EntrySchema.parse(JSON.parse(readFileSync(path, 'utf8')));
      return entry.url === url && now - entry.fetchedAt <= this.ttlMs ? entry.body : null;
    } catch {
      return null;
    }
  }

  put(url: string, body: string, now = Date.now()): void {
    if (this.ttlMs <= 0) return;
    writeFileAtomic(this.pathOf(url), JSON.stringify({ url, fetchedAt: now, body }));
  }
}
