import { join } from 'node:path';
import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { ScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import { MINING_DEFAULTS } from '../contract/settings-mining.ts';
import type { MiningSettings } from '../contract/settings-mining.ts';
import { EmbeddedGraphStore } from '../graph/embedded/embedded-store.ts';
import type { GraphStore } from '../graph/port.ts';
import { createLlmClient, resolveLlmConfig, UsageLedger } from '../llm/index.ts';
import type { EnvLike, LlmClient } from '../llm/index.ts';

/**
 * Test wiring for mining: a real embedded graph in a temp dir, the scripted OpenAI-compatible server playing a
 * `mining-*.json` scenario, and the real `openai` client. Only the model's words are scripted.
 */

export const miningScenario = (name: string): string =>
  join(import.meta.dirname, '..', '..', 'e2e', 'scripted-llm', 'scenarios', `mining-${name}.json`);

export const TEST_PAPERS = {
  replay: {
    title: 'Experience replay against forgetting',
    abstract: 'We keep a small memory of past examples and replay them while learning new tasks.',
  },
  generative: {
    title: 'Generative replay for continual learning',
    abstract: 'A generator produces examples of old tasks so no raw data must be stored.',
  },
  prototypes: {
    title: 'Prototypes for few shot learning',
    abstract: 'Classes are represented by the mean embedding of their few examples.',
  },
  motivgraph: {
    title: 'MotivGraph: grounded research ideation',
    abstract: 'A graph of problems, challenges and solutions grounds LLM ideation.',
  },
} as const;

export type TestPaper = keyof typeof TEST_PAPERS;

export const TEST_SETTINGS: MiningSettings = { ...MINING_DEFAULTS, concurrency: 1 };

/** Papers as the importers leave them: Paper nodes with an abstract. Returns their ids in order. */
export async function seedPapers(store: GraphStore, papers: readonly TestPaper[]): Promise<string[]> {
  const result = await store.importBatch(
    {
      nodes: papers.map((key) => ({
        kind: 'Paper' as const,
        name: TEST_PAPERS[key].title,
        origin: 'imported' as const,
        props: { authors: ['A. Author'], year: 2024, abstract: TEST_PAPERS[key].abstract },
      })),
    },
    { actor: 'test' },
  );
  return result.nodeIds;
}

/** The papers written into `<dataDir>/graph.sqlite` (the store closed again, as a core opens it); their ids. */
export async function seedPapersIn(dataDir: string, papers: readonly TestPaper[]): Promise<string[]> {
  const store = EmbeddedGraphStore.open(join(dataDir, 'graph.sqlite'));
  try {
    return await seedPapers(store, papers);
  } finally {
    await store.close();
  }
}

/** The real client on the scripted server; `env` can add e.g. MOTIV_LLM_EMBEDDINGS_MODEL. */
/** Three mined problems the hierarchy scenarios group under one parent: name and description each. */
export const HIERARCHY_PROBLEMS = [
  ['Continual learning of neural networks', 'Learning tasks in sequence without losing earlier ones.'],
  [
    'Domain adaptation of image classifiers',
    'Keeping classifiers accurate when the image distribution shifts.',
  ],
  ['Learning new classes from few examples', 'Recognising classes seen only a handful of times.'],
] as const;

/** Writes HIERARCHY_PROBLEMS into a store as mined Problem nodes. */
export async function seedHierarchyProblems(store: GraphStore): Promise<void> {
  await store.importBatch(
    {
      nodes: HIERARCHY_PROBLEMS.map(([name, description]) => ({
        kind: 'Problem' as const,
        name,
        description,
        origin: 'mined' as const,
      })),
    },
    { actor: 'test' },
  );
}

export function scriptedClient(baseUrl: string, ledger = new UsageLedger(), env: EnvLike = {}): LlmClient {
  const config = resolveLlmConfig({ baseUrl, model: 'scripted-chat' }, env);
  return createLlmClient(config, {
    timeoutMs: 20_000,
    retry: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 },
    ledger,
  });
}

export interface MiningHarness {
  server: ScriptedLlm;
  store: EmbeddedGraphStore;
  stop(): Promise<void>;
}

export async function miningHarness(scenario: string, dataDir: string): Promise<MiningHarness> {
  const server = await startScriptedLlm({ scenario: miningScenario(scenario) });
  const store = EmbeddedGraphStore.open(join(dataDir, 'graph.sqlite'));
  return {
    server,
    store,
    stop: async () => {
      await store.close();
      await server.stop();
    },
  };
}
