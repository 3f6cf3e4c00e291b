import { chatStructured } from '../llm/index.ts';
import { AppError } from '../shared/errors.ts';
import type { ChatMessage, ChatResult, LlmClient } from '../llm/index.ts';
import { ExtractionSchema } from './extraction-schema.ts';
import type { Triple } from './extraction-schema.ts';
import { checkNode } from './naming-rules.ts';
import type { RuleViolation } from './naming-rules.ts';
import { paperParts } from './paper-chunks.ts';
import type { PaperPart } from './paper-chunks.ts';
import { normalizeName } from '../graph/normalize-name.ts';
import { EXTRACTOR_PROMPT_VERSION, EXTRACTOR_SYSTEM, extractorUserMessage } from './prompts.ts';

/**
 * One paper → triples. The reply's shape is validated by zod (chatStructured repairs a malformed reply once); the
 * naming rules are checked per triple, and the violations go back to the model for one repair. Triples that still
 * break a rule are returned as `rejected` with the reasons: reported, never stored silently.
 */

export interface PaperText {
  id: string;
  title: string;
  abstract: string;
  body?: string;
}

export interface RejectedTriple {
  triple: Triple;
  violations: RuleViolation[];
}

export interface ExtractionOutcome {
  accepted: Triple[];
  rejected: RejectedTriple[];
  /** Naming-rule repair turns used (0 or 1). */
  ruleRepairs: number;
  calls: ChatResult[];
}

export function tripleViolations(triple: Triple, paperTitle: string): RuleViolation[] {
  return [
    ...checkNode('Problem', triple.problem, paperTitle),
    ...checkNode('Challenge', triple.challenge, paperTitle),
    ...checkNode('Solution', triple.solution, paperTitle),
  ];
}

function split(triples: Triple[], title: string): { accepted: Triple[]; rejected: RejectedTriple[] } {
  const accepted: Triple[] = [];
  const rejected: RejectedTriple[] = [];
  for (const triple of triples) {
    const violations = tripleViolations(triple, title);
    if (violations.length === 0) accepted.push(triple);
    else rejected.push({ triple, violations });
  }
  return { accepted, rejected };
}

function ruleRepairMessage(rejected: RejectedTriple[]): ChatMessage {
  const lines = rejected.flatMap((r, i) =>
    r.violations.map(
      (v) => `- triple ${i + 1}, ${v.kind.toLowerCase()} ${v.field} "${v.value}": ${v.message}`,
    ),
  );
  return {
    role: 'user',
    content:
      'Some triples break the naming rules:\n' +
      lines.join('\n') +
      '\nReply again with the complete JSON object (all triples, the broken ones corrected), with no other text.',
  };
}

export async function extractTriples(
  client: LlmClient,
  paper: PaperPart,
  options: { signal?: AbortSignal; sessionId?: string } = {},
): Promise<ExtractionOutcome> {
  const messages: ChatMessage[] = [
    { role: 'system', content: EXTRACTOR_SYSTEM },
    { role: 'user', content: extractorUserMessage(paper) },
  ];
  const common = {
    role: 'extractor' as const,
    schemaName: 'triples',
    temperature: 0,
    ...(options.signal ? { signal: options.signal } : {}),
    tags: options.sessionId ? { sessionId: options.sessionId } : {},
  };
  const first = await chatStructured(client, ExtractionSchema, { ...common, messages });
  const calls = [...first.calls];
  const firstSplit = split(first.value.triples, paper.title);
  if (firstSplit.rejected.length === 0) return { ...firstSplit, ruleRepairs: 0, calls };

  const lastReply = first.calls.at(-1)?.content ?? JSON.stringify(first.value);
  try {
    const repaired = await chatStructured(client, ExtractionSchema, {
      ...common,
      messages: [
        ...messages,
        { role: 'assistant', content: lastReply },
        ruleRepairMessage(firstSplit.rejected),
      ],
      maxRepairs: 0,
    });
    calls.push(...repaired.calls);
    return { ...split(repaired.value.triples, paper.title), ruleRepairs: 1, calls };
  } catch (err) {
    // A malformed repair must not cost the triples the first answer got right.
    if (err instanceof AppError && err.code === 'LLM_BAD_OUTPUT')
      return { ...firstSplit, ruleRepairs: 1, calls };
    throw err;
  }
}

export interface PaperExtraction extends ExtractionOutcome {
  /** The extractor prompt's version, recorded with the result. */
  prompt: string;
  /** How many parts the paper was read in, and how much text past the last part was not sent. */
  parts: number;
  cutChars: number;
}

const tripleKey = (t: Triple): string =>
  [t.problem.name, t.challenge.name, t.solution.name].map(normalizeName).join('\u0000');

/** Triples found in several parts are one triple: the first part's wording is kept. */
export function mergeTriples(lists: readonly Triple[][]): Triple[] {
  const seen = new Map<string, Triple>();
  for (const list of lists) for (const t of list) if (!seen.has(tripleKey(t))) seen.set(tripleKey(t), t);
  return [...seen.values()];
}

/** The whole paper, part by part (paper-chunks.ts), then one merge step over the parts' triples. */
export async function extractPaper(
  client: LlmClient,
  paper: PaperText,
  options: { signal?: AbortSignal; sessionId?: string } = {},
): Promise<PaperExtraction> {
  const { parts, cutChars } = paperParts(paper);
  const outcomes: ExtractionOutcome[] = [];
  for (const part of parts) outcomes.push(await extractTriples(client, part, options));
  const rejected = outcomes.flatMap((o) => o.rejected);
  return {
    accepted: mergeTriples(outcomes.map((o) => o.accepted)),
    rejected: rejected.filter(
      (r, i) => rejected.findIndex((x) => tripleKey(x.triple) === tripleKey(r.triple)) === i,
    ),
    ruleRepairs: outcomes.reduce((sum, o) => sum + o.ruleRepairs, 0),
    calls: outcomes.flatMap((o) => o.calls),
    prompt: EXTRACTOR_PROMPT_VERSION,
    parts: parts.length,
    cutChars,
  };
}
