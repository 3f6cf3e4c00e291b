import { buildRecord } from './build-record.ts';
import { CslItemSchema } from './csl-item.ts';
import { cslToRawFields } from './csl-to-paper.ts';
import { IMPORT_ERROR_CODES, importError } from './import-errors.ts';
import type { ParseOutcome, ParsedPaper, SkippedEntry } from './paper-record.ts';

/**
 * CSL-JSON, read natively: an array of CSL items (or one item). JSON.parse gives no positions, so the line of
 * each top-level item is found by a small scan that skips strings; a bad item is reported at its own line.
 */

/** 1-based start line of each element of a top-level JSON array (empty for a top-level object). */
export function topLevelElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectElement && !/\s/u.test(c) && c !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1 && c === '[') expectElement = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectElement = true;
  }
  return lines;
}

function jsonErrorLine(text: string, message: string): number | undefined {
  const explicit = /line (\d+)/u.exec(message);
  if (explicit) return Number(explicit[1]);
  const position = /position (\d+)/u.exec(message);
  if (!position) return undefined;
  return text.slice(0, Number(position[1])).split('\n').length;
}

export function parseCslJson(source: string, file: string): ParseOutcome {
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const line = jsonErrorLine(source, message);
    throw importError(
      IMPORT_ERROR_CODES.malformed,
      `${file}${line ? `:${line}` : ''}: not valid JSON (${message})`,
      line ? { file, line } : { file },
    );
  }
  const items = Array.isArray(data) ? data : [data];
  const lines = Array.isArray(data) ? topLevelElementLines(source) : [1];
  const papers: ParsedPaper[] = [];
  const skipped: SkippedEntry[] = [];
  items.forEach((value, index) => {
    const line = lines[index];
    const entry = `item ${index + 1}`;
    const item = CslItemSchema.safeParse(value);
    if (!item.success) {
      const issue = item.error.issues[0];
      const field = issue && issue.path.length ? issue.path.join('.') : 'item';
      skipped.push({ file, line, entry, field, reason: issue?.message ?? 'not a CSL item' });
      return;
    }
    const built = buildRecord(cslToRawFields(item.data));
    if (!built.ok) {
      skipped.push({
        file,
        line,
        entry: String(item.data.id ?? entry),
        field: built.field,
        reason: built.reason,
      });
      return;
    }
    papers.push({
      record: built.record,
      source: { file, line, entry: String(item.data.id ?? entry) },
      warnings: built.warnings,
    });
  });
  return { format: 'csl-json', papers, skipped };
}
