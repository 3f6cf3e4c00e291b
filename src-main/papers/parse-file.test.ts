import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { parsePaperFile } from './parse-file.ts';
import { TEXT_LIMITS } from './text-limits.ts';

const fixture = (name: string): string => join(import.meta.dirname, 'fixtures', name);

describe('parsePaperFile refuses whole files with typed errors naming the file', () => {
  const tempDir = useTempDirs();

  it.each([
    ['empty.bib', 'IMPORT_EMPTY_FILE'],
    ['whitespace.txt', 'IMPORT_EMPTY_FILE'],
    ['image.bib', 'IMPORT_NOT_TEXT'],
    ['latin1.bib', 'IMPORT_BAD_ENCODING'],
    ['encrypted.pdf', 'IMPORT_PDF_ENCRYPTED'],
    ['fake.pdf', 'IMPORT_PDF_INVALID'],
  ])('%s → %s', async (name, code) => {
    await expect(parsePaperFile(fixture(name))).rejects.toMatchObject({
      code,
      details: expect.objectContaining({ file: fixture(name) }),
    });
  });

  it('names the line of a bad byte', async () => {
    await expect(parsePaperFile(fixture('latin1.bib'))).rejects.toMatchObject({ details: { line: 2 } });
  });

  it('refuses a file over the size limit before reading it', async () => {
    const file = join(tempDir(), 'big.bib');
    writeFileSync(file, `@misc{a, title={${'x'.repeat(2_000)}}}\n`);
    await expect(parsePaperFile(file, { maxBytes: 1_000 })).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
      details: { file, limit: 1_000 },
    });
  });

  it('refuses an unknown format, a directory and a missing file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.dat'), 'just some words\n');
    mkdirSync(join(dir, 'folder.bib'));
    await expect(parsePaperFile(join(dir, 'notes.dat'))).rejects.toMatchObject({
      code: 'IMPORT_UNSUPPORTED_FORMAT',
    });
    await expect(parsePaperFile(join(dir, 'folder.bib'))).rejects.toMatchObject({
      code: 'IMPORT_UNREADABLE',
    });
    await expect(parsePaperFile(join(dir, 'missing.ris'))).rejects.toMatchObject({
      code: 'IMPORT_UNREADABLE',
    });
  });

  it('sniffs the format of a file with an unknown extension', async () => {
    const file = join(tempDir(), 'export.txt.bak');
    writeFileSync(file, 'TY  - JOUR\nTI  - Sniffed RIS\nER  - \n');
    const outcome = await parsePaperFile(file);
    expect(outcome.format).toBe('ris');
    expect(outcome.papers[0]?.record.title).toBe('Sniffed RIS');
  });
});

describe('text files are checked against size and line limits before parsing', () => {
  const tempDir = useTempDirs();

  it.each([
    ['one-line.csv', 'title,abstract\n', 'x,'],
    ['one-line.bib', '@misc{a, title={A}}\n', 'word '],
    ['one-line.txt', '# A title\n\n', 'word '],
    ['one-line.ris', 'TY  - JOUR\n', 'word '],
  ])('%s: a 20 MB line is refused with its line number', async (name, head, unit) => {
    const file = join(tempDir(), name);
    writeFileSync(file, head + unit.repeat(Math.ceil((20 * 1024 * 1024) / unit.length)) + '\n');
    const base = process.memoryUsage().rss;
    await expect(parsePaperFile(file)).rejects.toMatchObject({
      code: 'IMPORT_LIMIT_EXCEEDED',
      message: expect.stringContaining(`${file} line ${head.split('\n').length}:`),
      details: { file, line: head.split('\n').length, limit: 'lineBytes', max: TEXT_LIMITS.maxLineBytes },
    });
    expect((process.memoryUsage().rss - base) / 1024 / 1024).toBeLessThan(200);
  });

  it('refuses text over the text-size limit even when --max-mb allows the file', async () => {
    const file = join(tempDir(), 'huge.txt');
    writeFileSync(file, '# A title\n\nabstract line\n'.repeat(Math.ceil((70 * 1024 * 1024) / 25)));
    await expect(parsePaperFile(file, { maxBytes: 200 * 1024 * 1024 })).rejects.toMatchObject({
      code: 'IMPORT_LIMIT_EXCEEDED',
      details: { file, limit: 'textBytes', max: TEXT_LIMITS.maxTextBytes },
    });
  });

  it('refuses a 3 GB text file by its size before reading it', async () => {
    const file = join(tempDir(), 'sparse.bib');
    writeFileSync(file, '');
    truncateSync(file, 3 * 1024 * 1024 * 1024); // sparse: no disk space used
    const base = process.memoryUsage().rss;
    await expect(parsePaperFile(file, { maxBytes: 4 * 1024 * 1024 * 1024 })).rejects.toMatchObject({
      code: 'IMPORT_LIMIT_EXCEEDED',
      details: { file, limit: 'textBytes' },
    });
    expect((process.memoryUsage().rss - base) / 1024 / 1024).toBeLessThan(100);
  });

  it('refuses a 3 GB file of unknown format with a typed error, not a raw RangeError', async () => {
    const file = join(tempDir(), 'sparse.dat');
    writeFileSync(file, '');
    truncateSync(file, 3 * 1024 * 1024 * 1024);
    await expect(parsePaperFile(file, { maxBytes: 4 * 1024 * 1024 * 1024 })).rejects.toMatchObject({
      code: 'IMPORT_UNREADABLE',
      details: { file },
    });
  });

  it('refuses a CSV header of 300,000 columns by its line', async () => {
    const file = join(tempDir(), 'wide.csv');
    writeFileSync(file, `title,${'c,'.repeat(300_000)}\nA paper,x\n`);
    await expect(parsePaperFile(file)).rejects.toMatchObject({
      code: 'IMPORT_LIMIT_EXCEEDED',
      details: { file, line: 1, limit: 'columns' },
    });
  });

  it('still imports a CSL-JSON file written on one long line', async () => {
    const file = join(tempDir(), 'one-line.json');
    const items = Array.from({ length: 8_000 }, (_, i) => ({
      type: 'article',
      title: `Paper number ${i} ${'x'.repeat(120)}`,
    }));
    writeFileSync(file, JSON.stringify(items));
    const outcome = await parsePaperFile(file);
    expect(outcome.papers).toHaveLength(8_000);
  });
});
