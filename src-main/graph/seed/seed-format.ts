import { z } from 'zod';
import { AppError } from '../../shared/errors.ts';
import { fieldIssues } from '../../shared/zod-issues.ts';
import { AliasesSchema, DescriptionSchema, NodeNameSchema } from '../schemas.ts';

/**
 * The shipped seed graph (graph/seed/motivgraph.json) and its papers (resources/seed-papers.json). Close to the
 * graph dump, but nodes carry a readable `key` instead of an id: ids are minted by the store that loads it, and a
 * hand-curated file is easier to review with `p-agent-memory` than with UUIDs.
 */
export const SEED_FORMAT = 'motivgraph-seed';
export const SEED_PAPERS_FORMAT = 'motivgraph-seed-papers';

/** Edges point at nodes by key, or at a paper as `paper:<paper id>`. */
export const PAPER_REF_PREFIX = 'paper:';

const KeySchema = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes');
const PaperIdSchema = z.string().regex(/^s\d{3}$/, 'must look like s001');

export const SeedNodeSchema = z.strictObject({
  key: KeySchema,
  kind: z.enum(['Problem', 'Challenge', 'Solution']),
  level: z.int().min(0).max(1),
  name: NodeNameSchema,
  description: DescriptionSchema.refine((text) => text.trim().length > 0, 'must not be empty'),
  aliases: AliasesSchema,
});

export const SeedEdgeSchema = z.strictObject({
  type: z.enum(['PARENT_OF', 'HAS_CHALLENGE', 'SOLVED_BY', 'EXTRACTED_FROM']),
  from: KeySchema,
  to: z.string().min(1),
});

/** One curated (problem, challenge, solution) reading of one paper: the record the edges were written from. */
export const SeedTripleSchema = z.strictObject({
  paper: PaperIdSchema,
  problem: KeySchema,
  challenge: KeySchema,
  solution: KeySchema,
});

export const SeedProvenanceSchema = z.strictObject({
  curatedBy: z.string().min(1),
  curatedAt: z.iso.date(),
  source: z.string().min(1),
  method: z.string().min(1),
  review: z.string().min(1),
  loadedAs: z.strictObject({
    origin: z.literal('curated'),
    review: z.literal('approved'),
    actor: z.string().min(1),
  }),
});

export const SeedGraphSchema = z.strictObject({
  format: z.literal(SEED_FORMAT),
  formatVersion: z.literal(1),
  provenance: SeedProvenanceSchema,
  papersFile: z.string().min(1),
  nodes: z.array(SeedNodeSchema).min(1),
  edges: z.array(SeedEdgeSchema),
  triples: z.array(SeedTripleSchema).min(1),
});

export const SeedPaperSchema = z.strictObject({
  id: PaperIdSchema,
  /** null where the corpus has no title; the paper node is then labelled by id and abstract (seed-batch.ts). */
  title: z.string().min(1).nullable(),
  /** The corpus names no authors; kept so the field exists when a richer corpus replaces it. */
  authors: z.array(z.string()),
  authorsCount: z.int().min(1).optional(),
  date: z.iso.date().nullable(),
  year: z.int().min(1000).max(3000).nullable(),
  venue: z.string().nullable(),
  doi: z.string().nullable(),
  arxivId: z.string().nullable(),
  codeUrl: z.url().nullable(),
  abstract: z.string().min(1),
  corpusFile: z.string().min(1),
  corpusLine: z.int().min(1),
});

export const SeedPapersSchema = z.strictObject({
  format: z.literal(SEED_PAPERS_FORMAT),
  formatVersion: z.literal(1),
  source: z.string().min(1),
  notes: z.string(),
  papers: z.array(SeedPaperSchema).min(1),
});

export type SeedNode = z.output<typeof SeedNodeSchema>;
export type SeedEdge = z.output<typeof SeedEdgeSchema>;
export type SeedTriple = z.output<typeof SeedTripleSchema>;
export type SeedGraph = z.output<typeof SeedGraphSchema>;
export type SeedPaper = z.output<typeof SeedPaperSchema>;
export type SeedPapers = z.output<typeof SeedPapersSchema>;

/** Validate one of the two seed files; a bad one fails with VALIDATION naming the file and the JSON path. */
export function parseSeedFile<S extends z.ZodType>(schema: S, input: unknown, file: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = fieldIssues(parsed.error);
  const first = issues[0];
  throw new AppError(
    'VALIDATION',
    `${file}: malformed seed data at ${first?.path ?? '(root)'}: ${first?.message ?? ''}`,
    {
      file,
      path: first?.path,
      issues,
    },
  );
}
