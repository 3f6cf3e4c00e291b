import { describe, expect, it } from 'vitest';
import type { GraphOverview, GraphPath, WhiteSpace } from '../contract/graph-explore.ts';
import { SAMPLE, seedSampleGraph } from '../test-support/graph-sample.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore } from './create-core.ts';
import { dispatch } from './dispatch.ts';

const tempDir = useTempDirs();

describe('graph explorer channels over a real embedded store', () => {
  it('answer path, white space and overview through dispatch, and refuse bad requests naming the field', async () => {
    const dir = tempDir();
    await seedSampleGraph(dir);
    const core = await createCore({ env: { MOTIV_DATA_DIR: dir, MOTIV_SEED: 'off' } });
    try {
      const call = async <T>(channel: string, payload: unknown): Promise<T> => {
        const reply = await dispatch(core.handlers, channel, payload, { transport: 'http' });
        if ('error' in reply) throw new Error(`${reply.error.code}: ${reply.error.message}`);
        return reply.result as T;
      };
      const overview = await call<GraphOverview>('graph.overview', { limit: 3 });
      expect(overview.totalNodes).toBe(7);
      expect(overview.nodes).toHaveLength(3);
      const all = await call<GraphOverview>('graph.overview', {});
      const named = (name: string) => all.nodes.find((n) => n.node.name === name)?.node.id ?? '';
      const path = await call<GraphPath | null>('graph.path', {
        from: named(SAMPLE.parent),
        to: named(SAMPLE.solutionSelfEval),
      });
      expect(path?.nodes.map((n) => n.name)).toEqual([
        SAMPLE.parent,
        SAMPLE.problem,
        SAMPLE.challengeEvaluate,
        SAMPLE.solutionSelfEval,
      ]);
      const map = await call<WhiteSpace>('graph.whitespace', {});
      expect(map.transferCandidates.map((t) => t.solution.name).sort()).toEqual(
        [SAMPLE.solutionSearch, SAMPLE.solutionSelfEval].sort(),
      );

      for (const [channel, payload, field] of [
        ['graph.path', { from: 'a', to: 'b', maxHops: 99 }, 'maxHops'],
        ['graph.path', { from: 'a', to: 'b', extra: 1 }, ''],
        ['graph.whitespace', { limit: 10_000 }, 'limit'],
        ['graph.overview', { limit: 0 }, 'limit'],
      ] as const) {
        const reply = await dispatch(core.handlers, channel, payload, { transport: 'http' });
        expect('error' in reply && reply.error.code).toBe('VALIDATION');
        if (field && 'error' in reply) expect(JSON.stringify(reply.error.details)).toContain(field);
      }
      const missing = await dispatch(
        core.handlers,
        'graph.path',
        { from: 'nope', to: named(SAMPLE.paper) },
        {
          transport: 'http',
        },
      );
      expect('error' in missing && missing.error.code).toBe('NOT_FOUND');
    } finally {
      await core.close();
    }
  });
});
