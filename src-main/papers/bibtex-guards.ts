import { scanFields } from './bibtex-fields-scan.ts';
import type { ScannedField } from './bibtex-fields-scan.ts';
import type { SkippedEntry } from './paper-record.ts';

/**
 * Hostile BibTeX is judged here, before citation-js: braces nested thousands deep (citation-js recurses per
 * level: "Maximum call stack size exceeded"), `@string` macros that double at each step (expanded into one
 * string: "Invalid string length", and prepended to every chunk, so every entry failed), and crossref cycles
 * (resolved recursively: the whole file failed). Each refused entry or macro is skipped with its line and
 * field; everything else still imports.
 */

export interface Segment {
  type: string;
  key: string;
  /** 1-based line of the `@`. */
  line: number;
  text: string;
}

export const BIBTEX_LIMITS = {
  maxBraceDepth: 64,
  /** One `@string` macro, expanded. */
  maxMacroChars: 100_000,
  /** All `@string` macros together, expanded (they are given to the parser with every chunk). */
  maxAllMacrosChars: 1_000_000,
  /** One field of an entry, with its macros expanded. */
  maxFieldChars: 1_000_000,
  maxCrossrefDepth: 16,
};

// The month macros every BibTeX style defines ("september" is the longest).
const PREDEFINED = new Set([
  'jan',
  'feb',
  'mar',
  'apr',
  'may',
  'jun',
  'jul',
  'aug',
  'sep',
  'oct',
  'nov',
  'dec',
]);
const PREDEFINED_CHARS = 9;

const kb = (chars: number): string => `${Math.round(chars / 1000)} KB`;

export interface GuardedBibtex {
  macros: string;
  entries: Segment[];
  skipped: SkippedEntry[];
}

export function guardBibtex(
  macroSegments: Segment[],
  entrySegments: Segment[],
  file: string,
  limits: typeof BIBTEX_LIMITS = BIBTEX_LIMITS,
): GuardedBibtex {
  const skipped: SkippedEntry[] = [];
  const sizes = new Map<string, number>();
  const refused = new Map<string, string>();
  const expanded = (f: ScannedField): number =>
    f.literalChars +
    f.macros.reduce((sum, m) => sum + (sizes.get(m) ?? (PREDEFINED.has(m) ? PREDEFINED_CHARS : 0)), 0);

  // macros in file order: a definition sees the ones before it, as BibTeX reads them
  const keptMacros: string[] = [];
  let total = 0;
  for (const segment of macroSegments) {
    let keep = true;
    for (const f of scanFields(segment.text, limits.maxBraceDepth)) {
      const name = f.field;
      const size = expanded(f);
      const usesRefused = f.macros.find((m) => refused.has(m));
      const reason =
        f.tooDeepAt !== null
          ? `braces nested over ${limits.maxBraceDepth} deep (limit: brace depth)`
          : usesRefused
            ? `uses @string macro "${usesRefused}", which is refused`
            : size > limits.maxMacroChars
              ? `expands to over ${kb(limits.maxMacroChars)} (limit: macro size)`
              : total + size > limits.maxAllMacrosChars
                ? `all @string macros together expand to over ${kb(limits.maxAllMacrosChars)} (limit: macro size)`
                : null;
      if (usesRefused) {
        // built on a refused macro: refused for the same reason, which is reported once, at its root
        keep = false;
        refused.set(name, refused.get(usesRefused)!);
      } else if (reason) {
        keep = false;
        refused.set(name, reason);
        const line = segment.line + (f.tooDeepAt ?? f.line);
        skipped.push({ file, line, entry: `@string ${name}`, field: name, reason });
      } else {
        refused.delete(name);
        sizes.set(name, size);
        total += size;
      }
    }
    if (keep) keptMacros.push(segment.text);
  }

  const crossrefs = new Map<string, { target: string; line: number }>();
  const entries: Segment[] = [];
  for (const segment of entrySegments) {
    const skip = (f: ScannedField, line: number, reason: string): void => {
      skipped.push({
        file,
        line: segment.line + line,
        entry: segment.key || undefined,
        field: f.field,
        reason,
      });
    };
    let ok = true;
    for (const f of scanFields(segment.text, limits.maxBraceDepth)) {
      const usesRefused = f.macros.find((m) => refused.has(m));
      if (f.tooDeepAt !== null)
        skip(f, f.tooDeepAt, `braces nested over ${limits.maxBraceDepth} deep (limit: brace depth)`);
      else if (usesRefused)
        skip(f, f.line, `uses @string macro "${usesRefused}", which is refused: ${refused.get(usesRefused)}`);
      else if (expanded(f) > limits.maxFieldChars) {
        skip(f, f.line, `expands to over ${kb(limits.maxFieldChars)} with its macros (limit: field size)`);
      } else {
        if (f.field === 'crossref' && segment.key)
          crossrefs.set(segment.key, { target: f.literal.trim(), line: f.line });
        continue;
      }
      ok = false;
      break;
    }
    if (ok) entries.push(segment);
    else crossrefs.delete(segment.key);
  }

  // crossref chains are followed by the parser recursively: a cycle or a very long chain is refused
  const refusedKeys = new Set<string>();
  for (const segment of entries) {
    const start = crossrefs.get(segment.key);
    if (!start) continue;
    const chain = [segment.key];
    let next = start.target;
    let reason: string | null = null;
    for (;;) {
      if (chain.includes(next)) {
        reason = `crossref chain ${[...chain, next].join(' → ')} never ends (limit: crossref cycle)`;
        break;
      }
      const link = crossrefs.get(next);
      if (!link) break; // the chain ends at an entry without a crossref, or outside the file
      chain.push(next);
      if (chain.length > limits.maxCrossrefDepth) {
        reason = `crossref chain is over ${limits.maxCrossrefDepth} entries long (limit: crossref depth)`;
        break;
      }
      next = link.target;
    }
    if (reason) {
      refusedKeys.add(segment.key);
      skipped.push({ file, line: segment.line + start.line, entry: segment.key, field: 'crossref', reason });
    }
  }
  return {
    macros: keptMacros.join('\n'),
    entries: entries.filter((s) => !refusedKeys.has(s.key)),
    skipped,
  };
}
