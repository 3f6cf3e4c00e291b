import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { UsageLedger } from '../llm/index.ts';
import type { LlmClient, UsageTotals } from '../llm/index.ts';
import type { GraphStore } from '../graph/port.ts';
import { errorFields } from '../shared/error-fields.ts';
import { internalError } from '../shared/internal-error.ts';
import { AppError } from '../shared/errors.ts';
import type { LiteratureProvider } from './literature-tool.ts';
import { leaseMs, markDone, markLive, newLease, ownedElsewhere, runKey, thisProcess } from './ownership.ts';
import type { LeaseOptions, Owner } from './ownership.ts';
import { runSession } from './runner.ts';
import { syncOne } from './runner-support.ts';
import { recordDecision, undoDecision } from './decisions.ts';
import type { Decision, DecisionChange } from './decisions.ts';
import { writeFork } from './fork-session.ts';
import { agentsAfter } from './agent-ledger.ts';
import type { AgentUsage } from './agent-ledger.ts';
import { branchCut, writeBranch } from './branch-session.ts';
import type { BranchCut, BranchRequest } from './branch-session.ts';
import { startHeartbeat } from './lease-heartbeat.ts';
import { buildConfig } from './session-config.ts';
import { LEGACY_POLICY } from './mentor-policy.ts';
import type { SessionOptions, StartInput } from './session-config.ts';
import { SessionStore } from './session-store.ts';
import type {
  IdeaRecord,
  IdeaVersionRecord,
  IdeatorEvent,
  IdeatorListener,
  FailurePoint,
  SessionChange,
  SessionConfig,
  SessionRecord,
  TurnRecord,
} from './types.ts';

/**
 * The ideator's public face: start, pause, resume, stop, interject, decide, fork, list and get sessions. Each
 * running session has one runner and one AbortController; pausing or stopping aborts the call in flight (it was
 * not committed, so it is asked again on resume). Events go to `onEvent` for the lead to forward to the UI.
 */

export interface IdeatorOptions {
  /** `<dataDir>/ideator.sqlite` holds the sessions. */
  dataDir: string;
  /** The researcher's client; its ledger's prices price the sessions. */
  llm: LlmClient;
  /** The mentor's client when its endpoint differs (per-role endpoints); default `llm`. */
  mentorLlm?: LlmClient;
  /** Tools read it and ideas are written back to it; null runs without graph tools or write-back. */
  graph: GraphStore | null;
  onEvent?: IdeatorListener;
  /** literature_search's remote source; without it the tool searches the Paper nodes of the local graph. */
  literature?: LiteratureProvider;
  /** Recorded as createdBy/updatedBy on graph writes. */
  actor?: string;
  /** Stream tokens as events (default: true when onEvent is given). */
  stream?: boolean;
  defaults?: SessionOptions;
  /** Failures and lost leases are logged here with their cause and stack (the app passes its file logger). */
  log?: IdeatorLog;
  /** The ownership lease: its duration and the host name recorded (see ownership.ts). */
  lease?: LeaseOptions;
}

/** The part of the app's logger the ideator uses (structurally the core Logger). */
export interface IdeatorLog {
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** What the fork form may change: session options, the topic, and guidance for the researcher. */
export type ForkOptions = SessionOptions & { topic?: string; guidance?: string };

export interface SessionDetail {
  session: SessionRecord;
  ideas: Array<IdeaRecord & { versions: IdeaVersionRecord[] }>;
  turns: TurnRecord[];
  usage: UsageTotals;
}

/** `lost`: another process took the session over after this one's lease lapsed (a stall, a sleeping laptop). */
type StopReason = 'pause' | 'stop' | 'close' | 'lost';

interface Run {
  controller: AbortController;
  reason: StopReason | null;
  done: Promise<void>;
  lease: Owner;
  stopHeartbeat: () => void;
}

export class IdeatorManager {
  readonly store: SessionStore;
  readonly #options: IdeatorOptions;
  readonly #runs = new Map<string, Run>();

  constructor(options: IdeatorOptions) {
    this.#options = options;
    this.store = new SessionStore(join(options.dataDir, 'ideator.sqlite'));
  }

  /** Sends the store's committed changes, in order, to the listener (each carries its `seq`). */
  #publish(): void {
    for (const change of this.store.drain()) this.#emit(change);
  }

  #emit(event: IdeatorEvent): void {
    if (event.type === 'retry') {
      const { type: _type, ...fields } = event;
      this.#options.log?.warn('ideator LLM call failed; retrying', fields);
    }
    try {
      this.#options.onEvent?.(event);
    } catch {
      // A faulty listener must not break a paid-for session.
    }
  }

  #config(input: StartInput): SessionConfig {
    return buildConfig(input, this.#options.defaults);
  }

  /** Creates the session and starts running it in the background; `whenSettled` waits for it. */
  start(input: StartInput): SessionRecord {
    const session = this.store.createSession(randomUUID(), this.#config(input), null);
    this.#publish();
    this.#launch(session.id);
    return this.get(session.id).session;
  }

  /** Continues a paused, failed or interrupted (crashed) session from its last committed turn. */
  resume(sessionId: string): SessionRecord {
    if (this.#runs.has(sessionId)) return this.#record(sessionId);
    // Check and claim in one write transaction, so two processes resuming an expired lease cannot both win.
    const lease = this.store.tx(() => {
      const session = this.#record(sessionId);
      if (session.status === 'completed' || session.status === 'stopped') {
        throw new AppError('CONFLICT', `Session ${sessionId} is ${session.status} and cannot be resumed`);
      }
      this.#refuseIfElsewhere(session);
      const claimed = newLease(this.#options.lease ?? {});
      this.store.setStatus(sessionId, 'running');
      this.store.setOwner(sessionId, claimed);
      return claimed;
    });
    this.#publish();
    this.#launch(sessionId, lease);
    return this.#record(sessionId);
  }

  async pause(sessionId: string): Promise<SessionRecord> {
    return this.#halt(sessionId, 'pause');
  }

  async stop(sessionId: string): Promise<SessionRecord> {
    return this.#halt(sessionId, 'stop');
  }

  async #halt(sessionId: string, reason: 'pause' | 'stop'): Promise<SessionRecord> {
    const run = this.#runs.get(sessionId);
    if (run) {
      run.reason = reason;
      run.controller.abort();
      await run.done;
    } else {
      const session = this.#record(sessionId);
      this.#refuseIfElsewhere(session);
      const status = session.status;
      if (status === 'completed' || status === 'stopped') return session;
      this.#setStatus(sessionId, reason === 'pause' ? 'paused' : 'stopped');
    }
    return this.#record(sessionId);
  }

  /** A human-mentor turn for the idea under discussion; it replaces the mentor's next question. */
  interject(sessionId: string, text: string): TurnRecord {
    const content = text.trim();
    if (!content) throw new AppError('VALIDATION', 'The interjection is empty', { field: 'text' });
    const session = this.#record(sessionId);
    if (session.status === 'completed' || session.status === 'stopped')
      throw new AppError('CONFLICT', `Session ${sessionId} is ${session.status}`);
    const idea = this.store.ideas(sessionId).find((i) => i.phase !== 'done');
    if (!idea)
      throw new AppError('CONFLICT', 'No idea is under discussion yet; interject after the first draft');
    const turn = this.store.appendTurn(sessionId, {
      ideaId: idea.id,
      round: idea.round,
      kind: 'human',
      content,
      toolCalls: [],
      toolCallId: null,
      toolName: null,
      meta: {},
    });
    this.#publish();
    return turn;
  }

  /** The user's own verdict; it ends the idea's deliberation and overrides the mentor's. Undoable. */
  async decide(ideaId: string, decision: Decision, note = ''): Promise<IdeaRecord> {
    return this.#applyDecision(recordDecision(this.store, ideaId, decision, note));
  }

  /**
   * Reverses the user's latest standing decision on the idea with a further history event. An idea that goes
   * back to deliberation in a session that had ended makes the session paused, so Resume continues it.
   */
  async undoDecision(ideaId: string): Promise<IdeaRecord> {
    const change = undoDecision(this.store, ideaId);
    const session = this.#record(change.idea.sessionId);
    if (change.reopened && session.status === 'completed') this.#setStatus(session.id, 'paused');
    return this.#applyDecision(change);
  }

  /** The one place a decision or its undo reaches the UI and the graph's Idea node (its status mirrors it). */
  async #applyDecision(change: DecisionChange): Promise<IdeaRecord> {
    const { sessionId, id } = change.idea;
    this.#publish();
    await syncOne(sessionId, id, this.#syncDeps());
    return this.store.idea(id);
  }

  /**
   * A new session that continues deliberation from one idea version (same topic and settings unless
   * overridden). `guidance`, if given, is the user's first word to the researcher (a human mentor turn).
   */
  fork(ideaId: string, version: number, overrides: ForkOptions = {}): SessionRecord {
    const { guidance = '', topic, ...options } = overrides;
    const source = this.store.idea(ideaId);
    this.store.version(ideaId, version);
    const base = this.#record(source.sessionId).config;
    // A fork keeps the source's policy unless the form changes it: a session recorded before the weakest-aspect
    // default (no policy stored) ran the fixed cycle, and so does its fork.
    const policy = { mentorPolicy: base.mentorPolicy ?? LEGACY_POLICY };
    const config = this.#config({
      ...base,
      ...policy,
      ...options,
      ...(topic?.trim() ? { topic } : {}),
      ideas: 1,
    });
    const sessionId = randomUUID();
    const origin = { sessionId: source.sessionId, ideaId, version };
    writeFork(this.store, { sessionId, ideaId: randomUUID(), config, origin, guidance });
    this.#publish();
    this.#launch(sessionId);
    return this.#record(sessionId);
  }

  /** What a branch at `request.turn` would start from (its estimate prices the rounds left); nothing written. */
  branchPreview(request: BranchRequest): BranchCut {
    const cut = branchCut(this.store, request);
    return { ...cut, config: this.#config(cut.config) };
  }

  /** A new session branched at a turn of another (branch-session.ts), run from there. */
  branch(request: BranchRequest): SessionRecord {
    const cut = this.branchPreview(request);
    const sessionId = randomUUID();
    writeBranch(this.store, { sessionId, ideaId: randomUUID() }, cut, request.question ?? '');
    this.#publish();
    this.#launch(sessionId);
    return this.#record(sessionId);
  }

  list(): SessionRecord[] {
    return this.store.sessions().map((s) => this.#withLiveness(s));
  }

  /** The whole session as of one moment; `session.seq` is the last change it includes (deltas follow it). */
  get(sessionId: string): SessionDetail {
    return this.store.read(() => {
      const session = this.#record(sessionId);
      const ledger = new UsageLedger({ entries: this.store.ledger(sessionId), ...this.#prices() });
      return {
        session,
        ideas: this.store
          .ideas(sessionId)
          .map((idea) => ({ ...idea, versions: this.store.versions(idea.id) })),
        turns: this.store.turns(sessionId),
        usage: ledger.totals(),
      };
    });
  }

  /** What the session's run recorded, per agent (agent-ledger.ts). */
  agents(sessionId: string): AgentUsage[] {
    return this.store.read(() => {
      this.store.session(sessionId);
      return agentsAfter(this.store.ledger(sessionId), this.store.turns(sessionId), this.#prices().prices);
    });
  }

  /** The session's changes after `afterSeq` (at most `limit`), and the number of its latest change. */
  since(sessionId: string, afterSeq: number, limit = 1_000): { seq: number; changes: SessionChange[] } {
    return this.store.read(() => ({
      seq: this.store.changeSeq(sessionId),
      changes: this.store.changesAfter(sessionId, afterSeq, Math.min(Math.max(1, limit), 5_000)),
    }));
  }

  /** A page of the transcript: turns with seq > afterSeq (the UI's catch-up after a reconnect). */
  turns(sessionId: string, afterSeq = 0, limit = 500): TurnRecord[] {
    this.store.session(sessionId);
    return this.store.turnsAfter(sessionId, afterSeq, Math.min(Math.max(1, limit), 5_000));
  }

  /** Resolves when the session's current run ends (completed, paused, stopped, failed). */
  async whenSettled(sessionId: string): Promise<SessionRecord> {
    await this.#runs.get(sessionId)?.done;
    return this.#record(sessionId);
  }

  /** Aborts every run without changing its status: a later manager sees them as interrupted and can resume. */
  async close(): Promise<void> {
    const runs = [...this.#runs.values()];
    for (const run of runs) {
      run.reason = 'close';
      run.controller.abort();
    }
    await Promise.all(runs.map((r) => r.done));
    this.store.close();
  }

  #prices() {
    const prices = this.#options.llm.ledger?.prices;
    return prices ? { prices } : {};
  }

  #record(sessionId: string): SessionRecord {
    return this.#withLiveness(this.store.session(sessionId));
  }

  #key(sessionId: string): string {
    return runKey(this.store.path, sessionId);
  }

  /** `running` in the file but run by nobody alive is a crash: `interrupted`, and free to resume. */
  #withLiveness(session: SessionRecord): SessionRecord {
    if (session.status !== 'running' || this.#runs.has(session.id)) return session;
    return ownedElsewhere(this.store.owner(session.id), this.#key(session.id), this.#me())
      ? session
      : { ...session, status: 'interrupted' };
  }

  #refuseIfElsewhere(session: SessionRecord): void {
    if (session.status !== 'running' || this.#runs.has(session.id)) return;
    const owner = this.store.owner(session.id);
    const until = owner?.expiresAt ? `; its lease runs until ${new Date(owner.expiresAt).toISOString()}` : '';
    throw new AppError(
      'CONFLICT',
      `Session ${session.id} is running in another process${owner ? ` (pid ${owner.pid} on ${owner.host})` : ''}${until}`,
    );
  }

  #me(): Owner {
    return thisProcess(this.#options.lease?.host);
  }

  #setStatus(sessionId: string, status: SessionRecord['status'], error: SessionRecord['error'] = null): void {
    this.store.setStatus(sessionId, status, error);
    this.#publish();
  }

  #syncDeps() {
    return {
      graph: this.#options.graph,
      store: this.store,
      actor: this.#options.actor ?? 'ideator',
      emit: (e: IdeatorEvent) => this.#emit(e),
      publish: () => this.#publish(),
    };
  }

  #launch(sessionId: string, claimed?: Owner): void {
    const controller = new AbortController();
    // The session's ledger continues from its persisted entries; each new entry is committed as it is recorded.
    const ledger = new UsageLedger({ entries: this.store.ledger(sessionId), ...this.#prices() });
    const parent = this.#options.llm.ledger;
    const unsubscribe = ledger.onEntry((entry) => {
      this.store.appendLedger(sessionId, entry);
      const { seq: _seq, at: _at, ...input } = entry;
      parent?.record(input);
      this.#publish();
    });
    const lease = claimed ?? newLease(this.#options.lease ?? {});
    if (!claimed) this.store.setOwner(sessionId, lease);
    const run: Run = { controller, reason: null, done: Promise.resolve(), lease, stopHeartbeat: () => {} };
    run.stopHeartbeat = startHeartbeat(
      this.store,
      sessionId,
      lease,
      leaseMs(this.#options.lease ?? {}),
      () => {
        run.reason = 'lost';
        controller.abort();
      },
    );
    markLive(this.#key(sessionId));
    run.done = runSession(sessionId, {
      store: this.store,
      graph: this.#options.graph,
      literature: this.#options.literature,
      llm: { ...this.#sessionLlm(sessionId), ledger },
      mentorLlm: { ...(this.#options.mentorLlm ?? this.#options.llm), ledger },
      emit: (e) => this.#emit(e),
      publish: () => this.#publish(),
      signal: controller.signal,
      actor: this.#options.actor ?? 'ideator',
      newId: randomUUID,
      stream: this.#options.stream ?? this.#options.onEvent !== undefined,
    })
      .then(
        () => this.#finish(sessionId, run, null),
        (err: unknown) => this.#finish(sessionId, run, err),
      )
      .finally(unsubscribe);
    this.#runs.set(sessionId, run);
  }

  /** The client with the session's own researcher model when it names one (a protocol setting's model). */
  #sessionLlm(sessionId: string): LlmClient {
    const llm = this.#options.llm;
    const researcher = this.store.session(sessionId).config.researcherModel;
    if (researcher === undefined) return llm;
    return { ...llm, config: { ...llm.config, models: { ...llm.config.models, researcher } } };
  }

  #finish(sessionId: string, run: Run, err: unknown): void {
    this.#runs.delete(sessionId);
    run.stopHeartbeat();
    markDone(this.#key(sessionId));
    // Closed: the lease lapses (or the pid check frees it). Lost: the session is the new owner's now.
    if (run.reason === 'lost')
      this.#options.log?.warn('ideation session taken over by another process', {
        sessionId,
        owner: this.store.owner(sessionId),
      });
    if (run.reason === 'close' || run.reason === 'lost') return;
    this.store.releaseLease(sessionId, run.lease.token ?? '');
    if (run.reason === 'pause') return this.#setStatus(sessionId, 'paused');
    if (run.reason === 'stop') return this.#setStatus(sessionId, 'stopped');
    if (err === null) return this.#setStatus(sessionId, 'completed');
    const at = this.#failurePoint(sessionId);
    // An unexpected fault's message may hold a path or a secret: the session shows only an id the log has.
    const fault = err instanceof AppError ? null : internalError();
    this.#options.log?.error('ideation session failed', {
      sessionId,
      at,
      error: errorFields(err),
      ...(fault ? { errorId: fault.errorId } : {}),
    });
    const { code, message } = fault?.body ?? (err as AppError);
    this.#setStatus(sessionId, 'failed', { code: String(code), message, at });
  }

  /** The step a failed run was on: the first unfinished idea; a mentor call is for the next round. */
  #failurePoint(sessionId: string): FailurePoint {
    const ideas = this.store.ideas(sessionId);
    const idea = ideas.find((i) => i.phase !== 'done');
    if (!idea) return { idea: ideas.length, round: 0, phase: 'starting' };
    const round = idea.phase === 'mentor' ? idea.round + 1 : idea.round;
    return { idea: idea.index, round, phase: idea.phase };
  }
}
