import type { DialogueSummary, LibraryStatus } from '../contract/library.ts';

/**
 * The library's one-line account of how an idea came to be, from stored facts only (no LLM): the mentor rounds,
 * the aspects questioned, the verdict and who gave it. Same input, same words.
 */

type Verdict = DialogueSummary['verdict'];
type DecidedBy = DialogueSummary['decidedBy'];

const BY: Record<NonNullable<DecidedBy>, string> = {
  mentor: 'by the mentor',
  user: 'by you',
  limit: 'at the round limit',
};

const VERDICT_WORDS: Record<NonNullable<Verdict>, string> = {
  accepted: 'accepted',
  rejected: 'rejected',
  round_limit: 'stopped at the round limit',
  unreviewed: 'not reviewed',
};

export function dialogueSummary(
  mentorAspects: readonly string[],
  verdict: Verdict,
  decidedBy: DecidedBy,
): DialogueSummary {
  const rounds = mentorAspects.length;
  const aspects = [...new Set(mentorAspects.filter((a) => a.length > 0))];
  const parts = [rounds === 1 ? '1 round' : `${rounds} rounds`];
  if (aspects.length > 0) parts.push(`questioned ${aspects.join(', ')}`);
  if (verdict === null) parts.push('in progress');
  else if (verdict === 'round_limit' || verdict === 'unreviewed' || decidedBy === null)
    parts.push(VERDICT_WORDS[verdict]);
  else parts.push(`${VERDICT_WORDS[verdict]} ${BY[decidedBy]}`);
  return { rounds, aspects, verdict, decidedBy, text: parts.join('; ') };
}

/** The library's status from the ideator's outcome: anything undecided is a draft. */
export function libraryStatus(outcome: Verdict): LibraryStatus {
  return outcome === 'accepted' || outcome === 'rejected' || outcome === 'round_limit' ? outcome : 'draft';
}
