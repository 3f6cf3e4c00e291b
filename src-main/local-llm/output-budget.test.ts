import type { GbnfJsonSchema } from 'node-llama-cpp';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IdeaSchema } from '../ideator/idea-schema.ts';
import { toGbnfSchema } from './gbnf-schema.ts';
import { fitToBudget, worstCaseChars } from './output-budget.ts';

const ideaGrammarSchema = (): GbnfJsonSchema =>
  toGbnfSchema(z.toJSONSchema(IdeaSchema, { target: 'draft-7', unrepresentable: 'any' }));

type Json = Record<string, unknown>;

/** The longest value a (fitted) idea schema admits: every string and list at its limit. */
function longestIdea(schema: GbnfJsonSchema): Json {
  const props = (schema as unknown as { properties: Record<string, Json> }).properties;
  const text = (node: Json | undefined): string => 'x'.repeat(Number(node?.maxLength));
  const method = props.method ?? {};
  const plan = (props.experiment_plan?.properties ?? {}) as Record<string, Json>;
  return {
    name: text(props.name),
    title: text(props.title),
    motivation: text(props.motivation),
    related_work: text(props.related_work),
    abstract: text(props.abstract),
    method: Array.from({ length: Number(method.maxItems) }, () => text(method.items as Json)),
    experiment_plan: Object.fromEntries(Object.entries(plan).map(([key, node]) => [key, text(node)])),
    risks: text(props.risks),
  };
}

/** The grammar's widest layout: a newline and four spaces per level before every member and item. */
const widest = (value: unknown): string => `${JSON.stringify(value, null, 4)}\n\n\n\n`;

describe('fitToBudget: a bounded reply fits the token cap', () => {
  it('counts the longest JSON the grammar admits, in its widest layout', () => {
    const schema = ideaGrammarSchema();
    expect(worstCaseChars(schema)).toBeGreaterThanOrEqual(widest(longestIdea(schema)).length);
    expect(worstCaseChars(schema)).toBeLessThan(widest(longestIdea(schema)).length + 200);
  });

  it('shrinks the idea to the cap: the longest fitted idea fits and still validates', () => {
    for (const cap of [400, 600, 2_000, 8_000]) {
      const fitted = fitToBudget(ideaGrammarSchema(), cap);
      expect(fitted.shrunk).toBe(true);
      expect(fitted.maxTokens).toBe(cap);
      expect(fitted.worstCase).toBeLessThanOrEqual(cap);
      const longest = longestIdea(fitted.schema);
      expect(widest(longest).length).toBeLessThanOrEqual(cap);
      expect(IdeaSchema.safeParse(longest).success, `cap ${cap}`).toBe(true);
    }
  });

  it('keeps every minimum; a cap below them is raised to cover the smallest idea', () => {
    const fitted = fitToBudget(ideaGrammarSchema(), 100);
    expect(fitted.maxTokens).toBe(fitted.worstCase);
    expect(fitted.maxTokens).toBeGreaterThan(100);
    const props = (fitted.schema as unknown as { properties: Record<string, Json> }).properties;
    expect(props.motivation).toMatchObject({ minLength: 20, maxLength: 20 });
    expect(props.method).toMatchObject({ minItems: 1, maxItems: 1 });
  });

  it('leaves a schema alone when it already fits, or when it has no bound to fit', () => {
    const small: GbnfJsonSchema = { type: 'object', properties: { a: { type: 'string', maxLength: 10 } } };
    expect(fitToBudget(small, 400)).toMatchObject({ schema: small, maxTokens: 400, shrunk: false });
    const unbounded: GbnfJsonSchema = { type: 'object', properties: { n: { type: 'number' } } };
    expect(worstCaseChars(unbounded)).toBe(Infinity);
    expect(fitToBudget(unbounded, 400)).toMatchObject({ schema: unbounded, maxTokens: 400, shrunk: false });
  });
});
