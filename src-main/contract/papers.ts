import { z } from 'zod';

/**
 * `papers.import` (issue 5, "Import" in the app): the renderer has no file paths (browser mode has none at all),
 * so it sends each file's bytes as base64 with its name. The core runs the same import the CLI runs
 * (src-main/papers/import-run.ts) and answers with its per-file report.
 */

/** The browser-mode HTTP body limit (src-main/server) caps one upload; paperImport.maxFileMb may lower it. */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
/** Base64 grows 3 bytes into 4 characters; anything longer cannot be under the limit. */
const BASE64_MAX_CHARS = Math.ceil(UPLOAD_MAX_BYTES / 3) * 4 + 4;

export const UploadedPaperFileSchema = z.strictObject({
  name: z.string().trim().min(1).max(255),
  contentBase64: z.base64().max(BASE64_MAX_CHARS * 2),
});

export const PapersImportSchema = z
  .strictObject({
    files: z.array(UploadedPaperFileSchema).max(100).default([]),
    dois: z.array(z.string().trim().min(1).max(300)).max(100).default([]),
    arxivIds: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
    /** New papers as `proposed` for review instead of `approved` (the CLI's --proposed). */
    proposed: z.boolean().default(false),
  })
  .refine((r) => r.files.length + r.dois.length + r.arxivIds.length > 0, {
    message: 'Nothing to import: add a file, a DOI or an arXiv id',
    path: ['files'],
  });

const Counts = z.object({
  created: z.int(),
  updated: z.int(),
  unchanged: z.int(),
  duplicate: z.int(),
  skipped: z.int(),
});

export const ImportedPaperSchema = z.object({
  title: z.string(),
  id: z.string(),
  status: z.enum(['created', 'updated', 'unchanged', 'duplicate']),
  line: z.int().optional(),
  entry: z.string().optional(),
  matchedBy: z.enum(['doi', 'arxiv', 'title']).optional(),
  warnings: z.array(z.string()),
});

export const SkippedPaperSchema = z.object({
  file: z.string(),
  line: z.int().optional(),
  entry: z.string().optional(),
  field: z.string(),
  reason: z.string(),
});

export const FileImportReportSchema = z.object({
  file: z.string(),
  format: z.enum(['bibtex', 'ris', 'ciw', 'csl-json', 'csv', 'text', 'pdf', 'lookup']).optional(),
  papers: z.array(ImportedPaperSchema),
  skipped: z.array(SkippedPaperSchema),
  counts: Counts,
  /** Set when the file was refused or its batch failed: nothing of it was written. */
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }).optional(),
});

export const ImportReportSchema = z.object({
  sources: z.array(FileImportReportSchema),
  totals: Counts.extend({ failed: z.int() }),
});

export type PapersImportRequest = z.input<typeof PapersImportSchema>;
export type ImportReport = z.infer<typeof ImportReportSchema>;
export type FileImportReportView = z.infer<typeof FileImportReportSchema>;

export const papersChannels = {
  'papers.import': { request: PapersImportSchema, response: ImportReportSchema },
} as const;
