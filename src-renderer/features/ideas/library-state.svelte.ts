import { ApiError, followEvents, invoke } from '../../lib/api/client.ts';
import { putCachedIdea, readCachedLibrary } from '../../lib/db/library-cache.ts';
import { getLibraryDb, type LibraryDb } from '../../lib/db/library-db.ts';
import type { CachedIdea } from '../../lib/db/library-types.ts';
import type { LibraryListResponse } from '../../../src-main/contract/library.ts';
import type { RequestOf } from '../../../src-main/contract/index.ts';
import { refreshLibrary } from './library-merge.ts';

/**
 * The library as the page shows it: read from the offline cache first (IndexedDB), then refreshed from the core
 * (`library.list` with the cursor of the last refresh: only what changed). When the core cannot be reached (the
 * browser-mode server is down, the network is gone, the store answers UNAVAILABLE) the cached library stays on
 * screen, read-only, with the reason; refreshing is retried with a growing delay and on every `library.changed`
 * event or reconnection, and the page is writable again as soon as one succeeds.
 */

const RETRY_FIRST_MS = 1_000;
const RETRY_MAX_MS = 30_000;

export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return `${err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

/** A failure that means "the core or its store is not there", as opposed to a refused request. */
export function isUnreachable(err: unknown): boolean {
  return !(err instanceof ApiError) || err.code === 'UNAVAILABLE' || err.code === 'INTERNAL';
}

export class LibraryState {
  phase = $state<'loading' | 'ready' | 'empty-offline'>('loading');
  ideas = $state.raw<CachedIdea[]>([]);
  /** Why the library is read-only (null: connected). */
  offline = $state<string | null>(null);
  /** Parts of the library the core could not read this time (e.g. the lab's Neo4j): shown from the cache. */
  unavailable = $state.raw<string[]>([]);
  refreshedAt = $state<number | null>(null);
  readonly #db: LibraryDb;
  #cursor: string | null = null;
  #refreshing: Promise<void> | null = null;
  #again = false;
  #retryMs = RETRY_FIRST_MS;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #stopped = false;

  constructor(db: LibraryDb = getLibraryDb()) {
    this.#db = db;
  }

  /** Cache first (on screen at once), then the core. */
  async load(): Promise<void> {
    try {
      const cached = await readCachedLibrary(this.#db);
      this.#cursor = cached.cursor;
      this.refreshedAt = cached.refreshedAt;
      if (cached.refreshedAt !== null) {
        this.ideas = cached.ideas;
        this.phase = 'ready';
      }
    } catch (err) {
      console.warn('library cache unreadable; reading the core', err);
    }
    await this.refresh();
  }

  /** One refresh at a time; a call during one runs once more after it. */
  refresh(): Promise<void> {
    if (this.#refreshing) {
      this.#again = true;
      return this.#refreshing;
    }
    this.#refreshing = this.#refreshOnce().finally(() => {
      this.#refreshing = null;
      if (this.#again && !this.#stopped) {
        this.#again = false;
        void this.refresh();
      }
    });
    return this.#refreshing;
  }

  async #refreshOnce(): Promise<void> {
    const now = Date.now();
    let refreshed: Awaited<ReturnType<typeof refreshLibrary>>;
    try {
      const list = (request: RequestOf<'library.list'>): Promise<LibraryListResponse> =>
        invoke('library.list', request);
      refreshed = await refreshLibrary(this.#db, list, this.ideas, this.#cursor, now);
    } catch (err) {
      this.#wentOffline(err);
      return;
    }
    const { ideas, answer } = refreshed;
    this.#cursor = answer.cursor;
    this.ideas = ideas;
    this.unavailable = answer.unavailable.map(
      (u) => `${u.source === 'lab' ? 'Lab ideas' : 'Your ideas'}: ${u.message}`,
    );
    this.refreshedAt = now;
    this.offline = null;
    this.phase = 'ready';
    this.#retryMs = RETRY_FIRST_MS;
  }

  #wentOffline(err: unknown): void {
    this.offline = isUnreachable(err)
      ? `the app's core could not be reached (${messageOf(err)})`
      : messageOf(err);
    if (this.phase === 'loading') this.phase = this.ideas.length > 0 ? 'ready' : 'empty-offline';
    if (this.#timer || this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.refresh();
    }, this.#retryMs);
    this.#retryMs = Math.min(this.#retryMs * 2, RETRY_MAX_MS);
  }

  /** Refreshes on every library change and reconnection, and when the browser is back online. */
  follow(): () => void {
    this.#stopped = false;
    const refresh = (): void => void this.refresh();
    const off = followEvents('library.changed', refresh, refresh);
    window.addEventListener('online', refresh);
    return () => {
      this.#stopped = true;
      off();
      window.removeEventListener('online', refresh);
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = null;
    };
  }

  /** An entry this window changed (the core's answer already applied): shown and cached at once. */
  async replace(idea: CachedIdea): Promise<void> {
    this.ideas = this.ideas.map((i) => (i.ideaId === idea.ideaId ? idea : i));
    await putCachedIdea(this.#db, idea);
  }

  find(ideaId: string): CachedIdea | undefined {
    return this.ideas.find((i) => i.ideaId === ideaId);
  }
}
