import type { GbnfJsonBasicSchema, GbnfJsonSchema, Llama, LlamaGrammar } from 'node-llama-cpp';
import { AppError } from '../shared/errors.ts';
import { patternGrammar } from './pattern-grammar.ts';

/**
 * A JSON-schema grammar whose string lengths hold at any size, and whose simple patterns hold too. node-llama-cpp writes `maxLength: n` as
 * `( string-char-rule ){min,n}`, and llama.cpp's grammar parser refuses n = 2,000 and silently ignores larger n
 * (measured on 3.21.1: a 4,000 limit accepts 12,000 characters). So long limits are written as chunks the parser
 * bounds: `c{min} ( c{100} ){0,q-1} ( c{100} c{0,r} | c{0,99} )` admits exactly min..n characters. node-llama-cpp
 * has no `pattern`; a simple one (pattern-grammar.ts, e.g. the idea's snake_case name) is written as its GBNF. The
 * schema goes through node-llama-cpp with each such string replaced by `{ maxLength: marker }` (an unused small
 * number), and the marker's rule is rewritten in the grammar text.
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

/** What replaces a marker's repetition, and the rule's new name. */
interface Rewrite {
  body: string;
  name: string;
}

export async function createSchemaGrammar(llama: Llama, schema: GbnfJsonSchema): Promise<LlamaGrammar> {
  const rewrites = new Map<number, Rewrite>();
  const used = new Set<number>();
  collectLengths(schema, used);
  const nextMarker = markerSource(used);
  const marked = markStrings(schema, rewrites, nextMarker);
  // The method's generic narrows a literal schema's type; ours is built at run time, so any variant will do.
  const draft = await llama.createGrammarForJsonSchema(marked as GbnfJsonBasicSchema);
  if (rewrites.size === 0) return draft;
  return llama.createGrammar({
    grammar: rewriteMarkedStrings(draft.grammar, rewrites),
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

/**
 * A copy of the schema with each long or patterned string replaced by `{ maxLength: marker }`; a pattern the
 * grammar cannot express is dropped (zod still checks it).
 */
function markStrings(node: unknown, rewrites: Map<number, Rewrite>, nextMarker: () => number): unknown {
  if (Array.isArray(node)) return node.map((child) => markStrings(child, rewrites, nextMarker));
  if (!isObject(node)) return node;
  if (node.type === 'string') {
    const { pattern, ...withoutPattern } = node;
    const { minLength: _minLength, ...rest } = withoutPattern;
    const maxLength = typeof node.maxLength === 'number' ? node.maxLength : undefined;
    const expressed = typeof pattern === 'string' ? patternGrammar(pattern, maxLength) : null;
    if (expressed) {
      const marker = nextMarker();
      rewrites.set(marker, { body: expressed.gbnf, name: `string-pattern-${marker}-rule` });
      return { ...rest, maxLength: marker };
    }
    if (maxLength !== undefined && maxLength >= NATIVE_LENGTH_LIMIT) {
      const limits = {
        minLength: typeof node.minLength === 'number' ? Math.min(node.minLength, maxLength) : 0,
        maxLength,
      };
      const marker = nextMarker();
      rewrites.set(marker, {
        body: chunkedRepetition(limits),
        name: `string-${limits.minLength}-${limits.maxLength}-rule`,
      });
      return { ...rest, maxLength: marker };
    }
    return withoutPattern;
  }
  return Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, markStrings(value, rewrites, nextMarker)]),
  );
}

function rewriteMarkedStrings(grammar: string, rewrites: Map<number, Rewrite>): string {
  let text = grammar;
  for (const [marker, rewrite] of rewrites) {
    const repetition = `( string-char-rule ){0,${marker}}`;
    const ruleName = `string-0-${marker}-rule`;
    if (!text.includes(repetition) || !text.includes(ruleName)) {
      throw new AppError(
        'INTERNAL',
        `node-llama-cpp wrote an unexpected grammar for string rule ${rewrite.name}`,
      );
    }
    text = text.replaceAll(repetition, rewrite.body).replaceAll(ruleName, rewrite.name);
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
