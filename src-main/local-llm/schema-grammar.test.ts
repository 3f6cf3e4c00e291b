import { getLlama } from 'node-llama-cpp';
import type { GbnfJsonSchema, LlamaGrammar } from 'node-llama-cpp';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IDEA_LIMITS, IdeaSchema } from '../ideator/idea-schema.ts';
import { toGbnfSchema } from './gbnf-schema.ts';
import { patternGrammar } from './pattern-grammar.ts';
import { createSchemaGrammar } from './schema-grammar.ts';

/**
 * String limits as llama.cpp enforces them, read back from the compiled grammar (llama.cpp's own matcher): at
 * 4,000 characters node-llama-cpp's plain repetition admitted 12,000; the chunked form admits exactly min..max.
 */

/** llama.cpp's check of a whole reply against the compiled grammar (node-llama-cpp marks it internal). */
const admits = (grammar: LlamaGrammar, value: unknown): boolean =>
  (grammar as unknown as { _testText(text: string): boolean })._testText(`${JSON.stringify(value)}\n\n\n\n`);

const stringField = (minLength: number, maxLength: number): GbnfJsonSchema => ({
  type: 'object',
  properties: { text: { type: 'string', minLength, maxLength }, tag: { type: 'string', maxLength: 30 } },
  required: ['text', 'tag'],
});

describe('createSchemaGrammar: string limits hold at any size', () => {
  it('admits exactly minLength..maxLength characters, for short, long and very long limits', async () => {
    const llama = await getLlama({ gpu: false, build: 'never' });
    for (const [min, max] of [
      [0, 300],
      [0, 1_000],
      [20, 4_000],
      [1, 20_000],
      [5, 1_050],
    ] as const) {
      const grammar = await createSchemaGrammar(llama, stringField(min, max));
      const withLength = (length: number) => admits(grammar, { text: 'x'.repeat(length), tag: 't' });
      expect([min, 150, max - 1, max].map(withLength), `${min}..${max}`).toEqual([true, true, true, true]);
      expect(withLength(max + 1), `${max + 1} characters`).toBe(false);
      expect(withLength(3 * max), `${3 * max} characters`).toBe(false);
      if (min > 0) expect(withLength(min - 1)).toBe(false);
    }
  });

  it("node-llama-cpp's own grammar did not hold a 4,000-character limit (why the chunks exist)", async () => {
    const llama = await getLlama({ gpu: false, build: 'never' });
    const plain = await llama.createGrammarForJsonSchema(stringField(0, 4_000) as { type: 'object' });
    expect(admits(plain, { text: 'x'.repeat(12_000), tag: 't' })).toBe(true);
  });

  it('bounds every field of the idea: one character past a limit is refused', async () => {
    const llama = await getLlama({ gpu: false, build: 'never' });
    const schema = toGbnfSchema(z.toJSONSchema(IdeaSchema, { target: 'draft-7', unrepresentable: 'any' }));
    const grammar = await createSchemaGrammar(llama, schema);
    const idea = {
      name: 'bounded_ideas',
      title: 'Bounded ideas',
      motivation: 'm'.repeat(IDEA_LIMITS.section),
      related_work: 'r'.repeat(IDEA_LIMITS.relatedWork),
      abstract: 'a'.repeat(IDEA_LIMITS.section),
      method: Array.from({ length: IDEA_LIMITS.methodSteps }, () => 's'.repeat(IDEA_LIMITS.methodStep)),
      experiment_plan: {
        data: 'd'.repeat(IDEA_LIMITS.planField),
        baselines: 'b',
        metrics: 'm',
        ablations: 'a',
      },
      risks: 'k'.repeat(IDEA_LIMITS.risks),
    };
    expect(IdeaSchema.safeParse(idea).success).toBe(true);
    expect(admits(grammar, idea)).toBe(true);
    const over = [
      { ...idea, name: 'n'.repeat(IDEA_LIMITS.name + 1) },
      { ...idea, motivation: `${idea.motivation}m` },
      { ...idea, related_work: `${idea.related_work}r` },
      { ...idea, method: [...idea.method, 'one step too many'] },
      { ...idea, method: [`${idea.method[0] ?? ''}s`] },
      { ...idea, experiment_plan: { ...idea.experiment_plan, data: `${idea.experiment_plan.data}d` } },
      { ...idea, risks: `${idea.risks}k` },
    ];
    for (const value of over) {
      expect(IdeaSchema.safeParse(value).success).toBe(false);
      expect(admits(grammar, value)).toBe(false);
    }
  });
});

describe('createSchemaGrammar: simple patterns hold', () => {
  it("the idea's snake_case name: the grammar refuses what zod refuses", async () => {
    const llama = await getLlama({ gpu: false, build: 'never' });
    const schema = toGbnfSchema(z.toJSONSchema(IdeaSchema.pick({ name: true }), { target: 'draft-7' }));
    const grammar = await createSchemaGrammar(llama, schema);
    for (const name of [
      'abc',
      'graph_guided_ideation2',
      `a${'b'.repeat(79)}`,
      'ab',
      'Graph idea',
      '2fast',
      `a${'b'.repeat(80)}`,
    ]) {
      expect(admits(grammar, { name }), name).toBe(IdeaSchema.shape.name.safeParse(name).success);
    }
  });

  it('translates the shapes it knows and refuses the rest (left to zod)', () => {
    expect(patternGrammar('^[a-z][a-z0-9_]{2,79}$')).toEqual({
      gbnf: '[a-z] [a-z0-9_]{2,79}',
      maxLength: 80,
    });
    expect(patternGrammar('^s\\d{3}$')).toEqual({ gbnf: '"s" [0-9]{3}', maxLength: 4 });
    // A maxLength beside the pattern trims it (a budget-fitted name stays short).
    expect(patternGrammar('^[a-z][a-z0-9_]{2,79}$', 12)).toEqual({
      gbnf: '[a-z] [a-z0-9_]{2,11}',
      maxLength: 12,
    });
    expect(patternGrammar('^[a-z]+$', 5)).toEqual({ gbnf: '[a-z]{1,5}', maxLength: 5 });
    expect(patternGrammar('^[a-z0-9][a-z0-9-]*$')).toBeNull();
    for (const unsupported of ['[a-z]+', '^(a|b)$', '^a.b$', '^[^"]{2}$', '^a{1,5000}$']) {
      expect(patternGrammar(unsupported), unsupported).toBeNull();
    }
  });
});

describe('createSchemaGrammar: hostile limits never break the grammar', () => {
  it('a huge, fractional or negative limit is left to zod; a long minimum holds; markers running out is fine', async () => {
    const llama = await getLlama({ gpu: false, build: 'never' });
    const texts = (lengths: Record<string, number>) =>
      Object.fromEntries(Object.entries(lengths).map(([key, n]) => [key, 'x'.repeat(n)]));
    const schema = toGbnfSchema({
      type: 'object',
      properties: {
        huge: { type: 'string', maxLength: 1e9 },
        fraction: { type: 'string', maxLength: 2_000.5 },
        negative: { type: 'string', maxLength: -3 },
        longMin: { type: 'string', minLength: 3_000, maxLength: 5_000 },
        list: { type: 'array', items: { type: 'string', maxLength: 3 }, maxItems: 5_000 },
        // 120 distinct long limits: more than there are markers, so the last ones fall back to zod.
        ...Object.fromEntries(
          Array.from({ length: 120 }, (_, i) => [`f${i}`, { type: 'string', maxLength: 1_000 + i }]),
        ),
      },
    });
    const grammar = await createSchemaGrammar(llama, schema);
    const base = {
      huge: 'x'.repeat(5_000),
      fraction: 'x'.repeat(2_500),
      negative: 'x',
      longMin: 'x'.repeat(3_000),
      list: Array.from({ length: 2_500 }, () => 'abc'),
      ...texts(Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`f${i}`, 10]))),
    };
    expect(admits(grammar, base)).toBe(true);
    expect(admits(grammar, { ...base, longMin: 'x'.repeat(2_999) })).toBe(false);
    expect(admits(grammar, { ...base, longMin: 'x'.repeat(5_000) })).toBe(true);
    expect(admits(grammar, { ...base, longMin: 'x'.repeat(5_001) })).toBe(false);
    // The first long limits got markers and hold; the last one is unbounded in the grammar (zod checks it).
    expect(admits(grammar, { ...base, f0: 'x'.repeat(1_001) })).toBe(false);
    expect(admits(grammar, { ...base, f119: 'x'.repeat(1_500) })).toBe(true);
  });
});
