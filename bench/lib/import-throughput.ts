import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedGraphStore } from '../../src-main/graph/embedded/embedded-store.ts';
import { runPaperImport } from '../../src-main/papers/import-run.ts';

/**
 * Import throughput for `npm run bench:mining` (issue 5: ≥ 1,000 papers/s for 10,000 BibTeX entries, no LLM).
 * Generates n real-shaped BibTeX entries (authors, venue, DOI, a ~700-character abstract, LaTeX accents), then
 * times the whole path a user's `motiv import refs.bib` takes: read + decode + citation-js parse + validation +
 * dedup + one importBatch transaction into a fresh embedded store in a temp dir.
 */

export interface ImportThroughput {
  papers: number;
  papersPerSecond: number;
  /** Wall time of the whole import, and the part of it spent reading and parsing the file. */
  totalMs: number;
  parseMs: number;
}

const WORDS = (
  'planning agents language models graph motivation challenge solution retrieval reasoning benchmark ' +
  'evaluation policy reward search tree verifier feedback curriculum memory tool environment'
).split(' ');

function entry(i: number): string {
  const word = (k: number): string => WORDS[(i * 7 + k * 13) % WORDS.length]!;
  const title = `${word(1)} ${word(2)} for ${word(3)} ${word(4)}: study ${i}`;
  const abstract = Array.from({ length: 100 }, (_, k) => word(k)).join(' ');
  return `@article{paper${i},
  title   = {${title[0]!.toUpperCase()}${title.slice(1)}},
  author  = {M{\\"u}ller, Anna and Smith, John and Garc{\\'i}a, Luis},
  journal = {Journal of Planning Research},
  year    = {${2000 + (i % 25)}},
  volume  = {${1 + (i % 40)}},
  pages   = {${i}--${i + 12}},
  doi     = {10.5555/jpr.${i}},
  abstract = {${abstract}.}
}
`;
}

export async function measureImportThroughput(n = 10_000): Promise<ImportThroughput> {
  const dir = mkdtempSync(join(tmpdir(), 'motiv-import-bench-'));
  try {
    const file = join(dir, 'library.bib');
    writeFileSync(file, Array.from({ length: n }, (_, i) => entry(i)).join('\n'));
    const store = EmbeddedGraphStore.open(join(dir, 'graph.sqlite'));
    try {
      let parseDone = 0;
      const start = performance.now();
      const report = await runPaperImport(
        store,
        { files: [file] },
        {
          ctx: { actor: 'bench' },
          onProgress: (line) => {
            if (line.includes('entries read')) parseDone = performance.now();
          },
        },
      );
      const totalMs = performance.now() - start;
      const imported = report.totals.created;
      if (imported !== n) throw new Error(`expected ${n} papers imported, got ${imported}`);
      return {
        papers: imported,
        papersPerSecond: (imported / totalMs) * 1000,
        totalMs,
        parseMs: parseDone - start,
      };
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const n = Number(process.argv[2] ?? 10_000);
  const result = await measureImportThroughput(n);
  process.stdout.write(
    `${result.papers} papers in ${(result.totalMs / 1000).toFixed(2)} s (parse ${(result.parseMs / 1000).toFixed(2)} s): ${result.papersPerSecond.toFixed(0)} papers/s\n`,
  );
}
