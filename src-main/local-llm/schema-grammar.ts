import type { GbnfJsonBasicSchema, GbnfJsonSchema, Llama, LlamaGrammar } from 'node-llama-cpp';
import { AppError } from '../shared/errors.ts';

/**
 * A JSON-schema grammar whose string lengths hold at any size. node-llama-cpp writes `maxLength: n` as
 * `( string-char-rule ){min,n}`, and llama.cpp's grammar parser refuses n = 2,000 and silently ignores larger n
 * (measured on 3.21.1: a 4,000 limit accepts 12,000 characters). So long limits are written as chunks the parser
 * bounds: `c{min} ( c{100} ){0,q-1} ( c{100} c{0,r} | c{0,99} )` admits exactly min..n characters. The schema
 * goes through node-llama-cpp with each long limit replaced by an unused small marker, and the marker's rule is
 * rewritten in the grammar text.
 */

type Json = Record<string, unknown>;

/** Limits below this are left to llama.cpp's own repetition (it handles up to 1,999). */
export const NATIVE_LENGTH_LIMIT = 1_000;
const CHUNK = 100;
const MARKERS_FROM = 900;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

interface LongString {
  minLength: number;
  maxLength: number;
}

export async function createSchemaGrammar(llama: Llama, schema: GbnfJsonSchema): Promise<LlamaGrammar> {
  const longs = new Map<number, LongString>();
  const used = new Set<number>();
  collectLengths(schema, used);
  const nextMarker = markerSource(used);
  const marked = markLongStrings(schema, longs, nextMarker);
  // The method's generic narrows a literal schema's type; ours is built at run time, so any variant will do.
  const draft = await llama.createGrammarForJsonSchema(marked as GbnfJsonBasicSchema);
  if (longs.size === 0) return draft;
  return llama.createGrammar({
    grammar: rewriteLongStrings(draft.grammar, longs),
    stopGenerationTriggers: draft.stopGenerationTriggers,
    trimWhitespaceSuffix: draft.trimWhitespaceSuffix,
  });
}

/** Every maxLength in the schema, so markers never collide with a real limit. */
function collectLengths(node: unknown, used: Set<number>): void {
  if (Array.isArray(node)) return node.forEach((child) => collectLengths(child, used));
  if (!isObject(node)) return;
  if (typeof node.maxLength === 'number') used.add(node.maxLength);
  for (const value of Object.values(node)) collectLengths(value, used);
}

function markerSource(used: Set<number>): () => number {
  let next = MARKERS_FROM;
  return () => {
    while (used.has(next)) next += 1;
    if (next >= NATIVE_LENGTH_LIMIT) {
      throw new AppError('LLM_BAD_REQUEST', 'The JSON schema has too many distinct long string limits', {
        retryable: false,
        reason: 'schema-too-complex',
      });
    }
    used.add(next);
    return next;
  };
}

/** A copy of the schema with each long string limit (and its minimum) replaced by `{ maxLength: marker }`. */
function markLongStrings(node: unknown, longs: Map<number, LongString>, nextMarker: () => number): unknown {
  if (Array.isArray(node)) return node.map((child) => markLongStrings(child, longs, nextMarker));
  if (!isObject(node)) return node;
  if (node.type === 'string' && typeof node.maxLength === 'number' && node.maxLength >= NATIVE_LENGTH_LIMIT) {
    const minLength = typeof node.minLength === 'number' ? Math.min(node.minLength, node.maxLength) : 0;
    const marker = nextMarker();
    longs.set(marker, { minLength, maxLength: node.maxLength });
    const { minLength: _min, ...rest } = node;
    return { ...rest, maxLength: marker };
  }
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, markLongStrings(value, longs, nextMarker)]),
  );
}

function rewriteLongStrings(grammar: string, longs: Map<number, LongString>): string {
  let text = grammar;
  for (const [marker, limits] of longs) {
    const repetition = `( string-char-rule ){0,${marker}}`;
    const ruleName = `string-0-${marker}-rule`;
    if (!text.includes(repetition) || !text.includes(ruleName)) {
      throw new AppError(
        'INTERNAL',
        `node-llama-cpp wrote an unexpected grammar for a ${limits.maxLength}-character string`,
      );
    }
    text = text
      .replaceAll(repetition, chunkedRepetition(limits))
      .replaceAll(ruleName, `string-${limits.minLength}-${limits.maxLength}-rule`);
  }
  return text;
}

/** min..max string characters as repetitions llama.cpp bounds: whole chunks, then a last chunk or a short tail. */
export function chunkedRepetition({ minLength, maxLength }: LongString): string {
  const char = 'string-char-rule';
  const optional = maxLength - minLength;
  const chunks = Math.floor(optional / CHUNK);
  const rest = optional - chunks * CHUNK;
  const required = minLength > 0 ? `( ${char} ){${minLength}} ` : '';
  if (chunks === 0) return `${required}( ${char} ){0,${rest}}`;
  const leading = chunks > 1 ? `( ( ${char} ){${CHUNK}} ){0,${chunks - 1}} ` : '';
  const last = rest > 0 ? `( ${char} ){${CHUNK}} ( ${char} ){0,${rest}}` : `( ${char} ){${CHUNK}}`;
  return `${required}${leading}( ${last} | ( ${char} ){0,${CHUNK - 1}} )`;
}
