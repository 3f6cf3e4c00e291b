import { afterEach, describe, expect, it } from 'vitest';
import { PAPER_LOOKUP_DEFAULTS } from '../../contract/settings-papers.ts';
import { useTempDirs } from '../../test-support/temp-dir.ts';
import { resolveLookupConfig } from './lookup-config.ts';
import { PaperLookup } from './paper-lookup.ts';
import { startRecordedLookupServer } from './recorded-lookup-server.ts';
import type { RecordedRoute, RecordedServer } from './recorded-lookup-server.ts';

const ARXIV_PATH = '/arxiv/api/query?id_list=1706.03762&max_results=1';
const OPENALEX_PNAS = '/openalex/works/doi:10.1073%2Fpnas.1611835114';
const CROSSREF_AGENTS = '/crossref/works/10.1145%2F3586183.3606763';

describe('online lookup by DOI and arXiv id (recorded responses on loopback)', () => {
  const tempDir = useTempDirs();
  const servers: RecordedServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.stop();
  });

  async function setup(routes: Record<string, RecordedRoute>, cacheTtlDays = 90) {
    const server = await startRecordedLookupServer(routes);
    servers.push(server);
    const config = resolveLookupConfig(
      { ...PAPER_LOOKUP_DEFAULTS, cacheTtlDays, timeoutMs: 2_000 },
      {
        MOTIV_ARXIV_BASE_URL: `${server.baseUrl}/arxiv`,
        MOTIV_OPENALEX_BASE_URL: `${server.baseUrl}/openalex`,
        MOTIV_CROSSREF_BASE_URL: `${server.baseUrl}/crossref`,
      },
    );
    return { server, lookup: new PaperLookup(config, tempDir()) };
  }

  it('reads an arXiv Atom entry into a paper record', async () => {
    const { server, lookup } = await setup({
      [ARXIV_PATH]: { fixture: 'arxiv-1706.03762.atom', contentType: 'application/atom+xml' },
    });
    const outcome = await lookup.byArxiv('arXiv:1706.03762v5');
    expect(server.requests).toEqual([ARXIV_PATH]);
    expect(outcome.format).toBe('lookup');
    expect(outcome.papers[0]?.source).toEqual({ file: 'arXiv:1706.03762', entry: 'arXiv' });
    expect(outcome.papers[0]?.record).toMatchObject({
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar'],
      year: 2017,
      arxivId: '1706.03762',
      url: 'https://arxiv.org/abs/1706.03762',
    });
    expect(outcome.papers[0]?.record.abstract).toMatch(/^The dominant sequence .* convolutions entirely\.$/);
  });

  it('answers a DOI from OpenAlex alone when it has everything, and caches the answer on disk', async () => {
    const { server, lookup } = await setup({ [OPENALEX_PNAS]: { fixture: 'openalex-pnas.json' } });
    const outcome = await lookup.byDoi('https://doi.org/10.1073/PNAS.1611835114');
    expect(outcome.papers[0]?.record).toEqual({
      title: 'Overcoming catastrophic forgetting in neural networks',
      authors: ['James Kirkpatrick', 'Razvan Pascanu', 'Raia Hadsell'],
      year: 2017,
      venue: 'Proceedings of the National Academy of Sciences',
      // OpenAlex's inverted index put back in word order
      abstract:
        'The ability to learn tasks in a sequential fashion is crucial to the development of artificial intelligence.',
      doi: '10.1073/pnas.1611835114',
      url: 'https://doi.org/10.1073/pnas.1611835114',
    });
    expect(outcome.papers[0]?.source.entry).toBe('OpenAlex');
    expect(server.requests).toEqual([OPENALEX_PNAS]);
    const again = await lookup.byDoi('10.1073/pnas.1611835114');
    expect(again.papers[0]?.record).toEqual(outcome.papers[0]?.record);
    expect(server.requests).toEqual([OPENALEX_PNAS]);
  });

  it('fills what OpenAlex lacks from Crossref; OpenAlex wins where both answer', async () => {
    const openAlexWithoutAbstract = JSON.stringify({
      title: 'Generative agents: interactive simulacra of human behavior',
      doi: 'https://doi.org/10.1145/3586183.3606763',
      publication_year: 2023,
      authorships: [{ author: { display_name: 'Joon Sung Park' } }],
      primary_location: null,
      abstract_inverted_index: null,
    });
    const { server, lookup } = await setup({
      '/openalex/works/doi:10.1145%2F3586183.3606763': { body: openAlexWithoutAbstract },
      [CROSSREF_AGENTS]: { fixture: 'crossref-generative-agents.json' },
    });
    const outcome = await lookup.byDoi('10.1145/3586183.3606763');
    expect(outcome.papers[0]?.source.entry).toBe('OpenAlex + Crossref');
    expect(outcome.papers[0]?.record).toMatchObject({
      title: 'Generative agents: interactive simulacra of human behavior',
      authors: ['Joon Sung Park'],
      venue: 'Proceedings of the 36th Annual ACM Symposium on User Interface Software and Technology',
      abstract: expect.stringMatching(/^Believable proxies/),
    });
    expect(server.requests).toHaveLength(2);
  });

  it('falls back to Crossref when OpenAlex does not know the DOI (JATS abstract stripped)', async () => {
    const { lookup } = await setup({ [CROSSREF_AGENTS]: { fixture: 'crossref-generative-agents.json' } });
    const outcome = await lookup.byDoi('10.1145/3586183.3606763');
    expect(outcome.papers[0]?.record).toMatchObject({
      title: 'Generative Agents: Interactive Simulacra of Human Behavior',
      authors: ['Joon Sung Park', "Joseph O'Brien", 'Michael S. Bernstein'],
      year: 2023,
      venue: 'Proceedings of the 36th Annual ACM Symposium on User Interface Software and Technology',
      abstract: expect.stringMatching(/^Believable proxies of human behavior .* communication\.$/),
    });
    expect(outcome.papers[0]?.source.entry).toBe('Crossref');
  });

  it('gives typed errors: unknown DOI, unknown arXiv id, a failing service, a malformed answer, a bad id', async () => {
    const { lookup } = await setup({
      '/arxiv/api/query?id_list=9999.99999&max_results=1': { fixture: 'arxiv-error.atom' },
      '/openalex/works/doi:10.5555%2Fdown': { status: 503, body: 'maintenance' },
      '/crossref/works/10.5555%2Fdown': { body: '{"status":"ok","message":{"title":"not a list"}}' },
    });
    await expect(lookup.byDoi('10.5555/nothing-here')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { field: 'doi' },
    });
    await expect(lookup.byArxiv('9999.99999')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/incorrect id format/),
    });
    const down = lookup.byDoi('10.5555/down');
    await expect(down).rejects.toMatchObject({ code: 'UNAVAILABLE' });
    await expect(down).rejects.toThrow(
      /OpenAlex answered HTTP 503.*Crossref answered with data that could not be read/,
    );
    await expect(lookup.byDoi('nope')).rejects.toMatchObject({
      code: 'VALIDATION',
      details: { field: 'doi' },
    });
  });

  it('says when a service is unreachable, naming it', async () => {
    const config = resolveLookupConfig(PAPER_LOOKUP_DEFAULTS, { MOTIV_ARXIV_BASE_URL: 'http://127.0.0.1:1' });
    const lookup = new PaperLookup(config, tempDir());
    await expect(lookup.byArxiv('2401.01234')).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: expect.stringMatching(/^arXiv is unreachable/),
    });
  });

  it('resolves base URLs env over settings over the public default, and refuses a bad one', () => {
    const config = resolveLookupConfig(
      { ...PAPER_LOOKUP_DEFAULTS, crossrefBaseUrl: 'https://mirror.example/crossref/' },
      { MOTIV_OPENALEX_BASE_URL: 'http://127.0.0.1:9/oa' },
    );
    expect(config.baseUrls).toEqual({
      arxiv: 'https://export.arxiv.org',
      openalex: 'http://127.0.0.1:9/oa',
      crossref: 'https://mirror.example/crossref',
    });
    expect(() => resolveLookupConfig(PAPER_LOOKUP_DEFAULTS, { MOTIV_CROSSREF_BASE_URL: 'ftp://x' })).toThrow(
      /MOTIV_CROSSREF_BASE_URL must be an http or https URL/,
    );
  });
});
