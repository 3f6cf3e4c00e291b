import { embeddedGraphPath } from '../core/graph-store-factory.ts';
import { EmbeddedGraphStore } from '../graph/embedded/embedded-store.ts';
import type { ImportBatchInput, ImportResult } from '../graph/port.ts';
import { batchEdge, type BatchEdge, type NamedRef } from '../graph/test-support/batch-edge.ts';

/**
 * A small motivational graph for tests of the Graph section: one paper, a parent problem above a mined one, two
 * challenges and two solutions, some approved and some still proposed. Written through the real store API.
 */
export const SAMPLE = {
  paper: 'Tree of Thoughts: Deliberate Problem Solving with Large Language Models',
  parent: 'Reliable reasoning in language models',
  problem: 'Multi-step reasoning with language models',
  challengeRevisit: 'Left-to-right decoding cannot revisit earlier steps',
  challengeEvaluate: 'Judging intermediate reasoning states',
  solutionSearch: 'Search over a tree of intermediate thoughts',
  solutionSelfEval: 'Self-evaluation of candidate thoughts by the model',
} as const;

export function sampleGraphBatch(): ImportBatchInput {
  const mined = { level: 0, origin: 'mined' } as const;
  return {
    nodes: [
      {
        kind: 'Paper',
        name: SAMPLE.paper,
        review: 'approved',
        origin: 'imported',
        props: { authors: ['Shunyu Yao', 'Dian Yu'], year: 2023, venue: 'NeurIPS' },
      },
      {
        kind: 'Problem',
        name: SAMPLE.parent,
        description: 'Getting language models to reach correct conclusions through explicit steps.',
        level: 1,
        origin: 'curated',
        review: 'approved',
      },
      {
        kind: 'Problem',
        name: SAMPLE.problem,
        description: 'Solving tasks that need planning, lookahead or backtracking over several steps.',
        aliases: ['deliberate problem solving'],
        review: 'approved',
        ...mined,
      },
      {
        kind: 'Challenge',
        name: SAMPLE.challengeRevisit,
        description: 'Token-level decoding commits to each step and cannot explore alternatives.',
        review: 'approved',
        ...mined,
      },
      {
        kind: 'Challenge',
        name: SAMPLE.challengeEvaluate,
        description: 'There is no signal telling which partial solution is promising.',
        review: 'proposed',
        ...mined,
      },
      {
        kind: 'Solution',
        name: SAMPLE.solutionSearch,
        description: 'Breadth- or depth-first search over coherent units of text with backtracking.',
        review: 'proposed',
        ...mined,
      },
      {
        kind: 'Solution',
        name: SAMPLE.solutionSelfEval,
        description: 'The model votes on or values each candidate thought to guide the search.',
        review: 'proposed',
        ...mined,
      },
    ],
    edges: [
      edge('PARENT_OF', ['Problem', SAMPLE.parent], ['Problem', SAMPLE.problem]),
      edge('HAS_CHALLENGE', ['Problem', SAMPLE.problem], ['Challenge', SAMPLE.challengeRevisit]),
      edge('HAS_CHALLENGE', ['Problem', SAMPLE.problem], ['Challenge', SAMPLE.challengeEvaluate]),
      edge('SOLVED_BY', ['Challenge', SAMPLE.challengeRevisit], ['Solution', SAMPLE.solutionSearch]),
      edge('SOLVED_BY', ['Challenge', SAMPLE.challengeEvaluate], ['Solution', SAMPLE.solutionSelfEval]),
      ...(
        [
          ['Problem', SAMPLE.problem],
          ['Challenge', SAMPLE.challengeRevisit],
          ['Challenge', SAMPLE.challengeEvaluate],
          ['Solution', SAMPLE.solutionSearch],
          ['Solution', SAMPLE.solutionSelfEval],
        ] as const
      ).map((from) => edge('EXTRACTED_FROM', from, ['Paper', SAMPLE.paper])),
    ],
  };
}

/** The sample's edges are approved. */
function edge(type: BatchEdge['type'], from: NamedRef, to: NamedRef): BatchEdge {
  return { ...batchEdge(type, from, to), review: 'approved' };
}

/** Writes the sample graph into the embedded store of `dataDir` (the file the app opens) and closes it. */
export function seedSampleGraph(dataDir: string, actor = 'test seed'): Promise<ImportResult> {
  return seedEmbeddedGraph(dataDir, sampleGraphBatch(), actor);
}

/** Writes `batch` into the embedded store of `dataDir` and closes it. */
export async function seedEmbeddedGraph(
  dataDir: string,
  batch: ImportBatchInput,
  actor = 'test seed',
): Promise<ImportResult> {
  const store = EmbeddedGraphStore.open(embeddedGraphPath(dataDir));
  try {
    return await store.importBatch(batch, { actor });
  } finally {
    await store.close();
  }
}

/** `pairs` problems, each with its own challenge: enough rows for several 500-row progress steps. */
export function wideGraphBatch(pairs: number, prefix = 'Wide'): ImportBatchInput {
  const nodes: ImportBatchInput['nodes'] = [];
  const edges: NonNullable<ImportBatchInput['edges']> = [];
  for (let i = 0; i < pairs; i++) {
    const problem = `${prefix} problem ${i}`;
    const challenge = `${prefix} challenge ${i}`;
    nodes.push({ kind: 'Problem', name: problem }, { kind: 'Challenge', name: challenge });
    edges.push(batchEdge('HAS_CHALLENGE', ['Problem', problem], ['Challenge', challenge]));
  }
  return { nodes, edges };
}
