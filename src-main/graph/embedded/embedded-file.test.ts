import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.ts';
import { EmbeddedGraphStore } from './embedded-store.ts';
import { toFtsQuery, queryTerms } from './fts.ts';
import { migrate } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { openGraphDatabase } from './open-database.ts';

/** What only the SQLite adapter has: a file that persists, several connections to it, migrations, FTS text. */
const dir = mkdtempSync(join(tmpdir(), 'motiv-graph-file-'));
let counter = 0;
const newPath = (): string => join(dir, `graph-${++counter}.sqlite`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const actor = { actor: 'alice' };

describe('embedded graph file', () => {
  it('persists across close and reopen, in WAL mode, with migrations recorded once', async () => {
    const path = newPath();
    const first = EmbeddedGraphStore.open(path);
    const { node } = await first.upsertNode({ kind: 'Problem', name: 'Persistent' }, actor);
    await first.close();
    await expect(first.getNode(node.id)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    const second = EmbeddedGraphStore.open(path);
    expect(await second.getNode(node.id)).toEqual(node);
    expect((await second.stats()).schemaVersion).toBe(MIGRATIONS.length);
    await second.close();
    const raw = new BetterSqlite3(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all()).toEqual([
      { version: 1, name: 'initial' },
      { version: 2, name: 'fts_vocabulary' },
      { version: 3, name: 'vector_codes' },
      { version: 4, name: 'generated_origin' },
    ]);
    raw.close();
  });

  it('migrates a version-1 file forward, re-indexing its text', async () => {
    const path = newPath();
    const v1 = new BetterSqlite3(path);
    migrate(v1, MIGRATIONS.slice(0, 1));
    v1.prepare(
      `INSERT INTO nodes (id, kind, name, normalized_name, aliases, origin, review, created_by, updated_by, created_at,
        updated_at, version) VALUES ('n1', 'Problem', 'Legacy node', 'legacy node', '["old spelling"]', 'mined',
        'proposed', 'a', 'a', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 1)`,
    ).run();
    v1.close();
    const store = EmbeddedGraphStore.open(path);
    expect((await store.stats()).schemaVersion).toBe(MIGRATIONS.length);
    const hits = await store.nodeSearch({ query: 'spelling', mode: 'lexical' });
    expect(hits.map((h) => h.node.id)).toEqual(['n1']);
    await store.close();
  });

  it("migrates a version-3 file to allow 'generated': ideas and their CITES edges say so, nothing else changes or cascades", async () => {
    const path = newPath();
    const v3 = new BetterSqlite3(path);
    v3.pragma('foreign_keys = ON');
    migrate(v3, MIGRATIONS.slice(0, 3));
    const insertNode = v3.prepare(
      `INSERT INTO nodes (seq, id, kind, name, normalized_name, origin, review, created_by, updated_by, created_at,
        updated_at, version) VALUES (?, ?, ?, ?, ?, 'curated', 'proposed', 'a', 'a', '2026-01-01T00:00:00.000Z',
        '2026-01-01T00:00:00.000Z', 1)`,
    );
    insertNode.run(1, 'idea-1', 'Idea', 'Old idea', 'old idea');
    insertNode.run(2, 'problem-1', 'Problem', 'Hand problem', 'hand problem');
    insertNode.run(3, 'challenge-1', 'Challenge', 'Hand challenge', 'hand challenge');
    v3.prepare(
      "INSERT INTO nodes_fts (rowid, name, aliases, description) VALUES (2, 'Hand problem', '', '')",
    ).run();
    const insertEdge = v3.prepare(
      `INSERT INTO edges (id, type, from_seq, to_seq, origin, review, created_by, updated_by, created_at,
        updated_at, version) VALUES (?, ?, ?, ?, 'curated', 'proposed', 'a', 'a', '2026-01-01T00:00:00.000Z',
        '2026-01-01T00:00:00.000Z', 1)`,
    );
    insertEdge.run('cites-1', 'CITES', 1, 2);
    insertEdge.run('has-1', 'HAS_CHALLENGE', 2, 3);
    v3.prepare("INSERT INTO embedding_models VALUES ('m', 8, 'vec_model_1')").run();
    v3.prepare("INSERT INTO vector_codes VALUES ('m', 2, x'01')").run();
    v3.close();
    const migrated = openGraphDatabase(path);
    expect(migrated.prepare('SELECT model, node_seq FROM vector_codes').all()).toEqual([
      { model: 'm', node_seq: 2 },
    ]);
    expect(migrated.pragma('foreign_key_check')).toEqual([]);
    // The model entry has no vec0 table behind it in this hand-made file; the store's own reads need one.
    migrated.exec('DELETE FROM vector_codes; DELETE FROM embedding_models');
    migrated.close();

    const store = EmbeddedGraphStore.open(path);
    expect((await store.stats()).schemaVersion).toBe(4);
    expect(await store.getNode('idea-1')).toMatchObject({ origin: 'generated', version: 1 });
    expect(await store.getNode('problem-1')).toMatchObject({ origin: 'curated' });
    expect(await store.getEdge('cites-1')).toMatchObject({ origin: 'generated' });
    expect(await store.getEdge('has-1')).toMatchObject({ origin: 'curated' });
    expect(
      (await store.nodeSearch({ query: 'hand problem', mode: 'lexical' })).map((h) => h.node.id),
    ).toEqual(['problem-1']);
    const created = await store.upsertNode({ kind: 'Idea', name: 'New idea', origin: 'generated' }, actor);
    expect(created.node.origin).toBe('generated');
    // Deleting still cascades to edges (the rebuilt tables kept their foreign keys).
    await store.deleteNode({ id: 'problem-1' }, actor);
    expect(await store.getEdge('has-1')).toBeNull();
    await store.close();
    const raw = new BetterSqlite3(path, { readonly: true });
    expect(raw.pragma('foreign_key_check')).toEqual([]);
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
  });

  it('refuses a file written by a newer schema', () => {
    const path = newPath();
    openGraphDatabase(path).close();
    const raw = new BetterSqlite3(path);
    raw.prepare("INSERT INTO schema_migrations VALUES (99, 'future', '2030-01-01T00:00:00Z')").run();
    raw.close();
    expect(() => openGraphDatabase(path)).toThrow(AppError);
  });

  it('keeps optimistic concurrency between two connections to one file', async () => {
    const path = newPath();
    const alice = EmbeddedGraphStore.open(path);
    const bob = EmbeddedGraphStore.open(path);
    const { node } = await alice.upsertNode({ kind: 'Problem', name: 'Shared' }, actor);
    expect(await bob.randomNodes({ count: 5, seed: 1 })).toHaveLength(1);
    await alice.updateNode({ id: node.id, expectedVersion: 1, patch: { description: 'first' } }, actor);
    await expect(
      bob.updateNode({ id: node.id, expectedVersion: 1, patch: { description: 'second' } }, { actor: 'bob' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    // bob's cached sampling candidates follow alice's writes
    await alice.upsertNode({ kind: 'Problem', name: 'Another' }, actor);
    expect(await bob.randomNodes({ count: 5, seed: 1 })).toHaveLength(2);
    await alice.close();
    await bob.close();
  });
});

describe('approximate vector search', () => {
  it('fills missing one-bit codes, follows writes, and ranks by exact distance', async () => {
    const path = newPath();
    const store = EmbeddedGraphStore.open(path, { approximateVectorSearchFrom: 0 });
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const { node } = await store.upsertNode({ kind: 'Problem', name: `p${i}` }, actor);
      const vector = Array.from({ length: 64 }, (_, d) => Math.sin((i + 1) * (d + 1)));
      await store.setEmbedding({ nodeId: node.id, model: 'm', vector }, actor);
      ids.push(node.id);
    }
    // as if the vectors predated schema v3
    const raw = new BetterSqlite3(path);
    raw.prepare('DELETE FROM vector_codes').run();
    raw.close();
    const query = Array.from({ length: 64 }, (_, d) => Math.sin(3 * (d + 1)));
    const hits = await store.nodeSearch({ vector: query, mode: 'vector', limit: 3 });
    expect(hits[0]?.node.id).toBe(ids[2]);
    expect(hits[0]?.score).toBeCloseTo(1, 5);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
    await store.deleteNode({ id: ids[2] ?? '' }, actor);
    const after = await store.nodeSearch({ vector: query, mode: 'vector', limit: 3 });
    expect(after.map((h) => h.node.id)).not.toContain(ids[2]);
    // a changed vector is seen by the next search, without a reload
    await store.setEmbedding({ nodeId: ids[5] ?? '', model: 'm', vector: query }, actor);
    const moved = await store.nodeSearch({ vector: query, mode: 'vector', limit: 1 });
    expect(moved[0]?.node.id).toBe(ids[5]);
    await store.close();
  });
});

describe('FTS query text', () => {
  it('keeps only words, quoted, so no user text is FTS syntax', () => {
    expect(queryTerms('NEAR("a" b*) OR name:c ^d -e')).toEqual([
      'near',
      'a',
      'b',
      'or',
      'name',
      'c',
      'd',
      'e',
    ]);
    expect(queryTerms('Café 雪 ÅNGSTRÖM')).toEqual(['cafe', '雪', 'angstrom']);
    expect(queryTerms('"\'`;(){}')).toEqual([]);
  });

  it('drops words no node contains and keeps the rarest first', async () => {
    const path = newPath();
    const store = EmbeddedGraphStore.open(path);
    await store.upsertNode({ kind: 'Problem', name: 'alpha common' }, actor);
    await store.upsertNode({ kind: 'Problem', name: 'beta common' }, actor);
    await store.close();
    const db = openGraphDatabase(path);
    expect(toFtsQuery(db, 'alpha common unknownword')).toBe('"alpha" OR "common"');
    expect(toFtsQuery(db, 'unknownword')).toBeNull();
    expect(toFtsQuery(db, '')).toBeNull();
    db.close();
  });
});
