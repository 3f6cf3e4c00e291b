import { describe, expect, it } from 'vitest';
import { useMiningHarness } from '../test-support/use-mining-harness.ts';
import { buildHierarchy } from './hierarchy.ts';
import type { HierarchyOptions } from './hierarchy.ts';
import { LEXICAL_METHOD } from './lexical-vectors.ts';
import { lexicalSimilarity } from './similarity.ts';
import { HIERARCHY_PROBLEMS, scriptedClient, seedHierarchyProblems } from '../test-support/mining-harness.ts';
import type { MiningHarness } from '../test-support/mining-harness.ts';

const { tempDir, startMiningHarness } = useMiningHarness();
let h: MiningHarness | undefined;

function options(harness: MiningHarness, extra: Partial<HierarchyOptions> = {}): HierarchyOptions {
  return {
    kind: 'Problem',
    levels: 1,
    k: 2,
    similarity: lexicalSimilarity(),
    llm: scriptedClient(harness.server.baseUrl),
    review: 'proposed',
    actor: 'test',
    ...extra,
  };
}

describe('parent node addition', () => {
  it('adds a named parent one level up over a coherent neighbourhood, after repairing a rule-breaking name', async () => {
    h = await startMiningHarness('hierarchy', tempDir());
    await seedHierarchyProblems(h.store);
    const report = await buildHierarchy(h.store, options(h));

    expect(h.server.requests.map((r) => r.stepId)).toEqual(['judge-bad-name', 'judge-repaired']);
    expect(JSON.stringify(h.server.requests[1]?.body.messages)).toContain(
      'acronyms or coined method names (ML)',
    );
    expect(report.method).toBe(LEXICAL_METHOD);
    expect(report.levels[0]).toMatchObject({ level: 0, workingSet: 3, judged: 1, failures: [] });
    expect(report.levels[0]?.parents[0]?.children.sort()).toEqual(
      HIERARCHY_PROBLEMS.map(([name]) => name).sort(),
    );

    const parent = await h.store.getNodeByName('Problem', 'Learning under changing data distributions');
    expect(parent).toMatchObject({ level: 1, origin: 'mined', review: 'proposed' });
    const relation = await h.store.nodeRelation(parent?.id ?? '');
    expect(relation.neighbours.PARENT_OF.outgoing).toHaveLength(3);

    // Rerun over two levels: every level-0 node has a parent now, and the one level-1 node has nobody to group
    // with. No more calls.
    const again = await buildHierarchy(h.store, options(h, { levels: 2 }));
    expect(again.levels.map((l) => [l.level, l.workingSet])).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(h.server.requests).toHaveLength(2);
  });
});
