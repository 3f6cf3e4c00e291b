import { DOSSIER_SCHEMA_VERSION } from '../contract/reports.ts';
import type { Dossier, ExportFormat, IdeaExportJson, IdeasExport } from '../contract/reports.ts';
import { AppError } from '../shared/errors.ts';
import { renderBibtex } from './render-bibtex.ts';
import { renderHtml } from './render-html.ts';
import { renderMarkdown } from './render-markdown.ts';
import { renderPdf } from './render-pdf.ts';
import { chosenVersion, reportDocument } from './report-document.ts';

/** Dossiers as one export file in the chosen format; the file name says what is in it. */

export interface AppIdentity {
  name: string;
  version: string;
}

export async function renderExport(
  dossiers: readonly Dossier[],
  format: ExportFormat,
  app: AppIdentity,
): Promise<IdeasExport> {
  if (dossiers.length === 0) throw new AppError('VALIDATION', 'Nothing to export', { field: 'ideaIds' });
  const base = exportBaseName(dossiers);
  switch (format) {
    case 'json': {
      const file: IdeaExportJson = {
        schemaVersion: DOSSIER_SCHEMA_VERSION,
        exportedAt: new Date().toISOString(),
        app,
        ideas: [...dossiers],
      };
      return text(`${base}.json`, 'application/json', `${JSON.stringify(file, null, 2)}\n`);
    }
    case 'md':
      return text(`${base}.md`, 'text/markdown;charset=utf-8', renderMarkdown(reportDocument(dossiers)));
    case 'html':
      return text(`${base}.html`, 'text/html;charset=utf-8', renderHtml(reportDocument(dossiers)));
    case 'bibtex':
      return text(`${base}.bib`, 'application/x-bibtex;charset=utf-8', renderBibtex(dossiers));
    case 'pdf':
      return {
        fileName: `${base}.pdf`,
        mimeType: 'application/pdf',
        encoding: 'base64',
        content: (await renderPdf(reportDocument(dossiers))).toString('base64'),
      };
  }
}

const text = (fileName: string, mimeType: string, content: string): IdeasExport => ({
  fileName,
  mimeType,
  encoding: 'utf8',
  content,
});

/** The latest version's snake_case name for one idea, `ideas-<n>` for several. */
export function exportBaseName(dossiers: readonly Dossier[]): string {
  const [first] = dossiers;
  if (dossiers.length > 1 || !first) return `ideas-${dossiers.length}`;
  const latest = first.versions.at(-1);
  return latest ? `${latest.idea.name}-v${latest.version}` : `idea-${first.idea.id}`;
}

/** One idea's Markdown report at one version (the ideator's own export, `ideator.exportIdea`). */
export function ideaMarkdownReport(
  dossier: Dossier,
  version?: number,
): { fileName: string; markdown: string } {
  const chosen = chosenVersion(dossier, version);
  return {
    fileName: `${chosen.idea.name}-v${chosen.version}.md`,
    markdown: renderMarkdown(reportDocument([dossier], { version: chosen.version })),
  };
}
