/**
 * The key that makes a name unique per kind. Mined names differ in case, spacing, Unicode form and a trailing
 * full stop ("Catastrophic forgetting." vs "catastrophic  forgetting"); these are the same node. Quotes,
 * backticks and inner punctuation are kept, so distinct technical names stay distinct.
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/[.;:,]+$/u, '')
    .trim();
}
