import type {
  IdeatorCitation,
  IdeatorMentorPersona,
  IdeatorMentorPolicy,
  IdeatorSessionRecord,
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

// What comes next when nothing runs (paused, failed, interrupted, stopped): no claim of activity.
const NEXT_STEP_WORDS: Record<string, string> = {
  explore: 'next: the researcher explores the graph',
  draft: 'next: the researcher drafts the idea',
  mentor: 'next: the mentor’s question',
  answer: 'next: the researcher’s answer',
  revise: 'next: the researcher revises the idea',
  done: 'idea finished',
};

/**
 * "Idea i of N, round r of R": the idea under discussion, or the last one once all are done. The phase says
 * what is happening only while the session runs; otherwise it says what Resume would do next.
 */
export function progressOf(detail: IdeatorSessionDetail): Progress {
  const { config, status } = detail.session;
  const current = detail.ideas.find((i) => i.phase !== 'done') ?? detail.ideas.at(-1);
  const words = status === 'running' ? PHASE_WORDS : NEXT_STEP_WORDS;
  return {
    ideaNumber: current ? current.index + 1 : 0,
    ideas: config.ideas,
    round: current?.round ?? 0,
    maxRounds: config.maxRounds,
    phase: current
      ? (words[current.phase] ?? current.phase)
      : status === 'running'
        ? 'starting'
        : 'not started',
  };
}

const FAILED_STEP_WORDS: Record<string, string> = {
  explore: 'while the researcher explored the graph',
  draft: 'while the researcher drafted the idea',
  mentor: 'at the mentor’s question',
  answer: 'while the researcher answered',
  revise: 'while the researcher revised the idea',
  starting: 'before the next idea started',
};

const FAILURE_HINTS: Record<string, string> = {
  LLM_UNAUTHORIZED: 'Check the API key in Settings, then Resume.',
  LLM_NOT_FOUND: 'Check the model name and base URL in Settings, then Resume.',
  LLM_UNAVAILABLE: 'Check that the LLM server is running, then Resume.',
  LLM_RATE_LIMITED: 'Wait a little, then Resume.',
};

/** A failed session's cause, where it stopped and what Resume does, in one sentence the user can act on. */
export function failureText(error: NonNullable<IdeatorSessionRecord['error']>): string {
  const at = error.at;
  const where = at
    ? ` (idea ${at.idea + 1}, round ${at.round}, ${FAILED_STEP_WORDS[at.phase] ?? at.phase})`
    : '';
  const resume = at
    ? ` — Resume will retry from ${at.round > 0 ? `round ${at.round}` : 'that step'}; nothing already paid for is asked again.`
    : ' — Resume will retry the failed step.';
  const hint = FAILURE_HINTS[error.code];
  return `Failed: ${error.message}${where}${resume}${hint ? ` ${hint}` : ''}`;
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

export type PersonaKind = IdeatorMentorPersona['kind'];

/** The start form's mentor choice as a session option: none for the supervisor (the default). */
export function personaOption(kind: PersonaKind, venue: string): { persona?: IdeatorMentorPersona } {
  if (kind === 'supervisor') return {};
  return { persona: kind === 'reviewer' ? { kind, venue: venue.trim() } : { kind } };
}

/** The mentor's persona when the session chose one: " (skeptic)", " (reviewer, ICLR 2026)"; "" for the supervisor. */
function personaLabel(meta: Record<string, unknown>): string {
  const persona = meta['persona'];
  if (typeof persona !== 'string' || persona === 'supervisor') return '';
  const venue = meta['venue'];
  return persona === 'reviewer' && typeof venue === 'string' ? ` (reviewer, ${venue})` : ` (${persona})`;
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
      return `Mentor${personaLabel(turn.meta)}, round ${turn.round}${turn.meta['aspect'] ? ` (${String(turn.meta['aspect'])})` : ''}`;
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

export type PolicyOrder = IdeatorMentorPolicy['order'];
export type VerdictAspect = IdeatorMentorPolicy['verdictAfter'][number];
export const VERDICT_ASPECTS: readonly VerdictAspect[] = ['innovation', 'feasibility', 'rationality'];

/** The start form's mentor policy as a session option; the verdict aspects belong to the weakest order only. */
export function policyOption(
  order: PolicyOrder,
  verdictAfter: readonly VerdictAspect[],
): { mentorPolicy: IdeatorMentorPolicy } {
  const after = order === 'cycle' ? [] : VERDICT_ASPECTS.filter((a) => verdictAfter.includes(a));
  return { mentorPolicy: { order, verdictAfter: after } };
}

/** The fewest max rounds that leave the mentor a round for its verdict (the ideator refuses fewer). */
export const roundsForVerdict = (order: PolicyOrder, verdictAfter: readonly VerdictAspect[]): number =>
  order === 'cycle' ? 1 : verdictAfter.length + 1;

/** A recorded session's policy for the form (a fork keeps it); none recorded: the fixed cycle it ran. */
export function formPolicy(policy: IdeatorMentorPolicy | undefined): {
  policy: PolicyOrder;
  verdictAfter: VerdictAspect[];
} {
  return policy
    ? { policy: policy.order, verdictAfter: [...policy.verdictAfter] }
    : { policy: 'cycle', verdictAfter: [] };
}
