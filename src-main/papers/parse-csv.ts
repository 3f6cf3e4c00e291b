import { parse } from 'csv-parse/sync';
import { buildRecord } from './build-record.ts';
import type { RawPaperFields } from './build-record.ts';
import { IMPORT_ERROR_CODES, importError } from './import-errors.ts';
import type { ParseOutcome, ParsedPaper, SkippedEntry } from './paper-record.ts';

/**
 * CSV (or semicolon/tab separated) with a header row. Columns are matched by name, case-insensitively:
 * title (required), abstract, authors (or author; separated by ";" or " and "), year, doi, venue (or journal),
 * arxiv (or arxivid, arxiv_id, eprint), url. Other columns are ignored. A row with the wrong number of cells
 * or a bad value is skipped with its line; the rest imports.
 */

type Field = 'title' | 'abstract' | 'authors' | 'year' | 'doi' | 'venue' | 'arxiv' | 'url';

const COLUMN_NAMES: Record<string, Field> = {
  title: 'title',
  abstract: 'abstract',
  authors: 'authors',
  author: 'authors',
  year: 'year',
  doi: 'doi',
  venue: 'venue',
  journal: 'venue',
  arxiv: 'arxiv',
  arxivid: 'arxiv',
  arxiv_id: 'arxiv',
  'arxiv id': 'arxiv',
  eprint: 'arxiv',
  url: 'url',
};

function guessDelimiter(firstLine: string): string {
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const);
  return counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
}

interface CsvRow {
  record: string[];
  info: { lines: number };
  raw: string;
}

// A bibliography has a dozen columns; hundreds of thousands (one huge header line) cost csv-parse gigabytes.
const MAX_COLUMNS = 500;

function checkColumns(headerLine: string, delimiter: string, file: string): void {
  const columns = headerLine.split(delimiter, MAX_COLUMNS + 1).length;
  if (columns > MAX_COLUMNS) {
    throw importError(
      IMPORT_ERROR_CODES.limitExceeded,
      `${file} line 1: the header has over ${MAX_COLUMNS} columns (limit: columns); is this a bibliography?`,
      { file, line: 1, limit: 'columns', max: MAX_COLUMNS },
    );
  }
}

const newlines = (text: string): number => (text.replace(/\n+$/u, '').match(/\n/gu) ?? []).length;

export function parseCsv(source: string, file: string): ParseOutcome {
  const skipped: SkippedEntry[] = [];
  const headerLine = source.split('\n', 1)[0] ?? '';
  const delimiter = guessDelimiter(headerLine);
  checkColumns(headerLine, delimiter, file);
  const rows = parse(source, {
    delimiter,
    info: true,
    raw: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err, raw) => {
      const end = Number(err?.lines ?? 0);
      const line = Math.max(1, end - newlines(raw ?? ''));
      skipped.push({
        file,
        line,
        entry: `row at line ${line}`,
        field: 'row',
        reason: err?.message ?? 'unreadable row',
      });
      return undefined;
    },
  }) as unknown as CsvRow[];
  const header = rows[0];
  if (!header) throw importError(IMPORT_ERROR_CODES.empty, `${file} has no header row`, { file, line: 1 });
  const columns = header.record.map((name) => COLUMN_NAMES[name.trim().toLowerCase()]);
  if (!columns.includes('title')) {
    throw importError(
      IMPORT_ERROR_CODES.malformed,
      `${file}:1: no "title" column in the header (found: ${header.record.join(', ').slice(0, 200)})`,
      { file, line: 1, field: 'title' },
    );
  }
  const papers: ParsedPaper[] = [];
  for (const row of rows.slice(1)) {
    const line = row.info.lines - newlines(row.raw);
    const cell = (field: Field): string | undefined => {
      const index = columns.indexOf(field);
      return index >= 0 ? row.record[index] : undefined;
    };
    const authors = cell('authors');
    const fields: RawPaperFields = {
      title: cell('title'),
      abstract: cell('abstract'),
      authors: authors ? authors.split(/\s*;\s*|\s+and\s+/u) : [],
      year: cell('year'),
      doi: cell('doi'),
      venue: cell('venue'),
      arxivId: cell('arxiv'),
      url: cell('url'),
    };
    const entry = `row at line ${line}`;
    const built = buildRecord(fields);
    if (!built.ok) skipped.push({ file, line, entry, field: built.field, reason: built.reason });
    else papers.push({ record: built.record, source: { file, line, entry }, warnings: built.warnings });
  }
  skipped.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return { format: 'csv', papers, skipped };
}
