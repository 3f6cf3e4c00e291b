import { parseArgs } from 'node:util';
import type { ImportRunReport } from '../../papers/import-run.ts';
import { withCliCore } from '../core-call.ts';
import { UsageError, type CliIo } from '../io.ts';

export const importHelp = `motiv import <files…> [--doi DOI]… [--arxiv ID]… [--json] [--max-mb N] [--proposed]

Imports papers into the configured graph as Paper nodes: BibTeX (.bib), RIS (.ris), Web of Science (.ciw),
CSL-JSON (.json), CSV (.csv: title, abstract, authors, year, doi, venue, arxiv, url columns, any case), plain-text
or Markdown abstracts (.txt, .md: see src-main/papers/README.md) and PDF (title, abstract, introduction and method read from the text).
--doi and --arxiv look papers up online (OpenAlex and Crossref, the arXiv API); answers are cached on disk.

Papers are matched by DOI, then arXiv id, then normalised title: importing the same file again changes nothing.
Malformed entries are skipped and listed with file, line and field; the rest imports. Each file is written in
one transaction. Progress goes to stderr, the summary to stdout (--json: the full report).
Exit status: 0 when every file and lookup was processed (skipped entries included), 1 when one was refused.

  --doi DOI        look up a paper by DOI (repeatable)
  --arxiv ID       look up a paper by arXiv id (repeatable)
  --json           print the full report as JSON
  --max-mb N       size limit per file (default: settings paperImport.maxFileMb, 50)
  --proposed       import the papers as "proposed" for review instead of "approved"

Lookup services: settings paperLookup, or MOTIV_ARXIV_BASE_URL, MOTIV_OPENALEX_BASE_URL, MOTIV_CROSSREF_BASE_URL.`;

function formatReport(report: ImportRunReport): string {
  const out: string[] = [];
  for (const source of report.sources) {
    if (source.error) {
      out.push(`${source.file}: refused (${source.error.code}): ${source.error.message}`);
      continue;
    }
    const c = source.counts;
    out.push(
      `${source.file}: ${c.created} imported, ${c.updated} updated, ${c.unchanged} unchanged, ${c.duplicate} duplicates, ${c.skipped} skipped`,
    );
    for (const paper of source.papers) {
      for (const warning of paper.warnings)
        out.push(`  ${source.file}:${paper.line ?? ''} ${paper.title}: ${warning}`);
    }
    for (const skip of source.skipped) {
      const where = skip.line !== undefined ? `${skip.file}:${skip.line}` : skip.file;
      out.push(
        `  skipped ${where}${skip.entry ? ` (${skip.entry})` : ''} field ${skip.field}: ${skip.reason}`,
      );
    }
  }
  const t = report.totals;
  out.push(
    `total: ${t.created} imported, ${t.updated} updated, ${t.unchanged} unchanged, ${t.duplicate} duplicates, ${t.skipped} skipped, ${t.failed} refused`,
  );
  return `${out.join('\n')}\n`;
}

export async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      doi: { type: 'string', multiple: true, default: [] },
      arxiv: { type: 'string', multiple: true, default: [] },
      json: { type: 'boolean', default: false },
      'max-mb': { type: 'string' },
      proposed: { type: 'boolean', default: false },
    },
  });
  if (!positionals.length && !values.doi.length && !values.arxiv.length) {
    throw new UsageError(`nothing to import\n\n${importHelp}`);
  }
  let maxMb: number | undefined;
  if (values['max-mb'] !== undefined) {
    maxMb = Number(values['max-mb']);
    if (!Number.isFinite(maxMb) || maxMb <= 0)
      throw new UsageError(`--max-mb: expected a positive number, got "${values['max-mb']}"`);
  }
  // The core's paper service on the configured store: files on disk and --max-mb have no channel field.
  return withCliCore(io, async (core) => {
    const report = await core.services.papers.import({
      files: positionals,
      dois: values.doi,
      arxivIds: values.arxiv,
      proposed: values.proposed,
      maxBytes: (maxMb ?? core.settings.get().paperImport.maxFileMb) * 1024 * 1024,
      onProgress: (line) => io.err(`${line}\n`),
    });
    io.out(values.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
    return report.totals.failed ? 1 : 0;
  });
}
