/**
 * The mentor ends a reply with its verdict: the paper's `<ACCEPT>` / `<REJECT>` tags or the bare uppercase
 * words. Only the reply's last line counts, so a question like "would you accept that the data exist?" earlier
 * on is not a verdict. An ambiguous ending is neither: both verdicts in the last line ("ACCEPT or REJECT"), both
 * tags anywhere, or a negated one ("I cannot ACCEPT", "NOT ACCEPT").
 */

export type Verdict = 'accepted' | 'rejected';

const TAG = /<\s*\/?\s*(ACCEPT|REJECT)\s*>/g;
const NEGATION =
  /\b(not|no|never|cannot|can't|can’t|won't|won’t|don't|don’t|do not|will not|neither|nor)\W+(\w+\W+){0,2}$/i;

const verdictOf = (word: string): Verdict => (word === 'ACCEPT' ? 'accepted' : 'rejected');

export function parseVerdict(text: string): Verdict | null {
  const lines = text.trim().split('\n');
  const last = lines.at(-1)?.trim() ?? '';
  const tagged = new Set([...text.matchAll(TAG)].map((m) => m[1] ?? ''));
  if (tagged.size > 1) return null;
  const words = [...last.matchAll(/\b(ACCEPT|REJECT)\b/g)];
  if (new Set(words.map((m) => m[1])).size > 1) return null;
  const hit = words.at(-1);
  if (!hit || hit.index === undefined) return null;
  if (NEGATION.test(last.slice(0, hit.index).replace(/[<*_`"']+$/, ''))) return null;
  const isTag = [...last.matchAll(TAG)].length > 0;
  // A bare word counts only at the very end of the reply; a tag anywhere in the last line.
  const atEnd = /\b(ACCEPT|REJECT)\b[\s.!*_`"')\]>]*$/.test(last);
  if (!isTag && !atEnd) return null;
  return verdictOf(hit[1] ?? '');
}
