import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { ScenarioInput } from '../../e2e/scripted-llm/scenario.ts';
import type { Reply } from '../contract/envelope.ts';
import type { EventName } from '../contract/events.ts';
import type { GraphChanged } from '../contract/graph.ts';
import type { HierarchyRun, MiningEventPayload } from '../contract/mining.ts';
import { EmbeddedGraphStore } from '../graph/embedded/embedded-store.ts';
import { waitFor } from '../test-support/ideator-harness.ts';
import { LEXICAL_METHOD } from '../mining/lexical-vectors.ts';
import { LOCAL_MODEL_MISSING_NOTE } from '../mining/similarity.ts';
import { miningScenario, seedHierarchyProblems, seedPapers } from '../test-support/mining-harness.ts';
import type { TestPaper } from '../test-support/mining-harness.ts';
import { useOpenCore } from '../test-support/open-core.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore } from './create-core.ts';
import { dispatch } from './dispatch.ts';

/**
 * The channels the app's "Papers & mining" panel adds on top of mining.start: the cost estimate, the job report
 * with rejected triples, and hierarchy runs with progress and cancel. Real store, real client, scripted model.
 */

const tempDir = useTempDirs();
const open = useOpenCore();

interface Setup {
  papers?: TestPaper[];
  problems?: boolean;
  scenario?: string | ScenarioInput | null;
}

async function setup({ papers = [], problems = false, scenario = null }: Setup) {
  const dataDir = tempDir();
  const store = EmbeddedGraphStore.open(join(dataDir, 'graph.sqlite'));
  if (papers.length) await seedPapers(store, papers);
  if (problems) await seedHierarchyProblems(store);
  await store.close();
  const env: NodeJS.ProcessEnv = { MOTIV_DATA_DIR: dataDir, MOTIV_SEED: 'off' };
  if (scenario) {
    open.server = await startScriptedLlm({
      scenario: typeof scenario === 'string' ? miningScenario(scenario) : scenario,
    });
    env['MOTIV_LLM_BASE_URL'] = open.server.baseUrl;
    env['MOTIV_LLM_MODEL'] = 'scripted-chat';
  }
  const core = createCore({ env });
  open.core = core;
  const events: MiningEventPayload[] = [];
  const changes: GraphChanged[] = [];
  core.events.subscribe((name: EventName, payload) => {
    if (name === 'mining.event') events.push(payload as MiningEventPayload);
    if (name === 'graph.changed') changes.push(payload as GraphChanged);
  });
  const call = (channel: string, payload: unknown): Promise<Reply<unknown>> =>
    dispatch(core.handlers, channel, payload, { transport: 'ipc' });
  const result = async <T>(channel: string, payload: unknown): Promise<T> => {
    const reply = await call(channel, payload);
    if ('error' in reply) throw new Error(`${reply.error.code}: ${reply.error.message}`);
    return reply.result as T;
  };
  return { events, changes, call, result };
}

const hierarchyRuns = (events: MiningEventPayload[]): HierarchyRun[] =>
  events.flatMap((e) => (e.type === 'hierarchy' ? [e.run] : []));

describe('mining estimate and report', () => {
  it('estimates the run, then reports the triples the naming rules refused and the merge similarity', async () => {
    const { events, changes, result } = await setup({ papers: ['motivgraph'], scenario: 'repair' });
    const estimate = await result<Record<string, unknown>>('mining.estimate', {});
    expect(estimate).toMatchObject({ papers: 1, withoutText: 0, model: 'scripted-chat', costUsd: null });
    expect(estimate['promptTokens']).toBeGreaterThan(100);

    const job = await result<{ id: string }>('mining.start', {});
    await waitFor(() => events.some((e) => e.type === 'status' && e.status === 'completed'));
    const report = await result<Record<string, unknown>>('mining.report', { jobId: job.id });
    expect(report).toMatchObject({
      status: 'completed',
      papers: { total: 1, done: 1, failed: 0, pending: 0 },
      triples: { accepted: 2, rejected: 1 },
      failures: [],
      merge: { method: LEXICAL_METHOD, note: LOCAL_MODEL_MISSING_NOTE },
    });
    const rejected = (
      report['rejected'] as Array<{ title: string; violations: Array<{ message: string }> }>
    )[0];
    expect(rejected?.title).toBe('MotivGraph: grounded research ideation');
    expect(rejected?.violations.length).toBeGreaterThan(0);
    // the review queue is told to reload once mined nodes are in
    expect(changes).toContainEqual({ ids: [], action: 'update' });
    // nothing left to mine: the estimate says so instead of pricing papers already done
    expect(await result('mining.estimate', {})).toMatchObject({ papers: 0 });
  });

  it('names an unknown job', async () => {
    const { call } = await setup({ papers: ['replay'], scenario: 'extract' });
    expect(await call('mining.report', { jobId: 'nope' })).toMatchObject({
      error: { code: 'NOT_FOUND', details: { field: 'jobId' } },
    });
  });
});

describe('mining.hierarchy', () => {
  it('runs parent-node addition in the background with progress, the similarity method and a report', async () => {
    const { events, changes, call, result } = await setup({ problems: true, scenario: 'hierarchy' });
    const started = await result<HierarchyRun>('mining.hierarchy', { kind: 'Problem', levels: 1, k: 2 });
    expect(started).toMatchObject({
      kind: 'Problem',
      status: 'running',
      method: LEXICAL_METHOD,
      note: LOCAL_MODEL_MISSING_NOTE,
    });
    await waitFor(() => hierarchyRuns(events).some((r) => r.status !== 'running'));
    const runs = hierarchyRuns(events);
    const last = runs.at(-1);
    expect(last).toMatchObject({ id: started.id, status: 'completed', parents: 1, judged: 1, workingSet: 3 });
    expect(last?.report?.[0]?.parents[0]?.name).toBe('Learning under changing data distributions');
    expect(runs.some((r) => r.status === 'running' && r.position > 0)).toBe(true);
    const parentId = last?.report?.[0]?.parents[0]?.id ?? '';
    expect(changes).toContainEqual({ ids: [parentId], action: 'update' });
    expect(await call('graph.node', { id: parentId })).toMatchObject({
      result: { relation: { node: { level: 1, review: 'proposed' } } },
    });

    expect(await result('mining.hierarchyRuns', {})).toMatchObject([{ id: started.id, status: 'completed' }]);
    expect(await call('mining.hierarchyCancel', { runId: started.id })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
  });

  it('cancels a run while the model is thinking, and refuses a second run meanwhile', async () => {
    const slow: ScenarioInput = {
      name: 'hierarchy-slow',
      steps: [{ match: { role: 'hierarchy' }, delayMs: 10_000, reply: { content: '{"coherent": false}' } }],
    };
    const { call, result } = await setup({ problems: true, scenario: slow });
    const started = await result<HierarchyRun>('mining.hierarchy', { kind: 'Problem' });
    expect(await call('mining.hierarchy', { kind: 'Challenge' })).toMatchObject({
      error: { code: 'CONFLICT', details: { runId: started.id } },
    });
    await waitFor(() => (open.server?.requests.length ?? 0) > 0);
    const t0 = Date.now();
    const cancelled = await result<HierarchyRun>('mining.hierarchyCancel', { runId: started.id });
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(cancelled).toMatchObject({ status: 'cancelled', error: null, parents: 0 });
  });

  it('says when no LLM endpoint is configured, and validates the request', async () => {
    const { call } = await setup({ problems: true });
    expect(await call('mining.hierarchy', { kind: 'Problem' })).toMatchObject({
      error: { code: 'LLM_NOT_CONFIGURED', details: { field: 'llm.baseUrl' } },
    });
    expect(await call('mining.estimate', {})).toMatchObject({ error: { code: 'LLM_NOT_CONFIGURED' } });
    expect(await call('mining.hierarchy', { kind: 'Solution' })).toMatchObject({
      error: { code: 'VALIDATION' },
    });
  });
});
