import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { GraphLabStatus } from '../contract/graph-curation.ts';
import type { GraphNodeDetail } from '../contract/graph.ts';
import type { GraphStoreChoice, GraphStoreSwitchResult, GraphStoreTest } from '../contract/graph-store.ts';
import type { Settings } from '../contract/settings.ts';
import type { GraphNode } from '../graph/model.ts';
import { channelCaller, recordEvents, resultCaller } from '../test-support/core-calls.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore, type Core } from './create-core.ts';

// Nothing listens on port 1: a lab server that is down, refused at once.
const DOWN = 'bolt://127.0.0.1:1';
const PASSWORD = 'pw-never-shown-0b1d';
const tempDir = useTempDirs();

describe('graph.switchStore without a reachable Neo4j', () => {
  const cores: Core[] = [];
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
  });
  const open = async (env: NodeJS.ProcessEnv = {}): Promise<Core> => {
    const core = await createCore({ env: { MOTIV_DATA_DIR: tempDir(), MOTIV_SEED: 'off', ...env } });
    cores.push(core);
    return core;
  };

  it('refuses an unreachable Neo4j with the test message and stays put; "switch anyway" switches', async () => {
    const core = await open();
    const call = channelCaller(core);
    const ok = resultCaller(call);
    await ok('secrets.set', { name: 'neo4j.password', value: PASSWORD });
    const kept = await ok<GraphNode>('graph.create', { kind: 'Problem', name: 'Kept on this computer' });
    const changes = recordEvents(core, 'graph.changed');
    // Mining keeps a handle of its own: it must follow the switch too, not keep writing to the file.
    expect(await call('mining.list', {})).toMatchObject({ result: [] });

    const test = await ok<GraphStoreTest>('graph.testStore', { store: 'neo4j', neo4j: { uri: DOWN } });
    expect(test).toMatchObject({ store: 'neo4j', ok: false, location: DOWN });
    expect(test.problem).toMatch(/reach|connect|refused/i);

    const refused = await call('graph.switchStore', { store: 'neo4j', neo4j: { uri: DOWN } });
    expect(refused).toMatchObject({
      error: { code: 'UNAVAILABLE', details: { field: 'neo4j.uri', canForce: true } },
    });
    const message = 'error' in refused ? refused.error.message : '';
    expect(message).toContain('Not switched (still on ');
    expect(message).toContain(test.problem ?? '');
    expect((await ok<Settings>('settings.get', {})).graph.store).toBeNull();
    expect((await ok<GraphLabStatus>('graph.labStatus', {})).store.kind).toBe('embedded');
    expect(changes).toEqual([]);

    const forced = await ok<GraphStoreSwitchResult>('graph.switchStore', {
      store: 'neo4j',
      neo4j: { uri: DOWN },
      force: true,
    });
    expect(forced.choice).toMatchObject({ store: 'neo4j', source: 'settings', location: DOWN });
    expect(forced.choice.password).toEqual({ set: true, envVar: null });
    expect(await ok<GraphLabStatus>('graph.labStatus', {})).toMatchObject({
      store: { kind: 'neo4j' },
      reachable: false,
    });
    expect(changes).toEqual([{ ids: [], action: 'import' }]);
    expect(await call('mining.list', {})).toMatchObject({ error: { code: 'UNAVAILABLE' } });

    // Back to the file: the node made there is still there, the lab URI is kept for next time.
    const back = await ok<GraphStoreSwitchResult>('graph.switchStore', { store: 'embedded' });
    expect(back.choice).toMatchObject({ store: 'embedded', uri: { value: DOWN, envVar: null } });
    expect(await call('mining.list', {})).toMatchObject({ result: [] });
    expect((await ok<GraphNodeDetail>('graph.node', { id: kept.id })).relation.node.name).toBe(kept.name);

    // The password went in, and never came out: not in a reply, not in the log.
    const replies = JSON.stringify([test, refused, forced, back, await ok('graph.storeChoice', {})]);
    expect(replies).not.toContain(PASSWORD);
    expect(readFileSync(core.logger.file, 'utf8')).not.toContain(PASSWORD);
  });

  it('refuses hostile input with VALIDATION naming the field, and changes nothing', async () => {
    const core = await open();
    const call = channelCaller(core);
    const before = await resultCaller(call)<Settings>('settings.get', {});
    const cases: Array<[unknown, string]> = [
      [{ store: 'neo4j', neo4j: { uri: 'javascript:alert(1)' } }, 'neo4j.uri'],
      [{ store: 'neo4j', neo4j: { uri: DOWN, user: 'u'.repeat(10_240) } }, 'neo4j.user'],
      [{ store: 'neo4j', neo4j: { uri: `bolt://${'h'.repeat(10_240)}` } }, 'neo4j.uri'],
      [{ store: 'mysql' }, 'store'],
    ];
    for (const [request, field] of cases) {
      for (const channel of ['graph.testStore', 'graph.switchStore']) {
        const reply = await call(channel, { ...(request as object), force: channel === 'graph.switchStore' });
        expect(reply, `${channel} ${field}`).toMatchObject({ error: { code: 'VALIDATION' } });
        expect(JSON.stringify(reply)).toContain(field);
      }
    }
    expect(await resultCaller(call)<Settings>('settings.get', {})).toEqual(before);
  });

  it('shows values the environment overrides as locked, and will not leave a Neo4j the environment sets', async () => {
    const core = await open({
      MOTIV_NEO4J_URI: DOWN,
      MOTIV_NEO4J_USER: 'lab',
      MOTIV_NEO4J_PASSWORD: PASSWORD,
    });
    const call = channelCaller(core);
    const choice = await resultCaller(call)<GraphStoreChoice>('graph.storeChoice', {});
    expect(choice).toMatchObject({
      store: 'neo4j',
      source: 'env',
      envVar: 'MOTIV_NEO4J_URI',
      uri: { value: DOWN, envVar: 'MOTIV_NEO4J_URI' },
      user: { value: 'lab', envVar: 'MOTIV_NEO4J_USER' },
      database: { value: null, envVar: null },
      password: { set: true, envVar: 'MOTIV_NEO4J_PASSWORD' },
    });
    const refused = await call('graph.switchStore', { store: 'embedded' });
    expect(refused).toMatchObject({
      error: { code: 'VALIDATION', details: { field: 'graph.store', envVar: 'MOTIV_NEO4J_URI' } },
    });
    expect(JSON.stringify([choice, refused])).not.toContain(PASSWORD);
  });
});
