import { describe, expect, it } from 'vitest';
import type { AtlasMapEvent, AtlasMapResult } from '../contract/atlas.ts';
import type { GraphStatsView } from '../contract/graph.ts';
import { repoModelsDir } from '../embeddings/minilm-files.ts';
import { channelCaller, recordEvents, resultCaller } from '../test-support/core-calls.ts';
import { useOpenCore } from '../test-support/open-core.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore } from './create-core.ts';

/**
 * `atlas.mapOntoGraph` / `atlas.mapCancel` / `atlas.methodLinks` through dispatch, on a fresh data directory (the
 * seed graph and its shipped vectors) with the local model files; no LLM endpoint, nothing leaves the machine.
 */
const tempDir = useTempDirs();
const open = useOpenCore();

function openCore(): ReturnType<typeof channelCaller> {
  open.core = createCore({ env: { MOTIV_DATA_DIR: tempDir(), MOTIV_MODELS_DIR: repoModelsDir() } });
  return channelCaller(open.core);
}

const solutions = async (call: ReturnType<typeof channelCaller>): Promise<number> =>
  (await resultCaller(call)<GraphStatsView>('graph.stats', {})).stats.nodes.Solution;

describe('atlas channels', { timeout: 120_000 }, () => {
  it('reports progress, refuses a second run while one runs, and a cancel writes nothing', async () => {
    const call = openCore();
    const before = await solutions(call);
    const events = recordEvents<AtlasMapEvent>(open.core!, 'atlas.mapEvent');
    let cancelled: Promise<unknown> | null = null;
    open.core!.events.subscribe((name, payload) => {
      if (name === 'atlas.mapEvent' && (payload as AtlasMapEvent).state === 'embedding' && !cancelled) {
        cancelled = call('atlas.mapCancel', {});
      }
    });
    const running = call('atlas.mapOntoGraph', { apply: true });
    const second = await call('atlas.mapOntoGraph', { apply: false });
    expect(second).toMatchObject({ error: { code: 'CONFLICT' } });
    expect(await running).toMatchObject({ error: { code: 'CANCELLED' } });
    expect(await cancelled).toMatchObject({ result: { cancelled: true } });
    expect(events[0]).toMatchObject({ state: 'embedding', total: 170 });
    expect(events.at(-1)).toMatchObject({ state: 'cancelled' });
    expect(await solutions(call)).toBe(before);
  });

  it("previews, applies, and names a method's node and challenges", async () => {
    const call = openCore();
    const ok = resultCaller(call);
    const preview = await ok<AtlasMapResult>('atlas.mapOntoGraph', {});
    expect(preview.written).toBeNull();
    const applied = await ok<AtlasMapResult>('atlas.mapOntoGraph', { apply: true });
    expect(applied.written?.nodesCreated).toBe(preview.plan.methods.length);
    const links = await ok<{ node: { review: string } | null; challenges: Array<{ name: string }> }>(
      'atlas.methodLinks',
      { methodId: 'selp' },
    );
    expect(links.node).toMatchObject({ review: 'proposed' });
    expect(links.challenges.map((c) => c.name)).toContain(
      'Spatiotemporal relation errors in generated robot plans',
    );
    expect(await call('atlas.methodLinks', { methodId: 'no-such-method' })).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
  });
});
