import type { LedgerEntry } from '../llm/index.ts';
import type { Citation } from './citations.ts';
import type { Idea } from './idea-schema.ts';
import type { InspirationMethod } from './inspiration.ts';
import type { LiteratureMode } from './literature-tool.ts';
import type { MentorPersona, MentorPolicy } from './mentor-policy.ts';

/** Records the ideator persists and the events it emits; plain data, safe to forward to the renderer. */

export interface SessionConfig {
  topic: string;
  ideas: number;
  maxRounds: number;
  /** Ablation: the researcher gets no graph tools. */
  noGraph: boolean;
  /** Ablation: no deliberation; the first draft is the result. */
  noMentor: boolean;
  /** Estimated prompt tokens (chars / 4) allowed per call; older rounds are compacted to fit. */
  promptBudgetTokens: number;
  /** Tool-calling steps per exploration or answer before the researcher must write. */
  maxToolSteps: number;
  maxToolResultChars: number;
  /** Seeds get_random_nodes so a rerun of the same session picks the same nodes. */
  seed: number;
  researcherPrompt: string;
  mentorPrompt: string;
  /** Planning methods the user chose as extra context (issue 6); absent in sessions made before it existed. */
  inspiration?: InspirationMethod[];
  /** The researcher model for this session (a protocol setting's); absent: the configured researcher model. */
  researcherModel?: string;
  /**
   * Earlier ideas shown to the researcher come from this session only, not from every session on the topic:
   * a protocol run's settings must not read each other's ideas. Absent (false): the whole topic.
   */
  isolated?: boolean;
  /** Which aspect each round questions and when a verdict counts; absent (older sessions): the fixed cycle. */
  mentorPolicy?: MentorPolicy;
  /**
   * How literature_search results read: `full` (up to 20 papers with whole abstracts) or the paper's `titles`
   * ablation; absent (sessions before issue 16): 5 papers, abstracts cut to 500 characters.
   */
  literature?: LiteratureMode;
  /** The mentor's persona; absent (older sessions): the supervisor. */
  persona?: MentorPersona;
}

/** `interrupted`: the file says running but no process is running it (a crash); resumeSession continues it. */
export type SessionStatus = 'running' | 'paused' | 'stopped' | 'completed' | 'failed' | 'interrupted';

export interface ForkOrigin {
  sessionId: string;
  ideaId: string;
  version: number;
}

/** Where a failed run stopped: the step Resume retries (idea index from 0, the mentor round, the phase). */
export interface FailurePoint {
  idea: number;
  round: number;
  phase: IdeaPhase | 'starting';
}

export interface SessionError {
  code: string;
  message: string;
  at?: FailurePoint;
}

export interface SessionRecord {
  id: string;
  topic: string;
  config: SessionConfig;
  status: SessionStatus;
  error: SessionError | null;
  forkedFrom: ForkOrigin | null;
  createdAt: string;
  updatedAt: string;
  /** The number of the session's latest committed change when this record was read (see SessionChange). */
  seq: number;
}

export type IdeaPhase = 'explore' | 'draft' | 'mentor' | 'answer' | 'revise' | 'done';

/** How an idea ended: the mentor's verdict, the round limit, no mentor (ablation), or the user's decision. */
export type IdeaOutcome = 'accepted' | 'rejected' | 'round_limit' | 'unreviewed' | null;

export interface IdeaRecord {
  id: string;
  sessionId: string;
  index: number;
  phase: IdeaPhase;
  round: number;
  outcome: IdeaOutcome;
  decidedBy: 'mentor' | 'user' | 'limit' | null;
  currentVersion: number;
  graphNodeId: string | null;
  graphError: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface IdeaVersionRecord {
  ideaId: string;
  version: number;
  idea: Idea;
  citations: Citation[];
  /** Refs that name no graph node: flagged, no CITES edge. */
  missingCitations: string[];
  turnSeq: number;
  repairs: number;
  createdAt: string;
}

export type TurnKind = 'researcher' | 'tool' | 'idea' | 'mentor' | 'human' | 'note';

export interface TurnToolCall {
  id: string;
  name: string;
  arguments: string;
}

export interface TurnRecord {
  sessionId: string;
  seq: number;
  ideaId: string | null;
  round: number;
  kind: TurnKind;
  content: string;
  toolCalls: TurnToolCall[];
  toolCallId: string | null;
  toolName: string | null;
  meta: Record<string, unknown>;
  createdAt: string;
}

/**
 * A committed change to a session, numbered per session (`seq`, assigned in the transaction that commits it and
 * stored with it): the renderer applies these as deltas, and `since(seq)` replays them after a missed event.
 */
export type SessionChange =
  | { type: 'turn'; sessionId: string; seq: number; turn: TurnRecord }
  | { type: 'status'; sessionId: string; seq: number; status: SessionStatus; error: SessionRecord['error'] }
  | { type: 'idea'; sessionId: string; seq: number; idea: IdeaRecord }
  | { type: 'version'; sessionId: string; seq: number; version: IdeaVersionRecord }
  | { type: 'usage'; sessionId: string; seq: number; entry: LedgerEntry };

/** What changes carry, before the store numbers them. */
export type UnnumberedChange = SessionChange extends infer C
  ? C extends SessionChange
    ? Omit<C, 'seq'>
    : never
  : never;

/** Changes, plus what is only shown while it happens (streamed tokens, retries): those are not numbered. */
export type IdeatorEvent =
  | SessionChange
  | {
      type: 'token';
      sessionId: string;
      ideaId: string;
      agent: 'researcher' | 'mentor';
      text: string;
      /** Grows when a failed attempt's streamed text should be discarded. */
      attempt: number;
    }
  /** A failed call is being retried after `delayMs` (rate limit, 5xx, timeout). */
  | { type: 'retry'; sessionId: string; attempt: number; delayMs: number; code: string; message: string };

export type IdeatorListener = (event: IdeatorEvent) => void;
