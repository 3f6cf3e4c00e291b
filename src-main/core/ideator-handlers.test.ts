import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IdeatorEventPayload } from '../contract/ideator.ts';
import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import { INTERJECTED_TURN_KINDS, scenarioFile, seedGraph, waitFor } from '../test-support/ideator-harness.ts';
import { statusReached } from '../test-support/ideator-core.ts';
import { channelCaller, mentorlessDraft, recordEvents, resultCaller } from '../test-support/core-calls.ts';
import { useOpenCore } from '../test-support/open-core.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore } from './create-core.ts';
import { LEGACY_POLICY } from '../ideator/mentor-policy.ts';

/**
 * The ideator channels end to end in Node: dispatch → handlers → IdeatorManager → the real `openai` client →
 * the scripted LLM server, with a real embedded graph in the core's data directory.
 */

const tempDir = useTempDirs();
const open = useOpenCore();

async function setup(scenario: string | null, endpointVia: 'env' | 'settings' = 'env') {
  const dataDir = tempDir();
  const graph = await seedGraph(join(dataDir, 'graph.sqlite'));
  await graph.close();
  const env: NodeJS.ProcessEnv = { MOTIV_DATA_DIR: dataDir };
  if (scenario) {
    open.server = await startScriptedLlm({ scenario: scenarioFile(scenario) });
    if (endpointVia === 'env') {
      env['MOTIV_LLM_BASE_URL'] = open.server.baseUrl;
      env['MOTIV_LLM_MODEL'] = 'scripted-chat';
    }
  }
  const core = createCore({ env });
  open.core = core;
  const events = recordEvents<IdeatorEventPayload>(core, 'ideator.event');
  const call = channelCaller(core);
  const ok = resultCaller(call);
  const settled = (sessionId: string, status = 'completed') => statusReached(events, sessionId, [status]);
  return { core, events, call, ok, settled };
}

interface Detail {
  session: { status: string };
  ideas: Array<{
    id: string;
    outcome: string | null;
    decidedBy: string | null;
    currentVersion: number;
    versions: Array<{ missingCitations: string[]; citations: Array<{ ref: string; status: string }> }>;
  }>;
  turns: Array<{ kind: string; content: string }>;
  usage: { calls: number; promptTokens: number };
}

const isMentorRequest = (body: Record<string, unknown>): boolean =>
  JSON.stringify(body['messages'] ?? '').includes('[role:mentor]');

describe('ideator channels', () => {
  it('says clearly that no endpoint is configured, yet still estimates and lists', async () => {
    const { call, ok } = await setup(null);
    const estimate = await ok<{ endpoint: { configured: boolean; problem: string }; calls: number }>(
      'ideator.estimate',
      { topic: '', ideas: 2, maxRounds: 3, mentorPolicy: LEGACY_POLICY },
    );
    expect(estimate.endpoint.configured).toBe(false);
    expect(estimate.endpoint.problem).toMatch(/Settings.*MOTIV_LLM_BASE_URL/);
    expect(estimate.calls).toBeGreaterThan(0);
    const started = await call('ideator.start', { topic: 'LLM research ideation' });
    expect(started).toMatchObject({
      error: { code: 'LLM_NOT_CONFIGURED', details: { field: 'llm.baseUrl' } },
    });
    expect(await ok('ideator.list', {})).toEqual([]);
  });

  it('fails a run on a dead endpoint with its error, then resumes it on the endpoint corrected in Settings', async () => {
    const { ok, settled } = await setup('no-mentor', 'settings');
    // Port 1 on loopback: nothing listens, the connection is refused at once (then retried, then given up).
    await ok('settings.update', { llm: { baseUrl: 'http://127.0.0.1:1/v1', model: 'scripted-chat' } });
    const session = await ok<{ id: string }>('ideator.start', {
      topic: 'LLM research ideation',
      ideas: 2,
      noMentor: true,
    });
    await settled(session.id, 'failed');
    const failed = await ok<Detail & { session: { error: { message: string } | null } }>('ideator.get', {
      sessionId: session.id,
    });
    expect(failed.session.error?.message).toBeTruthy();

    await ok('settings.update', { llm: { baseUrl: open.server?.baseUrl } });
    expect(await ok('ideator.resume', { sessionId: session.id })).toMatchObject({ status: 'running' });
    await settled(session.id);
    const done = await ok<Detail>('ideator.get', { sessionId: session.id });
    expect(done.ideas.map((i) => i.outcome)).toEqual(['unreviewed', 'unreviewed']);
    expect(open.server?.unusedSteps()).toEqual([]);
  });

  it('refuses bad requests at the boundary and names the field', async () => {
    const { call } = await setup(null);
    expect(await call('ideator.start', { topic: '  ', ideas: 0 })).toMatchObject({
      error: { code: 'VALIDATION', details: { issues: [{ path: 'ideas' }, { path: 'topic' }] } },
    });
    expect(await call('ideator.interject', { sessionId: 'x', text: ' ' })).toMatchObject({
      error: { code: 'VALIDATION', details: { issues: [{ path: 'text' }] } },
    });
    expect(await call('ideator.get', { sessionId: 'nope' })).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('runs a session to ACCEPT with estimate, live events, priced usage and a Markdown report', async () => {
    const { ok, events, settled } = await setup('accept');
    const estimate = await ok<{ endpoint: { configured: boolean }; cost: { usd: number } }>(
      'ideator.estimate',
      { topic: 'LLM research ideation', ideas: 1, maxRounds: 3, mentorPolicy: LEGACY_POLICY },
    );
    expect(estimate.endpoint).toMatchObject({ configured: true, problem: null });
    // The fixed cycle: this test is about the channels, and its scenario's mentor accepts in round 2.
    const session = await ok<{ id: string; status: string }>('ideator.start', {
      topic: 'LLM research ideation',
      ideas: 1,
      maxRounds: 3,
      mentorPolicy: LEGACY_POLICY,
    });
    expect(session.status).toBe('running');
    await settled(session.id);

    const detail = await ok<Detail>('ideator.get', { sessionId: session.id });
    expect(detail.session.status).toBe('completed');
    const idea = detail.ideas[0];
    expect(idea).toMatchObject({ outcome: 'accepted', decidedBy: 'mentor', currentVersion: 2 });
    const latest = idea?.versions.at(-1);
    expect(latest?.missingCitations).toEqual(['kg:challenge:Made_up_node_that_does_not_exist']);
    expect(latest?.citations.find((c) => c.ref === 'kg:problem:Scientific_idea_generation')?.status).toBe(
      'resolved',
    );
    expect(detail.turns.map((t) => t.kind)).toContain('tool');

    const kinds = new Set(events.map((e) => e.type));
    expect([...kinds]).toEqual(expect.arrayContaining(['status', 'idea', 'turn', 'token', 'usage']));
    const lastUsage = events.filter((e) => e.type === 'usage').at(-1);
    expect(lastUsage?.type === 'usage' && lastUsage.totals.calls).toBe(detail.usage.calls);

    const report = await ok<{ fileName: string; markdown: string }>('ideator.exportIdea', {
      ideaId: idea?.id,
    });
    expect(report.fileName).toBe('kg_guided_socratic_ideation_v2-v2.md');
    expect(report.markdown).toContain('# Graph-grounded Socratic ideation, version 2');
    expect(report.markdown).toContain(
      '- `kg:challenge:Made_up_node_that_does_not_exist`: **not in the graph (flagged)**',
    );
    expect(report.markdown).toContain('**Mentor** (round 1): What exactly is a motivation chain');
    expect(report.markdown).toContain('outcome: accepted, decided by mentor');
  });

  it('takes a human-mentor interjection while the mentor call is in flight', async () => {
    const { ok, settled, events } = await setup('interject');
    const server = open.server;
    // The fixed cycle: this test is about an interjection in flight; the scenario's mentor accepts in round 2.
    const session = await ok<{ id: string }>('ideator.start', {
      topic: 'LLM research ideation',
      ideas: 1,
      mentorPolicy: LEGACY_POLICY,
    });
    await waitFor(() => server?.requests.some((r) => isMentorRequest(r.body)) ?? false, 10_000);
    const turn = await ok<{ kind: string }>('ideator.interject', {
      sessionId: session.id,
      text: 'Consider low-resource languages as well.',
    });
    expect(turn.kind).toBe('human');
    await settled(session.id);
    // The handler paused the run around the interjection and resumed it.
    const statuses = events.filter((e) => e.type === 'status').map((e) => e.type === 'status' && e.status);
    expect(statuses).toEqual(['running', 'paused', 'running', 'completed']);
    const detail = await ok<Detail>('ideator.get', { sessionId: session.id });
    expect(detail.ideas[0]).toMatchObject({ outcome: 'accepted', currentVersion: 2 });
    expect(detail.turns.map((t) => t.kind)).toEqual(INTERJECTED_TURN_KINDS);
    expect(server?.unusedSteps()).toEqual([]);
  });

  it('lets the user decide (also mid-call), forks from a version, pauses and resumes', async () => {
    const { ok, call, settled } = await setup('fork');
    const server = open.server;
    const { sessionId: firstId, ideaId, detail } = await mentorlessDraft<Detail>(ok, (id) => settled(id));
    expect(detail.ideas[0]?.outcome).toBe('unreviewed');
    expect(await ok('ideator.decide', { ideaId, decision: 'accept', note: 'good enough' })).toMatchObject({
      outcome: 'accepted',
      decidedBy: 'user',
    });

    const fork = await ok<{ id: string; forkedFrom: unknown }>('ideator.fork', {
      ideaId,
      version: 1,
      options: { noMentor: false, maxRounds: 2, mentorPolicy: LEGACY_POLICY },
    });
    expect(fork.forkedFrom).toEqual({ sessionId: firstId, ideaId, version: 1 });
    await waitFor(() => server?.requests.some((r) => isMentorRequest(r.body)) ?? false, 10_000);
    const forkIdea = (await ok<Detail>('ideator.get', { sessionId: fork.id })).ideas[0]?.id;
    // Deciding while the mentor is being asked: the run is paused around the decision, then finishes.
    expect(await ok('ideator.decide', { ideaId: forkIdea, decision: 'reject' })).toMatchObject({
      outcome: 'rejected',
      decidedBy: 'user',
    });
    await settled(fork.id);

    const again = await ok<{ id: string }>('ideator.fork', {
      ideaId,
      version: 1,
      options: { noMentor: false, maxRounds: 2, mentorPolicy: LEGACY_POLICY },
    });
    expect(await ok('ideator.pause', { sessionId: again.id })).toMatchObject({ status: 'paused' });
    expect(await ok('ideator.resume', { sessionId: again.id })).toMatchObject({ status: 'running' });
    await settled(again.id);
    const accepted = await ok<Detail>('ideator.get', { sessionId: again.id });
    expect(accepted.ideas[0]).toMatchObject({ outcome: 'accepted', decidedBy: 'mentor' });
    // Stopping a finished session changes nothing; resuming it is refused.
    expect(await ok('ideator.stop', { sessionId: again.id })).toMatchObject({ status: 'completed' });
    expect(await call('ideator.resume', { sessionId: again.id })).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    const list = await ok<Array<{ status: string }>>('ideator.list', {});
    expect(list.map((s) => s.status)).toEqual(['completed', 'completed', 'completed']);
    expect(server?.unusedSteps()).toEqual([]);
  });
});
