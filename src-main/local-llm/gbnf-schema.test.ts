import { getLlama } from 'node-llama-cpp';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { IdeaSchema } from '../ideator/idea-schema.ts';
import { ExtractionSchema } from '../mining/extraction-schema.ts';
import { toGbnfSchema } from './gbnf-schema.ts';
import { createSchemaGrammar } from './schema-grammar.ts';

const jsonSchema = (schema: z.ZodType): Record<string, unknown> =>
  z.toJSONSchema(schema, { target: 'draft-7', unrepresentable: 'any' }) as Record<string, unknown>;

describe('toGbnfSchema: the app schemas as grammars llama.cpp compiles', () => {
  it('keeps shape, every string limit (long ones too) and type lists', () => {
    const converted = toGbnfSchema(
      jsonSchema(
        z.strictObject({
          name: z.string().min(1).max(200),
          long: z.string().max(2_000),
          kind: z.enum(['a', 'b']),
          maybe: z.string().nullable(),
        }),
      ),
    );
    expect(converted).toMatchObject({
      type: 'object',
      required: ['name', 'long', 'kind', 'maybe'],
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 200 },
        long: { type: 'string', maxLength: 2_000 },
        kind: { enum: ['a', 'b'] },
        maybe: { type: ['string', 'null'] },
      },
    });
  });

  it('the extractor and idea schemas compile to grammars, long limits included', async () => {
    const llama = await getLlama({ gpu: false, build: 'never' });
    for (const schema of [ExtractionSchema, IdeaSchema]) {
      const grammar = await createSchemaGrammar(llama, toGbnfSchema(jsonSchema(schema)));
      expect(grammar.grammar.length).toBeGreaterThan(100);
    }
  });
});
