/**
 * The one normalised shape every parser and lookup produces, before it becomes a GraphStore `Paper` node.
 * Identifiers are already normalised (identifiers.ts), so deduplication compares plain strings.
 */

import type { PaperProps } from '../graph/model.ts';

export const PAPER_FORMATS = ['bibtex', 'ris', 'ciw', 'csl-json', 'csv', 'text', 'pdf'] as const;
export type PaperFormat = (typeof PAPER_FORMATS)[number];

/** Sections found in a PDF's text; the miner reads introduction and method, the graph keeps the abstract. */
export interface PaperSections {
  abstract?: string;
  introduction?: string;
  method?: string;
}

/**
 * The Paper node's props plus its title (the node's name) and, for PDFs, the sections the miner reads. `doi` is
 * lower case without a resolver prefix (`10.1234/abc`); `arxivId` has no version suffix (`2401.01234`).
 */
export interface PaperRecord extends PaperProps {
  title: string;
  sections?: PaperSections;
}

/** Where a record came from: the file and the 1-based line its entry starts on (absent for lookups and PDFs). */
export interface RecordSource {
  file: string;
  line?: number;
  /** The entry's own name where the format has one (BibTeX key, CSV row number, …). */
  entry?: string;
}

export interface ParsedPaper {
  record: PaperRecord;
  source: RecordSource;
  /** Fields that were shortened or dropped to fit the graph's limits, said rather than done silently. */
  warnings: string[];
}

/** A malformed entry: skipped while the rest of the file imports. */
export interface SkippedEntry {
  file: string;
  line?: number;
  entry?: string;
  field: string;
  reason: string;
}

/** A file format, or `lookup` for a paper fetched by DOI or arXiv id. */
export type SourceFormat = PaperFormat | 'lookup';

export interface ParseOutcome {
  format: SourceFormat;
  papers: ParsedPaper[];
  skipped: SkippedEntry[];
}
