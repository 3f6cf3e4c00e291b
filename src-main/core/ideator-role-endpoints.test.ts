import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startScriptedLlm, type ScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { IdeatorEventPayload } from '../contract/ideator.ts';
import { scenarioFile, seedGraph } from '../test-support/ideator-harness.ts';
import { statusReached } from '../test-support/ideator-core.ts';
import { channelCaller, recordEvents, resultCaller } from '../test-support/core-calls.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore, type Core } from './create-core.ts';
import { LEGACY_POLICY } from '../ideator/mentor-policy.ts';

/**
 * Each agent reaches its own role's endpoint: the researcher the shared base URL, the mentor the one in
 * llm.endpoints.mentor (two scripted servers, the real `openai` client, a real embedded graph). The stored key,
 * confirmed for the shared endpoint, is not sent to a mentor on another loopback server, and a mentor on an
 * unconfirmed remote endpoint is refused before any call.
 */

const tempDir = useTempDirs();
const KEY = 'sk-live-role-bound-key-0123456789';
const servers: ScriptedLlm[] = [];
let core: Core | null = null;
afterEach(async () => {
  await core?.close();
  core = null;
  for (const server of servers.splice(0)) await server.stop();
});

async function scripted(): Promise<ScriptedLlm> {
  const server = await startScriptedLlm({ scenario: scenarioFile('accept') });
  servers.push(server);
  return server;
}

const isMentorRequest = (body: Record<string, unknown>): boolean =>
  JSON.stringify(body['messages'] ?? '').includes('[role:mentor]');
const chatRequests = (server: ScriptedLlm) =>
  server.requests.filter((r) => r.path.endsWith('/chat/completions'));
const sawKey = (server: ScriptedLlm): boolean =>
  server.requests.some((r) => String(r.headers.authorization ?? '').includes(KEY));

async function openCore() {
  const dataDir = tempDir();
  const graph = await seedGraph(join(dataDir, 'graph.sqlite'));
  await graph.close();
  core = createCore({ env: { MOTIV_DATA_DIR: dataDir } });
  const events = recordEvents<IdeatorEventPayload>(core, 'ideator.event');
  const call = channelCaller(core);
  const settled = (sessionId: string) => statusReached(events, sessionId, ['completed'], 15_000);
  return { call, ok: resultCaller(call), settled };
}

const endpoints = (mentor: string | null) => ({
  researcher: null,
  mentor,
  judge: null,
  extractor: null,
  embeddings: null,
});

describe('the ideator with per-role endpoints', () => {
  it("sends the researcher's calls to the shared endpoint and the mentor's to its own, keyless there", async () => {
    const researcher = await scripted();
    const mentor = await scripted();
    const { ok, settled } = await openCore();
    await ok('settings.update', { llm: { baseUrl: researcher.baseUrl, model: 'scripted-chat' } });
    // The key is confirmed for the researcher's endpoint (set while it is the endpoint in use).
    await ok('secrets.set', { name: 'llm.apiKey', value: KEY });
    await ok('settings.update', { llm: { endpoints: endpoints(mentor.baseUrl) } });

    const session = await ok<{ id: string }>('ideator.start', {
      topic: 'LLM research ideation',
      ideas: 1,
      maxRounds: 3,
      // The fixed cycle: this test is about the endpoints, and its scenario's mentor accepts early.
      mentorPolicy: LEGACY_POLICY,
    });
    await settled(session.id);
    const detail = await ok<{ ideas: Array<{ outcome: string; decidedBy: string }> }>('ideator.get', {
      sessionId: session.id,
    });
    expect(detail.ideas[0]).toMatchObject({ outcome: 'accepted', decidedBy: 'mentor' });

    const toResearcher = chatRequests(researcher);
    const toMentor = chatRequests(mentor);
    expect(toResearcher.length).toBeGreaterThan(0);
    expect(toResearcher.some((r) => isMentorRequest(r.body))).toBe(false);
    expect(toMentor).toHaveLength(2);
    expect(toMentor.every((r) => isMentorRequest(r.body))).toBe(true);
    // The key goes where it was confirmed, and not to the mentor's other (loopback) server.
    expect(sawKey(researcher)).toBe(true);
    expect(sawKey(mentor)).toBe(false);
  });

  it('refuses a mentor on an unconfirmed remote endpoint before any call, as for the shared endpoint', async () => {
    const researcher = await scripted();
    const { call, ok } = await openCore();
    await ok('settings.update', { llm: { baseUrl: researcher.baseUrl, model: 'scripted-chat' } });
    await ok('secrets.set', { name: 'llm.apiKey', value: KEY });
    await ok('settings.update', { llm: { endpoints: endpoints('https://mentor.example.invalid/v1') } });

    const reply = await call('ideator.start', { topic: 'LLM research ideation', ideas: 1 });
    expect(reply).toMatchObject({
      error: {
        code: 'KEY_ENDPOINT_UNCONFIRMED',
        details: { endpoint: 'https://mentor.example.invalid' },
      },
    });
    expect(JSON.stringify(reply)).not.toContain(KEY);
    expect(chatRequests(researcher)).toHaveLength(0);
    // The estimate says so before a run is started.
    const estimate = await ok<{ endpoint: { configured: boolean; problem: string | null } }>(
      'ideator.estimate',
      { topic: 'LLM research ideation' },
    );
    expect(estimate.endpoint).toMatchObject({
      configured: false,
      problem: expect.stringContaining('https://mentor.example.invalid'),
    });
  });

  it("estimates with each agent's own model: a mentor on a local file is named after it", async () => {
    const researcher = await scripted();
    const { ok } = await openCore();
    await ok('settings.update', {
      llm: {
        baseUrl: researcher.baseUrl,
        models: { researcher: 'scripted-chat', mentor: null, judge: null, extractor: null, embeddings: null },
        endpoints: endpoints('local:/models/tiny.gguf'),
      },
    });
    const estimate = await ok<{ endpoint: { baseUrl: string; models: Record<string, string> } }>(
      'ideator.estimate',
      { topic: 'LLM research ideation' },
    );
    expect(estimate.endpoint).toMatchObject({
      baseUrl: researcher.baseUrl,
      models: { researcher: 'scripted-chat', mentor: 'local:tiny.gguf' },
    });
  });
});
