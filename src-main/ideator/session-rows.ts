import type { Citation } from './citations.ts';
import type { Idea } from './idea-schema.ts';
import type {
  ForkOrigin,
  IdeaPhase,
  IdeaRecord,
  IdeaVersionRecord,
  SessionConfig,
  SessionRecord,
  SessionStatus,
  TurnRecord,
} from './types.ts';

/** ideator.sqlite's rows as they come from SQLite, and the records they map to (JSON columns parsed). */

export interface SessionRow {
  id: string;
  topic: string;
  config: string;
  status: string;
  error: string | null;
  forked_from: string | null;
  created_at: string;
  updated_at: string;
  event_seq: number;
}

export interface IdeaRow {
  id: string;
  session_id: string;
  idx: number;
  phase: string;
  round: number;
  outcome: string | null;
  decided_by: string | null;
  current_version: number;
  graph_node_id: string | null;
  graph_synced_version: number;
  graph_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface TurnRow {
  session_id: string;
  seq: number;
  idea_id: string | null;
  round: number;
  kind: string;
  content: string;
  tool_calls: string;
  tool_call_id: string | null;
  tool_name: string | null;
  meta: string;
  created_at: string;
}

export interface VersionRow {
  idea_id: string;
  version: number;
  content: string;
  citations: string;
  turn_seq: number;
  repairs: number;
  created_at: string;
}

export function toSession(row: SessionRow): SessionRecord {
  return {
    id: row.id,
    topic: row.topic,
    config: JSON.parse(row.config) as SessionConfig,
    status: row.status as SessionStatus,
    error: row.error ? (JSON.parse(row.error) as SessionRecord['error']) : null,
    forkedFrom: row.forked_from ? (JSON.parse(row.forked_from) as ForkOrigin) : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    seq: row.event_seq,
  };
}

export function toIdea(row: IdeaRow): IdeaRecord {
  return {
    id: row.id,
    sessionId: row.session_id,
    index: row.idx,
    phase: row.phase as IdeaPhase,
    round: row.round,
    outcome: row.outcome as IdeaRecord['outcome'],
    decidedBy: row.decided_by as IdeaRecord['decidedBy'],
    currentVersion: row.current_version,
    graphNodeId: row.graph_node_id,
    graphError: row.graph_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toTurn(row: TurnRow): TurnRecord {
  return {
    sessionId: row.session_id,
    seq: row.seq,
    ideaId: row.idea_id,
    round: row.round,
    kind: row.kind as TurnRecord['kind'],
    content: row.content,
    toolCalls: JSON.parse(row.tool_calls) as TurnRecord['toolCalls'],
    toolCallId: row.tool_call_id,
    toolName: row.tool_name,
    meta: JSON.parse(row.meta) as Record<string, unknown>,
    createdAt: row.created_at,
  };
}

export function toVersion(row: VersionRow): IdeaVersionRecord {
  const citations = JSON.parse(row.citations) as Citation[];
  return {
    ideaId: row.idea_id,
    version: row.version,
    idea: JSON.parse(row.content) as Idea,
    citations,
    missingCitations: citations.filter((c) => c.status === 'missing').map((c) => c.ref),
    turnSeq: row.turn_seq,
    repairs: row.repairs,
    createdAt: row.created_at,
  };
}
