import { invoke } from '../../lib/api/client.ts';
import { putCachedDossier, readCachedDossier } from '../../lib/db/library-cache.ts';
import { getLibraryDb, type LibraryDb } from '../../lib/db/library-db.ts';
import type { CachedVersion } from '../../lib/db/library-types.ts';
import type { Dossier } from '../../../src-main/contract/reports.ts';
import { toCachedVersions } from './library-adapter.ts';
import { messageOf } from './library-state.svelte.ts';

/**
 * One open idea: its versions and dialogue from the offline cache at once, then the full dossier from the core
 * (`ideas.dossier`: cited nodes, papers, evaluation), whose versions replace the cached ones and are cached in
 * turn. Offline, the cached versions are all there is.
 */
export class IdeaDetail {
  ideaId = $state<string | null>(null);
  versions = $state.raw<CachedVersion[]>([]);
  dossier = $state.raw<Dossier | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** The two versions the diff compares (older, newer). */
  from = $state(0);
  to = $state(0);
  readonly #db: LibraryDb;
  #request = 0;

  constructor(db: LibraryDb = getLibraryDb()) {
    this.#db = db;
  }

  async open(ideaId: string, ideaUpdatedAt: string): Promise<void> {
    const request = ++this.#request;
    this.ideaId = ideaId;
    this.dossier = null;
    this.versions = [];
    this.error = null;
    this.loading = true;
    const cached = await readCachedDossier(this.#db, ideaId).catch(() => null);
    if (request !== this.#request) return;
    if (cached) this.#showVersions(cached.versions);
    try {
      const dossier = await invoke('ideas.dossier', { ideaId });
      if (request !== this.#request) return;
      const versions = toCachedVersions(dossier);
      this.dossier = dossier;
      this.#showVersions(versions);
      await putCachedDossier(this.#db, { ideaId, versions, ideaUpdatedAt });
    } catch (err) {
      if (request !== this.#request) return;
      this.error = messageOf(err);
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }

  #showVersions(versions: CachedVersion[]): void {
    this.versions = versions;
    const last = versions.at(-1)?.version ?? 0;
    this.to = last;
    this.from = versions.at(-2)?.version ?? last;
  }

  close(): void {
    this.#request += 1;
    this.ideaId = null;
    this.dossier = null;
    this.versions = [];
    this.error = null;
    this.loading = false;
  }

  version(n: number): CachedVersion | undefined {
    return this.versions.find((v) => v.version === n);
  }
}
