import { describe, expect, it } from 'vitest';
import { ideatorHarness } from '../test-support/ideator-harness.ts';
import { stopAfterEach } from '../test-support/stop-after-each.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { buildConfig } from './session-config.ts';
import { literatureMaxChars, literatureTool } from './literature-tool.ts';
import type { LiteraturePaper, LiteratureProvider } from './literature-tool.ts';
import { LEGACY_POLICY } from './mentor-policy.ts';

/** 25 ranked papers with 1,500-character abstracts, as a remote source would answer (rank = position). */
const papers: LiteraturePaper[] = Array.from({ length: 25 }, (_, i) => ({
  title: `Paper ranked ${i + 1}`,
  authors: ['Ada Lovelace', 'Alan Turing'],
  year: 2024,
  abstract: `Abstract ${i + 1}. ${'x'.repeat(1_480)} end-of-abstract-${i + 1}`,
}));
const provider: LiteratureProvider = (_query, limit) =>
  Promise.resolve({ source: 'semantic-scholar', papers: papers.slice(0, limit) });

const items = (content: string): { title: string; abstract?: string; authors?: string }[] =>
  (JSON.parse(content) as { items: { title: string; abstract?: string }[] }).items;

const tempDir = useTempDirs();
const startIdeatorHarness = stopAfterEach(ideatorHarness);

describe('literature_search results (issue 16)', () => {
  it('records the mode with the session; the titles-only ablation reaches the tool turn', async () => {
    const h = await startIdeatorHarness('accept', tempDir());
    const started = h.manager.start({
      topic: 'LLM research ideation',
      ideas: 1,
      maxRounds: 3,
      // The fixed cycle: this test is about the literature mode; the scenario's mentor accepts in round 2.
      mentorPolicy: LEGACY_POLICY,
      literature: 'titles',
    });
    await h.manager.whenSettled(started.id);
    const detail = h.manager.get(started.id);
    expect(detail.session.config.literature).toBe('titles');
    const tool = detail.turns.find((t) => t.toolName === 'literature_search');
    expect(tool?.content).toContain('Can LLMs generate novel research ideas');
    expect(tool?.content).not.toContain('Chenglei Si');
    expect(tool?.content).not.toContain('abstract');
    expect(buildConfig({ topic: 'another topic' }).literature).toBe('full');
  });

  it('gives up to 20 papers with whole abstracts, in rank order, within the budget', async () => {
    const maxChars = literatureMaxChars({ promptBudgetTokens: 12_000, maxToolResultChars: 4_000 });
    expect(maxChars).toBe(24_000);
    const roomy = await literatureTool({ query: 'q' }, { mode: 'full', maxChars: 60_000 }, null, provider);
    const all = items(roomy.content);
    expect(all).toHaveLength(20);
    expect(all.map((p) => p.title)).toEqual(papers.slice(0, 20).map((p) => p.title));
    expect(all.every((p, i) => p.abstract?.endsWith(`end-of-abstract-${i + 1}`))).toBe(true);
    // A tight budget keeps the best-ranked papers whole and trims the tail.
    const tight = await literatureTool({ query: 'q' }, { mode: 'full', maxChars }, null, provider);
    const kept = items(tight.content);
    expect(tight.content.length).toBeLessThanOrEqual(maxChars);
    expect(kept.length).toBeGreaterThan(10);
    expect(kept.length).toBeLessThan(20);
    expect(kept.map((p) => p.title)).toEqual(papers.slice(0, kept.length).map((p) => p.title));
    expect(kept.at(-1)?.abstract).toContain(`end-of-abstract-${kept.length}`);
    expect(JSON.parse(tight.content)).toMatchObject({ truncated: true });
  });

  it('gives titles alone under the titles-only ablation', async () => {
    const result = await literatureTool(
      { query: 'q', limit: 20 },
      { mode: 'titles', maxChars: 24_000 },
      null,
      provider,
    );
    const shown = items(result.content);
    expect(shown).toHaveLength(20);
    expect(shown.every((p) => Object.keys(p).join() === 'title')).toBe(true);
    expect(result.content).not.toContain('Abstract');
    expect(result.content).not.toContain('Lovelace');
  });

  it('keeps the older sessions’ tool: 5 papers by default, at most 10, abstracts cut to 500', async () => {
    const legacy = { mode: undefined, maxChars: 60_000 };
    const byDefault = items((await literatureTool({ query: 'q' }, legacy, null, provider)).content);
    expect(byDefault).toHaveLength(5);
    expect(byDefault[0]?.abstract).toHaveLength(500);
    const asked = items((await literatureTool({ query: 'q', limit: 20 }, legacy, null, provider)).content);
    expect(asked).toHaveLength(10);
  });
});
