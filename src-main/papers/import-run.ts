import type { GraphStore } from '../graph/port.ts';
import { AppError } from '../shared/errors.ts';
import { importParsedFile, refusedFile } from './import-papers.ts';
import type { FileImportReport, ImportOptions } from './import-papers.ts';
import type { PaperLookup } from './lookup/paper-lookup.ts';
import { PaperCatalog } from './paper-catalog.ts';
import type { ParseOutcome } from './paper-record.ts';
import { parsePaperBytes, parsePaperFile } from './parse-file.ts';

/** A file that arrived in memory (the app's upload) rather than as a path; `name` labels it in the report. */
export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

/** What one `motiv import` (or the app's papers.import) asks for: files, and papers to look up online. */
export interface ImportRequest {
  files: string[];
  uploads?: UploadedFile[];
  dois?: string[];
  arxivIds?: string[];
}

export interface ImportRunOptions extends ImportOptions {
  maxBytes?: number;
  /** Needed only when the request names DOIs or arXiv ids. */
  lookup?: PaperLookup;
  onProgress?: (line: string) => void;
}

export interface ImportRunReport {
  sources: FileImportReport[];
  totals: FileImportReport['counts'] & { failed: number };
}

/**
 * Import every source in order against one catalog of the graph's papers (read once), so papers repeated across
 * files are recognised too. Each source is its own transaction: a refused or failed file does not stop the rest.
 */
export async function runPaperImport(
  store: GraphStore,
  request: ImportRequest,
  options: ImportRunOptions,
): Promise<ImportRunReport> {
  const progress = options.onProgress ?? (() => {});
  const catalog = await PaperCatalog.load(store);
  progress(`${catalog.size} papers already in the ${store.kind} graph`);
  const sources: FileImportReport[] = [];

  const run = async (label: string, parse: () => Promise<ParseOutcome>): Promise<void> => {
    let outcome: ParseOutcome;
    try {
      outcome = await parse();
    } catch (err) {
      // The refusal is the file's outcome: the summary reports it (progress would say it a second time).
      sources.push(refusedFile(label, err));
      return;
    }
    progress(
      `${label}: ${outcome.papers.length} entries read (${outcome.format}), ${outcome.skipped.length} malformed`,
    );
    // Progress says what is under way; the counts per file are the summary's, printed once by the caller.
    sources.push(await importParsedFile(store, catalog, label, outcome, options));
  };

  for (const file of request.files)
    await run(file, () => parsePaperFile(file, { maxBytes: options.maxBytes }));
  for (const upload of request.uploads ?? [])
    await run(upload.name, () => parsePaperBytes(upload.name, upload.bytes, { maxBytes: options.maxBytes }));
  const lookups = [
    ...(request.dois ?? []).map((doi) => ({ label: `doi:${doi}`, go: (l: PaperLookup) => l.byDoi(doi) })),
    ...(request.arxivIds ?? []).map((id) => ({
      label: `arXiv:${id}`,
      go: (l: PaperLookup) => l.byArxiv(id),
    })),
  ];
  for (const { label, go } of lookups) {
    await run(label, async () => {
      if (!options.lookup)
        throw new AppError('VALIDATION', 'Online lookup is not configured', { field: 'lookup' });
      progress(`${label}: looking up…`);
      return go(options.lookup);
    });
  }

  const totals = { created: 0, updated: 0, unchanged: 0, duplicate: 0, skipped: 0, failed: 0 };
  for (const s of sources) {
    for (const key of ['created', 'updated', 'unchanged', 'duplicate', 'skipped'] as const)
      totals[key] += s.counts[key];
    if (s.error) totals.failed++;
  }
  return { sources, totals };
}
