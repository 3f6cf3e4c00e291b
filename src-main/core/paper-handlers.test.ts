import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Reply } from '../contract/envelope.ts';
import type { GraphChanged } from '../contract/graph.ts';
import type { ImportReport } from '../contract/papers.ts';
import { startRecordedLookupServer } from '../papers/lookup/recorded-lookup-server.ts';
import type { RecordedServer } from '../papers/lookup/recorded-lookup-server.ts';
import { channelCaller, recordEvents } from '../test-support/core-calls.ts';
import { useOpenCore } from '../test-support/open-core.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { createCore } from './create-core.ts';

/** papers.import end to end in Node: dispatch → handler → the CLI's import run → a real embedded store. */

const tempDir = useTempDirs();
const open = useOpenCore<RecordedServer>();

const fixture = (name: string): string => join(import.meta.dirname, '..', 'papers', 'fixtures', name);
const upload = (name: string, bytes: Buffer = readFileSync(fixture(name))) => ({
  name,
  contentBase64: bytes.toString('base64'),
});

function setup(env: NodeJS.ProcessEnv = {}) {
  const core = createCore({ env: { MOTIV_DATA_DIR: tempDir(), MOTIV_SEED: 'off', ...env } });
  open.core = core;
  return {
    core,
    changes: recordEvents<GraphChanged>(core, 'graph.changed'),
    call: channelCaller(core, 'http'),
  };
}

const resultOf = (reply: Reply<unknown>): ImportReport => {
  if ('error' in reply) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.result as ImportReport;
};

describe('papers.import', () => {
  it('imports uploaded files with the per-file report, tells the Graph section, and changes nothing twice', async () => {
    const { changes, call } = setup();
    const report = resultOf(
      await call('papers.import', {
        files: [upload('broken.bib'), upload('valid.ris'), upload('encrypted.pdf')],
      }),
    );
    const broken = report.sources[0];
    expect(broken).toMatchObject({
      file: 'broken.bib',
      format: 'bibtex',
      counts: { created: 2, skipped: 4 },
    });
    expect(broken?.skipped).toContainEqual(
      expect.objectContaining({
        file: 'broken.bib',
        line: 19,
        field: 'year',
        reason: '"20x1" is not a year',
      }),
    );
    expect(report.sources[2]).toMatchObject({
      file: 'encrypted.pdf',
      error: { code: 'IMPORT_PDF_ENCRYPTED' },
      papers: [],
    });
    expect(report.totals).toMatchObject({ created: 4, skipped: 4, failed: 1 });
    const created = report.sources.flatMap((s) => s.papers.map((p) => p.id));
    expect(changes).toEqual([{ ids: created, action: 'update' }]);

    const stats = await call('graph.stats', {});
    expect(stats).toMatchObject({ result: { stats: { nodes: { Paper: 4 } } } });

    const again = resultOf(await call('papers.import', { files: [upload('broken.bib')] }));
    expect(again.totals).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(changes).toHaveLength(1); // nothing written, nothing announced
  });

  it('refuses a file over the paperImport.maxFileMb setting, naming it, before writing anything', async () => {
    const { call } = setup();
    await call('settings.update', { paperImport: { maxFileMb: 1 } });
    const big = Buffer.alloc(1024 * 1024 + 10, 'a');
    const reply = await call('papers.import', { files: [upload('valid.bib'), upload('huge.bib', big)] });
    expect(reply).toMatchObject({
      error: { code: 'PAYLOAD_TOO_LARGE', details: { file: 'huge.bib', limit: 1024 * 1024 } },
    });
    expect('error' in reply && reply.error.message).toMatch(
      /^huge\.bib is 1\.0 MB, over the app's import limit/,
    );
    expect(await call('graph.stats', {})).toMatchObject({ result: { totalNodes: 0 } });
  });

  it('caps one upload at the 10 MB browser-mode body limit even when the setting allows more', async () => {
    const { call } = setup();
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 'a');
    expect(await call('papers.import', { files: [upload('big.csv', big)] })).toMatchObject({
      error: { code: 'PAYLOAD_TOO_LARGE', details: { file: 'big.csv', limit: 10 * 1024 * 1024 } },
    });
  });

  it('validates the request: something to import, real base64', async () => {
    const { call } = setup();
    expect(await call('papers.import', {})).toMatchObject({
      error: { code: 'VALIDATION', details: { issues: [{ path: 'files', message: /^Nothing to import/ }] } },
    });
    expect(
      await call('papers.import', { files: [{ name: 'a.bib', contentBase64: 'not base64!' }] }),
    ).toMatchObject({
      error: { code: 'VALIDATION', details: { issues: [{ path: 'files.0.contentBase64' }] } },
    });
  });

  it('looks papers up by DOI and arXiv id through the configured services', async () => {
    open.server = await startRecordedLookupServer({
      '/arxiv/api/query?id_list=1706.03762&max_results=1': { fixture: 'arxiv-1706.03762.atom' },
    });
    const { call } = setup({ MOTIV_ARXIV_BASE_URL: `${open.server.baseUrl}/arxiv` });
    const report = resultOf(await call('papers.import', { arxivIds: ['1706.03762v7'] }));
    expect(report.sources).toMatchObject([
      { file: 'arXiv:1706.03762v7', format: 'lookup', counts: { created: 1 } },
    ]);
    expect(report.sources[0]?.papers[0]?.title).toMatch(/Attention Is All You Need/i);
  });
});
