import type { PaperLookupSettings } from '../../contract/settings-papers.ts';
import { AppError } from '../../shared/errors.ts';

/** Where each lookup service is: env over settings over the public default, as for every other setting. */

export const LOOKUP_SERVICES = ['arxiv', 'openalex', 'crossref'] as const;
export type LookupService = (typeof LOOKUP_SERVICES)[number];

export const DEFAULT_LOOKUP_URLS: Record<LookupService, string> = {
  arxiv: 'https://export.arxiv.org',
  openalex: 'https://api.openalex.org',
  crossref: 'https://api.crossref.org',
};

// The arXiv and OpenAlex variables are the ones the literature search reads too: one mirror serves both.
export const LOOKUP_URL_ENV: Record<LookupService, string> = {
  arxiv: 'MOTIV_ARXIV_BASE_URL',
  openalex: 'MOTIV_OPENALEX_BASE_URL',
  crossref: 'MOTIV_CROSSREF_BASE_URL',
};

const SETTING: Record<LookupService, 'arxivBaseUrl' | 'openAlexBaseUrl' | 'crossrefBaseUrl'> = {
  arxiv: 'arxivBaseUrl',
  openalex: 'openAlexBaseUrl',
  crossref: 'crossrefBaseUrl',
};

export interface LookupConfig {
  baseUrls: Record<LookupService, string>;
  /** Where each base URL came from, for `motiv doctor`. */
  sources: Record<LookupService, 'env' | 'settings' | 'default'>;
  contactEmail: string;
  timeoutMs: number;
  /** 0 turns the cache off. */
  cacheTtlMs: number;
}

function checkedUrl(url: string, where: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('VALIDATION', `${where} is not a valid URL: ${url}`, { field: where });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new AppError('VALIDATION', `${where} must be an http or https URL`, { field: where });
  }
  return url.replace(/\/+$/u, '');
}

export function resolveLookupConfig(
  settings: PaperLookupSettings,
  env: Readonly<Record<string, string | undefined>>,
): LookupConfig {
  const baseUrls = {} as Record<LookupService, string>;
  const sources = {} as LookupConfig['sources'];
  for (const service of LOOKUP_SERVICES) {
    const fromEnv = env[LOOKUP_URL_ENV[service]]?.trim();
    const fromSettings = settings[SETTING[service]];
    baseUrls[service] = fromEnv
      ? checkedUrl(fromEnv, LOOKUP_URL_ENV[service])
      : fromSettings
        ? checkedUrl(fromSettings, `paperLookup.${SETTING[service]}`)
        : DEFAULT_LOOKUP_URLS[service];
    sources[service] = fromEnv ? 'env' : fromSettings ? 'settings' : 'default';
  }
  return {
    baseUrls,
    sources,
    contactEmail: settings.contactEmail,
    timeoutMs: settings.timeoutMs,
    cacheTtlMs: settings.cacheTtlDays * 24 * 60 * 60 * 1000,
  };
}
