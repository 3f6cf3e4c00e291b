import { describe, expect, it } from 'vitest';
import { readSeedData } from '../graph/seed/read-seed.ts';
import { nodeText } from '../mining/similarity.ts';
import { cosine, useLocalMinilm } from '../test-support/local-minilm.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { loadLocalMinilm } from './local-minilm.ts';
import { MINILM } from './minilm-files.ts';

/** The real model files (`npm run models:fetch`), the real onnxruntime: no stand-in. */

const tempDir = useTempDirs();
const model = useLocalMinilm();

describe('local all-MiniLM-L6-v2', () => {
  it('makes 384-d unit vectors, one per text, in order, across batches', async () => {
    const texts = Array.from({ length: 70 }, (_, i) => `node number ${i} about retrieval`);
    const vectors = await model().embed(texts);
    expect(vectors).toHaveLength(70);
    for (const v of vectors) {
      expect(v).toHaveLength(MINILM.dimension);
      expect(Math.hypot(...v)).toBeCloseTo(1, 4);
    }
    // The quantized model scales activations per batch, so a text's vector moves a little with its batch
    // mates (measured 0.991 here); never by more than a paraphrase would.
    const [alone] = await model().embed([texts[64] ?? '']);
    expect(cosine(alone ?? new Float32Array(), vectors[64] ?? new Float32Array())).toBeGreaterThan(0.98);
    expect(model().modelId).toBe('local:all-MiniLM-L6-v2-q');
  });

  it('scores a paraphrase pair well above an unrelated pair', async () => {
    const [query, paraphrase, unrelated] = await model().embed([
      'making reasoning models stop thinking so long',
      'Overthinking with redundant steps in long reasoning chains',
      'Crop yield prediction from satellite images of farmland',
    ]);
    const close = cosine(query!, paraphrase!);
    const far = cosine(query!, unrelated!);
    expect(close).toBeGreaterThan(0.4);
    expect(far).toBeLessThan(0.15);
    expect(close - far).toBeGreaterThan(0.3);
  });

  it('handles empty, whitespace-only and very long text (cut at 256 word pieces)', async () => {
    const long = 'reasoning '.repeat(5_000);
    const vectors = await model().embed(['', '   \n\t ', long]);
    expect(vectors.map((v) => v.length)).toEqual([384, 384, 384]);
    expect(vectors.every((v) => v.every(Number.isFinite))).toBe(true);
  });

  it('stops between batches when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(model().embed(['a', 'b'], { signal: controller.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });

  it('says MODEL_MISSING with the folder when the files are not there', async () => {
    const dir = tempDir();
    await expect(loadLocalMinilm(dir)).rejects.toMatchObject({ code: 'MODEL_MISSING' });
  });
});

describe('local all-MiniLM-L6-v2 against the transformers.js pipeline', () => {
  it('gives the same vectors, bit for bit, as the pipeline with mean pooling and normalisation', async () => {
    // Mixed lengths, one batch: the pipeline pads and quantizes the same batch, so any difference is pooling.
    const texts = readSeedData()
      .graph.nodes.slice(0, 8)
      .map((node) => nodeText(node));
    texts[3] = 'short';
    const { pipeline } = await import('@huggingface/transformers');
    const reference = await pipeline('feature-extraction', MINILM.folder, {
      dtype: 'q8',
      device: 'cpu',
      session_options: { intraOpNumThreads: 1, interOpNumThreads: 1 },
    });
    try {
      const expected = await reference(texts, { pooling: 'mean', normalize: true });
      const vectors = await model().embed(texts);
      const data = expected.data as Float32Array;
      texts.forEach((_, row) => {
        const want = data.slice(row * MINILM.dimension, (row + 1) * MINILM.dimension);
        expect(vectors[row], `text ${row}`).toEqual(want);
      });
    } finally {
      await reference.dispose();
    }
  });
});
