import { buildRecord } from './build-record.ts';
import type { RawPaperFields } from './build-record.ts';
import type { ParseOutcome, ParsedPaper, SkippedEntry } from './paper-record.ts';

/**
 * Plain-text / Markdown abstracts (`.txt`, `.md`). The format, documented in README.md:
 *
 *     # Title of the paper                  first non-blank line; leading "#" and "Title:" are dropped
 *     Authors: Ada Lovelace; Alan Turing    optional "Key: value" lines right under the title:
 *     Year: 2024                            Authors, Year, DOI, arXiv, Venue, URL (any case)
 *
 *     The abstract, one or more paragraphs  everything after them; a leading "Abstract" heading is dropped
 *
 *     ---                                   a line of three or more dashes starts the next paper
 */

const SEPARATOR = /^\s*-{3,}\s*$/u;
const META = /^\s*(authors?|year|doi|arxiv|venue|journal|url)\s*:\s*(.*)$/iu;
const ABSTRACT_HEADING = /^\s*(?:#+\s*)?abstract\b\s*:?\s*/iu;

interface Block {
  line: number;
  lines: string[];
}

function splitBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  let current: Block = { line: 1, lines: [] };
  source.split('\n').forEach((text, index) => {
    if (SEPARATOR.test(text)) {
      blocks.push(current);
      current = { line: index + 2, lines: [] };
    } else current.lines.push(text);
  });
  blocks.push(current);
  return blocks.filter((b) => b.lines.some((l) => l.trim() !== ''));
}

export function parseTextAbstracts(source: string, file: string): ParseOutcome {
  const papers: ParsedPaper[] = [];
  const skipped: SkippedEntry[] = [];
  for (const block of splitBlocks(source)) {
    const first = block.lines.findIndex((l) => l.trim() !== '');
    const line = block.line + first;
    const title = block.lines[first]!.replace(/^\s*#+\s*/u, '').replace(/^title\s*:\s*/iu, '');
    const fields: RawPaperFields = { title };
    const fieldLines: Record<string, number> = { title: line };
    let i = first + 1;
    for (; i < block.lines.length; i++) {
      const meta = META.exec(block.lines[i]!);
      if (!meta) break;
      const key = meta[1]!.toLowerCase();
      const value = meta[2]!.trim();
      if (key.startsWith('author')) fields.authors = value.split(/\s*;\s*|\s+and\s+/u);
      else if (key === 'journal' || key === 'venue') fields.venue = value;
      else if (key === 'arxiv') fields.arxivId = value;
      else if (key === 'year' || key === 'doi' || key === 'url') fields[key] = value;
      fieldLines[key === 'journal' ? 'venue' : key.startsWith('author') ? 'authors' : key] = block.line + i;
    }
    const abstract = block.lines.slice(i).join('\n').trim().replace(ABSTRACT_HEADING, '');
    if (abstract) fields.abstract = abstract;
    const built = buildRecord(fields);
    if (!built.ok) {
      skipped.push({
        file,
        line: fieldLines[built.field] ?? line,
        entry: title.trim() || undefined,
        field: built.field,
        reason: built.reason,
      });
    } else {
      papers.push({ record: built.record, source: { file, line }, warnings: built.warnings });
    }
  }
  return { format: 'text', papers, skipped };
}
