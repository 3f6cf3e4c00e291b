import { buildRecord, type RawPaperFields } from './build-record.ts';
import type { ParseOutcome, ParsedPaper, SkippedEntry } from './paper-record.ts';

/**
 * Web of Science "plain text" export (.ciw): records of two-letter tags, one value per line, continuation lines
 * indented by three spaces, each record closed by `ER`; `FN`/`VR` head the file and `EF` ends it. Each record
 * keeps its line number; a broken one (no `ER`, no title, a bad year) is skipped on its own.
 */
interface CiwRecord {
  line: number;
  tags: Map<string, { line: number; values: string[] }>;
}

const TAG = /^([A-Z][A-Z0-9]) (.*)$/u;
const FILE_TAGS = new Set(['FN', 'VR', 'EF']);
// Report a bad value under the tag the user's file has.
const TAG_OF_FIELD: Record<string, string> = { title: 'TI', year: 'PY', doi: 'DI', url: 'DI', arxiv: 'DI' };

export function parseCiw(source: string, file: string): ParseOutcome {
  const papers: ParsedPaper[] = [];
  const skipped: SkippedEntry[] = [];
  let open: CiwRecord | null = null;
  let last: string[] | null = null;

  const close = (record: CiwRecord): void => {
    const value = (tag: string): string | undefined => record.tags.get(tag)?.values.join(' ');
    const fields: RawPaperFields = {
      title: value('TI'),
      authors: record.tags.get('AF')?.values ?? record.tags.get('AU')?.values,
      year: value('PY'),
      venue: value('SO'),
      abstract: value('AB'),
      doi: value('DI'),
      hints: [value('AR'), value('UT')].filter((hint): hint is string => hint !== undefined),
    };
    const built = buildRecord(fields);
    if (!built.ok) {
      const tag = TAG_OF_FIELD[built.field] ?? built.field;
      skipped.push({
        file,
        line: record.tags.get(tag)?.line ?? record.line,
        field: tag,
        reason: built.reason,
      });
      return;
    }
    papers.push({ record: built.record, source: { file, line: record.line }, warnings: built.warnings });
  };

  const lines = source.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index]!.replace(/\r$/u, '').replace(/^\uFEFF/u, '');
    const line = index + 1;
    if (text.trim() === '') continue;
    if (text.startsWith('   ') && last) {
      last.push(text.trim());
      continue;
    }
    const tag = TAG.exec(text) ?? (/^(ER|EF)\s*$/u.exec(text) ? [text, text.trim(), ''] : null);
    const name = tag?.[1];
    if (!name) {
      skipped.push({ file, line, field: 'PT', reason: 'a line that is neither a tag nor a continuation' });
      last = null;
      continue;
    }
    if (FILE_TAGS.has(name)) {
      last = null;
      continue;
    }
    if (name === 'ER') {
      if (open) close(open);
      else skipped.push({ file, line, field: 'PT', reason: 'ER without a PT record start' });
      open = null;
      last = null;
      continue;
    }
    if (name === 'PT') {
      if (open) skipped.push({ file, line: open.line, field: 'ER', reason: 'record has no ER end tag' });
      open = { line, tags: new Map() };
    }
    if (!open) {
      skipped.push({ file, line, field: 'PT', reason: 'text outside a PT … ER record' });
      last = null;
      continue;
    }
    const values = [tag[2]?.trim() ?? ''];
    if (!open.tags.has(name)) open.tags.set(name, { line, values });
    last = open.tags.get(name)!.values;
    if (last !== values) last.push(...values);
  }
  if (open) skipped.push({ file, line: open.line, field: 'ER', reason: 'record has no ER end tag' });
  skipped.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { format: 'ciw', papers, skipped };
}
