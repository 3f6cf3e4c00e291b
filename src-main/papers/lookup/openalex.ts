import { z } from 'zod';
import type { RawPaperFields } from '../build-record.ts';

/** OpenAlex `/works/doi:<doi>` → raw paper fields. Only the fields read are checked; OpenAlex sends many more. */

const WorkSchema = z.looseObject({
  title: z.string().nullable().optional(),
  display_name: z.string().nullable().optional(),
  doi: z.string().nullable().optional(),
  publication_year: z.int().nullable().optional(),
  authorships: z
    .array(z.looseObject({ author: z.looseObject({ display_name: z.string().nullable().optional() }) }))
    .default([]),
  primary_location: z
    .looseObject({
      landing_page_url: z.string().nullable().optional(),
      source: z.looseObject({ display_name: z.string().nullable().optional() }).nullable().optional(),
    })
    .nullable()
    .optional(),
  abstract_inverted_index: z
    .record(z.string(), z.array(z.int().min(0)))
    .nullable()
    .optional(),
  ids: z.record(z.string(), z.string()).optional(),
});

export const openAlexWorkUrl = (baseUrl: string, doi: string, contactEmail: string): string =>
  `${baseUrl}/works/doi:${encodeURIComponent(doi)}${contactEmail ? `?mailto=${encodeURIComponent(contactEmail)}` : ''}`;

/** OpenAlex ships abstracts as word → positions (for licensing reasons); put the words back in order. */
export function invertedIndexToText(index: Record<string, number[]>): string {
  const words: string[] = [];
  for (const [word, positions] of Object.entries(index)) for (const p of positions) words[p] = word;
  return words.filter((w) => w !== undefined).join(' ');
}

export function readOpenAlexWork(body: string): RawPaperFields {
  const work = WorkSchema.parse(JSON.parse(body));
  const arxivUrl = Object.values(work.ids ?? {}).find((v) => /arxiv\.org/iu.test(v));
  return {
    title: work.title ?? work.display_name ?? undefined,
    authors: work.authorships.map((a) => a.author.display_name ?? '').filter(Boolean),
    year: work.publication_year ?? undefined,
    venue: work.primary_location?.source?.display_name ?? undefined,
    abstract: work.abstract_inverted_index ? invertedIndexToText(work.abstract_inverted_index) : undefined,
    doi: work.doi ?? undefined,
    url: work.primary_location?.landing_page_url ?? undefined,
    hints: arxivUrl ? [arxivUrl] : [],
  };
}
