import type {
  IdeatorCitation,
  IdeatorSessionDetail,
  IdeatorSessionStatus,
  IdeatorTurn,
} from '../../../src-main/contract/ideator.ts';

/** Pure helpers behind the Ideate section: progress, citation marking, labels. No DOM, no state. */

export type TextPart = { text: string } | { ref: string; status: IdeatorCitation['status'] | 'unknown' };

// The same shape the ideator extracts (src-main/ideator/citations.ts): kg:<kind>:<name>, names underscored.
const REF = /kg:(problem|challenge|solution|paper|topic):([\p{L}\p{N}_\-'./]+)/giu;

/**
 * Splits model text into plain runs and `kg:` citations, each citation tagged with what the ideator found
 * (resolved / missing / unchecked). The parts are rendered as text nodes: the model's words never become HTML.
 */
export function citationParts(text: string, citations: readonly IdeatorCitation[]): TextPart[] {
  const byRef = new Map(citations.map((c) => [c.ref.toLowerCase(), c.status]));
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(REF)) {
    const raw = match[0];
    const ref = raw.replace(/[.'/-]+$/u, '');
    const start = match.index;
    if (start > last) parts.push({ text: text.slice(last, start) });
    parts.push({ ref, status: byRef.get(ref.toLowerCase()) ?? 'unknown' });
    last = start + ref.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

export interface Progress {
  ideaNumber: number;
  ideas: number;
  round: number;
  maxRounds: number;
  phase: string;
}

const PHASE_WORDS: Record<string, string> = {
  explore: 'researcher exploring the graph',
  draft: 'researcher drafting the idea',
  mentor: 'mentor questioning',
  answer: 'researcher answering',
  revise: 'researcher revising the idea',
  done: 'idea finished',
};

/** "Idea i of N, round r of R": the idea under discussion, or the last one once all are done. */
export function progressOf(detail: IdeatorSessionDetail): Progress {
  const { config } = detail.session;
  const current = detail.ideas.find((i) => i.phase !== 'done') ?? detail.ideas.at(-1);
  return {
    ideaNumber: current ? current.index + 1 : 0,
    ideas: config.ideas,
    round: current?.round ?? 0,
    maxRounds: config.maxRounds,
    phase: current ? (PHASE_WORDS[current.phase] ?? current.phase) : 'starting',
  };
}

export const STATUS_WORDS: Record<IdeatorSessionStatus, string> = {
  running: 'Running',
  paused: 'Paused',
  stopped: 'Stopped',
  completed: 'Completed',
  failed: 'Failed',
  interrupted: 'Interrupted (resume to continue)',
};

export const OUTCOME_WORDS: Record<string, string> = {
  accepted: 'Accepted',
  rejected: 'Rejected',
  round_limit: 'Round limit reached',
  unreviewed: 'Unreviewed (no mentor)',
};

export function usd(value: number): string {
  return `$${value < 0.01 && value > 0 ? value.toFixed(4) : value.toFixed(2)}`;
}

/** A cost as the user should read it: with no price known for any model, "$0.00" would be a false figure. */
export function costText(cost: { usd: number; unpricedModels: readonly string[] }): string {
  if (cost.unpricedModels.length === 0) return usd(cost.usd);
  const missing = `no price for ${cost.unpricedModels.join(', ')}`;
  return cost.usd > 0 ? `${usd(cost.usd)} + unknown (${missing})` : `unknown (${missing})`;
}

/** Who speaks in a transcript turn, as the user reads it. */
export function speaker(turn: IdeatorTurn): string {
  switch (turn.kind) {
    case 'researcher':
      return turn.toolCalls.length ? 'Researcher (tool calls)' : 'Researcher';
    case 'tool':
      return `Tool result: ${turn.toolName ?? 'unknown tool'}`;
    case 'idea':
      return `Idea version ${String(turn.meta['version'] ?? '?')}`;
    case 'mentor':
      return `Mentor, round ${turn.round}${turn.meta['aspect'] ? ` (${String(turn.meta['aspect'])})` : ''}`;
    case 'human':
      return 'You (human mentor)';
    case 'note':
      return 'Note';
  }
}

/** Tool arguments and results are JSON; show them indented when they parse, as sent when they do not. */
export function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** A session can take human input (interject, decide) unless it is over. */
export function isOpen(status: IdeatorSessionStatus): boolean {
  return status !== 'completed' && status !== 'stopped';
}

/** The topic a "use as inspiration" selection suggests; the ideator caps topics at 500 characters. */
export function inspirationTopic(methodNames: readonly string[]): string {
  const topic = `New research ideas building on the LLM planning methods ${methodNames.join(', ')}`;
  return topic.length <= 500 ? topic : `${topic.slice(0, 497)}...`;
}
