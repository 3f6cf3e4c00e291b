import type { ImportBatchInput } from '../port.ts';

/**
 * Tests only: a file-sized import batch (half problems, half challenges, one HAS_CHALLENGE edge per pair), plus
 * a merge into the stored node `Existing problem` (description, alias, replaced vector) and an edge from it.
 */
export const EXISTING_PROBLEM = 'Existing problem';
export const VECTOR_MODEL = 'fixture-model';

export function largeImportBatch(entries: number): ImportBatchInput {
  const pairs = Math.floor(entries / 2);
  const filler = 'a description long enough to weigh on the transaction state like a mined one does. '.repeat(
    3,
  );
  const nodes: ImportBatchInput['nodes'] = [];
  const edges: ImportBatchInput['edges'] = [];
  for (let i = 0; i < pairs; i++) {
    nodes.push({ kind: 'Problem', name: `Imported problem ${i}`, description: filler });
    nodes.push({ kind: 'Challenge', name: `Imported challenge ${i}`, description: filler });
    edges.push({
      type: 'HAS_CHALLENGE',
      from: { kind: 'Problem', name: `Imported problem ${i}` },
      to: { kind: 'Challenge', name: `Imported challenge ${i}` },
    });
  }
  nodes.push({
    kind: 'Problem',
    name: EXISTING_PROBLEM,
    description: 'changed by the import',
    aliases: ['alias from the import'],
    embedding: { model: VECTOR_MODEL, vector: [0, 1, 0, 0] },
  });
  edges.push({
    type: 'HAS_CHALLENGE',
    from: { kind: 'Problem', name: EXISTING_PROBLEM },
    to: { kind: 'Challenge', name: 'Imported challenge 0' },
  });
  return { nodes, edges } as ImportBatchInput;
}

export const INDEXED_MODEL = 'fixture-384';

/** Node `i`'s vector: 384 pseudo-random components (deterministic), so every node's nearest vector is its own. */
export function fixtureVector(i: number): number[] {
  let state = (i + 1) * 2_654_435_761;
  return Array.from({ length: 384 }, () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648 - 0.5;
  });
}

/** Tests only: `count` problems, each with a 384-dimension vector (the vector index's dimension). */
export function vectorImportBatch(count: number): ImportBatchInput {
  const nodes: ImportBatchInput['nodes'] = [];
  for (let i = 0; i < count; i++) {
    nodes.push({
      kind: 'Problem',
      name: `Vector problem ${i}`,
      embedding: { model: INDEXED_MODEL, vector: fixtureVector(i) },
    });
  }
  return { nodes, edges: [] } as ImportBatchInput;
}
