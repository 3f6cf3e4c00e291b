import { z } from 'zod';

/**
 * The idea the researcher writes, with the paper's fields. The model fills it through structured output; the
 * zod schema is both the JSON schema sent to the provider and the validator behind the repair turn.
 */

export const ExperimentPlanSchema = z.object({
  data: z.string().min(1).describe('datasets or data to collect'),
  baselines: z.string().min(1),
  metrics: z.string().min(1).describe('how each quantity is measured'),
  ablations: z.string().min(1),
});

export const IdeaSchema = z.object({
  name: z
    .string()
    .regex(/^[a-z][a-z0-9_]{2,79}$/, 'must be snake_case (lowercase letters, digits, _), 3-80 characters'),
  title: z.string().min(5).max(300),
  motivation: z.string().min(20),
  related_work: z.string().min(1).describe('cites retrieved papers as "Author et al., year"'),
  abstract: z.string().min(20),
  method: z.array(z.string().min(1)).min(1).describe('step by step'),
  experiment_plan: ExperimentPlanSchema,
  risks: z.string().min(1).describe('risks and limitations'),
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
