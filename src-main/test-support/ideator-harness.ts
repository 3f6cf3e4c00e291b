import { join } from 'node:path';
import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { ScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import { EmbeddedGraphStore } from '../graph/embedded/embedded-store.ts';
import type { GraphStore } from '../graph/port.ts';
import { createLlmClient, resolveLlmConfig, UsageLedger } from '../llm/index.ts';
import type { LlmClient } from '../llm/index.ts';
import { IdeatorManager } from '../ideator/manager.ts';
import type { IdeatorOptions } from '../ideator/manager.ts';
import { LEGACY_POLICY } from '../ideator/mentor-policy.ts';
import type { StartInput } from '../ideator/session-config.ts';
import type { IdeatorEvent, SessionRecord } from '../ideator/types.ts';
import { batchEdge } from '../graph/test-support/batch-edge.ts';

/**
 * Test wiring for the ideator: a real embedded graph in a temp dir seeded with a few nodes, the scripted
 * OpenAI-compatible server playing a scenario file, and the real `openai` client. Only the model's words are
 * scripted.
 */

export const scenarioFile = (name: string): string =>
  join(import.meta.dirname, '..', '..', 'e2e', 'scripted-llm', 'scenarios', `ideator-${name}.json`);

export async function seedGraph(path: string): Promise<EmbeddedGraphStore> {
  const store = EmbeddedGraphStore.open(path);
  await seedGraphInto(store);
  return store;
}

/** The small ideation graph the ideator scenarios cite, into any store (embedded or Neo4j). */
export async function seedGraphInto(store: GraphStore): Promise<void> {
  await store.importBatch(
    {
      nodes: [
        {
          kind: 'Problem',
          name: 'Scientific idea generation',
          description: 'Producing research ideas with LLMs.',
        },
        {
          kind: 'Challenge',
          name: 'Limited novelty in generated research ideas',
          description: 'Ideas repeat prior work.',
        },
        {
          kind: 'Solution',
          name: 'Knowledge graph guided retrieval augmentation',
          description: 'Retrieve graph paths as context.',
        },
        {
          kind: 'Solution',
          name: 'Socratic questioning for self refinement',
          description: 'A critic asks questions.',
        },
        {
          kind: 'Problem',
          name: 'Protein structure prediction',
          description: 'Predict 3D structure from sequence.',
        },
        {
          kind: 'Paper',
          name: 'Can LLMs generate novel research ideas',
          description: 'A human study of LLM research ideas.',
          props: { authors: ['Chenglei Si', 'Diyi Yang', 'Tatsunori Hashimoto'], year: 2024 },
        },
      ],
      edges: [
        batchEdge(
          'HAS_CHALLENGE',
          ['Problem', 'Scientific idea generation'],
          ['Challenge', 'Limited novelty in generated research ideas'],
        ),
        batchEdge(
          'SOLVED_BY',
          ['Challenge', 'Limited novelty in generated research ideas'],
          ['Solution', 'Socratic questioning for self refinement'],
        ),
      ],
    },
    { actor: 'test' },
  );
}

export function clientFor(server: ScriptedLlm, ledger = new UsageLedger()): LlmClient {
  const config = resolveLlmConfig({ baseUrl: server.baseUrl, model: 'scripted-chat' }, {});
  return createLlmClient(config, {
    timeoutMs: 15_000,
    idleTimeoutMs: 15_000,
    retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
    ledger,
  });
}

export interface IdeatorHarness {
  server: ScriptedLlm;
  graph: EmbeddedGraphStore;
  manager: IdeatorManager;
  events: IdeatorEvent[];
  dataDir: string;
  /** A second manager on the same files, as a restarted process would open them. */
  reopen(): IdeatorManager;
  stop(): Promise<void>;
}

export async function ideatorHarness(
  scenario: string,
  dataDir: string,
  options: Partial<IdeatorOptions> = {},
): Promise<IdeatorHarness> {
  const server = await startScriptedLlm({ scenario: scenarioFile(scenario) });
  const graph = await seedGraph(join(dataDir, 'graph.sqlite'));
  const events: IdeatorEvent[] = [];
  const managers: IdeatorManager[] = [];
  const make = () => {
    const manager = new IdeatorManager({
      dataDir,
      llm: clientFor(server),
      graph,
      onEvent: (e) => events.push(e),
      actor: 'test',
      defaults: { seed: 7 },
      ...options,
    });
    managers.push(manager);
    return manager;
  };
  const manager = make();
  return {
    server,
    graph,
    manager,
    events,
    dataDir,
    reopen: make,
    stop: async () => {
      for (const m of managers) await m.close().catch(() => undefined);
      await graph.close();
      await server.stop();
    },
  };
}

/** Polls until the condition holds (tests only; short intervals keep them fast). */
/**
 * The turns of the `interject` scenario's session: the first draft, the human mentor's interjection in place of
 * the mentor's question, the researcher's answer and second draft, then the mentor's ACCEPT.
 */
/**
 * Starts one idea on the standard topic under the fixed mentor cycle (the scenarios' mentors decide in rounds 1
 * and 2); `extra` overrides or adds options (rounds, inspiration, noGraph, budget).
 */
export const startLegacyIdea = (harness: IdeatorHarness, extra: Partial<StartInput> = {}): SessionRecord =>
  harness.manager.start({ topic: 'LLM research ideation', ideas: 1, mentorPolicy: LEGACY_POLICY, ...extra });

export const INTERJECTED_TURN_KINDS = ['researcher', 'idea', 'human', 'researcher', 'idea', 'mentor'];

export async function waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('waitFor timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
