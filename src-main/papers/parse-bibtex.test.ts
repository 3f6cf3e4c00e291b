import { describe, expect, it } from 'vitest';
import { parseBibtex } from './parse-bibtex.ts';

/** Entries of 5 lines each after a 2-line header, so entry i starts on line 3 + 5·i. */
function library(count: number, broken: Map<number, string> = new Map()): string {
  const header = '@string{jpr = "Journal of Planning Research"}\n\n';
  const entries = Array.from(
    { length: count },
    (_, i) =>
      broken.get(i) ?? `@article{e${i},\n  title = {Entry ${i}},\n  journal = jpr,\n  year = {2020}\n}`,
  );
  return header + entries.join('\n');
}

describe('parseBibtex in chunks', () => {
  it('keeps macros and lines right across chunks, and isolates a broken entry in a later chunk', () => {
    const broken = new Map([
      [400, '@article{e400,\n  title = {Entry 400,\n  journal = jpr,\n  year = {2020}\n'],
    ]);
    const outcome = parseBibtex(library(600, broken), 'big.bib');
    expect(outcome.papers).toHaveLength(599);
    expect(outcome.papers.every((p) => p.record.venue === 'Journal of Planning Research')).toBe(true);
    const last = outcome.papers.at(-1);
    expect(last?.record.title).toBe('Entry 599');
    expect(last?.source).toEqual({ file: 'big.bib', line: 3 + 5 * 599, entry: 'e599' });
    expect(outcome.skipped).toEqual([
      {
        file: 'big.bib',
        line: 3 + 5 * 400 + 1,
        entry: 'e400',
        field: 'title',
        reason: 'the value of "title" is never closed (missing "}")',
      },
    ]);
  });

  it('reports a syntax error inside an entry at the line of the offending field', () => {
    const text = '@article{ok, title={Fine}}\n@article{bad,\n  title = {Fine too},\n  year = 20 20 x,\n}\n';
    const outcome = parseBibtex(text, 'x.bib');
    expect(outcome.papers.map((p) => p.record.title)).toEqual(['Fine']);
    expect(outcome.skipped).toMatchObject([{ line: 4, entry: 'bad', field: 'year' }]);
  });

  it('shortens an over-long title and says so', () => {
    const long = `A ${'very '.repeat(60)}long title`;
    const outcome = parseBibtex(`@misc{long, title={${long}}}`, 'x.bib');
    const paper = outcome.papers[0];
    expect(paper?.record.title.length).toBeLessThanOrEqual(200);
    expect(paper?.record.title.endsWith('…')).toBe(true);
    expect(paper?.warnings).toEqual(['title shortened to 200 characters']);
  });

  it('decodes LaTeX in abstracts that have it and keeps plain ones as written', () => {
    const text =
      '@misc{a, title={A}, abstract={Plain text -- no, wait: plain text only.}}\n' +
      '@misc{b, title={B}, abstract={We use {\\"o}ber-fast $O(n)$ search.}}\n' +
      '@misc{c, title={C}, abstract={Plain, with a hyphen-ated word.}}\n';
    const abstracts = parseBibtex(text, 'x.bib').papers.map((p) => p.record.abstract);
    expect(abstracts[0]).toBe('Plain text – no, wait: plain text only.');
    expect(abstracts[1]).toMatch(/^We use öber-fast/);
    expect(abstracts[2]).toBe('Plain, with a hyphen-ated word.');
  });
});
