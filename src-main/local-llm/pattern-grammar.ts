/**
 * A JSON-schema `pattern` as a GBNF sequence, for the simple anchored shapes our schemas use
 * (`^[a-z][a-z0-9_]{2,79}$`): character classes and safe literal characters, each with an optional `{n}`,
 * `{m,n}`, `?`, `*` or `+`. Anything else (groups, alternation, escapes other than `\d`, unanchored patterns)
 * returns null: the grammar then leaves the pattern to zod, and a miss is a repair turn. A `maxLength` beside
 * the pattern trims the repetitions from the end, so the grammar keeps both (a fitted budget included).
 */

export interface PatternGrammar {
  /** The GBNF for the string's characters (inside the quotes). */
  gbnf: string;
  /** The longest string the grammar admits; Infinity with `*` or `+` and no maxLength. */
  maxLength: number;
}

interface Part {
  unit: string;
  min: number;
  max: number;
}

// Characters that mean themselves in a regex, in GBNF and unescaped in a JSON string.
const SAFE_CHAR = /^[A-Za-z0-9_ ,:;-]$/;
const ATOM =
  /^(\[(?:[A-Za-z0-9_ .,:;]|\\d|[A-Za-z0-9]-[A-Za-z0-9])+\]|\\d|[A-Za-z0-9_ ,:;-])(\{\d+\}|\{\d+,\d+\}|\?|\*|\+)?/;
// llama.cpp refuses a repetition of 2,000 or more.
const MAX_REPETITION = 1_999;

export function patternGrammar(pattern: string, maxLength?: number): PatternGrammar | null {
  const parts = parse(pattern);
  if (!parts) return null;
  if (maxLength !== undefined) trim(parts, maxLength);
  if (parts.some((part) => Number.isFinite(part.max) && part.max > MAX_REPETITION)) return null;
  return {
    gbnf: parts.map(render).join(' '),
    maxLength: parts.reduce((sum, part) => sum + part.max, 0),
  };
}

function parse(pattern: string): Part[] | null {
  if (!pattern.startsWith('^') || !pattern.endsWith('$') || pattern.endsWith('\\$')) return null;
  let rest = pattern.slice(1, -1);
  const parts: Part[] = [];
  while (rest.length > 0) {
    const match = ATOM.exec(rest);
    if (!match?.[1]) return null;
    const [whole, atom, quantifier = ''] = match;
    const unit = atom.startsWith('[')
      ? atom.replaceAll('\\d', '0-9')
      : atom === '\\d'
        ? '[0-9]'
        : SAFE_CHAR.test(atom)
          ? JSON.stringify(atom)
          : null;
    if (unit === null) return null;
    parts.push({ unit, ...bounds(quantifier) });
    rest = rest.slice(whole.length);
  }
  return parts.length > 0 ? parts : null;
}

function bounds(quantifier: string): { min: number; max: number } {
  if (quantifier === '') return { min: 1, max: 1 };
  if (quantifier === '?') return { min: 0, max: 1 };
  if (quantifier === '*') return { min: 0, max: Infinity };
  if (quantifier === '+') return { min: 1, max: Infinity };
  const [min = 0, max = min] = quantifier.slice(1, -1).split(',').map(Number);
  return { min, max };
}

/** Lowers the repetitions, last first, until the longest match fits `maxLength` (never below their minimums). */
function trim(parts: Part[], maxLength: number): void {
  const floor = parts.reduce((sum, part) => sum + part.min, 0);
  let budget = Math.max(maxLength, floor) - floor;
  for (const part of parts) {
    const extra = Math.min(part.max - part.min, budget);
    part.max = part.min + extra;
    budget -= extra;
  }
}

function render({ unit, min, max }: Part): string {
  if (min === 1 && max === 1) return unit;
  if (max === Infinity) return min === 0 ? `${unit}*` : min === 1 ? `${unit}+` : `${unit}{${min},}`;
  if (min === 0 && max === 1) return `${unit}?`;
  return min === max ? `${unit}{${min}}` : `${unit}{${min},${max}}`;
}
