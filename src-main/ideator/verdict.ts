/**
 * The mentor ends a reply with ACCEPT or REJECT on its own (as the prompt asks). Only an uppercase word at the
 * very end counts, so a question like "would you accept that the data exist?" is not read as a verdict.
 */
export function parseVerdict(text: string): 'accepted' | 'rejected' | null {
  const match = /\b(ACCEPT|REJECT)\b[\s.!*_`"')\]]*$/.exec(text.trim());
  if (!match) return null;
  return match[1] === 'ACCEPT' ? 'accepted' : 'rejected';
}
