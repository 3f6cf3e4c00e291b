import { describe, expect, it } from 'vitest';
import { readSeedData } from '../graph/seed/read-seed.ts';
import { paperNodeName } from '../graph/seed/seed-batch.ts';
import type { MotivationKind } from '../graph/model.ts';
import { checkNode } from './naming-rules.ts';

/**
 * The curated seed graph is the reference for what valid names look like: the extractor's name checks, run on
 * every seed node against its own paper's title, must refuse none of them (hyphenated title words such as
 * "in-context", "fine-tuning" or "vision-language" are ordinary vocabulary, not the authors' method names).
 */
describe('naming rules on the curated seed graph', () => {
  it('refuses no seed node name against the title of the paper it was written from', () => {
    const { graph, papers } = readSeedData();
    const titles = new Map(papers.papers.map((p) => [p.id, paperNodeName(p)]));
    const nodes = new Map(graph.nodes.map((n) => [n.key, n]));
    const refused: string[] = [];
    let checked = 0;
    for (const triple of graph.triples) {
      const title = titles.get(triple.paper) ?? '';
      expect(title, `paper ${triple.paper}`).not.toBe('');
      for (const key of [triple.problem, triple.challenge, triple.solution]) {
        const node = nodes.get(key);
        if (!node) throw new Error(`seed triple names unknown node ${key}`);
        checked++;
        // Descriptions follow the seed's own sentence rule (1–3); the name is what the title check is about.
        const violations = checkNode(node.kind as MotivationKind, node, title).filter(
          (v) => v.field === 'name',
        );
        for (const v of violations) refused.push(`${node.name} ← "${title}": ${v.message}`);
      }
    }
    expect(checked).toBe(graph.triples.length * 3);
    expect(refused).toEqual([]);
  });
});
