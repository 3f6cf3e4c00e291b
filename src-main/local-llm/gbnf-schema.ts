import type { GbnfJsonSchema } from 'node-llama-cpp';

/**
 * A JSON schema as zod and OpenAI tool definitions write it, narrowed to what node-llama-cpp's grammar compiler
 * accepts: anyOf/oneOf → oneOf, type lists kept, string/array/object limits and string patterns kept (for
 * schema-grammar.ts), everything else (numeric bounds, $schema, titles) dropped. The grammar then guarantees
 * well-formed JSON of the right shape; the caller's zod schema still validates the rest, so a dropped
 * constraint becomes a repair turn, not a crash.
 */

type Json = Record<string, unknown>;

const MAX_ITEMS = 1_999;
const SCALAR_TYPES = new Set(['string', 'number', 'integer', 'boolean', 'null']);
// `{}` (zod's "any"): any scalar, which keeps the grammar finite.
const ANY: GbnfJsonSchema = { type: ['string', 'number', 'boolean', 'null'] };

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `{ [key]: n }` for a whole, non-negative n up to `max`, else nothing (the limit is left to zod). */
function wholeLimit(input: Json, key: string, max: number): Record<string, number> {
  const value = input[key];
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max
    ? { [key]: value }
    : {};
}

function withDescription(schema: GbnfJsonSchema, source: Json): GbnfJsonSchema {
  return typeof source.description === 'string' ? { ...schema, description: source.description } : schema;
}

export function toGbnfSchema(input: unknown): GbnfJsonSchema {
  if (!isObject(input)) return ANY;
  const defs = isObject(input.$defs) ? input.$defs : isObject(input.definitions) ? input.definitions : null;
  const schema = convert(input);
  if (!defs) return schema;
  const converted = Object.fromEntries(Object.entries(defs).map(([name, def]) => [name, convert(def)]));
  return { ...schema, $defs: converted } as GbnfJsonSchema;
}

function convert(input: unknown): GbnfJsonSchema {
  if (!isObject(input)) return ANY;
  if (typeof input.$ref === 'string') {
    return { $ref: input.$ref.replace('#/definitions/', '#/$defs/') } as unknown as GbnfJsonSchema;
  }
  const union = Array.isArray(input.anyOf) ? input.anyOf : Array.isArray(input.oneOf) ? input.oneOf : null;
  if (union) return withDescription({ oneOf: union.map(convert) }, input);
  if (input.const !== undefined) return withDescription({ const: input.const as string }, input);
  if (Array.isArray(input.enum)) return withDescription({ enum: input.enum as string[] }, input);
  const type = input.type;
  if (Array.isArray(type)) {
    const scalars = type.filter((t): t is 'string' => typeof t === 'string' && SCALAR_TYPES.has(t));
    if (scalars.length === type.length) return withDescription({ type: scalars }, input);
    return withDescription({ oneOf: type.map((t) => convert({ ...input, type: t })) }, input);
  }
  switch (type) {
    case 'object':
      return withDescription(objectSchema(input), input);
    case 'array':
      return withDescription(
        {
          type: 'array',
          items: convert(input.items),
          // llama.cpp refuses a repetition of 2,000 or more: a longer list is left to zod.
          ...wholeLimit(input, 'minItems', MAX_ITEMS),
          ...wholeLimit(input, 'maxItems', MAX_ITEMS),
        },
        input,
      );
    case 'string':
      return withDescription(
        {
          type: 'string',
          // Any size: schema-grammar.ts writes long limits in chunks llama.cpp can bound, and simple patterns.
          ...wholeLimit(input, 'minLength', Infinity),
          ...wholeLimit(input, 'maxLength', Infinity),
          ...(typeof input.pattern === 'string' ? { pattern: input.pattern } : {}),
        },
        input,
      );
    case 'number':
    case 'integer':
    case 'boolean':
    case 'null':
      return withDescription({ type }, input);
    default:
      return ANY;
  }
}

function objectSchema(input: Json): GbnfJsonSchema {
  const properties = isObject(input.properties) ? input.properties : {};
  const converted = Object.fromEntries(
    Object.entries(properties).map(([key, value]) => [key, convert(value)]),
  );
  const required = Array.isArray(input.required)
    ? input.required.filter((key): key is string => typeof key === 'string' && key in converted)
    : Object.keys(converted);
  return {
    type: 'object',
    properties: converted,
    required,
    ...(Object.keys(converted).length === 0 && input.additionalProperties !== false
      ? { additionalProperties: ANY }
      : {}),
  };
}
