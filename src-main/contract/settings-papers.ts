import { z } from 'zod';
import { ServiceBaseUrl } from './settings-service-url.ts';

/**
 * Settings sections for importing papers (issue 5, "Import"):
 * - `paperImport`: the size limit for one imported file.
 * - `paperLookup`: where `motiv import --doi/--arxiv` looks papers up (arXiv, OpenAlex, Crossref) and how long
 *   answers are kept on disk. A null base URL means the public service; `MOTIV_ARXIV_BASE_URL`,
 *   `MOTIV_OPENALEX_BASE_URL` and `MOTIV_CROSSREF_BASE_URL` override them (mirrors, proxies, tests).
 */

export const PAPER_IMPORT_DEFAULTS = { maxFileMb: 50 };

export const PaperImportSettingsSchema = z
  .object({
    maxFileMb: z.number().min(1).max(2_048).default(PAPER_IMPORT_DEFAULTS.maxFileMb),
  })
  .strict()
  .default(PAPER_IMPORT_DEFAULTS);

export const PAPER_LOOKUP_DEFAULTS = {
  arxivBaseUrl: null,
  openAlexBaseUrl: null,
  crossrefBaseUrl: null,
  /** Sent to OpenAlex and Crossref so they route requests to their polite pools; empty = not sent. */
  contactEmail: '',
  timeoutMs: 15_000,
  cacheTtlDays: 90,
};

export const PaperLookupSettingsSchema = z
  .object({
    arxivBaseUrl: ServiceBaseUrl,
    openAlexBaseUrl: ServiceBaseUrl,
    crossrefBaseUrl: ServiceBaseUrl,
    contactEmail: z.union([z.literal(''), z.email()]).default(PAPER_LOOKUP_DEFAULTS.contactEmail),
    timeoutMs: z.int().min(500).max(120_000).default(PAPER_LOOKUP_DEFAULTS.timeoutMs),
    cacheTtlDays: z.int().min(0).max(3_650).default(PAPER_LOOKUP_DEFAULTS.cacheTtlDays),
  })
  .strict()
  .default(PAPER_LOOKUP_DEFAULTS);

export type PaperImportSettings = z.infer<typeof PaperImportSettingsSchema>;
export type PaperLookupSettings = z.infer<typeof PaperLookupSettingsSchema>;
