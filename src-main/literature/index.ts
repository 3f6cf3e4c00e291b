// The literature room's public surface: the Semantic Scholar → OpenAlex → arXiv cascade with its cache.
export { LITERATURE_CACHE_FILE, LiteratureCache, normaliseQuery } from './cache.ts';
export { LiteratureCascade, SOURCES } from './cascade.ts';
export type { CascadeOptions, CascadeResult, SourceAttempt } from './cascade.ts';
export { BASE_URL_ENV, DEFAULT_BASE_URLS, resolveLiteratureConfig, SOURCE_NAMES } from './config.ts';
export type { LiteratureConfig, SourceEndpoint, SourceName } from './config.ts';
export { openLiteratureProvider } from './open-provider.ts';
export type { OpenedLiterature } from './open-provider.ts';
