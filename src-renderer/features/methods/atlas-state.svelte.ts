import dataset from '../../../resources/planning-methods.json';
import { invoke, onEvent } from '../../lib/api/client.ts';
import { getAtlasDb } from '../../lib/db/atlas-db.ts';
import type { DatasetExtras, AtlasDb } from '../../lib/db/atlas-db.ts';
import { addUserMethod, deleteUserMethod, saveAnnotation } from '../../lib/db/atlas-notes.ts';
import type { UserMethodInput } from '../../lib/db/atlas-notes.ts';
import { readAtlasSnapshot, syncBundledDataset } from '../../lib/db/atlas-sync.ts';
import { CoreSync, type CoreCaller, type ConflictChoice } from '../../lib/db/core-sync.ts';
import type { OutboxEntry } from '../../lib/db/outbox.ts';
import type { AtlasSnapshot } from '../../lib/db/atlas-sync.ts';
import { emptyAnnotation } from './atlas-types.ts';
import type { Annotation, AtlasEntry, UserMethod } from './atlas-types.ts';
import { DatasetSchema } from './dataset-schema.ts';
import type { Benchmark, Method } from './dataset-schema.ts';
import { buildEntries, toSearchDoc } from './entries.ts';
import { applyFilter, emptyFilter, facetCounts } from './facets.ts';
import type { MethodFilter } from './facets.ts';
import { startSeededIdeation } from '../../lib/db/inspirations.ts';
import { indexBy, withEntry, withoutEntry } from './maps.ts';
import { createSearchIndex } from './search.ts';

/** The atlas section's shared state: data from IndexedDB, the user's query, filters and selection. */

export type AtlasView = 'browse' | 'compare' | 'performance' | 'benchmarks' | 'graph-map';
export interface Notice {
  kind: 'info' | 'error';
  text: string;
}

export const MAX_SELECTION = 8;

/**
 * The bundled dataset. Imported statically (not as a lazy chunk): in browser mode with the core gone, a lazy
 * chunk cannot be fetched, and the version check must still work with no network.
 */
export type BundledLoader = () => Promise<unknown>;
const loadBundled: BundledLoader = () => Promise.resolve(dataset);

function byYearThenName(a: AtlasEntry, b: AtlasEntry): number {
  return (b.year ?? 0) - (a.year ?? 0) || a.name.localeCompare(b.name);
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class AtlasState {
  readonly db: AtlasDb;
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state<string | null>(null);
  version = $state<number | null>(null);
  /** Milliseconds from load() to the first render-ready state. */
  loadMs = $state<number | null>(null);
  extras = $state.raw<DatasetExtras | null>(null);
  methods = $state.raw<Method[]>([]);
  benchmarks = $state.raw<Benchmark[]>([]);
  userMethods = $state.raw<UserMethod[]>([]);
  annotations = $state.raw<ReadonlyMap<string, Annotation>>(indexBy<Annotation>([], (a) => a.methodId));

  query = $state('');
  filter = $state.raw<MethodFilter>(emptyFilter());
  view = $state<AtlasView>('browse');
  selectedId = $state<string | null>(null);
  /** Methods chosen for comparison and for "use as inspiration". */
  chosenIds = $state.raw<string[]>([]);
  notice = $state<Notice | null>(null);
  adding = $state(false);
  /** Local writes the core refused as stale: the user chooses keep mine / take theirs / merge. */
  conflicts = $state.raw<OutboxEntry[]>([]);
  /** Local writes not yet taken by the core (queued while it was unreachable, or refused). */
  unsynced = $state(0);
  coreReachable = $state(true);
  readonly sync: CoreSync | null;

  entries = $derived(
    buildEntries(this.methods, this.userMethods, this.extras?.performanceTables ?? []).sort(byYearThenName),
  );
  entryById = $derived(indexBy(this.entries, (e) => e.id));
  benchmarkById = $derived(indexBy(this.benchmarks, (b) => b.id));
  index = $derived(
    createSearchIndex(
      this.entries.map((e) => {
        const a = this.annotations.get(e.id);
        return toSearchDoc(e, a?.tags ?? [], a?.note ?? '');
      }),
    ),
  );
  matched = $derived.by(() => {
    if (this.query.trim() === '') return this.entries;
    return this.index
      .search(this.query)
      .map((id) => this.entryById.get(id))
      .filter((e): e is AtlasEntry => e !== undefined);
  });
  results = $derived(applyFilter(this.matched, this.filter, this.annotations));
  counts = $derived(facetCounts(this.matched, this.filter, this.annotations));
  selected = $derived(this.selectedId === null ? null : (this.entryById.get(this.selectedId) ?? null));
  /** Annotations of methods a dataset update dropped: kept in IndexedDB, listed so they are not lost from view. */
  orphanedNotes = $derived([...this.annotations.values()].filter((a) => !this.entryById.has(a.methodId)));
  chosen = $derived(
    this.chosenIds.map((id) => this.entryById.get(id)).filter((e): e is AtlasEntry => e !== undefined),
  );

  /** Without `core` (tests of the cache alone) writes stay queued in IndexedDB. */
  constructor(db: AtlasDb, core: CoreCaller | null = null) {
    this.db = db;
    this.sync = core ? new CoreSync(db, core, () => void this.refreshUserData()) : null;
  }

  /** Re-reads what the user wrote (cache and queue) after a sync changed it. */
  async refreshUserData(): Promise<void> {
    const [annotations, userMethods, outbox] = await Promise.all([
      this.db.annotations.toArray(),
      this.db.userMethods.toArray(),
      this.db.outbox.toArray(),
    ]);
    this.annotations = indexBy(annotations, (a) => a.methodId);
    this.userMethods = userMethods;
    this.conflicts = outbox.filter((e) => e.conflict !== undefined);
    this.unsynced = outbox.length;
    this.coreReachable = this.sync?.reachable ?? false;
  }

  /** Pushes queued writes to the core; never throws (an unreachable core leaves them queued). */
  async #push(): Promise<void> {
    try {
      await this.sync?.flush();
    } catch (e) {
      this.notice = { kind: 'error', text: `Could not sync your notes: ${message(e)}` };
    }
    await this.refreshUserData();
  }

  async resolveConflict(key: string, choice: ConflictChoice): Promise<void> {
    await this.sync?.resolve(key, choice);
    await this.refreshUserData();
  }

  private loading: Promise<void> | null = null;

  /** Loads once per state; later calls (the section mounted again) return the same promise. */
  ensureLoaded(): Promise<void> {
    this.loading ??= this.load();
    return this.loading;
  }

  /** Shows what IndexedDB holds at once, then imports the bundled dataset if it is newer. */
  async load(bundled: BundledLoader = loadBundled): Promise<void> {
    const start = performance.now();
    try {
      const stored = await readAtlasSnapshot(this.db);
      if (stored) this.apply(stored, start);
      const raw = await bundled();
      if (!stored) {
        // First start: show the bundled dataset while it is being written to IndexedDB.
        const { methods, benchmarks, ...extras } = DatasetSchema.parse(raw);
        this.apply(
          { version: extras.version, extras, methods, benchmarks, annotations: [], userMethods: [] },
          start,
        );
      }
      const sync = await syncBundledDataset(this.db, raw);
      if (sync.replaced) {
        const fresh = await readAtlasSnapshot(this.db);
        if (fresh) this.apply(fresh, start);
        if (sync.from !== null) {
          this.notice = {
            kind: 'info',
            text:
              `Methods updated to dataset v${sync.to} (was v${sync.from}); your notes and methods were kept.` +
              (this.orphanedNotes.length > 0
                ? ` ${this.orphanedNotes.length} of your notes are on methods this version no longer lists.`
                : ''),
          };
        }
      }
    } catch (e) {
      if (this.status === 'ready') {
        // What IndexedDB holds is on screen; only the check for a newer dataset failed.
        this.notice = { kind: 'error', text: `Could not check for a newer methods dataset: ${message(e)}` };
      } else {
        this.status = 'error';
        this.error = message(e);
      }
    }
    if (this.status === 'ready') await this.#startSync();
  }

  /** The core (data dir) holds the user's writes: push what is queued here, then pull what it has. */
  async #startSync(): Promise<void> {
    try {
      await this.sync?.start();
    } catch (e) {
      this.notice = { kind: 'error', text: `Could not load your notes from the app's data: ${message(e)}` };
    }
    await this.refreshUserData();
  }

  private apply(snapshot: AtlasSnapshot, start: number): void {
    this.version = snapshot.version;
    this.extras = snapshot.extras;
    this.methods = snapshot.methods;
    this.benchmarks = snapshot.benchmarks;
    this.userMethods = snapshot.userMethods;
    this.annotations = indexBy(snapshot.annotations, (a) => a.methodId);
    if (this.status !== 'ready') {
      this.status = 'ready';
      this.loadMs = performance.now() - start;
    }
  }

  annotation(methodId: string): Annotation {
    return this.annotations.get(methodId) ?? emptyAnnotation(methodId);
  }

  #annotating: Promise<unknown> = Promise.resolve();

  /**
   * Applies `patch` to the method's annotation. Calls run one after another, each on top of the last one's
   * result: a note saved on blur and a star clicked in the same moment must not overwrite each other.
   */
  async annotate(
    methodId: string,
    patch: Partial<Omit<Annotation, 'methodId' | 'updatedAt'>>,
  ): Promise<void> {
    const write = this.#annotating.then(async () => {
      const saved = await saveAnnotation(this.db, { ...this.annotation(methodId), ...patch });
      this.annotations = withEntry(this.annotations, methodId, saved);
    });
    this.#annotating = write.catch(() => undefined);
    try {
      await write;
    } catch (e) {
      this.notice = { kind: 'error', text: `Could not save: ${message(e)}` };
      return;
    }
    await this.#push();
  }

  /** Adds a user method; throws (with zod issues) when the input is invalid. */
  async addMethod(input: UserMethodInput): Promise<UserMethod> {
    const method = await addUserMethod(this.db, input);
    this.userMethods = [...this.userMethods, method];
    this.selectedId = method.id;
    this.adding = false;
    this.notice = { kind: 'info', text: `Added “${method.name}” (marked as user-added).` };
    await this.#push();
    return method;
  }

  async removeUserMethod(id: string): Promise<void> {
    await deleteUserMethod(this.db, id);
    this.userMethods = this.userMethods.filter((u) => u.id !== id);
    this.annotations = withoutEntry(this.annotations, id);
    this.chosenIds = this.chosenIds.filter((c) => c !== id);
    if (this.selectedId === id) this.selectedId = null;
    await this.#push();
  }

  isChosen(id: string): boolean {
    return this.chosenIds.includes(id);
  }

  toggleChosen(id: string): void {
    if (this.isChosen(id)) {
      this.chosenIds = this.chosenIds.filter((c) => c !== id);
    } else if (this.chosenIds.length >= MAX_SELECTION) {
      this.notice = { kind: 'error', text: `Choose at most ${MAX_SELECTION} methods at a time.` };
    } else {
      this.chosenIds = [...this.chosenIds, id];
    }
  }

  clearChosen(): void {
    this.chosenIds = [];
  }

  select(id: string): void {
    this.selectedId = id;
    this.view = 'browse';
  }

  setFilter(patch: Partial<MethodFilter>): void {
    this.filter = { ...this.filter, ...patch };
  }

  resetFilters(): void {
    this.filter = emptyFilter();
    this.query = '';
  }

  /** "Use as inspiration" with the chosen methods (or the open one). */
  async inspire(): Promise<void> {
    const ids = this.chosenIds.length > 0 ? this.chosenIds : this.selectedId ? [this.selectedId] : [];
    try {
      const result = await startSeededIdeation(ids, this.db);
      this.notice = { kind: 'info', text: `${result.notice} (${result.methodIds.length} methods).` };
    } catch (e) {
      this.notice = { kind: 'error', text: message(e) };
    }
  }
}

let shared: AtlasState | null = null;

/** The app's atlas state: kept across section switches, so query, filters and selection survive them. */
export function sharedAtlasState(): AtlasState {
  shared ??= underOwnRoot(() => new AtlasState(getAtlasDb(), { invoke, onEvent }));
  return shared;
}

/**
 * Built under an effect root of its own: a class's `$derived` fields belong to the effect running when it is
 * constructed, and since Svelte 5.55.3 they freeze when that effect ends (`derived_inert`) — the search stopped
 * answering once the first Methods page was left and opened again.
 */
function underOwnRoot<T>(make: () => T): T {
  let made: { value: T } | null = null;
  $effect.root(() => {
    made = { value: make() };
  });
  if (!made) throw new Error('$effect.root runs its function at once');
  return (made as { value: T }).value;
}
