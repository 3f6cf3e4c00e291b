import { buildRecord } from './build-record.ts';
import { citationChain } from './citation-js.ts';
import { CslItemSchema } from './csl-item.ts';
import { cslToRawFields } from './csl-to-paper.ts';
import type { ParseOutcome, ParsedPaper, SkippedEntry } from './paper-record.ts';

/**
 * RIS through citation-js. Records (`TY  -` … `ER  -`) are found here first so each keeps its line number and a
 * broken record (no end tag, text outside a record, no title) is skipped on its own.
 */

interface RisRecord {
  line: number;
  lines: string[];
}

const TAG = /^([A-Z][A-Z0-9]) {2}-(?: (.*))?$/u;
const CHUNK = 250;
// Tags whose values may name an arXiv id (links, journal names, notes).
const HINT_TAGS = new Set(['UR', 'L1', 'L2', 'DO', 'JO', 'JF', 'T2', 'N1', 'M3', 'AN', 'SN']);
// Report a bad value under the RIS tag the user wrote.
const TAG_OF_FIELD: Record<string, string> = { title: 'TI', year: 'PY', doi: 'DO', url: 'UR', arxiv: 'UR' };

export function parseRis(source: string, file: string): ParseOutcome {
  const papers: ParsedPaper[] = [];
  const skipped: SkippedEntry[] = [];
  const records: RisRecord[] = [];
  let open: RisRecord | null = null;

  const lines = source.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index]!;
    const line = index + 1;
    const tag = TAG.exec(text.trimEnd());
    if (tag?.[1] === 'TY') {
      if (open) skipped.push({ file, line: open.line, field: 'ER', reason: 'record has no ER end tag' });
      open = { line, lines: [text] };
    } else if (tag?.[1] === 'ER') {
      if (open) {
        open.lines.push(text);
        records.push(open);
        open = null;
      } else skipped.push({ file, line, field: 'TY', reason: 'ER without a TY record start' });
    } else if (open) {
      open.lines.push(text);
    } else if (text.trim() !== '') {
      skipped.push({ file, line, field: 'TY', reason: 'text outside a TY … ER record' });
    }
  }
  if (open) skipped.push({ file, line: open.line, field: 'ER', reason: 'record has no ER end tag' });

  const convert = (record: RisRecord, csl: unknown): void => {
    const item = CslItemSchema.safeParse(csl);
    if (!item.success) {
      skipped.push({
        file,
        line: record.line,
        field: 'entry',
        reason: item.error.issues[0]?.message ?? 'malformed',
      });
      return;
    }
    const fields = cslToRawFields(item.data);
    // citation-js drops a DO value it does not recognise; check what the user wrote instead
    const doiLine = record.lines.find((l) => l.startsWith('DO  -'));
    if (doiLine) fields.doi = TAG.exec(doiLine.trimEnd())?.[2] ?? '';
    fields.hints = [
      ...(fields.hints ?? []),
      ...record.lines.flatMap((l) => {
        const tag = TAG.exec(l);
        return tag && HINT_TAGS.has(tag[1]!) ? [tag[2] ?? ''] : [];
      }),
    ];
    const built = buildRecord(fields);
    if (!built.ok) {
      const tag = TAG_OF_FIELD[built.field] ?? built.field;
      const offset = record.lines.findIndex((l) => l.startsWith(`${tag}  -`));
      skipped.push({ file, line: record.line + Math.max(0, offset), field: tag, reason: built.reason });
      return;
    }
    papers.push({ record: built.record, source: { file, line: record.line }, warnings: built.warnings });
  };

  const parse = (group: RisRecord[]): unknown[] =>
    citationChain(group.map((r) => r.lines.join('\n')).join('\n') + '\n', '@csl/list+object') as unknown[];

  for (let start = 0; start < records.length; start += CHUNK) {
    const chunk = records.slice(start, start + CHUNK);
    let csl: unknown[] | null;
    try {
      csl = parse(chunk);
    } catch {
      csl = null;
    }
    if (csl && csl.length === chunk.length) {
      chunk.forEach((record, i) => convert(record, csl[i]));
      continue;
    }
    for (const record of chunk) {
      try {
        const one = parse([record]);
        if (one.length === 1) convert(record, one[0]);
        else
          skipped.push({
            file,
            line: record.line,
            field: 'entry',
            reason: 'citation-js could not read the record',
          });
      } catch (err) {
        const reason = err instanceof Error ? err.message.split('\n')[0]! : String(err);
        skipped.push({ file, line: record.line, field: 'entry', reason: `RIS syntax error: ${reason}` });
      }
    }
  }
  skipped.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { format: 'ris', papers, skipped };
}
