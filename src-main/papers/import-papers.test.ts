import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedGraphStore } from '../graph/embedded/embedded-store.ts';
import type { GraphNodeOf } from '../graph/model.ts';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { runPaperImport } from './import-run.ts';
import { PaperTextStore } from './paper-text-store.ts';

const fixture = (name: string): string => join(import.meta.dirname, 'fixtures', name);
const ctx = { actor: 'tester' };

describe('importing papers into the graph (embedded store)', () => {
  const tempDir = useTempDirs();
  const stores: EmbeddedGraphStore[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });

  function openStore(): { store: EmbeddedGraphStore; dir: string } {
    const dir = tempDir();
    const store = EmbeddedGraphStore.open(join(dir, 'graph.sqlite'));
    stores.push(store);
    return { store, dir };
  }

  async function papers(store: EmbeddedGraphStore): Promise<Array<GraphNodeOf<'Paper'>>> {
    const dump = await store.dump();
    return dump.nodes.filter((n): n is GraphNodeOf<'Paper'> => n.kind === 'Paper');
  }

  it('creates Paper nodes with their metadata, and re-importing the same file changes nothing', async () => {
    const { store } = openStore();
    const first = await runPaperImport(store, { files: [fixture('valid.bib')] }, { ctx });
    expect(first.totals).toMatchObject({ created: 3, updated: 0, unchanged: 0, skipped: 0, failed: 0 });
    const stored = await papers(store);
    const attention = stored.find((p) => p.name === 'Attention Is All You Need');
    expect(attention).toMatchObject({
      origin: 'imported',
      review: 'approved',
      createdBy: 'tester',
      props: { arxivId: '1706.03762', year: 2017, authors: expect.arrayContaining(['Ashish Vaswani']) },
    });
    // the abstract is the description too, so lexical search finds papers by their abstracts
    expect(attention?.description).toBe(attention?.props.abstract);
    expect(first.sources[0]?.papers.map((p) => p.id).sort()).toEqual(stored.map((p) => p.id).sort());

    const auditBefore = (await store.auditLog({ limit: 10_000 })).length;
    const again = await runPaperImport(store, { files: [fixture('valid.bib')] }, { ctx });
    expect(again.totals).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(again.sources[0]?.papers.map((p) => p.id)).toEqual(first.sources[0]?.papers.map((p) => p.id));
    expect((await store.auditLog({ limit: 10_000 })).length).toBe(auditBefore);
    expect(await papers(store)).toEqual(stored);
  });

  it('deduplicates by DOI, then arXiv id, then normalised title, across files and formats', async () => {
    const { store, dir } = openStore();
    await runPaperImport(store, { files: [fixture('valid.bib')] }, { ctx });
    const arxivCsv = join(dir, 'arxiv.csv');
    writeFileSync(
      arxivCsv,
      'title,arxiv\n"The Transformer (attention only)",https://arxiv.org/abs/1706.03762v1\n',
    );
    const titleTxt = join(dir, 'title.txt');
    writeFileSync(
      titleTxt,
      'LLM planning with motivational graphs - a survey\nYear: 2021\n\nThe survey abstract.\n',
    );
    const report = await runPaperImport(
      store,
      { files: [fixture('valid.ris'), arxivCsv, titleTxt] },
      { ctx },
    );

    const [ris, csv, txt] = report.sources;
    expect(ris?.papers.map((p) => [p.status, p.matchedBy])).toEqual([
      ['updated', 'doi'],
      ['created', undefined],
    ]);
    expect(csv?.papers.map((p) => [p.status, p.matchedBy])).toEqual([['updated', 'arxiv']]);
    expect(txt?.papers.map((p) => [p.status, p.matchedBy])).toEqual([['updated', 'title']]);

    const stored = await papers(store);
    expect(stored).toHaveLength(4);
    const ewc = stored.find((p) => p.props.doi === '10.1073/pnas.1611835114');
    // the existing paper wins; the import adds what it lacked and keeps the other spelling as an alias
    expect(ewc?.name).toBe('Overcoming catastrophic forgetting in neural networks');
    expect(ewc?.aliases).toEqual(['Overcoming Catastrophic Forgetting in Neural Networks']);
    expect(ewc?.props.abstract).toMatch(/^The ability to learn tasks/);
    expect(stored.find((p) => p.props.arxivId === '1706.03762')?.aliases).toEqual([
      'The Transformer (attention only)',
    ]);
    expect(stored.find((p) => p.props.arxivId === '2105.01234')?.description).toBe('The survey abstract.');
  });

  it('folds duplicates inside one file into one paper', async () => {
    const { store, dir } = openStore();
    const file = join(dir, 'dupes.bib');
    writeFileSync(
      file,
      [
        '@article{a, title={Same paper}, doi={10.5555/same}, year={2020}}',
        '@article{b, title={Same paper, preprint title}, doi={https://doi.org/10.5555/SAME}, journal={J. Dup}}',
        '@article{c, title={SAME PAPER.}}',
      ].join('\n'),
    );
    const report = await runPaperImport(store, { files: [file] }, { ctx });
    expect(report.sources[0]?.papers.map((p) => p.status)).toEqual(['created', 'duplicate', 'duplicate']);
    const stored = await papers(store);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      name: 'Same paper',
      aliases: ['Same paper, preprint title', 'SAME PAPER.'],
      props: { doi: '10.5555/same', year: 2020, venue: 'J. Dup' },
    });
    expect(new Set(report.sources[0]?.papers.map((p) => p.id))).toEqual(new Set([stored[0]?.id]));
  });

  it('writes nothing of a file whose batch fails part-way, and imports it whole once the fault is gone', async () => {
    const { store, dir } = openStore();
    const path = join(dir, 'graph.sqlite');
    // a real fault inside the transaction: the second paper's insert is refused by the database itself
    const other = new Database(path);
    other.exec(`CREATE TRIGGER refuse_second BEFORE INSERT ON nodes WHEN NEW.name = 'A second good paper'
      BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
    const failed = await runPaperImport(store, { files: [fixture('broken.bib')] }, { ctx });
    expect(failed.totals).toMatchObject({ failed: 1, created: 0 });
    expect(failed.sources[0]?.error?.message).toMatch(/disk says no/);
    expect(await papers(store)).toEqual([]);

    other.exec('DROP TRIGGER refuse_second');
    other.close();
    const retried = await runPaperImport(store, { files: [fixture('broken.bib')] }, { ctx });
    expect(retried.totals).toMatchObject({ created: 2, skipped: 4, failed: 0 });
    expect((await papers(store)).map((p) => p.name).sort()).toEqual([
      'A first good paper',
      'A second good paper',
    ]);
  });

  it('reports refused files beside imported ones, and keeps PDF sections for the miner', async () => {
    const { store, dir } = openStore();
    const texts = new PaperTextStore(dir);
    const report = await runPaperImport(
      store,
      { files: [fixture('encrypted.pdf'), fixture('paper.pdf'), fixture('latin1.bib')] },
      { ctx, texts },
    );
    expect(report.sources.map((s) => s.error?.code ?? 'ok')).toEqual([
      'IMPORT_PDF_ENCRYPTED',
      'ok',
      'IMPORT_BAD_ENCODING',
    ]);
    expect(report.totals).toMatchObject({ created: 1, failed: 2 });
    const id = report.sources[1]?.papers[0]?.id ?? '';
    expect(texts.load(id)).toMatchObject({
      title: 'Grounded Planning with Motivational Graphs',
      sections: {
        introduction: expect.stringMatching(/^Planning agents fail/),
        method: expect.stringMatching(/^We retrieve/),
      },
    });
  });
});
