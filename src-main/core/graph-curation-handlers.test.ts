import { afterEach, describe, expect, it } from 'vitest';
import type { GraphLabStatus, NodeNote } from '../contract/graph-curation.ts';
import type { GraphNodeDetail } from '../contract/graph.ts';
import type { GraphNode } from '../graph/model.ts';
import { channelCaller, resultCaller } from '../test-support/core-calls.ts';
import { registerGraphCurationTests } from '../test-support/graph-curation-suite.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore, type Core } from './create-core.ts';
import { dispatch } from './dispatch.ts';

// Two cores on one data directory (two windows, or a window and the CLI) share its embedded graph file. The
// Neo4j half, two lab members with their own data directories, is registered in graph/neo4j/neo4j-store.test.ts.
const tempDir = useTempDirs();
let dir = '';
registerGraphCurationTests('embedded', {
  dataDirs: () => [dir, dir],
  graphEnv: {},
  fresh: async () => {
    dir = tempDir();
  },
});

describe('notes on nodes: two windows on one data directory', () => {
  const cores: Core[] = [];
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
  });

  it('saves revisions, refuses a save over a newer one with the stored note, and shows it in graph.node', async () => {
    const shared = tempDir();
    const open = async (): Promise<ReturnType<typeof resultCaller>> => {
      const core = await createCore({ env: { MOTIV_DATA_DIR: shared, MOTIV_SEED: 'off' } });
      cores.push(core);
      return resultCaller(channelCaller(core));
    };
    const [one, two] = [await open(), await open()];
    const node = await one<GraphNode>('graph.create', { kind: 'Problem', name: 'Noted problem' });
    expect((await one<GraphNodeDetail>('graph.node', { id: node.id })).note).toBeNull();

    const first = await one<NodeNote>('graph.saveNote', {
      id: node.id,
      expectedRevision: 0,
      text: '# Why\n*care*',
    });
    expect(first).toMatchObject({ revision: 1, text: '# Why\n*care*' });
    await two('graph.saveNote', { id: node.id, expectedRevision: 1, text: 'second window' });
    const stale = await dispatch(
      cores[0]?.handlers as Core['handlers'],
      'graph.saveNote',
      { id: node.id, expectedRevision: 1, text: 'first window, stale' },
      { transport: 'ipc' },
    );
    expect(stale).toMatchObject({
      error: { code: 'CONFLICT', details: { current: { revision: 2, text: 'second window' } } },
    });
    expect((await one<GraphNodeDetail>('graph.node', { id: node.id })).note).toMatchObject({
      revision: 2,
      text: 'second window',
    });

    const bomb = await dispatch(
      cores[0]?.handlers as Core['handlers'],
      'graph.saveNote',
      { id: node.id, expectedRevision: 2, text: 'x'.repeat(100 * 1024 + 1) },
      { transport: 'ipc' },
    );
    expect(bomb).toMatchObject({ error: { code: 'VALIDATION', details: { issues: [{ path: 'text' }] } } });
    const missing = await dispatch(
      cores[0]?.handlers as Core['handlers'],
      'graph.saveNote',
      { id: 'no-such-node', expectedRevision: 0, text: 'x' },
      { transport: 'ipc' },
    );
    expect(missing).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});

describe('graph.labStatus', () => {
  const cores: Core[] = [];
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
  });

  it('names the store and the writer, and says so when the configured Neo4j cannot be reached', async () => {
    const local = await createCore({ env: { MOTIV_DATA_DIR: tempDir(), MOTIV_SEED: 'off' } });
    cores.push(local);
    const ok = resultCaller(channelCaller(local));
    await ok('settings.update', { profile: { displayName: 'Ada Lovelace' } });
    expect(await ok<GraphLabStatus>('graph.labStatus', {})).toMatchObject({
      store: { kind: 'embedded' },
      actor: 'Ada Lovelace',
      reachable: true,
      problem: null,
    });

    // A real closed port: nothing listens on it, as when the lab server is down.
    const lab = await createCore({
      env: { MOTIV_DATA_DIR: tempDir(), MOTIV_SEED: 'off', MOTIV_NEO4J_URI: 'bolt://127.0.0.1:1' },
    });
    cores.push(lab);
    const down = await resultCaller(channelCaller(lab))<GraphLabStatus>('graph.labStatus', {});
    expect(down).toMatchObject({
      store: { kind: 'neo4j', location: 'bolt://127.0.0.1:1' },
      reachable: false,
    });
    expect(down.problem).toMatch(/unreachable/i);
  });
});
