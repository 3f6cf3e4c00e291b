import { describe, expect, it } from 'vitest';
import { BIBTEX_LIMITS } from './bibtex-guards.ts';
import { parseBibtex } from './parse-bibtex.ts';

/**
 * Hostile BibTeX: each bomb is skipped with its entry, line and field and a reason naming the limit, and the
 * good entries around it still import.
 */

const GOOD_BEFORE = '@article{good1,\n  title = {A Good Paper},\n  year = {2020}\n}\n';
const GOOD_AFTER = '@article{good2,\n  title = {Another Good Paper},\n  year = {2021}\n}\n';
const goodTitles = ['A Good Paper', 'Another Good Paper'];

/** One expected row of `outcome.skipped`. */
function skipped(file: string, line: number, entry: string, field: string, reason: unknown) {
  return { file, line, entry, field, reason };
}

describe('BibTeX bombs are refused entry by entry', () => {
  it('a crossref cycle skips the entries in it, naming the chain', () => {
    const source =
      GOOD_BEFORE +
      '@misc{a,\n  title = {A},\n  crossref = {b}\n}\n' + // lines 5-8
      '@misc{b,\n  title = {B},\n  crossref = {a}\n}\n' + // lines 9-12
      '@misc{self,\n  crossref = {self},\n  title = {Self}\n}\n' + // lines 13-16
      GOOD_AFTER;
    const outcome = parseBibtex(source, 'cycle.bib');
    expect(outcome.papers.map((p) => p.record.title)).toEqual(goodTitles);
    expect(outcome.skipped).toEqual([
      skipped('cycle.bib', 7, 'a', 'crossref', expect.stringContaining('a → b → a')),
      skipped('cycle.bib', 11, 'b', 'crossref', expect.stringContaining('b → a → b')),
      skipped('cycle.bib', 14, 'self', 'crossref', expect.stringContaining('self → self')),
    ]);
    expect(outcome.skipped[0]?.reason).toContain('limit: crossref cycle');
  });

  it('a crossref to a real parent still resolves', () => {
    const source =
      '@proceedings{conf,\n  title = {Proceedings of Planning},\n  year = {2019}\n}\n' +
      '@inproceedings{child,\n  title = {A Child Paper},\n  crossref = {conf}\n}\n';
    const outcome = parseBibtex(source, 'ok.bib');
    expect(outcome.skipped).toEqual([]);
    expect(outcome.papers.find((p) => p.record.title === 'A Child Paper')?.record.year).toBe(2019);
  });

  it.each([
    ['braced', (deep: string) => `title = {${deep}}`],
    ['quoted', (deep: string) => `title = "${deep}"`],
  ])('braces nested 100,000 deep in a %s value skip that entry at the line they go too deep', (_, field) => {
    const deep = '{'.repeat(100_000) + 'x' + '}'.repeat(100_000);
    const source = GOOD_BEFORE + `@misc{deep,\n  year = {2020},\n  ${field(deep)}\n}\n` + GOOD_AFTER;
    const outcome = parseBibtex(source, 'braces.bib');
    expect(outcome.papers.map((p) => p.record.title)).toEqual(goodTitles);
    expect(outcome.skipped).toEqual([
      skipped(
        'braces.bib',
        7,
        'deep',
        'title',
        `braces nested over ${BIBTEX_LIMITS.maxBraceDepth} deep (limit: brace depth)`,
      ),
    ]);
  });

  it('an @string macro that doubles 40 times is refused, and only the entry using it is skipped', () => {
    const macros = Array.from({ length: 40 }, (_, i) =>
      i === 0 ? '@string{m0 = "xxxxxxxx"}' : `@string{m${i} = m${i - 1} # m${i - 1}}`,
    ).join('\n');
    const source =
      '@string{jpr = "Journal of Planning Research"}\n' +
      macros +
      '\n' +
      GOOD_BEFORE.replace('year', 'journal = jpr,\n  year') +
      '@misc{boom,\n  year = {2020},\n  title = m39\n}\n' +
      GOOD_AFTER;
    const outcome = parseBibtex(source, 'macros.bib');
    expect(outcome.papers.map((p) => p.record.title)).toEqual(goodTitles);
    expect(outcome.papers[0]?.record.venue).toBe('Journal of Planning Research');
    // m14 is the first over 100 KB (8 · 2^14 characters); m15…m39 are built on it and refused with it
    expect(outcome.skipped).toEqual([
      skipped('macros.bib', 16, '@string m14', 'm14', 'expands to over 100 KB (limit: macro size)'),
      skipped(
        'macros.bib',
        49,
        'boom',
        'title',
        'uses @string macro "m39", which is refused: expands to over 100 KB (limit: macro size)',
      ),
    ]);
  });

  it('a field concatenating a macro thousands of times is refused by field size', () => {
    const source =
      '@string{big = "' +
      'x'.repeat(90_000) +
      '"}\n' +
      GOOD_BEFORE +
      `@misc{wide,\n  title = ${Array.from({ length: 20 }, () => 'big').join(' # ')}\n}\n` +
      GOOD_AFTER;
    const outcome = parseBibtex(source, 'wide.bib');
    expect(outcome.papers.map((p) => p.record.title)).toEqual(goodTitles);
    expect(outcome.skipped).toMatchObject([
      skipped('wide.bib', 7, 'wide', 'title', expect.stringContaining('limit: field size')),
    ]);
  });
});
