import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedGraphStore } from '../../graph/embedded/embedded-store.ts';
import type { ImportRunReport } from '../../papers/import-run.ts';
import { startRecordedLookupServer } from '../../papers/lookup/recorded-lookup-server.ts';
import type { RecordedServer } from '../../papers/lookup/recorded-lookup-server.ts';
import { useTempDirs } from '../../test-support/temp-dir.ts';
import { main } from '../main.ts';
import { bufferIo } from '../../test-support/graph-cli-fixture.ts';

const fixture = (name: string): string => join(import.meta.dirname, '../../papers/fixtures', name);

describe('motiv import', () => {
  const tempDir = useTempDirs();
  const servers: RecordedServer[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.stop();
  });

  it('imports files, lists skipped entries with file, line and field, and exits 1 for a refused file', async () => {
    const dir = tempDir();
    const io = bufferIo({ MOTIV_DATA_DIR: dir, MOTIV_SEED: 'off' });
    const code = await main(
      ['import', fixture('broken.bib'), fixture('valid.ris'), fixture('encrypted.pdf')],
      io,
    );
    expect(code).toBe(1);
    const out = io.stdout();
    expect(out).toContain(
      `${fixture('broken.bib')}: 2 imported, 0 updated, 0 unchanged, 0 duplicates, 4 skipped`,
    );
    expect(out).toContain(`skipped ${fixture('broken.bib')}:19 (badyear) field year: "20x1" is not a year`);
    expect(out).toContain(`${fixture('encrypted.pdf')}: refused (IMPORT_PDF_ENCRYPTED)`);
    expect(out).toMatch(/^total: 4 imported, 0 updated, 0 unchanged, 0 duplicates, 4 skipped, 1 refused$/m);
    // progress goes to stderr, never into the summary
    expect(io.stderr()).toContain('0 papers already in the embedded graph');
    expect(out).not.toContain('already in the');

    const store = EmbeddedGraphStore.open(join(dir, 'graph.sqlite'));
    try {
      expect((await store.stats()).nodes.Paper).toBe(4);
    } finally {
      await store.close();
    }
  });

  it("shows each file's summary once on a terminal (stdout and stderr together)", async () => {
    const io = bufferIo({ MOTIV_DATA_DIR: tempDir(), MOTIV_SEED: 'off' });
    const refused = fixture('encrypted.pdf');
    expect(await main(['import', fixture('valid.bib'), refused], io)).toBe(1);
    const terminal = `${io.stderr()}${io.stdout()}`;
    const mentions = (text: string): number => terminal.split(text).length - 1;
    // progress says what is happening; the outcome per file is the summary's line, printed once
    expect(mentions(`${fixture('valid.bib')}: 3 imported`)).toBe(1);
    expect(terminal).not.toMatch(/valid\.bib: \d+ new/);
    expect(mentions(`${refused}: refused`)).toBe(1);
    expect(io.stderr()).toContain(`${fixture('valid.bib')}: 3 entries read (bibtex)`);
  });

  it('re-importing changes nothing, and --json prints the full report', async () => {
    const env = { MOTIV_DATA_DIR: tempDir(), MOTIV_SEED: 'off' };
    expect(await main(['import', fixture('valid.bib')], bufferIo(env))).toBe(0);
    const io = bufferIo(env);
    expect(await main(['import', fixture('valid.bib'), '--json'], io)).toBe(0);
    const report = JSON.parse(io.stdout()) as ImportRunReport;
    expect(report.totals).toEqual({
      created: 0,
      updated: 0,
      unchanged: 3,
      duplicate: 0,
      skipped: 0,
      failed: 0,
    });
    expect(report.sources[0]?.papers.map((p) => [p.line, p.status])).toEqual([
      [4, 'unchanged'],
      [15, 'unchanged'],
      [26, 'unchanged'],
    ]);
  });

  it('looks papers up by --arxiv and --doi through the configured services', async () => {
    const server = await startRecordedLookupServer({
      '/arxiv/api/query?id_list=1706.03762&max_results=1': { fixture: 'arxiv-1706.03762.atom' },
      '/openalex/works/doi:10.1073%2Fpnas.1611835114': { fixture: 'openalex-pnas.json' },
    });
    servers.push(server);
    const dir = tempDir();
    const io = bufferIo({
      MOTIV_DATA_DIR: dir,
      MOTIV_SEED: 'off',
      MOTIV_ARXIV_BASE_URL: `${server.baseUrl}/arxiv`,
      MOTIV_OPENALEX_BASE_URL: `${server.baseUrl}/openalex`,
      MOTIV_CROSSREF_BASE_URL: `${server.baseUrl}/crossref`,
    });
    // the BibTeX file already holds both papers: the lookups match them by arXiv id and DOI
    const code = await main(
      [
        'import',
        fixture('valid.bib'),
        '--arxiv',
        '1706.03762v7',
        '--doi',
        '10.1073/pnas.1611835114',
        '--json',
      ],
      io,
    );
    expect(code).toBe(0);
    const report = JSON.parse(io.stdout()) as ImportRunReport;
    expect(report.sources.map((s) => [s.file, s.papers[0]?.status, s.papers[0]?.matchedBy])).toEqual([
      [fixture('valid.bib'), 'created', undefined],
      ['doi:10.1073/pnas.1611835114', 'updated', 'doi'],
      ['arXiv:1706.03762v7', 'updated', 'arxiv'],
    ]);
    expect(report.totals.created).toBe(3);
  });

  it('refuses a call without files or ids, and a bad --max-mb, with usage exit code 2', async () => {
    const env = { MOTIV_DATA_DIR: tempDir(), MOTIV_SEED: 'off' };
    const none = bufferIo(env);
    expect(await main(['import'], none)).toBe(2);
    expect(none.stderr()).toContain('nothing to import');
    expect(await main(['import', fixture('valid.bib'), '--max-mb', 'lots'], bufferIo(env))).toBe(2);
  });

  it('applies the size limit from --max-mb', async () => {
    const io = bufferIo({ MOTIV_DATA_DIR: tempDir(), MOTIV_SEED: 'off' });
    expect(await main(['import', fixture('paper.pdf'), '--max-mb', '0.001'], io)).toBe(1);
    expect(io.stdout()).toContain('refused (PAYLOAD_TOO_LARGE)');
  });
});
