import type { z } from 'zod';
import { ProtocolReferenceSchema } from '../contract/protocol.ts';
import figures from './paper-reference.json' with { type: 'json' };

/**
 * The paper's own figures (MotivGraph-SoIQ; /work/shared/reference/motivgraph-soiq.md, "Evaluation"), shown
 * beside the user's and always labelled as the paper's, with its setup: they come from a different judge, other
 * topics and other models, so they are context, not a target the user's numbers can be compared with.
 * The figures are data (paper-reference.json: Tables 1–3 as the paper prints them), checked as they are read.
 */
export const PAPER_REFERENCE: z.output<typeof ProtocolReferenceSchema> =
  ProtocolReferenceSchema.parse(figures);
