import { describe, expect, it } from 'vitest';
import { LITERATURE_DEFAULTS } from '../contract/settings-literature.ts';
import { SettingsSchema } from '../contract/settings.ts';
import { resolveLiteratureConfig } from './config.ts';
import { abstractFromInvertedIndex } from './sources/openalex.ts';
import { arxivSearchQuery } from './sources/arxiv.ts';

describe('literature config', () => {
  it('uses the public services by default, settings over defaults, env over settings', () => {
    const settings = { ...LITERATURE_DEFAULTS, openAlexBaseUrl: 'https://openalex.mirror.example.org/' };
    const config = resolveLiteratureConfig(settings, { MOTIV_ARXIV_BASE_URL: 'http://127.0.0.1:9999/arxiv' });
    expect(config.sources).toEqual([
      { name: 'semantic-scholar', baseUrl: 'https://api.semanticscholar.org', from: 'default' },
      { name: 'openalex', baseUrl: 'https://openalex.mirror.example.org', from: 'settings' },
      { name: 'arxiv', baseUrl: 'http://127.0.0.1:9999/arxiv', from: 'env' },
    ]);
    expect(config.cacheTtlMs).toBe(30 * 24 * 60 * 60 * 1000);
  });

  it('names the variable when an override is not a usable URL', () => {
    expect(() => resolveLiteratureConfig(LITERATURE_DEFAULTS, { MOTIV_S2_BASE_URL: 'ftp://x' })).toThrow(
      /MOTIV_S2_BASE_URL must use http or https/,
    );
    expect(() => resolveLiteratureConfig(LITERATURE_DEFAULTS, { MOTIV_OPENALEX_BASE_URL: 'nope' })).toThrow(
      /MOTIV_OPENALEX_BASE_URL is not a valid URL/,
    );
  });

  it('is a settings section with defaults, so older settings files keep parsing', () => {
    const parsed = SettingsSchema.parse({ schemaVersion: 1 });
    expect(parsed.literature).toEqual(LITERATURE_DEFAULTS);
    expect(() => SettingsSchema.parse({ schemaVersion: 1, literature: { timeoutMs: 10 } })).toThrow();
  });
});

describe('source helpers', () => {
  it('rebuilds an OpenAlex abstract from its inverted index', () => {
    expect(abstractFromInvertedIndex({ graphs: [1], Knowledge: [0], help: [2, 4], really: [3] })).toBe(
      'Knowledge graphs help really help',
    );
  });

  it('turns free text into an arXiv query of required words, dropping syntax characters', () => {
    expect(arxivSearchQuery('graph-guided (idea) "generation"')).toBe(
      'all:graph-guided AND all:idea AND all:generation',
    );
    expect(arxivSearchQuery('  ')).toBe('');
  });
});
