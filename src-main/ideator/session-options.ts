import { z } from 'zod';
import { MentorPersonaSchema, MentorPolicySchema } from './mentor-policy.ts';

/**
 * What the user chooses for a session (the start form, `motiv ideate`, a protocol setting), as plain zod: the
 * contract's IdeatorOptionsSchema is this schema, and session-config.ts extends it with the engine's own knobs,
 * so the limits the UI is told and the limits the ideator enforces are one table.
 */
export const UserSessionOptionsSchema = z.strictObject({
  ideas: z.int().min(1).max(20).optional(),
  maxRounds: z.int().min(1).max(20).optional(),
  noGraph: z.boolean().optional(),
  noMentor: z.boolean().optional(),
  promptBudgetTokens: z.int().min(1_000).max(1_000_000).optional(),
  /** Another researcher model for this session (protocol settings); absent: the configured one. */
  researcherModel: z.string().trim().min(1).max(200).optional(),
  /** Earlier ideas shown to the researcher come from this session only (protocol runs). */
  isolated: z.boolean().optional(),
  /** The mentor's persona (supervisor, skeptic, reviewer of a named venue); absent: the supervisor. */
  persona: MentorPersonaSchema.optional(),
  /** Which aspect the mentor questions and when its verdict counts; absent: the weakest aspect, verdict after all three. */
  mentorPolicy: MentorPolicySchema.optional(),
  /** `titles`: the paper's titles-only literature ablation; absent: full (up to 20 papers with abstracts). */
  literature: z.enum(['full', 'titles']).optional(),
});
