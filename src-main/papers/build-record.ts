import { LIMITS } from '../graph/model.ts';
import { findArxivId, normalizeArxivId, normalizeDoi } from './identifiers.ts';
import type { PaperRecord, PaperSections } from './paper-record.ts';

/** What a parser found, as text, before validation. Every format funnels through `buildRecord`. */
export interface RawPaperFields {
  title?: string | undefined;
  authors?: string[] | undefined;
  year?: string | number | undefined;
  venue?: string | undefined;
  abstract?: string | undefined;
  doi?: string | undefined;
  arxivId?: string | undefined;
  url?: string | undefined;
  /** Free text that may mention an arXiv id (a journal field "arXiv preprint arXiv:…", a note). */
  hints?: string[] | undefined;
  sections?: PaperSections | undefined;
}

export type BuildResult =
  { ok: true; record: PaperRecord; warnings: string[] } | { ok: false; field: string; reason: string };

// The Paper node's limits (graph/schemas.ts PaperPropsSchema and NodeNameSchema).
const MAX_AUTHORS = 500;
const MAX_AUTHOR_CHARS = 500;
const MAX_VENUE_CHARS = 500;
const MAX_URL_CHARS = 2_000;

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** Crossref and some exports wrap abstracts in JATS/HTML tags. */
const stripTags = (text: string): string => text.replace(/<\/?[a-z][\w:-]*(?:\s[^<>]*)?>/giu, ' ');

function clipBytes(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text, 'utf8') <= maxBytes) return text;
  let cut = text.slice(0, maxBytes);
  while (Buffer.byteLength(cut, 'utf8') > maxBytes - 3) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

function clipChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function parseYear(raw: string | number): number | null {
  // "2021", or a date that starts with the year ("2021-05-03", "2021/05")
  const match = /^(\d{4})(?:[-/ ]\S*)?$/u.exec(String(raw).trim());
  if (!match) return null;
  const year = Number(match[1]);
  return year >= 1000 && year <= 3000 ? year : null;
}

export function buildRecord(raw: RawPaperFields): BuildResult {
  const warnings: string[] = [];
  const title = squash(raw.title ?? '');
  if (title === '') return { ok: false, field: 'title', reason: 'the entry has no title' };
  const record: PaperRecord = { title: clipChars(title, LIMITS.nameMaxChars), authors: [] };
  if (record.title !== title) warnings.push(`title shortened to ${LIMITS.nameMaxChars} characters`);

  if (raw.year !== undefined && String(raw.year).trim() !== '') {
    const year = parseYear(raw.year);
    if (year === null) return { ok: false, field: 'year', reason: `"${raw.year}" is not a year` };
    record.year = year;
  }
  if (raw.doi !== undefined && raw.doi.trim() !== '') {
    const doi = normalizeDoi(raw.doi);
    if (doi === null) return { ok: false, field: 'doi', reason: `"${raw.doi}" is not a DOI (10.NNNN/…)` };
    record.doi = doi;
  }
  if (raw.arxivId !== undefined && raw.arxivId.trim() !== '') {
    const id = normalizeArxivId(raw.arxivId);
    if (id === null) return { ok: false, field: 'arxiv', reason: `"${raw.arxivId}" is not an arXiv id` };
    record.arxivId = id;
  }
  record.arxivId ??=
    (record.doi ? normalizeArxivId(record.doi) : null) ??
    [raw.url, ...(raw.hints ?? [])].map((t) => (t ? findArxivId(t) : null)).find((id) => id) ??
    undefined;
  if (record.arxivId === undefined) delete record.arxivId;

  const authors = (raw.authors ?? []).map(squash).filter((a) => a !== '');
  if (authors.length > MAX_AUTHORS) warnings.push(`only the first ${MAX_AUTHORS} authors kept`);
  record.authors = authors.slice(0, MAX_AUTHORS).map((a) => clipChars(a, MAX_AUTHOR_CHARS));

  const venue = squash(raw.venue ?? '');
  if (venue) record.venue = clipChars(venue, MAX_VENUE_CHARS);

  const abstract = squash(stripTags(raw.abstract ?? ''));
  if (abstract) {
    record.abstract = clipBytes(abstract, LIMITS.descriptionMaxBytes);
    if (record.abstract !== abstract)
      warnings.push(`abstract shortened to ${LIMITS.descriptionMaxBytes} bytes`);
  }
  const url = (raw.url ?? '').trim();
  if (url) {
    if (!/^https?:\/\//iu.test(url))
      return { ok: false, field: 'url', reason: `"${url}" is not an http(s) URL` };
    if (url.length > MAX_URL_CHARS) warnings.push('url dropped: longer than 2,000 characters');
    else record.url = url;
  }
  if (raw.sections) record.sections = raw.sections;
  return { ok: true, record, warnings };
}
