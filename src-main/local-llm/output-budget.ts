import type { GbnfJsonSchema } from 'node-llama-cpp';
import { patternGrammar } from './pattern-grammar.ts';

/**
 * A grammar-constrained reply that fits its token budget. A capped call (the request's max_tokens or
 * MOTIV_LLM_MAX_TOKENS) is cut where the cap falls, so a bounded schema whose longest JSON exceeds the cap can be
 * cut mid-string: unusable JSON and a repair turn that is cut again. `fitToBudget` shrinks the schema's string
 * and array limits (never below their minimums) until the longest JSON the grammar admits fits the cap; when even
 * the minimums do not fit, the cap is raised to cover them. The count is in characters, each counted as a token:
 * a byte-level tokenizer never spends more than one token on an ASCII character, so the JSON always closes
 * (a `\uXXXX` escape or non-ASCII text can take more). Whitespace is counted as the grammar allows it (a newline
 * and four spaces per level). An unbounded schema (a number, a string or array with no limit) is left as it is.
 */

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Separator whitespace the grammar admits at a nesting depth: a newline and the indentation. */
const whitespace = (depth: number): number => 1 + 4 * depth;
/** The grammar's stop trigger: four newlines after the value. */
const TRAILER = 4;
const SEARCH_STEPS = 24;

export interface FittedSchema {
  schema: GbnfJsonSchema;
  /** The cap for the call: the given one, or raised to the schema's smallest worst case. */
  maxTokens: number;
  /** Longest JSON (characters) the fitted schema admits, with the trailer. */
  worstCase: number;
  shrunk: boolean;
}

/** Longest JSON text (characters) the grammar for `schema` admits, stop trigger included; Infinity if unbounded. */
export function worstCaseChars(schema: GbnfJsonSchema): number {
  const root = schema as unknown as Json;
  const defs = isObject(root.$defs) ? root.$defs : {};
  return valueChars(root, defs, 1, new Set()) + TRAILER;
}

export function fitToBudget(schema: GbnfJsonSchema, maxTokens: number): FittedSchema {
  const full = worstCaseChars(schema);
  if (!Number.isFinite(full) || full <= maxTokens) {
    return { schema, maxTokens, worstCase: full, shrunk: false };
  }
  const smallest = scaled(schema, 0);
  const smallestCase = worstCaseChars(smallest);
  if (smallestCase > maxTokens) {
    return { schema: smallest, maxTokens: smallestCase, worstCase: smallestCase, shrunk: true };
  }
  // The worst case grows with the scale: find the largest scale that still fits.
  let low = 0;
  let high = 1;
  for (let step = 0; step < SEARCH_STEPS; step++) {
    const mid = (low + high) / 2;
    if (worstCaseChars(scaled(schema, mid)) <= maxTokens) low = mid;
    else high = mid;
  }
  const fitted = scaled(schema, low);
  return { schema: fitted, maxTokens, worstCase: worstCaseChars(fitted), shrunk: true };
}

function valueChars(node: unknown, defs: Json, depth: number, seen: Set<string>): number {
  if (!isObject(node)) return Infinity;
  if (typeof node.$ref === 'string') {
    const name = node.$ref.replace(/^#\/\$defs\//, '');
    // A recursive definition has no longest value.
    if (seen.has(name)) return Infinity;
    return valueChars(defs[name], defs, depth, new Set([...seen, name]));
  }
  if (Array.isArray(node.oneOf)) {
    return Math.max(...node.oneOf.map((option) => valueChars(option, defs, depth, seen)));
  }
  if ('const' in node) return JSON.stringify(node.const).length;
  if (Array.isArray(node.enum)) return Math.max(...node.enum.map((value) => JSON.stringify(value).length));
  const types = Array.isArray(node.type) ? node.type : [node.type];
  return Math.max(...types.map((type) => typedChars(node, type, defs, depth, seen)));
}

function typedChars(node: Json, type: unknown, defs: Json, depth: number, seen: Set<string>): number {
  switch (type) {
    case 'string': {
      // A pattern the grammar expresses replaces the length limit (schema-grammar.ts).
      const maxLength = typeof node.maxLength === 'number' ? node.maxLength : undefined;
      const pattern = typeof node.pattern === 'string' ? patternGrammar(node.pattern, maxLength) : null;
      if (pattern) return pattern.maxLength + 2;
      // A character of the grammar may be an escape: counted once, like any other (see the module comment).
      return maxLength !== undefined ? maxLength + 2 : Infinity;
    }
    case 'boolean':
      return 5;
    case 'null':
      return 4;
    case 'object':
      return objectChars(node, defs, depth, seen);
    case 'array':
      return arrayChars(node, defs, depth, seen);
    default:
      // Numbers have no length limit in the grammar.
      return Infinity;
  }
}

function objectChars(node: Json, defs: Json, depth: number, seen: Set<string>): number {
  if (node.additionalProperties !== undefined && node.additionalProperties !== false) return Infinity;
  const properties = isObject(node.properties) ? Object.entries(node.properties) : [];
  // `{`, `}` and the whitespace before each member and before the closing brace.
  let total = 2 + whitespace(depth - 1) + properties.length * whitespace(depth);
  for (const [key, value] of properties) {
    // `"key": value,` (the colon may be followed by one space).
    total += JSON.stringify(key).length + 2 + 1 + valueChars(value, defs, depth + 1, seen);
  }
  return total;
}

function arrayChars(node: Json, defs: Json, depth: number, seen: Set<string>): number {
  if (typeof node.maxItems !== 'number') return Infinity;
  const item = valueChars(node.items, defs, depth + 1, seen);
  return 2 + whitespace(depth - 1) + node.maxItems * (item + 1 + whitespace(depth));
}

/** The schema with each string and array limit moved `scale` of the way from its minimum to its maximum. */
function scaled(schema: GbnfJsonSchema, scale: number): GbnfJsonSchema {
  return scaleNode(schema, scale) as GbnfJsonSchema;
}

function scaleNode(node: unknown, scale: number): unknown {
  if (Array.isArray(node)) return node.map((child) => scaleNode(child, scale));
  if (!isObject(node)) return node;
  const copy = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, scaleNode(value, scale)]));
  if (typeof node.maxLength === 'number') {
    copy.maxLength = between(typeof node.minLength === 'number' ? node.minLength : 0, node.maxLength, scale);
  }
  if (typeof node.maxItems === 'number') {
    copy.maxItems = between(typeof node.minItems === 'number' ? node.minItems : 0, node.maxItems, scale);
  }
  return copy;
}

const between = (min: number, max: number, scale: number): number =>
  Math.max(min, Math.floor(min + (max - min) * scale));
