import type { RawPaperFields } from './build-record.ts';
import type { CslItem } from './csl-item.ts';

/** A CSL name as one display string: "Given Family", or the literal. */
export function cslName(name: {
  family?: string | undefined;
  given?: string | undefined;
  literal?: string | undefined;
}): string {
  if (name.literal) return name.literal;
  return [name.given, name.family].filter(Boolean).join(' ');
}

/** CSL-JSON (from citation-js for BibTeX/RIS, from CSL-JSON files, from Crossref) → the raw fields. */
export function cslToRawFields(item: CslItem): RawPaperFields {
  const issued = item.issued;
  const year = issued?.['date-parts']?.[0]?.[0] ?? issued?.literal ?? issued?.raw;
  const container = Array.isArray(item['container-title'])
    ? item['container-title'][0]
    : item['container-title'];
  return {
    title: item.title,
    authors: (item.author ?? []).map(cslName),
    year,
    venue: container ?? item['event-title'],
    abstract: item.abstract,
    doi: item.DOI,
    url: item.URL,
    hints: [container, item.note, item.number, item.publisher].filter(
      (t): t is string => typeof t === 'string',
    ),
  };
}
