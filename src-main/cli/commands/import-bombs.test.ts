import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flateOfZeros, textContent, writePdf } from '../../test-support/pdf-writer.ts';
import { useTempDirs } from '../../test-support/temp-dir.ts';
import type { CliIo } from '../io.ts';
import { main } from '../main.ts';

/** `motiv import` with hostile files: each is refused or skipped by name and limit, the rest imports. */

function bufferIo(env: NodeJS.ProcessEnv): CliIo & { stdout: () => string } {
  let out = '';
  return { env, out: (t) => (out += t), err: () => undefined, stdout: () => out };
}

describe('motiv import with bombs', () => {
  const tempDir = useTempDirs();

  it('refuses a PDF bomb and a one-line text bomb by limit, skips BibTeX bombs by entry, imports the rest', async () => {
    const dir = tempDir();
    const bomb = join(dir, 'bomb.pdf');
    writeFileSync(
      bomb,
      writePdf([
        { content: textContent(['A Bomb']) },
        { content: await flateOfZeros(300 * 1024 * 1024), flate: true },
      ]),
    );
    const oneLine = join(dir, 'one-line.txt');
    writeFileSync(oneLine, `# A title\n\n${'word '.repeat(1_000_000)}\n`);
    const bib = join(dir, 'refs.bib');
    writeFileSync(
      bib,
      '@article{good,\n  title = {A Good Paper},\n  year = {2020}\n}\n' +
        '@misc{a,\n  title = {A},\n  crossref = {a}\n}\n' +
        `@misc{deep,\n  title = {${'{'.repeat(50_000)}x${'}'.repeat(50_000)}}\n}\n`,
    );
    const io = bufferIo({ MOTIV_DATA_DIR: tempDir(), MOTIV_SEED: 'off' });
    expect(await main(['import', bomb, oneLine, bib], io)).toBe(1);
    const out = io.stdout();
    expect(out).toContain(
      `${bomb}: refused (IMPORT_LIMIT_EXCEEDED): ${bomb} page 2: stream object 8 inflates to more than 64 MB (limit: inflated stream size)`,
    );
    expect(out).toContain(
      `${oneLine}: refused (IMPORT_LIMIT_EXCEEDED): ${oneLine} line 3: the line is over 1 MB`,
    );
    expect(out).toContain(`skipped ${bib}:7 (a) field crossref: crossref chain a → a never ends`);
    expect(out).toContain(
      `skipped ${bib}:10 (deep) field title: braces nested over 64 deep (limit: brace depth)`,
    );
    expect(out).toMatch(/^total: 1 imported, 0 updated, 0 unchanged, 0 duplicates, 2 skipped, 2 refused$/m);
  });
});
