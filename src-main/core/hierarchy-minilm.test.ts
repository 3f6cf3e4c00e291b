import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startScriptedLlm } from '../../e2e/scripted-llm/server.ts';
import type { ScenarioInput } from '../../e2e/scripted-llm/scenario.ts';
import type { EventName } from '../contract/events.ts';
import type { HierarchyRun, MiningEventPayload } from '../contract/mining.ts';
import { repoModelsDir, MINILM } from '../embeddings/minilm-files.ts';
import { EmbeddedGraphStore } from '../graph/embedded/embedded-store.ts';
import { LEXICAL_METHOD } from '../mining/lexical-vectors.ts';
import { LOCAL_MODEL_MISSING_NOTE } from '../mining/similarity.ts';
import { scriptedLlmEnv } from '../test-support/core-calls.ts';
import { waitFor } from '../test-support/ideator-harness.ts';
import { useOpenCore } from '../test-support/open-core.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { useLocalMinilm } from '../test-support/local-minilm.ts';
import { createCore } from './create-core.ts';
import { dispatch } from './dispatch.ts';

/**
 * Hierarchy candidates come from the embeddings merging and search use: with the local MiniLM's files present, a
 * focal node's neighbours are its paraphrases, which share no word with it; without them the run says the files
 * are missing and the lexical fallback offers the node that shares words instead. Real model, real store, real
 * client; the judge's words are scripted.
 */

const tempDir = useTempDirs();
const open = useOpenCore();
const model = useLocalMinilm();

// Two paraphrase pairs (no content word in common) and, for each, a decoy that shares words but not meaning.
const ROBOTS = 'Robotic grasping of unfamiliar objects';
const ROBOTS_PARAPHRASE = 'Robot manipulation of novel items';
const ROBOTS_DECOY = 'Grasping unfamiliar ideas in lectures';
const POWER = 'Forecasting electricity demand of cities';
const POWER_PARAPHRASE = 'Predicting urban power consumption';
const POWER_DECOY = 'Forecasting shoppers demand for clothing';
const PROBLEMS = [ROBOTS, POWER, ROBOTS_DECOY, POWER_DECOY, ROBOTS_PARAPHRASE, POWER_PARAPHRASE];

type Step = NonNullable<ScenarioInput['steps']>[number];

/** The judge names a parent over the whole neighbourhood of this focal node. */
const parentOver = (focal: string, name: string, description: string): Step => ({
  match: { role: 'hierarchy', contains: `Focal: "${focal}"` },
  reply: { content: JSON.stringify({ coherent: true, name, description, members: [] }) },
});

const SCENARIO: ScenarioInput = {
  name: 'hierarchy-paraphrases',
  steps: [
    parentOver(ROBOTS, 'Object handling by machines', 'Machines that pick up and move things they meet.'),
    parentOver(
      POWER,
      'Anticipating energy needs',
      'Estimating how much energy people will use ahead of time.',
    ),
    { match: { role: 'hierarchy' }, times: 10, reply: { content: '{"coherent": false}' } },
  ],
};

/** Stored vectors to give nodes before the run, by node name. */
type StoredVectors = Array<{ name: string; model: string; vector: Float32Array }>;

async function hierarchyRun(modelsDir: string, stored: StoredVectors = []): Promise<HierarchyRun> {
  const dataDir = tempDir();
  const store = EmbeddedGraphStore.open(join(dataDir, 'graph.sqlite'));
  const { nodeIds } = await store.importBatch(
    {
      nodes: PROBLEMS.map((name) => ({
        kind: 'Problem' as const,
        name,
        description: '',
        origin: 'mined' as const,
      })),
    },
    { actor: 'test' },
  );
  for (const { name, model, vector } of stored) {
    const nodeId = nodeIds[PROBLEMS.indexOf(name)] ?? '';
    await store.setEmbedding({ nodeId, model, vector: [...vector] }, { actor: 'test' });
  }
  await store.close();
  open.server = await startScriptedLlm({ scenario: SCENARIO });
  const core = createCore({
    env: { ...scriptedLlmEnv(dataDir, open.server), MOTIV_SEED: 'off', MOTIV_MODELS_DIR: modelsDir },
  });
  open.core = core;
  const runs: HierarchyRun[] = [];
  core.events.subscribe((name: EventName, payload) => {
    const event = payload as MiningEventPayload;
    if (name === 'mining.event' && event.type === 'hierarchy') runs.push(event.run);
  });
  const reply = await dispatch(
    core.handlers,
    'mining.hierarchy',
    { kind: 'Problem', levels: 1, k: 1 },
    {
      transport: 'ipc',
    },
  );
  if ('error' in reply) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  await waitFor(() => runs.some((r) => r.status !== 'running'), 60_000);
  return runs.at(-1) as HierarchyRun;
}

const childrenByParent = (run: HierarchyRun): Record<string, string[]> =>
  Object.fromEntries((run.report?.[0]?.parents ?? []).map((p) => [p.name, [...p.children].sort()]));

describe('hierarchy candidates on the local MiniLM', () => {
  it('groups paraphrases under one parent where the lexical fallback offers the word-sharing decoy', async () => {
    const semantic = await hierarchyRun(repoModelsDir());
    expect(semantic).toMatchObject({
      status: 'completed',
      method: `embeddings:${MINILM.modelId}`,
      note: null,
    });
    expect(childrenByParent(semantic)).toEqual({
      'Object handling by machines': [ROBOTS_PARAPHRASE, ROBOTS].sort(),
      'Anticipating energy needs': [POWER, POWER_PARAPHRASE].sort(),
    });
    await open.core?.close();
    await open.server?.stop();
    delete open.core;
    delete open.server;

    // No model files: TF-IDF, said so in the run; the focal nodes' one candidate is the decoy sharing their words.
    const lexical = await hierarchyRun(tempDir());
    expect(lexical).toMatchObject({
      status: 'completed',
      method: LEXICAL_METHOD,
      note: LOCAL_MODEL_MISSING_NOTE,
    });
    expect(childrenByParent(lexical)).toEqual({
      'Object handling by machines': [ROBOTS_DECOY, ROBOTS].sort(),
      'Anticipating energy needs': [POWER, POWER_DECOY].sort(),
    });
  }, 120_000);

  it('reads the stored MiniLM vectors where nodes have them, and never another model’s', async () => {
    const [robots, power] = await model().embed([ROBOTS, POWER]);
    // Stored vectors that lie: a decoy's MiniLM vector is the power node's own, so the run that reads it groups the
    // decoy; the other decoy's vector of another model is the robots node's, and a run that mixed models would
    // group that one.
    const run = await hierarchyRun(repoModelsDir(), [
      { name: POWER_DECOY, model: MINILM.modelId, vector: power as Float32Array },
      { name: ROBOTS_DECOY, model: 'other-model', vector: robots as Float32Array },
    ]);
    expect(run).toMatchObject({ status: 'completed', method: `embeddings:${MINILM.modelId}` });
    expect(childrenByParent(run)).toEqual({
      'Object handling by machines': [ROBOTS_PARAPHRASE, ROBOTS].sort(),
      'Anticipating energy needs': [POWER, POWER_DECOY].sort(),
    });
  }, 120_000);
});
