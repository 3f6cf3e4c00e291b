import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { EmbeddedGraphStore } from '../../embedded/embedded-store.ts';
import type { GraphStore, ImportBatchInput, ImportResult } from '../../port.ts';
import { alice, bob, DIM, MODEL, vec } from '../store-contract/helpers.ts';
import type { GetStore } from '../store-contract/helpers.ts';
import { batchEdge } from '../batch-edge.ts';

/**
 * importBatch plans fresh nodes apart from stored ones (CREATE for their vectors, no stored-edge lookups for
 * their edges). A second batch that mixes both must end exactly as the embedded store ends: same counts, same
 * graph (compared by names, since ids are random), same audit trail.
 */

const first: ImportBatchInput = {
  nodes: [
    { kind: 'Problem', name: 'Model decay', embedding: { model: MODEL, vector: vec(DIM, 0) } },
    { kind: 'Challenge', name: 'Label shift', embedding: { model: MODEL, vector: vec(DIM, 1) } },
    { kind: 'Solution', name: 'Importance weighting' },
    { kind: 'Solution', name: 'Domain adaptation' },
  ],
  edges: [
    batchEdge('HAS_CHALLENGE', ['Problem', 'Model decay'], ['Challenge', 'Label shift']),
    batchEdge('SOLVED_BY', ['Challenge', 'Label shift'], ['Solution', 'Importance weighting']),
  ],
};

const second: ImportBatchInput = {
  nodes: [
    // stored, changed, new vector: merged, and its one embedding replaced
    {
      kind: 'Problem',
      name: 'model decay',
      description: 'Accuracy drops over time',
      embedding: { model: MODEL, vector: vec(DIM, 2) },
    },
    // new, with a vector
    { kind: 'Challenge', name: 'Covariate shift', embedding: { model: MODEL, vector: vec(DIM, 3) } },
    // stored, unchanged
    { kind: 'Solution', name: 'Importance weighting' },
  ],
  edges: [
    // stored → stored, already there: a no-op
    batchEdge('HAS_CHALLENGE', ['Problem', 'Model decay'], ['Challenge', 'Label shift']),
    // stored → new, twice in the batch: created once
    batchEdge('HAS_CHALLENGE', ['Problem', 'Model decay'], ['Challenge', 'Covariate shift']),
    batchEdge('HAS_CHALLENGE', ['Problem', 'model decay'], ['Challenge', 'covariate shift']),
    // new → stored
    batchEdge('SOLVED_BY', ['Challenge', 'Covariate shift'], ['Solution', 'Importance weighting']),
    // stored → stored, not yet there
    batchEdge('SOLVED_BY', ['Challenge', 'Label shift'], ['Solution', 'Domain adaptation']),
  ],
};

interface Outcome {
  results: Array<Omit<ImportResult, 'nodeIds'>>;
  nodes: string[];
  edges: string[];
  vectors: Record<string, number[] | null>;
  audit: string[];
}

async function runBoth(store: GraphStore): Promise<Outcome> {
  const results: Outcome['results'] = [];
  for (const [batch, ctx] of [
    [first, alice],
    [second, bob],
  ] as const) {
    const { nodeIds: _ids, ...counts } = await store.importBatch(batch, ctx);
    results.push(counts);
  }
  const dump = await store.dump();
  const nameOf = new Map(dump.nodes.map((n) => [n.id, `${n.kind}:${n.name}`]));
  const vectors: Outcome['vectors'] = {};
  for (const n of dump.nodes) vectors[`${n.kind}:${n.name}`] = await store.getEmbedding(n.id, MODEL);
  const audit = await store.auditLog({ limit: 100 });
  return {
    results,
    nodes: dump.nodes.map((n) => `${n.kind}:${n.name} v${n.version} ${n.description ?? ''}`).sort(),
    edges: dump.edges.map((e) => `${nameOf.get(e.from)} ${e.type} ${nameOf.get(e.to)}`).sort(),
    vectors,
    audit: audit.map((a) => `${a.actor} ${a.action}`).sort(),
  };
}

export function registerImportParityTests(getStore: GetStore): void {
  it('imports a batch mixing stored and new nodes exactly as the embedded store does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'motiv-import-parity-'));
    const embedded = EmbeddedGraphStore.open(join(dir, 'graph.sqlite'));
    try {
      const expected = await runBoth(embedded);
      expect(expected.results[1]).toEqual({
        nodesCreated: 1,
        nodesMerged: 1,
        edgesCreated: 3,
        embeddingsSet: 2,
      });
      expect(expected.vectors['Problem:Model decay']).toEqual(vec(DIM, 2));
      expect(await runBoth(getStore())).toEqual(expected);
    } finally {
      await embedded.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
