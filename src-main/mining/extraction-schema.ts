import { z } from 'zod';

/** What the extractor returns for one paper: (problem, challenge, solution) triples. Shape only; the naming
 * rules are checked separately (naming-rules.ts) so a rule breach in one triple does not discard the others. */

const NamedText = z.strictObject({
  name: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(2_000),
});

export const TripleSchema = z.strictObject({
  problem: NamedText,
  challenge: NamedText,
  solution: NamedText,
});

/** An empty list is an answer (issue 16): a survey or position paper has no triple, and must not invent one. */
export const ExtractionSchema = z.strictObject({
  triples: z.array(TripleSchema).max(12),
});

export type Triple = z.infer<typeof TripleSchema>;
export type Extraction = z.infer<typeof ExtractionSchema>;
