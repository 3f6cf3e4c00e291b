import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ParseOutcome } from './paper-record.ts';
import { parsePaperFile } from './parse-file.ts';

const fixture = (name: string): string => join(import.meta.dirname, 'fixtures', name);

/** The skipped entries as "line field" pairs: what a user reads to fix the file. */
const skips = (outcome: ParseOutcome): string[] => outcome.skipped.map((s) => `${s.line ?? '-'} ${s.field}`);
const titles = (outcome: ParseOutcome): string[] => outcome.papers.map((p) => p.record.title);

describe('BibTeX', () => {
  it('reads entries with macros, LaTeX accents, arXiv eprints and DOI URLs', async () => {
    const outcome = await parsePaperFile(fixture('valid.bib'));
    expect(outcome.format).toBe('bibtex');
    expect(outcome.skipped).toEqual([]);
    const [attention, ewc, survey] = outcome.papers;
    expect(attention?.source).toEqual({ file: fixture('valid.bib'), line: 4, entry: 'vaswani2017attention' });
    expect(attention?.record).toMatchObject({
      title: 'Attention Is All You Need',
      authors: ['Ashish Vaswani', 'Noam Shazeer', 'Niki Parmar', 'Jakob Uszkoreit'],
      year: 2017,
      venue: 'Advances in Neural Information Processing Systems',
      arxivId: '1706.03762',
    });
    expect(attention?.record.abstract).toMatch(/^The dominant sequence .* based solely on attention\.$/);
    expect(ewc?.record).toMatchObject({ doi: '10.1073/pnas.1611835114', year: 2017 });
    expect(survey?.record).toMatchObject({
      title: 'LLM Planning with Motivational Graphs: a Survey',
      authors: ['Jörg Müller', 'Ana Gómez'],
      arxivId: '2105.01234',
      url: 'https://example.org/muller2021',
    });
  });

  it('skips each malformed entry with its line and field, and imports the rest', async () => {
    const outcome = await parsePaperFile(fixture('broken.bib'));
    expect(titles(outcome)).toEqual(['A first good paper', 'A second good paper']);
    expect(outcome.papers[1]?.source.line).toBe(28);
    expect(skips(outcome)).toEqual(['8 title', '12 title', '19 year', '24 doi']);
    expect(outcome.skipped[0]).toMatchObject({
      entry: 'unbalanced',
      reason: expect.stringMatching(/never closed/),
    });
    expect(outcome.skipped[2]?.reason).toBe('"20x1" is not a year');
  });

  it('reads a UTF-16 file with a BOM', async () => {
    expect(titles(await parsePaperFile(fixture('utf16.bib')))).toEqual(['Naïve planning in UTF-16']);
  });
});

describe('RIS', () => {
  it('reads records with DOIs, venues and arXiv links', async () => {
    const outcome = await parsePaperFile(fixture('valid.ris'));
    expect(outcome.skipped).toEqual([]);
    expect(outcome.papers.map((p) => p.source.line)).toEqual([1, 11]);
    expect(outcome.papers[0]?.record).toMatchObject({
      doi: '10.1073/pnas.1611835114',
      authors: ['James Kirkpatrick', 'Razvan Pascanu'],
      venue: 'Proceedings of the National Academy of Sciences',
    });
    expect(outcome.papers[1]?.record).toMatchObject({
      arxivId: '2305.10601',
      url: 'https://arxiv.org/abs/2305.10601v2',
    });
  });

  it('skips stray text, a record without title, a bad DOI and an unterminated record', async () => {
    const outcome = await parsePaperFile(fixture('broken.ris'));
    expect(titles(outcome)).toEqual(['A good RIS record']);
    expect(skips(outcome)).toEqual(['7 TY', '9 TI', '16 DO', '19 ER']);
  });

  it('accepts a UTF-8 BOM', async () => {
    expect(titles(await parsePaperFile(fixture('utf8-bom.ris')))).toEqual([
      'A RIS record saved with a UTF-8 BOM',
    ]);
  });
});

describe('CSL-JSON', () => {
  it('reads items natively, with their lines; an arXiv DOI gives the arXiv id', async () => {
    const outcome = await parsePaperFile(fixture('valid.csl.json'));
    expect(outcome.papers.map((p) => [p.source.line, p.source.entry])).toEqual([
      [2, 'react'],
      [15, 'reflexion'],
    ]);
    expect(outcome.papers[0]?.record).toMatchObject({
      year: 2023,
      arxivId: '2210.03629',
      authors: ['Shunyu Yao', 'Jeffrey Zhao'],
    });
    expect(outcome.papers[1]?.record).toMatchObject({
      doi: '10.48550/arxiv.2303.11366',
      arxivId: '2303.11366',
      authors: ['Noah Shinn'],
    });
  });

  it('skips items of the wrong shape or without title at their own line', async () => {
    const outcome = await parsePaperFile(fixture('broken-items.csl.json'));
    expect(titles(outcome)).toEqual(['A good CSL item', 'Another good CSL item']);
    expect(skips(outcome)).toEqual(['3 title', '4 title', '8 item']);
  });

  it('refuses a file that is not JSON, naming the line', async () => {
    await expect(parsePaperFile(fixture('broken-syntax.csljson'))).rejects.toMatchObject({
      code: 'IMPORT_MALFORMED_FILE',
      details: { line: 4 },
    });
  });
});

describe('CSV', () => {
  it('matches header names case-insensitively and ignores unknown columns', async () => {
    const outcome = await parsePaperFile(fixture('valid.csv'));
    expect(outcome.skipped).toEqual([]);
    expect(outcome.papers[0]?.record).toMatchObject({ authors: ['Jason Wei', 'Xuezhi Wang'], year: 2022 });
    expect(outcome.papers[1]?.record).toMatchObject({
      doi: '10.48550/arxiv.2203.11171',
      arxivId: '2203.11171',
      abstract: 'A new decoding strategy, self-consistency.',
    });
  });

  it('skips rows with the wrong cell count, no title or a bad year', async () => {
    const outcome = await parsePaperFile(fixture('broken.csv'));
    expect(titles(outcome)).toEqual(['A good CSV paper', 'Another good CSV paper']);
    expect(skips(outcome)).toEqual(['3 row', '4 title', '5 year']);
  });
});

describe('plain text and Markdown abstracts', () => {
  it('reads title, key lines and abstract per block', async () => {
    const outcome = await parsePaperFile(fixture('abstracts.md'));
    expect(outcome.papers.map((p) => p.record)).toEqual([
      {
        title: 'Voyager: An Open-Ended Embodied Agent with Large Language Models',
        authors: ['Guanzhi Wang', 'Yuqi Xie'],
        year: 2023,
        arxivId: '2305.16291',
        abstract:
          'We introduce Voyager, the first LLM-powered embodied lifelong learning agent in Minecraft that continuously explores the world and acquires diverse skills.',
      },
      {
        title: 'Generative Agents: Interactive Simulacra of Human Behavior',
        authors: [],
        year: 2023,
        doi: '10.1145/3586183.3606763',
        abstract: 'Believable proxies of human behavior can empower interactive applications.',
      },
    ]);
  });

  it('skips a block with a bad key line at that line', async () => {
    const outcome = await parsePaperFile(fixture('abstracts-broken.txt'));
    expect(titles(outcome)).toEqual(['A good plain-text abstract', 'Another good abstract']);
    expect(skips(outcome)).toEqual(['9 year']);
  });
});

describe('PDF', () => {
  it('reads title, authors, arXiv id and the abstract, introduction and method sections', async () => {
    const outcome = await parsePaperFile(fixture('paper.pdf'));
    const record = outcome.papers[0]?.record;
    expect(record).toMatchObject({
      title: 'Grounded Planning with Motivational Graphs',
      authors: ['Ada Lovelace', 'Alan Turing'],
      arxivId: '2401.01234',
      year: 2024,
    });
    expect(record?.abstract).toMatch(/^Large language models plan poorly .* three benchmarks\.$/);
    expect(record?.sections?.introduction).toMatch(/^Planning agents fail .* motivation helps\.$/);
    expect(record?.sections?.method).toMatch(/^We retrieve a problem node, .* against the chain\.$/);
    // "3 Experiments" ends the method section
    expect(record?.sections?.method).not.toMatch(/benchmarks/);
  });
});
