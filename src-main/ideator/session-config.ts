import { z } from 'zod';
import { AppError } from '../shared/errors.ts';
import { fieldIssues } from '../shared/zod-issues.ts';
import { InspirationSchema } from './inspiration.ts';
import { quotesData } from './mentor-framing.ts';
import { DEFAULT_POLICY } from './mentor-policy.ts';
import { MENTOR_PROMPT_VERSION, RESEARCHER_PROMPT_VERSION, loadPrompts } from './prompts.ts';
import { UserSessionOptionsSchema } from './session-options.ts';
import type { SessionConfig } from './types.ts';

/**
 * What a caller may ask of a session, as a zod schema the lead can reuse for the `ideate.start` channel, and
 * the defaults that fill the rest. The resolved config is stored with the session, prompt versions included.
 */

export const DEFAULT_CONFIG: Omit<SessionConfig, 'topic' | 'seed'> = {
  ideas: 3,
  maxRounds: 5,
  noGraph: false,
  noMentor: false,
  promptBudgetTokens: 12_000,
  maxToolSteps: 6,
  maxToolResultChars: 4_000,
  researcherPrompt: RESEARCHER_PROMPT_VERSION,
  mentorPrompt: MENTOR_PROMPT_VERSION,
  inspiration: [],
  literature: 'full',
};

const PromptVersionSchema = z.string().regex(/^[a-z]+\.v\d+$/, 'must look like researcher.v1');

/** The user's options (session-options.ts) and the engine's own knobs (tests, the CLI, older prompt versions). */
export const SessionOptionsSchema = UserSessionOptionsSchema.extend({
  maxToolSteps: z.int().min(0).max(20).optional(),
  maxToolResultChars: z.int().min(500).max(100_000).optional(),
  seed: z.int().min(0).max(0xffffffff).optional(),
  researcherPrompt: PromptVersionSchema.optional(),
  mentorPrompt: PromptVersionSchema.optional(),
  inspiration: InspirationSchema.optional(),
});

export const StartInputSchema = SessionOptionsSchema.extend({ topic: z.string().trim().min(1).max(500) });

export type SessionOptions = z.input<typeof SessionOptionsSchema>;
export type StartInput = z.input<typeof StartInputSchema>;

export function buildConfig(input: StartInput, defaults: SessionOptions = {}): SessionConfig {
  const parsed = StartInputSchema.safeParse(input);
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error);
    throw new AppError(
      'VALIDATION',
      `Invalid ideation settings: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      { issues },
    );
  }
  const given = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
  const config: SessionConfig = {
    ...DEFAULT_CONFIG,
    ...defaults,
    ...given,
    topic: parsed.data.topic,
    seed: parsed.data.seed ?? defaults.seed ?? Math.floor(Math.random() * 0xffffffff),
  };
  // Fails now, not mid-session, when a prompt version has no file.
  const researcher = loadPrompts(config.researcherPrompt);
  const mentor = loadPrompts(config.mentorPrompt);
  // New sessions question the weakest aspect (issue 16); one that asks for mentor.v1 runs the cycle it knows.
  // The policy is stored, so sessions made before this default keep what they recorded (none: the cycle).
  if (!config.mentorPolicy && quotesData(mentor)) {
    config.mentorPolicy = { ...DEFAULT_POLICY, verdictAfter: [...DEFAULT_POLICY.verdictAfter] };
  }
  const policy = config.mentorPolicy;
  if (
    !config.noMentor &&
    policy &&
    policy.order === 'weakest' &&
    config.maxRounds <= policy.verdictAfter.length
  ) {
    const needed = policy.verdictAfter.length + 1;
    throw new AppError(
      'VALIDATION',
      `Invalid ideation settings: maxRounds ${config.maxRounds} leaves the mentor no round for a verdict after questioning ${policy.verdictAfter.join(', ')}; use at least ${needed} rounds or fewer aspects`,
      { issues: [{ path: 'maxRounds', message: `must be at least ${needed} for the mentor policy` }] },
    );
  }
  // mentor.v1 knows neither personas nor the weakest-aspect policy: asking for them with it would be ignored.
  const needsV2 =
    config.mentorPolicy?.order === 'weakest' || (config.persona?.kind ?? 'supervisor') !== 'supervisor';
  if (needsV2 && !quotesData(mentor)) {
    throw new AppError(
      'VALIDATION',
      `Prompt ${config.mentorPrompt} has no personas or weakest-aspect policy; use ${MENTOR_PROMPT_VERSION}`,
      { issues: [{ path: 'mentorPrompt', message: 'has no persona or policy sections' }] },
    );
  }
  // A prompt version without the inspiration section would silently drop the user's methods.
  if ((config.inspiration?.length ?? 0) > 0 && !researcher.has('inspiration')) {
    throw new AppError(
      'VALIDATION',
      `Prompt ${config.researcherPrompt} cannot show inspiration methods; use ${RESEARCHER_PROMPT_VERSION}`,
      { issues: [{ path: 'researcherPrompt', message: 'has no inspiration section' }] },
    );
  }
  return config;
}
