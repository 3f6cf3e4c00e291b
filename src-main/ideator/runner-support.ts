import type { ChatRequest, LlmClient, RetryEvent } from '../llm/index.ts';
import type { GraphStore } from '../graph/port.ts';
import { syncIdeaNode } from './graph-writeback.ts';
import type { LiteratureProvider } from './literature-tool.ts';
import type { NewTurn, SessionStore } from './session-store.ts';
import type { IdeaRecord, IdeatorListener, TurnRecord } from './types.ts';

/** What every protocol step needs, and the commit and event helpers they share. */

export interface RunnerDeps {
  store: SessionStore;
  graph: GraphStore | null;
  literature: LiteratureProvider | undefined;
  /** A client whose ledger belongs to this session (entries are persisted as they are recorded). */
  llm: LlmClient;
  /** The mentor's client (its own endpoint, the same session ledger); absent = `llm`. */
  mentorLlm?: LlmClient;
  /** Streamed tokens and retries, which are not stored. */
  emit: IdeatorListener;
  /** Sends the changes the store committed (turns, ideas, versions, usage), numbered, in order. */
  publish: () => void;
  signal: AbortSignal;
  actor: string;
  newId: () => string;
  stream: boolean;
}

/** Commits turns and moves the idea on, unless the user decided it meanwhile (their decision stands). */
export function commit(
  sessionId: string,
  deps: RunnerDeps,
  idea: IdeaRecord,
  turns: NewTurn[],
  patch: Parameters<SessionStore['updateIdea']>[1],
  write?: (turns: TurnRecord[]) => void,
): { turns: TurnRecord[]; idea: IdeaRecord } {
  const result = deps.store.tx(() => {
    const committed = turns.map((t) => deps.store.appendTurn(sessionId, t));
    write?.(committed);
    const fresh = deps.store.idea(idea.id);
    const { phase, round, outcome, decidedBy, ...always } = patch;
    const moved = fresh.phase === idea.phase ? { phase, round, outcome, decidedBy } : {};
    const clean = Object.fromEntries(
      Object.entries({ ...always, ...moved }).filter(([, v]) => v !== undefined),
    );
    return {
      turns: committed,
      idea: Object.keys(clean).length ? deps.store.updateIdea(idea.id, clean) : fresh,
    };
  });
  deps.publish();
  return result;
}

export function callHooks(
  sessionId: string,
  ideaId: string,
  agent: 'researcher' | 'mentor',
  deps: RunnerDeps,
): Pick<ChatRequest, 'onToken' | 'onRetry' | 'signal' | 'tags'> {
  return {
    ...(deps.stream
      ? {
          onToken: (text: string, attempt: number) =>
            deps.emit({ type: 'token', sessionId, ideaId, agent, text, attempt }),
        }
      : {}),
    onRetry: (e: RetryEvent) =>
      deps.emit({
        type: 'retry',
        sessionId,
        attempt: e.attempt,
        delayMs: e.delayMs,
        code: String(e.error.code),
        message: e.error.message,
      }),
    signal: deps.signal,
    tags: { sessionId, ideaId, turn: deps.store.lastSeq(sessionId) + 1 },
  };
}

/** Graph write-back is best effort: a failure is recorded on the idea and retried on the next step. */
export async function syncOne(
  sessionId: string,
  ideaId: string,
  deps: Pick<RunnerDeps, 'graph' | 'store' | 'actor' | 'publish'>,
): Promise<void> {
  if (!deps.graph) return;
  try {
    await syncIdeaNode(deps.graph, deps.store, ideaId, deps.actor);
    if (deps.store.idea(ideaId).graphError) deps.store.updateIdea(ideaId, { graphError: null });
  } catch (err) {
    deps.store.updateIdea(ideaId, { graphError: err instanceof Error ? err.message : String(err) });
  }
  deps.publish();
}

export async function syncStale(sessionId: string, deps: RunnerDeps): Promise<void> {
  if (!deps.graph) return;
  for (const idea of deps.store.ideas(sessionId)) {
    const stale = idea.graphNodeId === null || deps.store.graphSyncedVersion(idea.id) < idea.currentVersion;
    if (idea.currentVersion > 0 && stale) await syncOne(sessionId, idea.id, deps);
  }
}
