import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import json from '../../../resources/planning-methods.json';
import { emptyAnnotation } from '../../features/methods/atlas-types.ts';
import type { Annotation } from '../../features/methods/atlas-types.ts';
import { DatasetSchema } from '../../features/methods/dataset-schema.ts';
import type { Dataset } from '../../features/methods/dataset-schema.ts';
import { IDEATION_PENDING_NOTICE, inspirationMethods, startSeededIdeation } from './inspirations.ts';
import { AtlasDb } from './atlas-db.ts';
import { addUserMethod, saveAnnotation } from './atlas-notes.ts';
import { readAtlasSnapshot, syncBundledDataset } from './atlas-sync.ts';
import { ATLAS_SCHEMA_V1, ATLAS_SCHEMA_V2, ATLAS_SCHEMA_VERSION } from './atlas-upgrades.ts';

const bundled: Dataset = DatasetSchema.parse(json);
let n = 0;
const opened: Dexie[] = [];
function freshDb(): AtlasDb {
  const db = new AtlasDb(`atlas-test-${++n}`);
  opened.push(db);
  return db;
}

/** Opens an existing (older) database by name with today's schema, running its upgrades. */
async function openUpgraded(name: string): Promise<AtlasDb> {
  const db = new AtlasDb(name);
  opened.push(db);
  await db.open();
  expect(db.verno).toBe(ATLAS_SCHEMA_VERSION);
  return db;
}

/** Asserts the stored annotation is the empty one (never synced: revision 0) with `fields` set. */
async function expectAnnotation(db: AtlasDb, methodId: string, fields: Partial<Annotation>): Promise<void> {
  expect(await db.annotations.get(methodId)).toEqual({
    ...emptyAnnotation(methodId),
    revision: 0,
    ...fields,
  });
}

afterEach(async () => {
  for (const db of opened.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

/** The next dataset release: one method dropped, one description changed. */
function nextRelease(): Dataset {
  const next = structuredClone(bundled);
  next.version = bundled.version + 1;
  next.methods = next.methods.filter((m) => m.id !== 'llm-p');
  const tot = next.methods.find((m) => m.id === 'tree-of-thoughts-tot');
  if (tot) tot.description = 'Updated description';
  return next;
}

describe('atlas database', () => {
  it('imports the bundled dataset on first start and reads it back', async () => {
    const db = freshDb();
    expect(await readAtlasSnapshot(db)).toBeNull();
    expect(await syncBundledDataset(db, json, 1000)).toEqual({
      replaced: true,
      from: null,
      to: bundled.version,
    });
    const snap = await readAtlasSnapshot(db);
    expect(snap?.methods).toHaveLength(183);
    expect(snap?.benchmarks).toHaveLength(79);
    expect(snap?.version).toBe(bundled.version);
    expect(snap?.extras.performanceTables).toHaveLength(2);
    expect(snap?.extras.taxonomy).toHaveLength(4);
  });

  it('does nothing when the stored dataset is as new as the bundled one', async () => {
    const db = freshDb();
    await syncBundledDataset(db, json);
    await db.methods.update('llm-p', { description: 'local copy' });
    expect(await syncBundledDataset(db, json)).toEqual({
      replaced: false,
      from: bundled.version,
      to: bundled.version,
    });
    expect((await db.methods.get('llm-p'))?.description).toBe('local copy');
  });

  it('replaces methods on a newer dataset without touching annotations, user methods or inspirations', async () => {
    const db = freshDb();
    await syncBundledDataset(db, json);
    await saveAnnotation(
      db,
      { ...emptyAnnotation('llm-p'), starred: true, tags: ['pddl'], note: 'keep me' },
      5,
    );
    await saveAnnotation(
      db,
      { ...emptyAnnotation('tree-of-thoughts-tot'), solutionLinks: [{ id: 'sol:42', name: 'Graph RAG' }] },
      6,
    );
    const mine = await addUserMethod(db, {
      name: 'My planner',
      paperTitle: '',
      year: '2026',
      venue: '',
      link: '',
      code: '',
      categoryId: 'searching-based',
      subcategoryId: 'exploration-based',
      description: 'A method the survey missed',
    });
    await startSeededIdeation(['llm-p', mine.id], db, 7);

    const result = await syncBundledDataset(db, nextRelease());
    expect(result).toEqual({ replaced: true, from: bundled.version, to: bundled.version + 1 });

    const snap = await readAtlasSnapshot(db);
    expect(snap?.version).toBe(bundled.version + 1);
    expect(snap?.methods).toHaveLength(182);
    expect(snap?.methods.some((m) => m.id === 'llm-p')).toBe(false);
    expect(snap?.methods.find((m) => m.id === 'tree-of-thoughts-tot')?.description).toBe(
      'Updated description',
    );
    // The user's data is untouched, even the annotation of the method the release dropped.
    await expectAnnotation(db, 'llm-p', { starred: true, tags: ['pddl'], note: 'keep me', updatedAt: 5 });
    expect((await db.annotations.get('tree-of-thoughts-tot'))?.solutionLinks).toEqual([
      { id: 'sol:42', name: 'Graph RAG' },
    ]);
    expect(snap?.userMethods.map((u) => u.name)).toEqual(['My planner']);
    expect(await db.inspirations.count()).toBe(1);
  });

  it('upgrades a v1 database to the current schema, keeping and completing annotations', async () => {
    const name = `atlas-test-${++n}`;
    const v1 = new Dexie(name);
    v1.version(1).stores(ATLAS_SCHEMA_V1);
    await v1.table('annotations').put({ methodId: 'llm-p', tags: ['old'], starred: true, note: 'v1 note' });
    v1.close();

    const db = await openUpgraded(name);
    await expectAnnotation(db, 'llm-p', { tags: ['old'], starred: true, note: 'v1 note' });
    expect(await db.inspirations.count()).toBe(0);
    // Written before the core kept annotations: queued for upload to it, unchanged.
    expect(await db.outbox.toArray()).toMatchObject([
      {
        key: 'annotation:llm-p',
        op: 'put',
        baseRevision: 0,
        body: { methodId: 'llm-p', tags: ['old'], starred: true, note: 'v1 note', solutionLinks: [] },
      },
    ]);
  });

  it('upgrades v2 free-text Solution ids to links with an unknown name, keeping everything else', async () => {
    const name = `atlas-test-${++n}`;
    const v2 = new Dexie(name);
    v2.version(1).stores(ATLAS_SCHEMA_V1);
    v2.version(2).stores(ATLAS_SCHEMA_V2);
    await v2.table('annotations').bulkPut([
      {
        methodId: 'llm-p',
        tags: ['pddl'],
        starred: true,
        note: 'v2 note',
        solutionNodeIds: ['sol-1', ' sol-2', 'sol-1', ''],
        updatedAt: 9,
      },
      {
        methodId: 'tree-of-thoughts-tot',
        tags: [],
        starred: false,
        note: '',
        solutionNodeIds: [],
        updatedAt: 4,
      },
    ]);
    await v2.table('inspirations').add({
      methodIds: ['llm-p'],
      methodNames: ['LLM+P'],
      createdAt: 1,
      status: 'awaiting-ideator',
    });
    v2.close();

    const db = await openUpgraded(name);
    await expectAnnotation(db, 'llm-p', {
      tags: ['pddl'],
      starred: true,
      note: 'v2 note',
      solutionLinks: [
        { id: 'sol-1', name: null },
        { id: 'sol-2', name: null },
      ],
      updatedAt: 9,
    });
    expect((await db.outbox.toArray()).map((e) => e.key)).toEqual([
      'annotation:llm-p',
      'annotation:tree-of-thoughts-tot',
    ]);
    expect((await db.annotations.get('tree-of-thoughts-tot'))?.solutionLinks).toEqual([]);
    expect(await db.inspirations.count()).toBe(1);
  });

  it('saves a seeded-ideation selection and says honestly that no session started', async () => {
    const db = freshDb();
    await syncBundledDataset(db, json);
    const result = await startSeededIdeation(['llm-p', 'tree-of-thoughts-tot', 'llm-p'], db, 99);
    expect(result.status).toBe('saved');
    expect(result.notice).toBe(IDEATION_PENDING_NOTICE);
    const stored = await db.inspirations.get(result.inspirationId);
    expect(stored).toMatchObject({
      methodIds: ['llm-p', 'tree-of-thoughts-tot'],
      methodNames: ['LLM+P', 'Tree of Thoughts (ToT)'],
      createdAt: 99,
      status: 'awaiting-ideator',
    });
    // What the researcher will be shown: a snapshot of each method with its category path.
    expect(stored?.methods?.[1]).toEqual({
      name: 'Tree of Thoughts (ToT)',
      description: 'Each thought is a node; expand, evaluate, and search with BFS/DFS',
      categoryPath: 'Searching-based Methods › Exploration-based Methods › ToT-based',
      paperTitle: 'Tree Of Thoughts: Deliberate Problem Solving With Large Language Models',
      year: 2023,
    });
    // Selections saved before the snapshot existed are read from the atlas the same way.
    expect(await inspirationMethods(db, ['llm-p', 'tree-of-thoughts-tot'])).toEqual(stored?.methods);
    await expect(startSeededIdeation([], db)).rejects.toThrow(/at least one/);
    await expect(startSeededIdeation(['no-such-method'], db)).rejects.toThrow(/exists/);
  });

  it('normalises annotations and validates user methods', async () => {
    const db = freshDb();
    const saved = await saveAnnotation(
      db,
      {
        ...emptyAnnotation('x'),
        tags: [' a ', 'a', ''],
        solutionLinks: [
          { id: 's1', name: ' Graph RAG ' },
          { id: ' s1', name: 'duplicate' },
          { id: '', name: 'blank' },
          { id: 's2', name: null },
        ],
      },
      3,
    );
    expect(saved).toMatchObject({
      tags: ['a'],
      solutionLinks: [
        { id: 's1', name: 'Graph RAG' },
        { id: 's2', name: null },
      ],
      updatedAt: 3,
    });
    await expect(
      addUserMethod(db, {
        name: ' ',
        paperTitle: '',
        year: 'soon',
        venue: '',
        link: 'ftp://x',
        code: '',
        categoryId: 'searching-based',
        subcategoryId: 'exploration-based',
        description: 'x',
      }),
    ).rejects.toThrow();
    expect(await db.userMethods.count()).toBe(0);
  });
});
