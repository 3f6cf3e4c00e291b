import { z } from 'zod';
import type { RawPaperFields } from '../build-record.ts';
import { cslName } from '../csl-to-paper.ts';

/** Crossref `/works/<doi>` → raw paper fields (its `message` is close to CSL-JSON; abstracts come as JATS). */

const DateParts = z.looseObject({ 'date-parts': z.array(z.array(z.int().nullable())).optional() });

const MessageSchema = z.looseObject({
  DOI: z.string(),
  title: z.array(z.string()).default([]),
  author: z
    .array(
      z.looseObject({
        given: z.string().optional(),
        family: z.string().optional(),
        name: z.string().optional(),
      }),
    )
    .default([]),
  'container-title': z.array(z.string()).default([]),
  issued: DateParts.optional(),
  published: DateParts.optional(),
  abstract: z.string().optional(),
  URL: z.string().optional(),
});

const ResponseSchema = z.looseObject({ status: z.literal('ok'), message: MessageSchema });

export const crossrefWorkUrl = (baseUrl: string, doi: string, contactEmail: string): string =>
  `${baseUrl}/works/${encodeURIComponent(doi)}${contactEmail ? `?mailto=${encodeURIComponent(contactEmail)}` : ''}`;

export function readCrossrefWork(body: string): RawPaperFields {
  const { message } = ResponseSchema.parse(JSON.parse(body));
  const year = (message.issued ?? message.published)?.['date-parts']?.[0]?.[0] ?? undefined;
  return {
    title: message.title[0],
    authors: message.author.map((a) => (a.name ? a.name : cslName(a))),
    year: year ?? undefined,
    venue: message['container-title'][0],
    abstract: message.abstract?.replace(/^\s*<jats:title>\s*abstract\s*<\/jats:title>/iu, ''),
    doi: message.DOI,
    url: message.URL,
  };
}
