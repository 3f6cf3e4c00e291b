import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { MINILM, repoModelsDir } from '../embeddings/minilm-files.ts';
import { sharedLocalEmbedder } from '../embeddings/shared-embedder.ts';
import { LEXICAL_METHOD } from './lexical-vectors.ts';
import { MINILM_MERGE_THRESHOLD } from './similarity.ts';
import { MiningDb } from './mining-db.ts';
import { createMiningJob, runMiningJob } from './mining-job.ts';
import type { MiningJobOptions, MiningProgress } from './mining-job.ts';
import { miningHarness, scriptedClient, seedPapers, TEST_SETTINGS } from '../test-support/mining-harness.ts';
import type { MiningHarness } from '../test-support/mining-harness.ts';

const tempDir = useTempDirs();
let h: MiningHarness | undefined;
let db: MiningDb | undefined;
afterEach(async () => {
  db?.close();
  db = undefined;
  await h?.stop();
  h = undefined;
});

async function setup(scenario: string) {
  const dir = tempDir();
  h = await miningHarness(scenario, dir);
  db = MiningDb.open(dir);
  return { h, db, dir };
}

function options(
  harness: MiningHarness,
  jobs: MiningDb,
  extra: Partial<MiningJobOptions> & { env?: Record<string, string> } = {},
): MiningJobOptions {
  const { env, ...rest } = extra;
  return {
    db: jobs,
    store: harness.store,
    makeClient: (ledger) => scriptedClient(harness.server.baseUrl, ledger, env),
    settings: TEST_SETTINGS,
    actor: 'test',
    ...rest,
  };
}

describe('mining jobs', () => {
  it('mines papers into proposed nodes with provenance, merges near-identical ones and names the method', async () => {
    const { h, db } = await setup('extract');
    const [replay, generative] = await seedPapers(h.store, ['replay', 'generative']);
    const events: MiningProgress[] = [];
    const jobId = await createMiningJob(db, h.store, {});
    const summary = await runMiningJob(jobId, options(h, db, { onProgress: (e) => events.push(e) }));

    expect(summary).toMatchObject({ status: 'completed', papers: { total: 2, done: 2, failed: 0 } });
    expect(summary.merge?.method).toBe(LEXICAL_METHOD);
    expect(summary.merge?.note).toContain('local embedding model (all-MiniLM-L6-v2) is not installed');
    expect(summary.merge?.merged.map((m) => [m.kind, m.keep.name, m.drop.name])).toEqual([
      ['Problem', 'Continual learning of neural networks', 'Continual learning for neural networks'],
    ]);

    const problem = await h.store.getNodeByName('Problem', 'Continual learning of neural networks');
    expect(problem).toMatchObject({ review: 'proposed', origin: 'mined', level: 0 });
    expect(problem?.aliases).toEqual(['Continual learning for neural networks']);
    expect(await h.store.getNodeByName('Problem', 'Continual learning for neural networks')).toBeNull();
    const relation = await h.store.nodeRelation(problem?.id ?? '');
    expect(relation.neighbours.EXTRACTED_FROM.outgoing.map((r) => r.node.id).sort()).toEqual(
      [replay, generative].sort(),
    );
    expect(relation.neighbours.HAS_CHALLENGE.outgoing).toHaveLength(2);
    const stats = await h.store.stats();
    expect(stats.nodes).toMatchObject({ Problem: 1, Challenge: 2, Solution: 2, Paper: 2 });
    expect(stats.edges.SOLVED_BY).toBe(2);

    // Progress: n of N, tokens and cost so far, an ETA once a paper finished.
    const extracting = events.filter((e) => e.phase === 'extracting');
    expect(extracting.map((e) => `${e.done}/${e.total}`)).toEqual(['1/2', '2/2']);
    expect(extracting[0]).toMatchObject({ promptTokens: 400, completionTokens: 200 });
    expect(extracting[0]?.etaMs).toBeGreaterThanOrEqual(0);
    expect(events.at(-1)?.phase).toBe('finished');
    expect(summary.usage.calls).toBe(2);

    // A second job finds nothing new to mine: nobody pays twice for a paper.
    const again = await runMiningJob(await createMiningJob(db, h.store, {}), options(h, db));
    expect(again.papers.total).toBe(0);
    expect(h.server.requests).toHaveLength(2);
  });

  it('uses the embeddings endpoint when one is configured and stores the vectors', async () => {
    const { h, db } = await setup('extract');
    await seedPapers(h.store, ['replay', 'generative']);
    const jobId = await createMiningJob(db, h.store, {});
    const summary = await runMiningJob(
      jobId,
      options(h, db, {
        env: { MOTIV_LLM_EMBEDDINGS_MODEL: 'scripted-embed' },
        settings: { ...TEST_SETTINGS, similarityThreshold: 0.85, autoApprove: true },
      }),
    );
    expect(summary.merge?.method).toBe('embeddings:scripted-embed');
    expect(summary.merge?.note).toBeUndefined();
    expect(summary.merge?.merged).toHaveLength(1);
    expect(h.server.requests.filter((r) => r.endpoint === 'embeddings').length).toBeGreaterThan(0);
    const stats = await h.store.stats();
    expect(stats.embeddings).toEqual([{ model: 'scripted-embed', dimension: 384, count: 5 }]);
    // autoApprove: the five mined nodes arrive approved (the two seeded papers stay proposed).
    expect(stats.review).toMatchObject({ approved: 5, proposed: 2 });
  });

  it('merges with the local MiniLM when its files are present and no endpoint is configured, at its calibrated threshold', async () => {
    const { h, db } = await setup('extract');
    await seedPapers(h.store, ['replay', 'generative']);
    const local = await sharedLocalEmbedder(repoModelsDir());
    const summary = await runMiningJob(
      await createMiningJob(db, h.store, {}),
      options(h, db, { localEmbedder: async () => local }),
    );
    expect(summary.merge).toMatchObject({
      method: `embeddings:${MINILM.modelId}`,
      threshold: MINILM_MERGE_THRESHOLD,
    });
    expect(summary.merge?.note).toBeUndefined();
    expect(summary.merge?.merged.map((m) => [m.keep.name, m.drop.name])).toEqual([
      ['Continual learning of neural networks', 'Continual learning for neural networks'],
    ]);
    // Merging reads vectors, it does not write them: a graph's vectors stay all of one model, made by one job.
    expect((await h.store.stats()).embeddings).toEqual([]);
    expect(h.server.requests.filter((r) => r.endpoint === 'embeddings')).toHaveLength(0);
  }, 60_000);

  it('asks the model to confirm a merge when the setting is on, and keeps both nodes when it declines', async () => {
    const { h, db } = await setup('confirm');
    await seedPapers(h.store, ['replay', 'generative']);
    const summary = await runMiningJob(
      await createMiningJob(db, h.store, {}),
      options(h, db, { settings: { ...TEST_SETTINGS, llmConfirmMerges: true } }),
    );
    expect(summary.merge?.merged).toEqual([]);
    expect(summary.merge?.declined).toMatchObject([{ kind: 'Problem', confirmed: false }]);
    expect((await h.store.stats()).nodes.Problem).toBe(2);
  });

  it('reports triples that still break the naming rules after the repair, and stores only the valid ones', async () => {
    const { h, db } = await setup('repair');
    const [paper] = await seedPapers(h.store, ['motivgraph']);
    const summary = await runMiningJob(
      await createMiningJob(db, h.store, {}),
      options(h, db, { merge: false }),
    );
    expect(summary.triples).toEqual({ accepted: 2, rejected: 1 });
    expect(summary.rejected[0]).toMatchObject({
      paperId: paper,
      title: 'MotivGraph: grounded research ideation',
    });
    expect(summary.rejected[0]?.triple.solution.name).toBe('MotivGraph ranking');
    expect(await h.store.getNodeByName('Solution', 'MotivGraph ranking')).toBeNull();
    expect(await h.store.getNodeByName('Problem', 'Scientific hypothesis ranking')).toBeNull();
    expect(await h.store.getNodeByName('Problem', 'Automatic research idea generation')).not.toBeNull();
  });

  it('writes a committed extraction on resume without asking the model again', async () => {
    const { h, db } = await setup('extract');
    const [paper] = await seedPapers(h.store, ['replay']);
    const jobId = await createMiningJob(db, h.store, { paperIds: [paper ?? ''] });
    const triple = {
      problem: { name: 'Continual learning of neural networks', description: 'Learning tasks in sequence.' },
      challenge: { name: 'Catastrophic forgetting of earlier tasks during training', description: 'A. B.' },
      solution: {
        name: 'Replaying stored examples from earlier tasks during training',
        description: 'A. B.',
      },
    };
    // As if the process died between committing the extraction and writing the graph.
    db.setPaper(jobId, paper ?? '', 'extracted', {
      result: { title: 'x', accepted: [triple], rejected: [], ruleRepairs: 0 },
    });
    db.setStatus(jobId, 'interrupted');
    const summary = await runMiningJob(jobId, options(h, db));
    expect(summary.status).toBe('completed');
    expect(h.server.requests).toEqual([]);
    expect(await h.store.getNodeByName('Challenge', triple.challenge.name)).not.toBeNull();
  });

  it('refuses papers that do not exist or are not papers, naming the field', async () => {
    const { h, db } = await setup('extract');
    await expect(createMiningJob(db, h.store, { paperIds: ['nope'] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { field: 'papers.0' },
    });
  });

  it('stops on cancel, leaves unfinished papers pending, and finishes them on resume', async () => {
    const { h, db } = await setup('resume');
    // Explicit ids fix the order; the cancel comes once the slow second extraction is in flight (not after a
    // fixed delay, which a loaded machine can outrun).
    const paperIds = await seedPapers(h.store, ['replay', 'prototypes']);
    const jobId = await createMiningJob(db, h.store, { paperIds });
    const controller = new AbortController();
    const secondInFlight = setInterval(() => {
      const asked = h.server.requests.some((r) => JSON.stringify(r.body).includes('Title: Prototypes'));
      if (asked) controller.abort();
    }, 20);
    const cancelled = await runMiningJob(jobId, options(h, db, { signal: controller.signal })).finally(() =>
      clearInterval(secondInFlight),
    );
    expect(cancelled.status).toBe('cancelled');
    expect(db.papers(jobId).map((p) => p.status)).toEqual(['done', 'pending']);
    expect(db.job(jobId).status).toBe('cancelled');
    const resumed = await runMiningJob(jobId, options(h, db));
    expect(resumed).toMatchObject({ status: 'completed', papers: { done: 2 } });
    // The ledger carries on: paper one's call, paper two's completed call after the resume (the aborted one was
    // never answered, so it was never billed).
    expect(resumed.usage.calls).toBe(2);
  });
});
