import dataset from '../../../resources/planning-methods.json';
import type { DatasetExtras, AtlasDb } from '../../lib/db/atlas-db.ts';
import { addUserMethod, deleteUserMethod, saveAnnotation } from '../../lib/db/atlas-notes.ts';
import type { UserMethodInput } from '../../lib/db/atlas-notes.ts';
import { readAtlasSnapshot, syncBundledDataset } from '../../lib/db/atlas-sync.ts';
import type { AtlasSnapshot } from '../../lib/db/atlas-sync.ts';
import { emptyAnnotation } from './atlas-types.ts';
import type { Annotation, AtlasEntry, UserMethod } from './atlas-types.ts';
import type { Benchmark, Method } from './dataset-schema.ts';
import { buildEntries, toSearchDoc } from './entries.ts';
import { applyFilter, emptyFilter, facetCounts } from './facets.ts';
import type { MethodFilter } from './facets.ts';
import { startSeededIdeation } from './inspiration.ts';
import { createSearchIndex } from './search.ts';

/** The atlas section's shared state: data from IndexedDB, the user's query, filters and selection. */

export type AtlasView = 'browse' | 'compare' | 'performance' | 'benchmarks';
export interface Notice {
  kind: 'info' | 'error';
  text: string;
}

export const MAX_SELECTION = 8;

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
  annotations = $state.raw<Map<string, Annotation>>(new Map());

  query = $state('');
  filter = $state.raw<MethodFilter>(emptyFilter());
  view = $state<AtlasView>('browse');
  selectedId = $state<string | null>(null);
  /** Methods chosen for comparison and for "use as inspiration". */
  chosenIds = $state.raw<string[]>([]);
  notice = $state<Notice | null>(null);
  adding = $state(false);

  entries = $derived(
    buildEntries(this.methods, this.userMethods, this.extras?.performanceTables ?? []).sort(byYearThenName),
  );
  entryById = $derived(new Map(this.entries.map((e) => [e.id, e])));
  benchmarkById = $derived(new Map(this.benchmarks.map((b) => [b.id, b])));
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
  chosen = $derived(
    this.chosenIds.map((id) => this.entryById.get(id)).filter((e): e is AtlasEntry => e !== undefined),
  );

  constructor(db: AtlasDb) {
    this.db = db;
  }

  /** Shows what IndexedDB holds at once, then imports the bundled dataset if it is newer. */
  async load(bundled: unknown = dataset): Promise<void> {
    const start = performance.now();
    try {
      const stored = await readAtlasSnapshot(this.db);
      if (stored) this.apply(stored, start);
      const sync = await syncBundledDataset(this.db, bundled);
      if (sync.replaced) {
        const fresh = await readAtlasSnapshot(this.db);
        if (fresh) this.apply(fresh, start);
        if (sync.from !== null) {
          this.notice = {
            kind: 'info',
            text: `Methods updated to dataset v${sync.to} (was v${sync.from}); your notes and methods were kept.`,
          };
        }
      }
    } catch (e) {
      this.status = 'error';
      this.error = message(e);
    }
  }

  private apply(snapshot: AtlasSnapshot, start: number): void {
    this.version = snapshot.version;
    this.extras = snapshot.extras;
    this.methods = snapshot.methods;
    this.benchmarks = snapshot.benchmarks;
    this.userMethods = snapshot.userMethods;
    this.annotations = new Map(snapshot.annotations.map((a) => [a.methodId, a]));
    if (this.status !== 'ready') {
      this.status = 'ready';
      this.loadMs = performance.now() - start;
    }
  }

  annotation(methodId: string): Annotation {
    return this.annotations.get(methodId) ?? emptyAnnotation(methodId);
  }

  async annotate(methodId: string, patch: Partial<Omit<Annotation, 'methodId' | 'updatedAt'>>): Promise<void> {
    try {
      const saved = await saveAnnotation(this.db, { ...this.annotation(methodId), ...patch });
      this.annotations = new Map(this.annotations).set(methodId, saved);
    } catch (e) {
      this.notice = { kind: 'error', text: `Could not save: ${message(e)}` };
    }
  }

  /** Adds a user method; throws (with zod issues) when the input is invalid. */
  async addMethod(input: UserMethodInput): Promise<UserMethod> {
    const method = await addUserMethod(this.db, input);
    this.userMethods = [...this.userMethods, method];
    this.selectedId = method.id;
    this.adding = false;
    this.notice = { kind: 'info', text: `Added “${method.name}” (marked as user-added).` };
    return method;
  }

  async removeUserMethod(id: string): Promise<void> {
    await deleteUserMethod(this.db, id);
    this.userMethods = this.userMethods.filter((u) => u.id !== id);
    const annotations = new Map(this.annotations);
    annotations.delete(id);
    this.annotations = annotations;
    this.chosenIds = this.chosenIds.filter((c) => c !== id);
    if (this.selectedId === id) this.selectedId = null;
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
