import { DOSSIER_SCHEMA_VERSION } from '../contract/reports.ts';
import type { Dossier, ExportFormat, IdeaExportJson, IdeasExport } from '../contract/reports.ts';
import { AppError } from '../shared/errors.ts';

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
      return {
        fileName: `${base}.json`,
        mimeType: 'application/json',
        encoding: 'utf8',
        content: `${JSON.stringify(file, null, 2)}\n`,
      };
    }
    default:
      throw new AppError('VALIDATION', `Export as ${format} is not available yet`, { field: 'format' });
  }
}

/** The latest version's snake_case name for one idea, `ideas-<n>` for several. */
export function exportBaseName(dossiers: readonly Dossier[]): string {
  const [first] = dossiers;
  if (dossiers.length > 1 || !first) return `ideas-${dossiers.length}`;
  const latest = first.versions.at(-1);
  return latest ? `${latest.idea.name}-v${latest.version}` : `idea-${first.idea.id}`;
}
