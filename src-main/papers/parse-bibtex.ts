import { z } from 'zod';
import { guardBibtex } from './bibtex-guards.ts';
import type { Segment } from './bibtex-guards.ts';
import { buildRecord } from './build-record.ts';
import { citationChain } from './citation-js.ts';
import { CslItemSchema } from './csl-item.ts';
import { cslToRawFields } from './csl-to-paper.ts';
import type { ParseOutcome, ParsedPaper } from './paper-record.ts';

/**
 * BibTeX / BibLaTeX through citation-js. citation-js parses a file all or nothing and its errors name a line of
 * whatever text it was given, so the file is first cut into entries here (an entry starts with `@type{key` at the
 * start of a line), parsed in chunks for speed, and a chunk that fails is parsed entry by entry: the bad entry is
 * reported with its own line and field, and every other entry imports.
 */

const ENTRY_START = /^\s*@\s*([A-Za-z]+)\s*[{(]\s*([^,\s{}()]*)/u;
const CHUNK = 250;

const RawEntrySchema = z.object({
  type: z.string(),
  label: z.string(),
  properties: z.record(z.string(), z.unknown()),
});
type RawEntry = z.output<typeof RawEntrySchema>;

export function splitBibtex(source: string): { macros: Segment[]; entries: Segment[] } {
  const lines = source.split('\n');
  const starts: Array<{ index: number; type: string; key: string }> = [];
  lines.forEach((line, index) => {
    const match = ENTRY_START.exec(line);
    if (match) starts.push({ index, type: match[1]!.toLowerCase(), key: match[2]! });
  });
  const macros: Segment[] = [];
  const entries: Segment[] = [];
  starts.forEach((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1]!.index : lines.length;
    const segment = {
      type: start.type,
      key: start.key,
      line: start.index + 1,
      text: lines.slice(start.index, end).join('\n'),
    };
    if (start.type === 'string') macros.push(segment);
    else if (start.type !== 'comment' && start.type !== 'preamble') entries.push(segment);
  });
  return { macros, entries };
}

const lineCount = (text: string): number => (text === '' ? 0 : text.split('\n').length);

/** The field whose value is open at `line` of the segment (the last `name =` at or before it). */
function fieldAt(segment: Segment, lineInSegment: number): string {
  const lines = segment.text.split('\n').slice(0, Math.max(1, lineInSegment));
  for (let i = lines.length - 1; i >= 0; i--) {
    const match = /(?:^|[,{(])\s*([A-Za-z][\w:-]*)\s*=/u.exec(lines[i]!);
    if (match) return match[1]!.toLowerCase();
  }
  return 'entry';
}

/**
 * For an entry cut off by an unclosed brace or quote (citation-js then reports the end of the text), the field
 * whose value opened it, with its line: that is what the user must fix.
 */
function unclosedField(segment: Segment): { field: string; lineInSegment: number } | null {
  let depth = 0;
  let open: { field: string; lineInSegment: number } | null = null;
  segment.text.split('\n').forEach((text, index) => {
    const fieldStart = /(?:^|[,{(])\s*([A-Za-z][\w:-]*)\s*=\s*[{"]/gu;
    const starts = new Map<number, string>();
    for (const m of text.matchAll(fieldStart)) starts.set(m.index + m[0].length - 1, m[1]!.toLowerCase());
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c === '{' || (c === '"' && starts.has(i))) {
        if (depth === 1 && starts.has(i)) open = { field: starts.get(i)!, lineInSegment: index + 1 };
        if (c === '{') depth++;
      } else if (c === '}') {
        depth--;
        if (depth <= 1) open = null;
      }
    }
  });
  return depth > 0 ? open : null;
}

/** The line a field is written on, for reporting a bad value. */
function lineOfField(segment: Segment, field: string): number {
  const pattern = new RegExp(`(?:^|[,{(])\\s*${field}\\s*=`, 'iu');
  const offset = segment.text.split('\n').findIndex((l) => pattern.test(l));
  return segment.line + Math.max(0, offset);
}

function parseRaw(text: string): RawEntry[] {
  return z.array(RawEntrySchema).parse(citationChain(text, '@biblatex/entries+list'));
}

// A value without LaTeX syntax (commands, braces, math, ties, dashes, quotes) reads the same decoded or not.
const LATEX_SYNTAX = /[\\{}$~&#^_%`]|--|''/;

/**
 * Speed: citation-js decodes every character of every field through its LaTeX grammar, and abstracts are most of
 * the text (75 % of conversion time on the benchmark). An abstract with no LaTeX syntax in it is taken as is;
 * any other still goes through citation-js.
 */
function setAsidePlainAbstracts(raw: RawEntry[]): Array<string | undefined> {
  return raw.map((entry) => {
    const abstract = entry.properties['abstract'];
    if (typeof abstract !== 'string' || LATEX_SYNTAX.test(abstract)) return undefined;
    entry.properties = { ...entry.properties };
    delete entry.properties['abstract'];
    return abstract;
  });
}

function toCsl(raw: RawEntry[]): unknown[] {
  const plain = setAsidePlainAbstracts(raw);
  const csl = citationChain(raw, '@csl/list+object') as unknown[];
  return csl.map((item, i) =>
    plain[i] !== undefined && typeof item === 'object' && item !== null
      ? { ...item, abstract: plain[i] }
      : item,
  );
}

const arxivFromEprint = (props: Record<string, unknown>): string | undefined => {
  const eprint = props['eprint'];
  if (typeof eprint !== 'string') return undefined;
  const kind = String(props['archiveprefix'] ?? props['eprinttype'] ?? 'arxiv').toLowerCase();
  return kind === 'arxiv' ? eprint : undefined;
};

export function parseBibtex(source: string, file: string): ParseOutcome {
  const split = splitBibtex(source);
  const { macros, entries, skipped } = guardBibtex(split.macros, split.entries, file);
  const prefix = macros ? `${macros}\n` : '';
  const prefixLines = lineCount(macros);
  const papers: ParsedPaper[] = [];

  const skip = (segment: Segment, line: number, field: string, reason: string): void => {
    skipped.push({ file, line, entry: segment.key || undefined, field, reason });
  };

  const convert = (segment: Segment, raw: RawEntry, csl: unknown): void => {
    const item = CslItemSchema.safeParse(csl);
    if (!item.success) {
      const field = String(item.error.issues[0]?.path[0] ?? 'entry');
      skip(segment, segment.line, field, item.error.issues[0]?.message ?? 'malformed entry');
      return;
    }
    const fields = cslToRawFields(item.data);
    // citation-js maps eprint only for PubMed; arXiv ids are read from the raw fields
    fields.arxivId = arxivFromEprint(raw.properties);
    if (typeof raw.properties['year'] === 'string' || typeof raw.properties['year'] === 'number') {
      fields.year = raw.properties['year'];
    }
    const built = buildRecord(fields);
    if (!built.ok) {
      skip(segment, lineOfField(segment, built.field), built.field, built.reason);
      return;
    }
    papers.push({
      record: built.record,
      source: { file, line: segment.line, entry: segment.key || undefined },
      warnings: built.warnings,
    });
  };

  const oneByOne = (segment: Segment): void => {
    let raw: RawEntry[];
    try {
      raw = parseRaw(prefix + segment.text);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const unclosed = /EOF/u.test(message) ? unclosedField(segment) : null;
      if (unclosed) {
        const line = segment.line + unclosed.lineInSegment - 1;
        skip(segment, line, unclosed.field, `the value of "${unclosed.field}" is never closed (missing "}")`);
        return;
      }
      const at = /line (\d+) col (\d+)/u.exec(message);
      const lineInSegment = at ? Number(at[1]) - prefixLines : 1;
      const line = segment.line + Math.max(0, lineInSegment - 1);
      skip(segment, line, fieldAt(segment, lineInSegment), `BibTeX syntax error: ${message.split('\n')[0]}`);
      return;
    }
    if (raw.length !== 1) {
      skip(segment, segment.line, 'entry', `expected one entry, citation-js read ${raw.length}`);
      return;
    }
    let csl: unknown;
    try {
      csl = toCsl(raw)[0];
    } catch (err) {
      // the guards should have caught it; a conversion fault still costs only this entry
      const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
      skip(segment, segment.line, 'entry', `citation-js could not convert the entry (${message})`);
      return;
    }
    convert(segment, raw[0]!, csl);
  };

  for (let start = 0; start < entries.length; start += CHUNK) {
    const chunk = entries.slice(start, start + CHUNK);
    let raw: RawEntry[] | null = null;
    try {
      raw = parseRaw(prefix + chunk.map((s) => s.text).join('\n'));
    } catch {
      raw = null;
    }
    // an unbalanced brace can swallow the next entry without a syntax error: counts then differ
    if (!raw || raw.length !== chunk.length) {
      chunk.forEach(oneByOne);
      continue;
    }
    let csl: unknown[];
    try {
      csl = toCsl(raw);
    } catch {
      chunk.forEach(oneByOne);
      continue;
    }
    chunk.forEach((segment, i) => convert(segment, raw[i]!, csl[i]));
  }
  skipped.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { format: 'bibtex', papers, skipped };
}
