import { describe, expect, it } from 'vitest';
import { chatStructured } from '../llm/index.ts';
import { harness, rejection } from '../test-support/llm-harness.ts';
import { stopAfterEach } from '../test-support/stop-after-each.ts';
import { IDEA_LIMITS, IdeaSchema } from './idea-schema.ts';
import type { Idea } from './idea-schema.ts';

/**
 * The idea's length limits seen from a remote model (the scripted OpenAI-compatible server): an over-long field is
 * named in a repair turn and a fixed reply is kept whole; a model that keeps writing past the limit is refused
 * with LLM_BAD_OUTPUT naming the field. Nothing is cut to fit.
 */

const startHarness = stopAfterEach(harness);
const MESSAGES = [{ role: 'system' as const, content: '[role:researcher] Present the idea as JSON.' }];

const IDEA: Idea = {
  name: 'graph_guided_ideation',
  title: 'Graph-guided Socratic ideation',
  motivation: 'Generated research ideas repeat prior work; a motivational graph can steer them elsewhere.',
  related_work: 'Si et al., 2024',
  abstract: 'We ground an idea generator in a graph of problems, challenges and solutions mined from papers.',
  method: ['Retrieve graph paths for the topic', 'Transfer a distant solution', 'Refine with a mentor'],
  experiment_plan: { data: 'AI topics', baselines: 'AI Scientist', metrics: 'ELO', ablations: 'no graph' },
  risks: 'Graph coverage may be thin.',
};
const OVER_LONG = { ...IDEA, motivation: 'm'.repeat(IDEA_LIMITS.section + 1) };

describe('the idea schema with a remote model', () => {
  it('an over-long field gets a repair turn naming it, and the corrected idea is kept whole', async () => {
    const h = await startHarness({
      name: 'over-long-then-fixed',
      steps: [
        { reply: { content: JSON.stringify(OVER_LONG) } },
        { reply: { content: JSON.stringify(IDEA) } },
      ],
    });
    const result = await chatStructured(h.client, IdeaSchema, { role: 'researcher', messages: MESSAGES });
    expect(result.repairs).toBe(1);
    expect(result.value).toEqual(IDEA);
    const repair = (h.server.requests[1]?.body.messages as { content: string }[]).at(-1)?.content ?? '';
    expect(repair).toMatch(new RegExp(`- motivation: .*${IDEA_LIMITS.section}`));
    // The limits travel to the provider in the JSON schema too.
    const format = h.server.requests[0]?.body.response_format as {
      json_schema: { schema: { properties: { motivation: { maxLength: number } } } };
    };
    expect(format.json_schema.schema.properties.motivation.maxLength).toBe(IDEA_LIMITS.section);
  });

  it('a model that stays over the limit is refused with LLM_BAD_OUTPUT naming the field, not cut', async () => {
    const h = await startHarness({
      name: 'over-long',
      steps: [{ times: 3, reply: { content: JSON.stringify(OVER_LONG) } }],
    });
    const err = await rejection(
      chatStructured(h.client, IdeaSchema, { role: 'researcher', messages: MESSAGES, maxRepairs: 2 }),
    );
    expect(err.code).toBe('LLM_BAD_OUTPUT');
    expect(err.message).toMatch(new RegExp(`motivation: .*${IDEA_LIMITS.section}`));
    expect(h.server.requests).toHaveLength(3);
  });
});
