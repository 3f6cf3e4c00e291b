import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  GraphNodeDetail,
  GraphReviewResult,
  GraphSearchResult,
  GraphStatsView,
} from '../contract/graph.ts';
import { EmbeddedGraphStore } from '../graph/embedded/embedded-store.ts';
import type { AuditEntry, GraphNode } from '../graph/model.ts';
import type { Subgraph } from '../graph/port.ts';
import { SAMPLE, seedSampleGraph } from '../test-support/graph-sample.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore, type Core } from './create-core.ts';
import { dispatch } from './dispatch.ts';
import { embeddedGraphPath } from './graph-store-factory.ts';

const tempDir = useTempDirs();
afterEach(() => vi.unstubAllEnvs());

/** A core over a fresh data dir; the graph is written through the real embedded store before the core opens it. */
async function seededCore(options: { seed?: boolean } = {}): Promise<Core> {
  const dir = tempDir();
  if (options.seed !== false) await seedSampleGraph(dir);
  // The shipped seed graph would fill a fresh store on first open; these cases are about stores without it.
  return createCore({ env: { MOTIV_DATA_DIR: dir, MOTIV_SEED: 'off' } });
}

async function call<T>(core: Core, channel: string, payload: unknown): Promise<T> {
  const reply = await dispatch(core.handlers, channel, payload, { transport: 'cli' });
  if ('error' in reply) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.result as T;
}

async function failure(core: Core, channel: string, payload: unknown) {
  const reply = await dispatch(core.handlers, channel, payload, { transport: 'cli' });
  if (!('error' in reply)) throw new Error(`${channel} succeeded but should have failed`);
  return reply.error;
}

async function nodeNamed(core: Core, name: string): Promise<GraphNode> {
  const { hits } = await call<GraphSearchResult>(core, 'graph.search', { query: name, mode: 'lexical' });
  const hit = hits.find((h) => h.node.name === name);
  if (!hit) throw new Error(`no node named ${name}`);
  return hit.node;
}

describe('graph handlers over a real embedded store', () => {
  it('reports an empty graph honestly and names the store file', async () => {
    const core = await seededCore({ seed: false });
    const view = await call<GraphStatsView>(core, 'graph.stats', {});
    expect(view.totalNodes).toBe(0);
    expect(view.store).toEqual({ kind: 'embedded', location: embeddedGraphPath(core.dataDir) });
    await core.close();
  });

  it('counts nodes per kind and review state', async () => {
    const core = await seededCore();
    const view = await call<GraphStatsView>(core, 'graph.stats', {});
    expect(view.totalNodes).toBe(7);
    expect(view.stats.nodes).toMatchObject({ Problem: 2, Challenge: 2, Solution: 2, Paper: 1 });
    expect(view.stats.review).toEqual({ proposed: 3, approved: 4, rejected: 0 });
    await core.close();
  });

  it('searches lexically with kind and review filters, and browses proposed nodes with a blank query', async () => {
    const core = await seededCore();
    const found = await call<GraphSearchResult>(core, 'graph.search', {
      query: 'intermediate thoughts',
      mode: 'lexical',
      kinds: ['Solution'],
    });
    expect(found.mode).toBe('lexical');
    expect(found.hits[0]?.node.name).toBe(SAMPLE.solutionSearch);
    expect(found.hits.every((h) => h.node.kind === 'Solution')).toBe(true);

    const queue = await call<GraphSearchResult>(core, 'graph.search', { review: ['proposed'] });
    expect(queue.mode).toBe('browse');
    expect(queue.hits.map((h) => h.node.name)).toEqual([
      SAMPLE.challengeEvaluate,
      SAMPLE.solutionSearch,
      SAMPLE.solutionSelfEval,
    ]);
    await core.close();
  });

  it('says why hybrid ran lexically, and refuses vector search it cannot run', async () => {
    const core = await seededCore();
    const hybrid = await call<GraphSearchResult>(core, 'graph.search', { query: 'reasoning' });
    expect(hybrid.mode).toBe('lexical');
    expect(hybrid.note).toContain('no embeddings');
    expect(hybrid.hits.length).toBeGreaterThan(0);
    const vector = await failure(core, 'graph.search', { query: 'reasoning', mode: 'vector' });
    expect(vector).toMatchObject({ code: 'UNAVAILABLE', details: { field: 'mode' } });
    await core.close();
  });

  it('opens a node with its neighbours, hierarchy, chains and source papers', async () => {
    const core = await seededCore();
    const problem = await nodeNamed(core, SAMPLE.problem);
    const detail = await call<GraphNodeDetail>(core, 'graph.node', { id: problem.id });
    expect(detail.papers.map((p) => p.name)).toEqual([SAMPLE.paper]);
    expect(detail.relation.ancestors.map((a) => a.node.name)).toEqual([SAMPLE.parent]);
    expect(detail.relation.neighbours.HAS_CHALLENGE.outgoing.map((r) => r.node.name).sort()).toEqual(
      [SAMPLE.challengeEvaluate, SAMPLE.challengeRevisit].sort(),
    );
    const chains = detail.relation.chains.map((c) => `${c.challenge.name} → ${c.solution?.name ?? ''}`);
    expect(chains.sort()).toEqual(
      [
        `${SAMPLE.challengeEvaluate} → ${SAMPLE.solutionSelfEval}`,
        `${SAMPLE.challengeRevisit} → ${SAMPLE.solutionSearch}`,
      ].sort(),
    );
    const sub = await call<Subgraph>(core, 'graph.subgraph', {
      ids: [problem.id],
      depth: 1,
      edgeTypes: ['PARENT_OF', 'HAS_CHALLENGE', 'SOLVED_BY'],
    });
    expect(sub.nodes).toHaveLength(4);
    expect(new Set(sub.edges.map((e) => e.type))).toEqual(new Set(['PARENT_OF', 'HAS_CHALLENGE']));
    expect(await failure(core, 'graph.node', { id: 'no-such-node' })).toMatchObject({ code: 'NOT_FOUND' });
    await core.close();
  });

  it('approves several proposed nodes as the profile name, audited and announced', async () => {
    const core = await seededCore();
    await call(core, 'settings.update', { profile: { displayName: 'Ada Lovelace' } });
    const events: unknown[] = [];
    core.events.subscribe((name, payload) => {
      if (name === 'graph.changed') events.push(payload);
    });
    const a = await nodeNamed(core, SAMPLE.solutionSearch);
    const b = await nodeNamed(core, SAMPLE.solutionSelfEval);
    const { nodes } = await call<GraphReviewResult>(core, 'graph.review', {
      decision: 'approved',
      items: [
        { id: a.id, expectedVersion: a.version },
        { id: b.id, expectedVersion: b.version },
      ],
    });
    expect(nodes.map((n) => [n.review, n.updatedBy, n.version])).toEqual([
      ['approved', 'Ada Lovelace', a.version + 1],
      ['approved', 'Ada Lovelace', b.version + 1],
    ]);
    expect(events).toEqual([{ ids: [a.id, b.id], action: 'review' }]);
    const audit = await call<AuditEntry[]>(core, 'graph.audit', { entityId: a.id });
    expect(audit[0]).toMatchObject({ action: 'node.update', actor: 'Ada Lovelace' });
    await core.close();
  });

  it('refuses a review on a stale version with CONFLICT and writes none of the batch', async () => {
    const core = await seededCore();
    const a = await nodeNamed(core, SAMPLE.solutionSearch);
    const b = await nodeNamed(core, SAMPLE.challengeEvaluate);
    // Someone else edits b after we loaded it.
    await call(core, 'graph.update', {
      id: b.id,
      expectedVersion: b.version,
      patch: { description: 'Edited elsewhere.' },
    });
    const error = await failure(core, 'graph.review', {
      decision: 'rejected',
      items: [
        { id: a.id, expectedVersion: a.version },
        { id: b.id, expectedVersion: b.version },
      ],
    });
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain(SAMPLE.challengeEvaluate);
    expect(error.details).toMatchObject({
      field: 'items',
      stale: [{ id: b.id, expectedVersion: b.version, currentVersion: b.version + 1 }],
    });
    const after = await nodeNamed(core, SAMPLE.solutionSearch);
    expect(after).toMatchObject({ review: 'proposed', version: a.version });
    await core.close();
  });

  it('edits a description with the version read, and refuses a stale edit', async () => {
    const core = await seededCore();
    const node = await nodeNamed(core, SAMPLE.problem);
    const edited = await call<GraphNode>(core, 'graph.update', {
      id: node.id,
      expectedVersion: node.version,
      patch: { description: 'Tasks needing lookahead.', aliases: ['deliberate reasoning'] },
    });
    expect(edited).toMatchObject({
      description: 'Tasks needing lookahead.',
      aliases: ['deliberate reasoning'],
      version: node.version + 1,
    });
    const stale = await failure(core, 'graph.update', {
      id: node.id,
      expectedVersion: node.version,
      patch: { description: 'Lost update' },
    });
    expect(stale).toMatchObject({
      code: 'CONFLICT',
      details: { currentVersion: node.version + 1, expectedVersion: node.version },
    });
    expect((await nodeNamed(core, SAMPLE.problem)).description).toBe('Tasks needing lookahead.');
    await core.close();
  });

  it("refuses hand edits of an Idea node's mirrored fields (the idea's next sync would drop them), not its aliases", async () => {
    const dir = tempDir();
    await seedSampleGraph(dir);
    const raw = EmbeddedGraphStore.open(embeddedGraphPath(dir));
    const { node: idea } = await raw.upsertNode(
      { kind: 'Idea', name: 'Critique-shaped rewards', origin: 'generated' },
      { actor: 'ideator' },
    );
    await raw.close();
    const core = await createCore({ env: { MOTIV_DATA_DIR: dir, MOTIV_SEED: 'off' } });
    const edit = { id: idea.id, expectedVersion: 1 };
    const renamed = await failure(core, 'graph.update', { ...edit, patch: { name: 'Mine now' } });
    expect(renamed).toMatchObject({ code: 'VALIDATION', details: { field: 'patch.name' } });
    expect(renamed.message).toContain('Ideate');
    const described = await failure(core, 'graph.update', { ...edit, patch: { description: 'x' } });
    expect(described).toMatchObject({ code: 'VALIDATION', details: { field: 'patch.description' } });
    const reviewed = await failure(core, 'graph.review', { decision: 'approved', items: [edit] });
    expect(reviewed).toMatchObject({ code: 'VALIDATION', details: { field: 'items.0.id' } });
    const aliased = await call<GraphNode>(core, 'graph.update', { ...edit, patch: { aliases: ['shaping'] } });
    expect(aliased).toMatchObject({ name: 'Critique-shaped rewards', aliases: ['shaping'], version: 2 });
    await core.close();
  });

  it('names the bad field when a request is invalid, before touching the store', async () => {
    const core = await seededCore();
    const node = await nodeNamed(core, SAMPLE.problem);
    const cases: Array<[string, unknown, string]> = [
      ['graph.update', { id: node.id, expectedVersion: node.version, patch: { name: '  ' } }, 'patch.name'],
      ['graph.update', { id: node.id, expectedVersion: 0, patch: { description: 'x' } }, 'expectedVersion'],
      ['graph.update', { id: node.id, expectedVersion: 1, patch: { level: 3 } }, 'patch'],
      ['graph.search', { query: 'x', limit: 0 }, 'limit'],
      ['graph.search', { query: 'x', kinds: ['Planet'] }, 'kinds.0'],
      ['graph.review', { decision: 'approved', items: [] }, 'items'],
      ['graph.review', { decision: 'maybe', items: [{ id: node.id, expectedVersion: 1 }] }, 'decision'],
      [
        'graph.merge',
        { keepId: node.id, dropId: node.id, expectedKeepVersion: 1, expectedDropVersion: 1 },
        'dropId',
      ],
    ];
    for (const [channel, payload, path] of cases) {
      const error = await failure(core, channel, payload);
      expect(error.code, `${channel} ${JSON.stringify(payload)}`).toBe('VALIDATION');
      const paths = (error.details as { issues: Array<{ path: string }> }).issues.map((i) => i.path);
      expect(paths, `${channel} ${JSON.stringify(payload)}`).toContain(path);
    }
    expect((await nodeNamed(core, SAMPLE.problem)).version).toBe(node.version);
    await core.close();
  });

  it('merges a duplicate into its keeper, keeping its name as an alias and its edges', async () => {
    const core = await seededCore();
    const keep = await nodeNamed(core, SAMPLE.solutionSearch);
    const drop = await nodeNamed(core, SAMPLE.solutionSelfEval);
    const merged = await call<GraphNode>(core, 'graph.merge', {
      keepId: keep.id,
      dropId: drop.id,
      expectedKeepVersion: keep.version,
      expectedDropVersion: drop.version,
    });
    expect(merged.aliases).toContain(SAMPLE.solutionSelfEval);
    const detail = await call<GraphNodeDetail>(core, 'graph.node', { id: keep.id });
    expect(detail.relation.neighbours.SOLVED_BY.incoming.map((r) => r.node.name).sort()).toEqual(
      [SAMPLE.challengeEvaluate, SAMPLE.challengeRevisit].sort(),
    );
    expect(await failure(core, 'graph.node', { id: drop.id })).toMatchObject({ code: 'NOT_FOUND' });
    await core.close();
  });
});
