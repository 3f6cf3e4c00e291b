import { describe, expect, it } from 'vitest';
import { readAtlas } from '../atlas/atlas-dataset.ts';
import { ATLAS_ACTOR, atlasNodeInput } from '../atlas/atlas-node.ts';
import { stopAfterEach } from '../test-support/stop-after-each.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { ideatorHarness } from '../test-support/ideator-harness.ts';

const tempDir = useTempDirs();
const startIdeatorHarness = stopAfterEach(ideatorHarness);
const CHALLENGE = 'Limited novelty in generated research ideas';

describe('method transfer from the planning-methods atlas, offline', () => {
  it("lists a challenge's atlas candidate solutions (unreviewed or approved, with the paper) in node_relation", async () => {
    const h = await startIdeatorHarness('atlas', tempDir());
    const atlas = readAtlas();
    const method = (id: string) => {
      const found = atlas.methods.find((m) => m.id === id);
      if (!found) throw new Error(`atlas method ${id}`);
      return atlasNodeInput(found, atlas.survey);
    };
    const [lats, clin, selp] = [method('lats'), method('clin'), method('selp')];
    const edge = (name: string) => ({
      type: 'SOLVED_BY' as const,
      from: { kind: 'Challenge' as const, name: CHALLENGE },
      to: { kind: 'Solution' as const, name },
      origin: 'imported' as const,
    });
    // As the mapping writes them: proposed nodes and edges, by the atlas's actor.
    await h.graph.importBatch(
      { nodes: [lats, clin, selp], edges: [edge(lats.name), edge(clin.name), edge(selp.name)] },
      { actor: ATLAS_ACTOR },
    );
    const review = async (name: string, state: 'approved' | 'rejected') => {
      const node = await h.graph.getNodeByName('Solution', name);
      if (!node) throw new Error(name);
      await h.graph.updateNode(
        { id: node.id, expectedVersion: node.version, patch: { review: state } },
        { actor: 'Ada' },
      );
    };
    await review(clin.name, 'approved');
    await review(selp.name, 'rejected');

    const { id } = h.manager.start({ topic: 'LLM research ideation', ideas: 1, noMentor: true });
    expect((await h.manager.whenSettled(id)).status).toBe('completed');
    const tool = h.manager.get(id).turns.find((t) => t.kind === 'tool' && t.toolName === 'node_relation');
    const result = JSON.parse(tool?.content ?? '{}') as {
      items: Array<{ name: string; atlas_candidates?: Array<Record<string, string>> }>;
    };
    const candidates = result.items[0]?.atlas_candidates ?? [];
    expect(candidates.map((c) => [c.method, c.status])).toEqual(
      expect.arrayContaining([
        ['lats', 'atlas method, unreviewed'],
        ['clin', 'approved'],
      ]),
    );
    expect(candidates.map((c) => c.method)).not.toContain('selp');
    const latsCandidate = candidates.find((c) => c.method === 'lats');
    expect(latsCandidate?.paper).toContain('Language Agent Tree Search');
    expect(latsCandidate?.paper).toMatch(/arXiv \d{4}\.\d{4,5}/);
    // Only the scripted chat model was called: no embeddings endpoint, no literature, nothing else.
    expect(h.server.requests.every((r) => r.path === '/v1/chat/completions')).toBe(true);
  });
});
