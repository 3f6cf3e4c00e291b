import { z } from 'zod';

/**
 * The CSL-JSON fields the importer reads. Loose: CSL-JSON has many more fields, which are ignored, but the ones
 * read must have the right shape or the entry is reported with the field's name.
 */
const CslName = z.looseObject({
  family: z.string().optional(),
  given: z.string().optional(),
  literal: z.string().optional(),
});

const CslDate = z.looseObject({
  'date-parts': z.array(z.array(z.union([z.number(), z.string()]))).optional(),
  literal: z.string().optional(),
  raw: z.string().optional(),
});

const text = z.union([z.string(), z.number()]).transform(String);

export const CslItemSchema = z.looseObject({
  id: z.union([z.string(), z.number()]).optional(),
  type: z.string().optional(),
  title: z.string().optional(),
  author: z.array(CslName).optional(),
  issued: CslDate.optional(),
  'container-title': z.union([z.string(), z.array(z.string())]).optional(),
  'event-title': z.string().optional(),
  publisher: z.string().optional(),
  abstract: z.string().optional(),
  DOI: text.optional(),
  URL: z.string().optional(),
  note: z.string().optional(),
  number: text.optional(),
});

export type CslItem = z.output<typeof CslItemSchema>;
