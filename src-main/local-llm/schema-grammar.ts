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
/** Past this a limit is dropped (zod still checks it): 1,500 chunks of 100 characters. */
export const MAX_BOUNDED_LENGTH = 150_000;
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
  const used = new Set<number>();
  collectLengths(schema, used);
  const markers = new Markers(used);
  const marked = markStrings(schema, markers);
  // The method's generic narrows a literal schema's type; ours is built at run time, so any variant will do.
  const draft = await llama.createGrammarForJsonSchema(marked as GbnfJsonBasicSchema);
  if (markers.rewrites.size === 0) return draft;
  return llama.createGrammar({
    grammar: rewriteMarkedStrings(draft.grammar, markers.rewrites),
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

/** One unused small number per distinct rule body; null once they run out (the string is left to zod). */
class Markers {
  readonly rewrites = new Map<number, Rewrite>();
  readonly #byBody = new Map<string, number>();
  readonly #used: Set<number>;
  #next = MARKERS_FROM;

  constructor(used: Set<number>) {
    this.#used = used;
  }

  /** The marker for a rule body; `name` names the rewritten rule (given the marker, so it is unique). */
  markerFor(body: string, name: (marker: number) => string): number | null {
    const known = this.#byBody.get(body);
    if (known !== undefined) return known;
    while (this.#used.has(this.#next)) this.#next += 1;
    if (this.#next >= NATIVE_LENGTH_LIMIT) return null;
    const marker = this.#next;
    this.#used.add(marker);
    this.#byBody.set(body, marker);
    this.rewrites.set(marker, { body, name: name(marker) });
    return marker;
  }
}

const wholeNumber = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;

/**
 * A copy of the schema with each long or patterned string replaced by `{ maxLength: marker }`. A pattern the
 * grammar cannot express is dropped, and so is a limit past MAX_BOUNDED_LENGTH or a string no marker is left
 * for: zod still checks them, a miss is a repair turn.
 */
function markStrings(node: unknown, markers: Markers): unknown {
  if (Array.isArray(node)) return node.map((child) => markStrings(child, markers));
  if (!isObject(node)) return node;
  if (node.type !== 'string') {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, markStrings(value, markers)]));
  }
  const { pattern, minLength: _minLength, maxLength: _maxLength, ...rest } = node;
  const maxLength = wholeNumber(node.maxLength);
  const minLength = Math.min(wholeNumber(node.minLength) ?? 0, maxLength ?? Infinity);
  const expressed = typeof pattern === 'string' ? patternGrammar(pattern, maxLength) : null;
  const marker = expressed
    ? markers.markerFor(expressed.gbnf, (m) => `string-pattern-${m}-rule`)
    : maxLength !== undefined && maxLength >= NATIVE_LENGTH_LIMIT && maxLength <= MAX_BOUNDED_LENGTH
      ? markers.markerFor(
          chunkedRepetition({ minLength, maxLength }),
          () => `string-${minLength}-${maxLength}-rule`,
        )
      : null;
  if (marker !== null) return { ...rest, maxLength: marker };
  // Limits llama.cpp's own repetition holds; anything longer is dropped rather than half-applied.
  const native = (limit: number | undefined) => limit !== undefined && limit < NATIVE_LENGTH_LIMIT;
  return {
    ...rest,
    ...(native(minLength) && minLength > 0 ? { minLength } : {}),
    ...(native(maxLength) ? { maxLength } : {}),
  };
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
  const required = minLength > 0 ? `${fixedRepetition(char, minLength)} ` : '';
  if (chunks === 0) return `${required}( ${char} ){0,${rest}}`;
  const leading = chunks > 1 ? `( ( ${char} ){${CHUNK}} ){0,${chunks - 1}} ` : '';
  const last = rest > 0 ? `( ${char} ){${CHUNK}} ( ${char} ){0,${rest}}` : `( ${char} ){${CHUNK}}`;
  return `${required}${leading}( ${last} | ( ${char} ){0,${CHUNK - 1}} )`;
}

/** Exactly n characters; a long n in whole chunks (llama.cpp refuses one repetition of 2,000). */
function fixedRepetition(char: string, n: number): string {
  if (n < NATIVE_LENGTH_LIMIT) return `( ${char} ){${n}}`;
  const chunks = Math.floor(n / CHUNK);
  const rest = n - chunks * CHUNK;
  return `( ( ${char} ){${CHUNK}} ){${chunks}}${rest > 0 ? ` ( ${char} ){${rest}}` : ''}`;
}
