import { describe, expect, it } from 'vitest';
import {
  agreementText,
  draftOf,
  parseScore,
  ratingConflictFields,
  resolvedDraft,
  scoresOf,
  type Rating,
} from './rating-draft.ts';

function rating(revision: number, scores: Rating['scores'], note = ''): Rating {
  return { ideaId: 'i1', rater: 'Ada', scores, note, revision, updatedAt: '2026-12-06T06:00:00Z' };
}

describe('rating draft', () => {
  it('accepts whole scores 0–10 or blank, refuses the rest', () => {
    expect(['', ' 0 ', '10', '7'].map(parseScore)).toEqual([null, 0, 10, 7]);
    expect(['11', '-1', '7.5', 'x', '1e1x'].map(parseScore)).toEqual(Array(5).fill('invalid'));
  });

  it('sends only the dimensions given, and starts a new rating at revision 0', () => {
    const draft = draftOf(null);
    expect(draft.revision).toBe(0);
    draft.scores.novelty = 0;
    draft.scores.clarity = 9;
    expect(scoresOf(draft)).toEqual({ novelty: 0, clarity: 9 });
    expect(draftOf(rating(4, { experiment: 6 }, 'n'))).toMatchObject({
      revision: 4,
      note: 'n',
      scores: { experiment: 6, novelty: null },
    });
  });

  it('shows a conflict field by field and resolves picks and the typed note onto the stored revision', () => {
    const base = draftOf(rating(1, { novelty: 8 }, 'first'));
    const mine = { ...draftOf(rating(1, { novelty: 8, motivation: 9 }, 'mine')), revision: 1 };
    const theirs = rating(2, { novelty: 3 }, 'first');
    const fields = ratingConflictFields(base, mine, theirs);
    const changed = Object.fromEntries(
      fields.filter((f) => f.change !== 'same').map((f) => [f.key, f.change]),
    );
    expect(changed).toEqual({ novelty: 'theirs', motivation: 'mine', note: 'mine' });
    expect(fields.find((f) => f.key === 'motivation')?.theirs).toBe('(not rated)');

    const merged = resolvedDraft(
      { values: { note: 'both' }, sides: { novelty: 'theirs', motivation: 'mine' } },
      mine,
      theirs,
    );
    expect(merged).toMatchObject({ revision: 2, note: 'both', scores: { novelty: 3, motivation: 9 } });
    // Deleted elsewhere: the save starts again from revision 0.
    expect(resolvedDraft({ values: {}, sides: {} }, mine, null).revision).toBe(0);
  });

  it('states agreement with n, or why it is not computed', () => {
    const base = { human: 'elo', llm: 'tournament', n: 4 } as const;
    expect(agreementText({ ...base, spearman: 0.8, kendallTauB: 0.6667, reason: null })).toBe(
      'Human ELO vs LLM tournament ELO: Spearman 0.80, Kendall τ-b 0.67 (n = 4)',
    );
    expect(agreementText({ ...base, n: 1, spearman: null, kendallTauB: null, reason: 'too few ideas' })).toBe(
      'Human ELO vs LLM tournament ELO: not computed yet (too few ideas)',
    );
  });
});
