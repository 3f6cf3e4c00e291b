import type { ExportFormat, IdeasExport } from '../../../src-main/contract/reports.ts';

/** The five export formats, in menu order, with the words the menu shows. */
export const EXPORT_CHOICES: ReadonlyArray<{ format: ExportFormat; label: string }> = [
  { format: 'md', label: 'Markdown' },
  { format: 'html', label: 'HTML' },
  { format: 'pdf', label: 'PDF' },
  { format: 'json', label: 'JSON' },
  { format: 'bibtex', label: 'BibTeX' },
];

/** An `ideas.export` answer as the file's bytes: text as UTF-8, a PDF decoded from base64. */
export function exportBlob(file: IdeasExport): Blob {
  if (file.encoding === 'utf8') return new Blob([file.content], { type: file.mimeType });
  const binary = atob(file.content);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: file.mimeType });
}
