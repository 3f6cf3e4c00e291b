import Dexie from 'dexie';
import type { EntityTable } from 'dexie';
import type { IdeatorInspirationMethod } from '../../../src-main/contract/ideator.ts';
import type { Annotation, UserMethod } from '../../features/methods/atlas-types.ts';
import type { Benchmark, Dataset, Method } from '../../features/methods/dataset-schema.ts';
import { defineAtlasSchema } from './atlas-upgrades.ts';
import type { OutboxEntry } from './outbox.ts';

/**
 * The planning-methods atlas in IndexedDB. `methods`, `benchmarks` and `meta` are a copy of the bundled
 * dataset, replaced whole when a newer dataset ships; everything the user writes (`annotations`,
 * `userMethods`, `inspirations`) lives in its own tables and is never touched by that replacement.
 * Annotations and user methods are a cache of the core's (data dir) copy; `outbox` holds local writes not yet
 * taken by the core (see core-sync.ts).
 */

/** The dataset minus its two big lists, stored once under meta key 'dataset'. */
export type DatasetExtras = Omit<Dataset, 'methods' | 'benchmarks'>;

export interface DatasetMeta {
  key: 'dataset';
  version: number;
  importedAt: number;
  extras: DatasetExtras;
}

/** Methods the user chose as inspiration, waiting for the next ideation session to use them. */
export interface Inspiration {
  id: number;
  methodIds: string[];
  methodNames: string[];
  /** What the researcher is shown; absent in selections saved before seeded ideation (read from the atlas then). */
  methods?: IdeatorInspirationMethod[];
  createdAt: number;
  status: 'awaiting-ideator';
}

export const ATLAS_DB_NAME = 'motiv-atlas';

export class AtlasDb extends Dexie {
  declare methods: EntityTable<Method, 'id'>;
  declare benchmarks: EntityTable<Benchmark, 'id'>;
  declare meta: EntityTable<DatasetMeta, 'key'>;
  declare annotations: EntityTable<Annotation, 'methodId'>;
  declare userMethods: EntityTable<UserMethod, 'id'>;
  declare inspirations: EntityTable<Inspiration, 'id'>;
  declare outbox: EntityTable<OutboxEntry, 'seq'>;

  constructor(name: string = ATLAS_DB_NAME) {
    super(name);
    defineAtlasSchema(this);
  }
}

let shared: AtlasDb | null = null;

/** The app's one atlas database (opened lazily). */
export function getAtlasDb(): AtlasDb {
  shared ??= new AtlasDb();
  return shared;
}
