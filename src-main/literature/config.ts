import type { LiteratureSettings } from '../contract/settings-literature.ts';
import { AppError } from '../shared/errors.ts';

/**
 * Which literature services to ask, in order, and where they are. Env wins over settings, settings over the
 * public default, as for every other setting (`motiv doctor` style sources).
 */

export const SOURCE_NAMES = ['semantic-scholar', 'openalex', 'arxiv'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export const DEFAULT_BASE_URLS: Record<SourceName, string> = {
  'semantic-scholar': 'https://api.semanticscholar.org',
  openalex: 'https://api.openalex.org',
  arxiv: 'https://export.arxiv.org',
};

export const BASE_URL_ENV: Record<SourceName, string> = {
  'semantic-scholar': 'MOTIV_S2_BASE_URL',
  openalex: 'MOTIV_OPENALEX_BASE_URL',
  arxiv: 'MOTIV_ARXIV_BASE_URL',
};

const SETTING_KEY: Record<SourceName, keyof LiteratureSettings> = {
  'semantic-scholar': 'semanticScholarBaseUrl',
  openalex: 'openAlexBaseUrl',
  arxiv: 'arxivBaseUrl',
};

export interface SourceEndpoint {
  name: SourceName;
  baseUrl: string;
  from: 'env' | 'settings' | 'default';
}

export interface LiteratureConfig {
  enabled: boolean;
  timeoutMs: number;
  /** 0 turns the cache off. */
  cacheTtlMs: number;
  sources: SourceEndpoint[];
}

function checkedUrl(url: string, where: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('VALIDATION', `${where} is not a valid URL`, { field: where });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new AppError('VALIDATION', `${where} must use http or https`, { field: where });
  }
  return url.replace(/\/+$/, '');
}

export function resolveLiteratureConfig(
  settings: LiteratureSettings,
  env: Readonly<Record<string, string | undefined>>,
): LiteratureConfig {
  const sources = SOURCE_NAMES.map((name): SourceEndpoint => {
    const fromEnv = env[BASE_URL_ENV[name]]?.trim();
    if (fromEnv) return { name, baseUrl: checkedUrl(fromEnv, BASE_URL_ENV[name]), from: 'env' };
    const fromSettings = settings[SETTING_KEY[name]];
    if (typeof fromSettings === 'string' && fromSettings) {
      return {
        name,
        baseUrl: checkedUrl(fromSettings, `settings literature.${SETTING_KEY[name]}`),
        from: 'settings',
      };
    }
    return { name, baseUrl: DEFAULT_BASE_URLS[name], from: 'default' };
  });
  return {
    enabled: settings.enabled,
    timeoutMs: settings.timeoutMs,
    cacheTtlMs: settings.cacheTtlDays * 24 * 60 * 60 * 1000,
    sources,
  };
}
