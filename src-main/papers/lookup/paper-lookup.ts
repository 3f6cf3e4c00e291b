import { AppError } from '../../shared/errors.ts';
import { buildRecord } from '../build-record.ts';
import type { RawPaperFields } from '../build-record.ts';
import { normalizeArxivId, normalizeDoi } from '../identifiers.ts';
import type { ParseOutcome } from '../paper-record.ts';
import { arxivQueryUrl, readArxivFeed } from './arxiv.ts';
import { crossrefWorkUrl, readCrossrefWork } from './crossref.ts';
import { httpGet } from './http-get.ts';
import { LookupCache } from './lookup-cache.ts';
import type { LookupConfig } from './lookup-config.ts';
import { openAlexWorkUrl, readOpenAlexWork } from './openalex.ts';

/**
 * A paper's metadata by DOI (OpenAlex, then Crossref for what OpenAlex lacks or when it fails) or by arXiv id
 * (the arXiv API). The answer is one normalised record, ready for the same import as a file's entries.
 */
export class PaperLookup {
  private readonly config: LookupConfig;
  private readonly cache: LookupCache;

  constructor(config: LookupConfig, dataDir: string) {
    this.config = config;
    this.cache = new LookupCache(dataDir, config.cacheTtlMs);
  }

  private get<T>(service: string, url: string, read: (body: string) => T): Promise<T> {
    return httpGet(url, read, { service, timeoutMs: this.config.timeoutMs, cache: this.cache });
  }

  async byArxiv(raw: string): Promise<ParseOutcome> {
    const id = normalizeArxivId(raw);
    if (!id)
      throw new AppError('VALIDATION', `"${raw}" is not an arXiv id (e.g. 2401.01234)`, { field: 'arxiv' });
    const url = arxivQueryUrl(this.config.baseUrls.arxiv, id);
    const fields = await this.get('arXiv', url, (body) => readArxivFeed(body, id));
    return outcome(`arXiv:${id}`, fields, ['arXiv']);
  }

  async byDoi(raw: string): Promise<ParseOutcome> {
    const doi = normalizeDoi(raw);
    if (!doi) throw new AppError('VALIDATION', `"${raw}" is not a DOI (10.NNNN/…)`, { field: 'doi' });
    // arXiv's own DOIs are answered best by arXiv
    const arxivId = normalizeArxivId(doi);
    if (arxivId) return this.byArxiv(arxivId);
    const { baseUrls, contactEmail } = this.config;
    const failures: AppError[] = [];
    const attempt = async (service: string, url: string, read: (body: string) => RawPaperFields) => {
      try {
        return await this.get(service, url, read);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        failures.push(err);
        return null;
      }
    };
    const openAlex = await attempt(
      'OpenAlex',
      openAlexWorkUrl(baseUrls.openalex, doi, contactEmail),
      readOpenAlexWork,
    );
    const complete = openAlex?.title && openAlex.abstract && openAlex.venue;
    const crossref = complete
      ? null
      : await attempt('Crossref', crossrefWorkUrl(baseUrls.crossref, doi, contactEmail), readCrossrefWork);
    if (!openAlex && !crossref) {
      const allMissing = failures.every((f) => f.code === 'NOT_FOUND');
      throw new AppError(
        allMissing ? 'NOT_FOUND' : 'UNAVAILABLE',
        allMissing
          ? `Neither OpenAlex nor Crossref knows the DOI ${doi}`
          : `The DOI ${doi} could not be looked up: ${failures.map((f) => f.message).join('; ')}`,
        { field: 'doi', doi, failures: failures.map((f) => f.toBody()) },
      );
    }
    const sources = [openAlex ? 'OpenAlex' : null, crossref ? 'Crossref' : null].filter(
      (s): s is string => s !== null,
    );
    return outcome(`doi:${doi}`, fillMissing(openAlex, crossref), sources);
  }
}

/** The first answer wins field by field; the second only fills gaps. */
function fillMissing(first: RawPaperFields | null, second: RawPaperFields | null): RawPaperFields {
  const out: RawPaperFields = { ...(second ?? {}) };
  for (const [key, value] of Object.entries(first ?? {}) as Array<[keyof RawPaperFields, unknown]>) {
    const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
    if (!empty) Object.assign(out, { [key]: value });
  }
  return out;
}

function outcome(label: string, fields: RawPaperFields, sources: string[]): ParseOutcome {
  const built = buildRecord(fields);
  if (!built.ok) {
    throw new AppError(
      'UPSTREAM_INVALID',
      `${sources.join(' + ')} answered for ${label} without a usable ${built.field}: ${built.reason}`,
      {
        field: built.field,
      },
    );
  }
  return {
    format: 'lookup',
    papers: [
      { record: built.record, source: { file: label, entry: sources.join(' + ') }, warnings: built.warnings },
    ],
    skipped: [],
  };
}
