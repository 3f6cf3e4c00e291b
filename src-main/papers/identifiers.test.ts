import { describe, expect, it } from 'vitest';
import { findArxivId, normalizeArxivId, normalizeDoi, titleKey } from './identifiers.ts';

describe('paper identifiers', () => {
  it('normalises DOIs: resolver prefixes, doi: prefix, case; refuses what is not a DOI', () => {
    expect(normalizeDoi('https://doi.org/10.1073/PNAS.1611835114')).toBe('10.1073/pnas.1611835114');
    expect(normalizeDoi('http://dx.doi.org/10.1145/3586183.3606763')).toBe('10.1145/3586183.3606763');
    expect(normalizeDoi('doi:10.5555/ABC ')).toBe('10.5555/abc');
    expect(normalizeDoi('10.1/short')).toBeNull();
    expect(normalizeDoi('not-a-doi')).toBeNull();
  });

  it('normalises arXiv ids without their version, new and old style, from URLs and arXiv DOIs', () => {
    expect(normalizeArxivId('arXiv:2401.01234v2')).toBe('2401.01234');
    expect(normalizeArxivId('https://arxiv.org/abs/1706.03762v7')).toBe('1706.03762');
    expect(normalizeArxivId('https://arxiv.org/pdf/2305.10601.pdf')).toBe('2305.10601');
    expect(normalizeArxivId('cs/0112017v1')).toBe('cs/0112017');
    expect(normalizeArxivId('10.48550/arXiv.2303.11366')).toBe('2303.11366');
    expect(normalizeArxivId('12345')).toBeNull();
  });

  it('finds an arXiv id in free text', () => {
    expect(findArxivId('arXiv preprint arXiv:2105.01234')).toBe('2105.01234');
    expect(findArxivId('see https://arxiv.org/abs/2305.10601v2 for details')).toBe('2305.10601');
    expect(findArxivId('Journal of AI, vol. 3')).toBeNull();
  });

  it('gives one title key for spellings that differ in case, accents, braces and punctuation', () => {
    expect(titleKey('{BERT}: Pre-training of Deep Bidirectional Transformers')).toBe(
      titleKey('BERT - pre-training of deep bidirectional transformers.'),
    );
    expect(titleKey('Naïve   Planning')).toBe('naive planning');
    expect(titleKey('Planning A')).not.toBe(titleKey('Planning B'));
  });
});
