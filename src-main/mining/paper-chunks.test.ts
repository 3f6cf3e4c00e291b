import { describe, expect, it } from 'vitest';
import { useMiningHarness } from '../test-support/use-mining-harness.ts';
import { scriptedClient, seedPapers, TEST_PAPERS, TEST_SETTINGS } from '../test-support/mining-harness.ts';
import { extractPaper } from './extract.ts';
import { MiningDb } from './mining-db.ts';
import { createMiningJob, runMiningJob } from './mining-job.ts';
import { CHUNK_CHARS, MAX_CHUNKS, paperParts } from './paper-chunks.ts';

const { tempDir, startMiningHarness } = useMiningHarness();

/** Paragraphs of ~1,000 characters, each naming its number, so a test can see which reached which part. */
const longBody = (paragraphs: number): string =>
  Array.from({ length: paragraphs }, (_, i) => `Paragraph ${i + 1}. ${'word '.repeat(196).trim()}`).join(
    '\n\n',
  );

describe('reading a whole paper in parts (issue 16)', () => {
  it('cuts at paragraph boundaries, keeps every character up to the cap and says what it cut', () => {
    const paper = { id: 'p', title: 'T', abstract: 'A', body: longBody(30) };
    const { parts, cutChars } = paperParts(paper);
    expect(parts).toHaveLength(3);
    expect(cutChars).toBe(0);
    expect(parts.every((p) => (p.body ?? '').length <= CHUNK_CHARS)).toBe(true);
    expect(parts.map((p) => p.part)).toEqual([1, 2, 3].map((index) => ({ index, of: 3 })));
    expect(parts.map((p) => p.body).join('\n\n')).toBe(paper.body);
    expect(parts[1]?.body?.startsWith('Paragraph ')).toBe(true);
    // A short paper is one call, as before.
    expect(paperParts({ ...paper, body: 'short' }).parts).toEqual([{ ...paper, body: 'short' }]);
    // A bomb is bounded: MAX_CHUNKS parts, the rest counted as cut.
    const bomb = paperParts({ ...paper, body: longBody(MAX_CHUNKS * 14) });
    expect(bomb.parts).toHaveLength(MAX_CHUNKS);
    expect(bomb.cutChars).toBeGreaterThan(0);
  });

  it('asks once per part, each with the title and abstract, and merges triples found in several parts', async () => {
    const h = await startMiningHarness('chunks', tempDir());
    const body = `${longBody(29)}\n\nThe last words of the paper.`;
    const outcome = await extractPaper(scriptedClient(h.server.baseUrl), {
      id: 'p',
      ...TEST_PAPERS.replay,
      body,
    });
    expect(h.server.requests.map((r) => r.stepId)).toEqual(['part-1', 'part-2', 'part-3']);
    const prompts = h.server.requests.map((r) => JSON.stringify(r.body.messages));
    expect(prompts.every((p) => p.includes(TEST_PAPERS.replay.abstract))).toBe(true);
    expect(prompts[2]).toContain('The last words of the paper.');
    expect(outcome).toMatchObject({ prompt: 'extractor.v2', parts: 3, cutChars: 0, ruleRepairs: 0 });
    expect(outcome.accepted.map((t) => t.challenge.name)).toEqual([
      'Catastrophic forgetting of earlier tasks during sequential training',
      'Unbounded memory growth in rehearsal based methods',
    ]);
    expect(outcome.calls).toHaveLength(3);
  });

  it('mines a paper with no triple as done with nothing written, and never pays for it again', async () => {
    const dir = tempDir();
    const h = await startMiningHarness('chunks', dir);
    const db = MiningDb.open(dir);
    const [paperId] = await seedPapers(h.store, ['prototypes']);
    const run = async () =>
      runMiningJob(await createMiningJob(db, h.store, {}), {
        db,
        store: h.store,
        makeClient: (ledger) => scriptedClient(h.server.baseUrl, ledger),
        settings: TEST_SETTINGS,
        actor: 'test',
      });
    try {
      const summary = await run();
      expect(summary).toMatchObject({ status: 'completed', papers: { total: 1, done: 1, refused: 0 } });
      expect(summary.outcomes?.[0]).toMatchObject({
        paperId,
        outcome: 'mined',
        nodes: 0,
        message: 'the paper holds no problem/challenge/solution triple',
      });
      expect((await h.store.dump()).nodes.filter((n) => n.kind !== 'Paper')).toEqual([]);
      expect(h.server.requests).toHaveLength(1);
      // Nothing left to mine: a second job takes no paper and makes no call.
      await run();
      expect(h.server.requests).toHaveLength(1);
    } finally {
      db.close();
    }
  });
});
