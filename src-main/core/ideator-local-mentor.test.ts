import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { IdeatorEventPayload } from '../contract/ideator.ts';
import { repoModelsDir } from '../embeddings/minilm-files.ts';
import { disposeLocalModels } from '../local-llm/engine.ts';
import { smollm2Path } from '../local-llm/test-model.ts';
import { channelCaller, recordEvents, resultCaller } from '../test-support/core-calls.ts';
import { scenarioFile, seedGraph, waitFor } from '../test-support/ideator-harness.ts';
import { useOpenCore } from '../test-support/open-core.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore } from './create-core.ts';
import { LEGACY_POLICY } from '../ideator/mentor-policy.ts';

/**
 * The mentor on the real built-in engine (SmolLM2-135M via MOTIV_LLM_MENTOR_BASE_URL=local:<file>), the researcher
 * on the scripted server: one session to its round limit, each agent's calls reaching its own endpoint.
 */

const tempDir = useTempDirs();
const open = useOpenCore();
afterAll(async () => {
  await disposeLocalModels();
});

interface Detail {
  session: { status: string };
  ideas: Array<{ outcome: string | null; decidedBy: string | null }>;
  turns: Array<{ kind: string; content: string }>;
}

describe('a mentor on a local GGUF, a researcher on an endpoint', () => {
  it(
    'runs one session with the mentor in-process and the researcher remote',
    { timeout: 120_000 },
    async () => {
      const dataDir = tempDir();
      const graph = await seedGraph(join(dataDir, 'graph.sqlite'));
      await graph.close();
      const server = await startScriptedLlm({ scenario: scenarioFile('accept') });
      open.server = server;
      const model = smollm2Path(repoModelsDir());
      const core = createCore({
        env: {
          MOTIV_DATA_DIR: dataDir,
          MOTIV_LLM_BASE_URL: server.baseUrl,
          MOTIV_LLM_RESEARCHER_MODEL: 'scripted-chat',
          MOTIV_LLM_MENTOR_BASE_URL: `local:${model}`,
          MOTIV_LLM_THREADS: '1',
          // Poor answers are fine; long ones only cost time.
          MOTIV_LLM_MAX_TOKENS: '24',
        },
      });
      open.core = core;
      const events = recordEvents<IdeatorEventPayload>(core, 'ideator.event');
      const ok = resultCaller(channelCaller(core));
      const session = await ok<{ id: string }>('ideator.start', {
        topic: 'LLM research ideation',
        ideas: 1,
        maxRounds: 1,
        // The fixed cycle: one round on a tiny local model is about the wiring, not the mentor policy.
        mentorPolicy: LEGACY_POLICY,
      });
      await waitFor(
        () => events.some((e) => e.type === 'status' && e.sessionId === session.id && e.status !== 'running'),
        110_000,
      );
      const detail = await ok<Detail>('ideator.get', { sessionId: session.id });
      expect(detail.session.status).toBe('completed');
      // One mentor round: SmolLM2 rarely ends with a verdict, so the limit usually decides; either is the plumbing.
      expect(['round_limit', 'accepted', 'rejected']).toContain(detail.ideas[0]?.outcome);
      expect(detail.turns.filter((t) => t.kind === 'mentor')).toHaveLength(1);

      const chats = server.requests.filter((r) => r.path.endsWith('/chat/completions'));
      expect(chats.length).toBeGreaterThan(0);
      expect(chats.some((r) => JSON.stringify(r.body['messages'] ?? '').includes('[role:mentor]'))).toBe(
        false,
      );
      const usage = events.flatMap((e) => (e.type === 'usage' ? [e.entry] : []));
      const mentorModels = new Set(usage.filter((u) => u.role === 'mentor').map((u) => u.model));
      expect([...mentorModels]).toEqual(['local:SmolLM2-135M-Instruct.Q4_1.gguf']);
      expect(usage.some((u) => u.role === 'researcher' && u.model === 'scripted-chat')).toBe(true);
    },
  );
});
