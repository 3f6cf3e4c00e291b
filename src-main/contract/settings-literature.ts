import { z } from 'zod';
import { ServiceBaseUrl } from './settings-service-url.ts';

/**
 * Settings section `literature`: where literature_search asks (Semantic Scholar → OpenAlex → arXiv) and how
 * long it waits and remembers. A null base URL means the public service; `MOTIV_S2_BASE_URL`,
 * `MOTIV_OPENALEX_BASE_URL` and `MOTIV_ARXIV_BASE_URL` override these (mirrors, proxies, tests).
 */

export const LITERATURE_DEFAULTS = {
  enabled: true,
  semanticScholarBaseUrl: null,
  openAlexBaseUrl: null,
  arxivBaseUrl: null,
  timeoutMs: 10_000,
  cacheTtlDays: 30,
};

export const LiteratureSettingsSchema = z
  .object({
    /** Off: literature_search answers from the papers already in the local graph only (offline work). */
    enabled: z.boolean().default(LITERATURE_DEFAULTS.enabled),
    semanticScholarBaseUrl: ServiceBaseUrl,
    openAlexBaseUrl: ServiceBaseUrl,
    arxivBaseUrl: ServiceBaseUrl,
    timeoutMs: z.int().min(500).max(120_000).default(LITERATURE_DEFAULTS.timeoutMs),
    cacheTtlDays: z.int().min(0).max(3650).default(LITERATURE_DEFAULTS.cacheTtlDays),
  })
  .strict()
  .default(LITERATURE_DEFAULTS);

export type LiteratureSettings = z.infer<typeof LiteratureSettingsSchema>;
