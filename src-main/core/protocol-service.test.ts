import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { ScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { Channel, RequestOf, ResponseOf } from '../contract/channels.ts';
import type { EventPayload } from '../contract/events.ts';
import { PROTOCOL_PRESETS } from '../contract/protocol.ts';
import { fetchMinilm, repoModelsDir } from '../embeddings/minilm-files.ts';
import { CSV_COLUMNS } from '../judge/protocol-export.ts';
import { projectPath } from '../shared/project-path.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore, type Core } from './create-core.ts';
import { dispatch } from './dispatch.ts';

/** Protocol runs end to end on a real core: the scripted model's words, real SQLite, the real MiniLM. */

const tempDir = useTempDirs();
const cores: Core[] = [];
const children: ChildProcess[] = [];
let server: ScriptedLlm | undefined;
beforeAll(async () => fetchMinilm(repoModelsDir()), 120_000);
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
  for (const child of children.splice(0)) child.kill();
  await server?.stop();
  server = undefined;
});

const PLAN = {
  topics: ['graph neural networks for drug discovery', 'efficient reasoning in language models'],
  settings: [PROTOCOL_PRESETS.full, PROTOCOL_PRESETS['no-graph'], PROTOCOL_PRESETS['no-mentor']],
  ideasPerTopic: 2,
  seeds: [1, 2],
  rounds: 2,
} satisfies RequestOf<'protocol.start'>;

async function setup(
  scenario: Parameters<typeof startScriptedLlm>[0]['scenario'] = projectPath(
    'e2e',
    'scripted-llm',
    'scenarios',
    'protocol-run.json',
  ),
): Promise<() => Core> {
  const dataDir = tempDir();
  server = await startScriptedLlm({ scenario });
  const env = {
    MOTIV_DATA_DIR: dataDir,
    MOTIV_LLM_BASE_URL: server.baseUrl,
    MOTIV_LLM_MODEL: 'scripted-chat',
    MOTIV_LLM_JUDGE_MODEL: 'scripted-judge',
    MOTIV_MODELS_DIR: repoModelsDir(),
  };
  return () => {
    const core = createCore({ env });
    cores.push(core);
    return core;
  };
}

async function call<C extends Channel>(
  core: Core,
  channel: C,
  request: RequestOf<C>,
): Promise<ResponseOf<C>> {
  const reply = await dispatch(core.handlers, channel, request, { transport: 'ipc' });
  if (!('result' in reply)) throw new Error(`${channel}: ${JSON.stringify(reply.error)}`);
  return reply.result as ResponseOf<C>;
}

/**
 * Starts PLAN on `core` and closes the core at the first progress event `when` accepts (the run stops where it is,
 * as in a quit mid-run); answers the run's id once the run has settled and the close is done.
 */
async function startClosingWhen(
  core: Core,
  when: (progress: EventPayload<'protocol.event'>['progress']) => boolean,
): Promise<string> {
  let closing: Promise<void> | undefined;
  core.events.subscribe((name, payload) => {
    const event = payload as EventPayload<'protocol.event'>;
    if (name === 'protocol.event' && when(event.progress)) closing ??= core.close();
  });
  const { runId } = await call(core, 'protocol.start', PLAN);
  await core.services.protocol.whenSettled(runId);
  await closing;
  return runId;
}

const bodiesOf = (role: string): string[] =>
  (server?.requests ?? [])
    .map((r) => JSON.stringify(r.body.messages ?? ''))
    .filter((text) => text.includes(`[role:${role}]`));

describe('protocol runs', () => {
  it('runs 2 topics × 3 settings to the paper table, pays each judgment once, and exports it', async () => {
    const core = (await setup())();
    await call(core, 'settings.update', {
      prices: {
        overrides: {
          'scripted-chat': { inputPerMTok: 1, outputPerMTok: 4 },
          'scripted-judge': { inputPerMTok: 2, outputPerMTok: 8 },
        },
      },
    });
    const estimate = await call(core, 'protocol.estimate', PLAN);
    // 12 direct scores + 2 topics × 2 seeds × 2 rounds × 3 pairs × 2 orders.
    expect(estimate).toMatchObject({ sessions: 6, judgeCalls: 12 + 48, unpricedModels: [] });
    expect(estimate.costUsd).toBeGreaterThan(0);
    expect(estimate.basis).toMatch(/^An estimate, not a quote/);
    expect(estimate.perSetting.map((s) => s.setting)).toEqual(['full', 'no-graph', 'no-mentor']);

    const events: EventPayload<'protocol.event'>[] = [];
    core.events.subscribe((name, payload) => {
      if (name === 'protocol.event') events.push(payload as EventPayload<'protocol.event'>);
    });
    const { runId } = await call(core, 'protocol.start', { ...PLAN, name: 'two topics' });
    const run = await core.services.protocol.whenSettled(runId);
    expect(run.error).toBeNull();
    expect(run.state).toBe('completed');
    expect(server?.unusedSteps().length).toBeGreaterThan(0);

    const [full, noGraph, noMentor] = run.table;
    expect(run.table.map((r) => [r.setting, r.ideas])).toEqual([
      ['full', 4],
      ['no-graph', 4],
      ['no-mentor', 4],
    ]);
    expect([full?.novelty, noGraph?.novelty, noMentor?.novelty]).toEqual([
      { mean: 9, sd: 0, n: 4 },
      { mean: 5, sd: 0, n: 4 },
      { mean: 7, sd: 0, n: 4 },
    ]);
    expect(full?.paperMean).toBe(9);
    // Revised (full) beats Graph (no mentor) beats Plain (no graph) in every pair, whichever side it is on.
    const elo = run.table.map((r) => r.eloAverage?.mean ?? 0);
    expect(elo[0]).toBeGreaterThan(elo[2] ?? 0);
    expect(elo[2]).toBeGreaterThan(elo[1] ?? 0);
    expect(run.table.every((r) => r.eloAverage?.n === 2)).toBe(true);
    // Zero-sum: equal idea counts, so the three settings' ELOs average 1000.
    expect(elo.reduce((a, b) => a + b, 0) / 3).toBeCloseTo(1000, 6);
    for (const row of run.table) {
      expect(row.diversity).toBeGreaterThan(0);
      expect(row.diversity).toBeLessThan(2);
      expect(row.meanLength).toBeGreaterThan(20);
      expect(row.tokensPerIdea).toBeGreaterThan(0);
      expect(row.costPerIdea).toBeGreaterThan(0);
    }
    // The settings' drafts are told apart by the words: no-graph's two ideas share nothing, full's share a lot.
    expect(noGraph?.diversity).toBeGreaterThan(full?.diversity ?? 2);
    expect(run.eloByRound.map((r) => [r.setting, r.elo.length])).toEqual([
      ['full', 2],
      ['no-graph', 2],
      ['no-mentor', 2],
    ]);
    expect(run.eloByRound[0]?.elo[1]).toBeCloseTo(elo[0] ?? 0, 6);
    expect(run.comparability).toMatch(/not comparable to the paper's numbers/);
    expect(run.costUsd).toBeCloseTo(
      run.table.reduce((sum, r) => sum + (r.costPerIdea ?? 0) * r.ideas, 0),
      9,
    );

    // Nothing paid twice: every judge prompt the server saw is distinct (seed 2 reused seed 1's pairs).
    const judged = bodiesOf('judge');
    expect(new Set(judged).size).toBe(judged.length);
    expect(judged.length).toBeLessThan(60);
    // Each (topic, seed) tournament is stored and listed.
    for (const topic of PLAN.topics) {
      const { tournaments } = await call(core, 'judge.tournaments', { topic });
      expect(tournaments.map((t) => t.seed).sort()).toEqual([1, 2]);
    }

    // Progress: numbered from 1 without gaps, replayable, ending with the completed state.
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)).toMatchObject({ state: 'completed', seq: run.seq });
    expect(new Set(events.map((e) => e.progress.stage))).toEqual(
      new Set(['ideate', 'judge', 'tournament', 'diversity']),
    );
    const replay = await call(core, 'protocol.since', { runId, seq: 3 });
    expect(replay.events).toEqual(events.slice(3));

    const csv = await call(core, 'protocol.export', { runId, format: 'csv' });
    expect(csv).toMatchObject({
      mime: 'text/csv',
      filename: expect.stringMatching(/^protocol-two_topics-.*\.csv$/),
    });
    const rows = parse(csv.content, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([...CSV_COLUMNS]);
    expect(rows.map((r) => [r['setting'], Number(r['novelty_mean']), Number(r['eloAverage_mean'])])).toEqual(
      run.table.map((r) => [r.setting, r.novelty?.mean, r.eloAverage?.mean]),
    );
    const json = await call(core, 'protocol.export', { runId, format: 'json' });
    expect(JSON.parse(json.content)).toEqual(run);

    const { runs } = await call(core, 'protocol.list', {});
    expect(runs).toMatchObject([{ id: runId, name: 'two topics', state: 'completed' }]);
    const reference = await call(core, 'protocol.reference', {});
    expect(reference.label).toMatch(/paper's/);
    expect(reference.table1.rows[0]).toEqual({
      method: 'MotivGraph-SoIQ',
      novelty: 8.39,
      experiment: 8.64,
      motivation: 8.7,
    });
  }, 120_000);

  it('resumes after the core closes mid-tournament without re-asking a session or a finished pair', async () => {
    const newCore = await setup();
    const first = newCore();
    const runId = await startClosingWhen(first, (p) => p.stage === 'tournament' && p.done === 3);
    const judgedBefore = bodiesOf('judge');
    const ideationBefore = bodiesOf('researcher').length + bodiesOf('mentor').length;
    // 12 direct scores and 3 pairs in both orders were paid for before the close.
    expect(judgedBefore).toHaveLength(12 + 6);

    const second = newCore();
    expect(await call(second, 'protocol.get', { runId })).toMatchObject({
      state: 'interrupted',
      progress: { stage: 'tournament', done: 3 },
    });
    await call(second, 'protocol.resume', { runId });
    const run = await second.services.protocol.whenSettled(runId);
    expect(run.state).toBe('completed');
    expect(bodiesOf('researcher').length + bodiesOf('mentor').length).toBe(ideationBefore);
    const judged = bodiesOf('judge');
    expect(new Set(judged).size).toBe(judged.length);
    expect(judged.slice(0, judgedBefore.length)).toEqual(judgedBefore);
    expect(run.table.map((r) => r.novelty?.mean)).toEqual([9, 5, 7]);
  }, 120_000);

  it('refuses a run another live process owns with CONFLICT, and cancels an interrupted one', async () => {
    const newCore = await setup();
    const first = newCore();
    const runId = await startClosingWhen(first, (p) => p.stage === 'judge');

    // Another process on this host holds the lease (a live pid, unexpired).
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    children.push(other);
    const db = new Database(join(first.dataDir, 'protocol.sqlite'));
    const owner = { pid: other.pid, host: hostname(), token: 't', expiresAt: Date.now() + 60_000 };
    db.prepare(`UPDATE runs SET state = 'running', owner = ? WHERE id = ?`).run(JSON.stringify(owner), runId);

    const second = newCore();
    expect(await call(second, 'protocol.get', { runId })).toMatchObject({ state: 'running' });
    const refused = await dispatch(second.handlers, 'protocol.resume', { runId }, { transport: 'cli' });
    expect(refused).toMatchObject({ error: { code: 'CONFLICT', details: { runId } } });

    // The owner dies: the run reads as interrupted, and a cancel settles it as cancelled.
    other.kill('SIGKILL');
    await new Promise((resolve) => other.once('exit', resolve));
    expect(await call(second, 'protocol.get', { runId })).toMatchObject({ state: 'interrupted' });
    expect(await call(second, 'protocol.cancel', { runId })).toMatchObject({ state: 'cancelled' });
    db.close();
    // Two cores in one process: the one not running it is refused; the owner cancels it.
    const { runId: again } = await call(second, 'protocol.start', PLAN);
    const third = newCore();
    const twice = await dispatch(third.handlers, 'protocol.resume', { runId: again }, { transport: 'ipc' });
    expect(twice).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(await call(second, 'protocol.cancel', { runId: again })).toMatchObject({ state: 'cancelled' });
  }, 120_000);

  it('cancel mid-session pauses that session; resume continues it to the same table', async () => {
    const core = (await setup())();
    let turns = 0;
    let runId = '';
    let cancelling: Promise<unknown> | undefined;
    core.events.subscribe((name, payload) => {
      const change = payload as EventPayload<'ideator.event'>;
      // The third session's first committed turn: cancel while it is running.
      if (name === 'ideator.event' && change.type === 'turn' && ++turns === 20) {
        cancelling ??= call(core, 'protocol.cancel', { runId });
      }
    });
    runId = (await call(core, 'protocol.start', PLAN)).runId;
    await core.services.protocol.whenSettled(runId);
    await cancelling;
    expect(await call(core, 'protocol.get', { runId })).toMatchObject({
      state: 'cancelled',
      progress: { stage: 'ideate' },
    });
    const statuses = (await call(core, 'ideator.list', {})).map((s) => s.status);
    expect(statuses).toContain('paused');
    expect(statuses).not.toContain('running');

    await call(core, 'protocol.resume', { runId });
    const run = await core.services.protocol.whenSettled(runId);
    expect(run.state).toBe('completed');
    expect((await call(core, 'ideator.list', {})).map((s) => s.status)).toEqual(Array(6).fill('completed'));
    expect(run.table.map((r) => [r.setting, r.ideas, r.novelty?.mean])).toEqual([
      ['full', 4, 9],
      ['no-graph', 4, 5],
      ['no-mentor', 4, 7],
    ]);
  }, 120_000);

  it('refuses to start without the local MiniLM files, before anything is paid for', async () => {
    const newCore = await setup();
    const core = newCore();
    const noModels = createCore({ env: { ...core.env, MOTIV_MODELS_DIR: tempDir() } });
    cores.push(noModels);
    expect(await dispatch(noModels.handlers, 'protocol.start', PLAN, { transport: 'http' })).toMatchObject({
      error: { code: 'MODEL_MISSING' },
    });
    expect(server?.requests).toHaveLength(0);
    expect(await call(noModels, 'protocol.list', {})).toEqual({ runs: [] });
  });

  it("fails with the session's own typed error and keeps what it has; resume retries that session", async () => {
    const core = (
      await setup({
        name: 'protocol-refused',
        steps: [{ fault: { type: 'http', status: 401 }, times: 100 }],
      })
    )();
    const { runId } = await call(core, 'protocol.start', PLAN);
    const run = await core.services.protocol.whenSettled(runId);
    expect(run).toMatchObject({
      state: 'failed',
      error: { code: 'LLM_UNAUTHORIZED' },
      progress: { stage: 'ideate', done: 0 },
      table: [],
    });
    const sessions = await call(core, 'ideator.list', {});
    expect(sessions.map((s) => s.status)).toEqual(['failed']);
    const calls = server?.requests.length ?? 0;
    await call(core, 'protocol.resume', { runId });
    expect(await core.services.protocol.whenSettled(runId)).toMatchObject({ state: 'failed' });
    // The same session was resumed (its one call asked again), no second session started.
    expect((await call(core, 'ideator.list', {})).map((s) => s.id)).toEqual(sessions.map((s) => s.id));
    expect(server?.requests.length).toBeGreaterThan(calls);
  });
});
