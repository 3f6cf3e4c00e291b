import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test-support/temp-dir.ts';
import { parsePaperFile } from './parse-file.ts';

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
