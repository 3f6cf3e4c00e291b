import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LITERATURE_DEFAULTS } from '../contract/settings-literature.ts';
import { literatureTool } from '../ideator/literature-tool.ts';
import { seedGraph } from '../test-support/ideator-harness.ts';
import { AppError } from '../shared/errors.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { LITERATURE_CACHE_FILE, LiteratureCache } from './cache.ts';
import { LiteratureCascade } from './cascade.ts';
import type { SourceAttempt } from './cascade.ts';
import { resolveLiteratureConfig } from './config.ts';
import { startRecordedServer } from './recorded-server.ts';
import type { RecordedServer } from './recorded-server.ts';

const tempDir = useTempDirs();
let server: RecordedServer | undefined;
const opened: LiteratureCache[] = [];
afterEach(async () => {
  for (const cache of opened.splice(0)) cache.close();
  await server?.stop();
  server = undefined;
});

async function setup(options: { timeoutMs?: number; cacheDir?: string; now?: () => number } = {}) {
  server ??= await startRecordedServer();
  const config = resolveLiteratureConfig(
    { ...LITERATURE_DEFAULTS, timeoutMs: options.timeoutMs ?? 5_000 },
    server.env(),
  );
  const cache = new LiteratureCache(join(options.cacheDir ?? tempDir(), LITERATURE_CACHE_FILE));
  opened.push(cache);
  const attempts: SourceAttempt[] = [];
  const cascade = new LiteratureCascade({
    config,
    cache,
    onAttempt: (a) => attempts.push(a),
    ...(options.now ? { now: options.now } : {}),
  });
  return { server, cascade, attempts };
}

const outcomes = (attempts: SourceAttempt[]) => attempts.map((a) => `${a.source}:${a.outcome}`);

describe('literature cascade', () => {
  it('answers from Semantic Scholar when it is up, with the fields the tool shows', async () => {
    const { server, cascade } = await setup();
    const result = await cascade.search('novel research ideas', 3);
    expect(result.source).toBe('semantic-scholar');
    expect(outcomes(result.attempts)).toEqual(['semantic-scholar:answered']);
    // The untitled record is dropped; null abstract and empty venue are left out, not shown as "null".
    expect(result.papers).toHaveLength(2);
    expect(result.papers[0]).toEqual({
      title: 'Can LLMs Generate Novel Research Ideas? A Large-Scale Human Study with 100+ NLP Researchers',
      authors: ['Chenglei Si', 'Diyi Yang', 'Tatsunori Hashimoto'],
      year: 2024,
      venue: 'International Conference on Learning Representations',
      abstract: expect.stringContaining('100 NLP researchers') as string,
      url: 'https://www.semanticscholar.org/paper/0b6d5d0a2f2b6f8b5f4e7b0a8d2c0c1e9a6d3f21',
    });
    expect(result.papers[1]).not.toHaveProperty('abstract');
    expect(result.papers[1]).not.toHaveProperty('venue');
    expect(server.requests).toHaveLength(1);
    const url = new URL(server.requests[0]?.url ?? '', 'http://x');
    expect(url.pathname).toBe('/graph/v1/paper/search');
    expect(url.searchParams.get('query')).toBe('novel research ideas');
    expect(url.searchParams.get('limit')).toBe('3');
    expect(url.searchParams.get('fields')).toContain('abstract');
  });

  it('moves to OpenAlex on a 429 and leaves the rate-limited service alone until its Retry-After', async () => {
    const { server, cascade } = await setup();
    server.set('semantic-scholar', { kind: 'status', status: 429, retryAfter: '120' });
    const first = await cascade.search('research ideas', 2);
    expect(first.source).toBe('openalex');
    expect(outcomes(first.attempts)).toEqual(['semantic-scholar:failed', 'openalex:answered']);
    expect(first.attempts[0]).toMatchObject({ status: 429, error: expect.stringContaining('rate limited') });
    expect(first.papers[0]).toMatchObject({
      title: expect.stringContaining('Can LLMs Generate Novel Research Ideas') as string,
      authors: ['Chenglei Si', 'Tatsunori Hashimoto'],
      venue: 'arXiv (Cornell University)',
      abstract: 'Recent advancements in large language models have sparked optimism.',
      url: 'https://doi.org/10.48550/arxiv.2409.04109',
    });
    const oaUrl = new URL(server.requests[1]?.url ?? '', 'http://x');
    expect(oaUrl.pathname).toBe('/works');
    expect(oaUrl.searchParams.get('search')).toBe('research ideas');
    expect(oaUrl.searchParams.get('per-page')).toBe('2');

    const second = await cascade.search('graph guided ideation', 2);
    expect(outcomes(second.attempts)).toEqual(['semantic-scholar:skipped', 'openalex:answered']);
    expect(server.requests.filter((r) => r.source === 'semantic-scholar')).toHaveLength(1);
  });

  it('moves on from a 500 and from OpenAlex failing too, to arXiv', async () => {
    const { server, cascade } = await setup();
    server.set('semantic-scholar', { kind: 'status', status: 500 });
    server.set('openalex', { kind: 'status', status: 503 });
    const result = await cascade.search('research ideas', 2);
    expect(result.source).toBe('arxiv');
    expect(outcomes(result.attempts)).toEqual([
      'semantic-scholar:failed',
      'openalex:failed',
      'arxiv:answered',
    ]);
    expect(result.papers).toEqual([
      {
        title:
          'ResearchAgent: Iterative Research Idea Generation over Scientific Literature with Large Language Models',
        authors: ['Jinheon Baek', 'Sujay Kumar Jauhar'],
        year: 2024,
        venue: 'arXiv',
        abstract:
          'Scientific Research, vital for improving human life, is hindered by its inherent complexity & slow pace. We propose ResearchAgent.',
        url: 'http://arxiv.org/abs/2404.07738v2',
      },
      expect.objectContaining({
        title: 'SciMON: Scientific Inspiration Machines Optimized for Novelty',
        venue: 'ACL 2024',
        year: 2023,
      }),
    ]);
    const axUrl = new URL(server.requests[2]?.url ?? '', 'http://x');
    expect(axUrl.pathname).toBe('/api/query');
    expect(axUrl.searchParams.get('search_query')).toBe('all:research AND all:ideas');
    expect(axUrl.searchParams.get('max_results')).toBe('2');
  });

  it('fails as a whole, naming every source, when all are down; the tool then answers from the local graph', async () => {
    const { server, cascade } = await setup({ timeoutMs: 600 });
    server.set('semantic-scholar', { kind: 'status', status: 500 });
    server.set('openalex', { kind: 'stall' });
    server.set('arxiv', { kind: 'fixture', file: 'arxiv-error.atom', contentType: 'application/atom+xml' });
    const error = await cascade.search('research ideas', 2).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('LITERATURE_UNAVAILABLE');
    expect((error as AppError).message).toMatch(/semantic-scholar: semantic-scholar: HTTP 500/);
    expect((error as AppError).message).toMatch(/openalex: no answer within 600 ms/);
    expect((error as AppError).message).toMatch(/arXiv said: max_results must be non-negative/);

    const graph = await seedGraph(join(tempDir(), 'graph.sqlite'));
    try {
      const tool = await literatureTool(
        { query: 'novel research ideas' },
        { mode: undefined, maxChars: 4_000 },
        graph,
        cascade.provider(),
      );
      expect(tool.source).toBe('local-graph (remote sources failed)');
      expect(tool.content).toContain('kg:paper:Can_LLMs_generate_novel_research_ideas');
    } finally {
      await graph.close();
    }
  });

  it('serves a repeated query from the persistent cache without a request, and reports the source', async () => {
    const cacheDir = tempDir();
    const { server, cascade } = await setup({ cacheDir });
    await cascade.search('Novel  research ideas', 2);
    expect(server.requests).toHaveLength(1);

    // A new cascade on the same file, as after a restart; the query differs only in case and spacing.
    const restarted = await setup({ cacheDir });
    const provided = await restarted.cascade.provider()('novel research IDEAS', 2);
    expect(provided.source).toBe('semantic-scholar (cached)');
    expect(provided.papers).toHaveLength(2);
    expect(outcomes(restarted.attempts)).toEqual(['semantic-scholar:cached']);
    expect(server.requests).toHaveLength(1);

    // Asking for more than was fetched (and the source had more) is a miss.
    await restarted.cascade.search('novel research ideas', 10);
    expect(server.requests).toHaveLength(2);
  });

  it('refetches once the cached answer is older than the TTL', async () => {
    let clock = Date.parse('2026-11-01T00:00:00Z');
    const cacheDir = tempDir();
    const { server, cascade } = await setup({ cacheDir, now: () => clock });
    await cascade.search('research ideas', 2);
    clock += (LITERATURE_DEFAULTS.cacheTtlDays + 1) * 24 * 60 * 60 * 1000;
    const again = await cascade.search('research ideas', 2);
    expect(again.cached).toBe(false);
    expect(server.requests).toHaveLength(2);
  });

  it('stops at once when the caller cancels, without trying the next source', async () => {
    const { server, cascade } = await setup();
    server.set('semantic-scholar', { kind: 'stall' });
    const controller = new AbortController();
    const pending = cascade.search('research ideas', 2, controller.signal);
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(server.requests.map((r) => r.source)).toEqual(['semantic-scholar']);
  });

  it('rejects an answer of the wrong shape with the field that is wrong', async () => {
    const { server, cascade } = await setup();
    server.set('semantic-scholar', {
      kind: 'fixture',
      file: 'openalex-works.json',
      contentType: 'application/json',
    });
    server.set('openalex', {
      kind: 'fixture',
      file: 's2-paper-search.json',
      contentType: 'application/json',
    });
    const result = await cascade.search('research ideas', 2);
    // S2's schema tolerates a page without `data` (no results), so it reads OpenAlex's page as empty.
    expect(outcomes(result.attempts)).toEqual([
      'semantic-scholar:empty',
      'openalex:failed',
      'arxiv:answered',
    ]);
    expect(result.attempts[1]?.error).toMatch(/openalex: unexpected answer: results: /);
  });
});
