import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePaperFile } from './parse-file.ts';
import { parseCiw } from './parse-ciw.ts';

const fixture = join(import.meta.dirname, 'fixtures', 'valid.ciw');

describe('Web of Science plain text (.ciw)', () => {
  it('reads records with continuation lines, keeps their lines, and skips broken ones on their own', async () => {
    const outcome = await parsePaperFile(fixture);
    expect(outcome.format).toBe('ciw');
    expect(outcome.papers.map((p) => [p.source.line, p.record.title, p.record.year])).toEqual([
      [3, 'Attention is all you need: a transformer for sequence transduction', 2017],
      [23, 'Planning with learned world models', 2021],
    ]);
    const first = outcome.papers[0]!.record;
    expect(first.authors).toEqual(['Vaswani, Ashish', 'Shazeer, Noam']);
    expect(first.venue).toBe('ADVANCES IN NEURAL INFORMATION PROCESSING SYSTEMS');
    expect(first.abstract).toContain('recurrent or convolutional');
    expect(first.doi).toBe('10.48550/arxiv.1706.03762');
    expect(outcome.skipped).toEqual([
      expect.objectContaining({ line: 20, field: 'PY' }),
      expect.objectContaining({ line: 30, field: 'ER', reason: 'record has no ER end tag' }),
    ]);
  });

  it('is recognised by content when the extension says nothing', () => {
    const outcome = parseCiw(readFileSync(fixture, 'utf8').replace(/\n/g, '\r\n'), 'export.txt');
    expect(outcome.papers).toHaveLength(2);
  });

  it('refuses stray text and an ER without a record, by line', () => {
    const outcome = parseCiw('hello\nER\nPT J\nTI Fine\nPY 2020\nER\n', 'x.ciw');
    expect(outcome.papers.map((p) => p.record.title)).toEqual(['Fine']);
    expect(outcome.skipped.map((s) => [s.line, s.field])).toEqual([
      [1, 'PT'],
      [2, 'PT'],
    ]);
  });

  it('holds against a hostile file: 20 000 records and a title of 200 000 continuation lines', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `PT J\nTI Paper ${i}\nPY 2020\nER\n`).join('');
    const started = performance.now();
    expect(parseCiw(many, 'many.ciw').papers).toHaveLength(20_000);
    expect(performance.now() - started).toBeLessThan(5_000);
    const long = `PT J\nTI start\n${'   more words\n'.repeat(200_000)}PY 2020\nER\n`;
    const outcome = parseCiw(long, 'long.ciw');
    const kept = outcome.papers[0]?.record.title.length ?? 0;
    expect(kept + outcome.skipped.length).toBeGreaterThan(0);
    expect(kept).toBeLessThan(10_000);
  });
});
