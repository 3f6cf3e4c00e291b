import { z } from 'zod';

/**
 * The idea the researcher writes, with the paper's fields. The model fills it through structured output; the
 * zod schema is both the JSON schema sent to the provider and the validator behind the repair turn.
 *
 * Every text has a length limit, so a grammar-constrained local model cannot write past its token budget inside
 * one field (local-llm/output-budget.ts fits the limits to the budget). The limits sit far above what the prompt
 * asks for (motivation and abstract ~250 words, about 1,700 characters): a real idea never meets them; a remote
 * model's over-long field fails validation by name and gets a repair turn, never a silent cut.
 */

/** Characters (a ~250-word section is about 1,700). */
export const IDEA_LIMITS = {
  name: 80,
  title: 300,
  section: 5_000,
  relatedWork: 4_000,
  methodStep: 1_500,
  methodSteps: 20,
  planField: 2_500,
  risks: 3_000,
} as const;

export const ExperimentPlanSchema = z.object({
  data: z.string().min(1).max(IDEA_LIMITS.planField).describe('datasets or data to collect'),
  baselines: z.string().min(1).max(IDEA_LIMITS.planField),
  metrics: z.string().min(1).max(IDEA_LIMITS.planField).describe('how each quantity is measured'),
  ablations: z.string().min(1).max(IDEA_LIMITS.planField),
});

export const IdeaSchema = z.object({
  name: z
    .string()
    .min(3)
    .max(IDEA_LIMITS.name)
    .regex(/^[a-z][a-z0-9_]{2,79}$/, 'must be snake_case (lowercase letters, digits, _), 3-80 characters'),
  title: z.string().min(5).max(IDEA_LIMITS.title),
  motivation: z.string().min(20).max(IDEA_LIMITS.section),
  related_work: z
    .string()
    .min(1)
    .max(IDEA_LIMITS.relatedWork)
    .describe('cites retrieved papers as "Author et al., year"'),
  abstract: z.string().min(20).max(IDEA_LIMITS.section),
  method: z
    .array(z.string().min(1).max(IDEA_LIMITS.methodStep))
    .min(1)
    .max(IDEA_LIMITS.methodSteps)
    .describe('step by step'),
  experiment_plan: ExperimentPlanSchema,
  risks: z.string().min(1).max(IDEA_LIMITS.risks).describe('risks and limitations'),
});

export type Idea = z.infer<typeof IdeaSchema>;

/** Every text of an idea, in field order: where inline `kg:` citations are looked for. */
export function ideaTexts(idea: Idea): string[] {
  const plan = idea.experiment_plan;
  return [
    idea.title,
    idea.motivation,
    idea.related_work,
    idea.abstract,
    ...idea.method,
    plan.data,
    plan.baselines,
    plan.metrics,
    plan.ablations,
    idea.risks,
  ];
}

/** A readable rendering for the mentor and for Markdown output. */
export function ideaToMarkdown(idea: Idea): string {
  const plan = idea.experiment_plan;
  return [
    `# ${idea.title} (${idea.name})`,
    `## Motivation\n${idea.motivation}`,
    `## Related work\n${idea.related_work}`,
    `## Abstract\n${idea.abstract}`,
    `## Method\n${idea.method.map((step, i) => `${i + 1}. ${step}`).join('\n')}`,
    `## Experiment plan\n- Data: ${plan.data}\n- Baselines: ${plan.baselines}\n- Metrics: ${plan.metrics}\n- Ablations: ${plan.ablations}`,
    `## Risks and limitations\n${idea.risks}`,
  ].join('\n\n');
}
