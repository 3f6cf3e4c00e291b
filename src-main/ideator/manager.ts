import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { UsageLedger } from '../llm/index.ts';
import { AppError } from '../shared/errors.ts';
import { syncOne } from './runner-support.ts';
import { recordDecision, undoDecision } from './decisions.ts';
import type { Decision, DecisionChange } from './decisions.ts';
import { writeFork } from './fork-session.ts';
import { agentsAfter } from './agent-ledger.ts';
import type { AgentUsage } from './agent-ledger.ts';
import { branchCut, writeBranch } from './branch-session.ts';
import type { BranchCut, BranchRequest } from './branch-session.ts';
import { EventFanOut } from './event-fan-out.ts';
import { ledgerPrices } from './manager-options.ts';
import type { ForkOptions, IdeatorOptions, SessionDetail } from './manager-options.ts';
import { buildConfig } from './session-config.ts';
import { LEGACY_POLICY } from './mentor-policy.ts';
import type { StartInput } from './session-config.ts';
import { SessionRuns } from './session-runs.ts';
import { SessionStore } from './session-store.ts';
import type { IdeaRecord, SessionChange, SessionConfig, SessionRecord, TurnRecord } from './types.ts';

export type { ForkOptions, IdeatorLog, IdeatorOptions, SessionDetail } from './manager-options.ts';

/**
 * The ideator's public face: start, pause, resume, stop, interject, decide, fork, branch, list and get
 * sessions. Running them is session-runs.ts's (one runner, AbortController and lease each); every change goes
 * out through event-fan-out.ts for the lead to forward to the UI.
 */
export class IdeatorManager {
  readonly store: SessionStore;
  readonly #options: IdeatorOptions;
  readonly #events: EventFanOut;
  readonly #runs: SessionRuns;

  constructor(options: IdeatorOptions) {
    this.#options = options;
    this.store = new SessionStore(join(options.dataDir, 'ideator.sqlite'));
    this.#events = new EventFanOut(this.store, options.onEvent, options.log);
    this.#runs = new SessionRuns(this.store, options, this.#events);
  }

  #config(input: StartInput): SessionConfig {
    return buildConfig(input, this.#options.defaults);
  }

  /** Creates the session and starts running it in the background; `whenSettled` waits for it. */
  start(input: StartInput): SessionRecord {
    const session = this.store.createSession(randomUUID(), this.#config(input), null);
    this.#events.publish();
    this.#runs.launch(session.id);
    return this.get(session.id).session;
  }

  /** Continues a paused, failed or interrupted (crashed) session from its last committed turn. */
  resume(sessionId: string): SessionRecord {
    if (this.#runs.has(sessionId)) return this.#runs.record(sessionId);
    // Check and claim in one write transaction, so two processes resuming an expired lease cannot both win.
    const lease = this.store.tx(() => {
      const session = this.#runs.record(sessionId);
      if (session.status === 'completed' || session.status === 'stopped') {
        throw new AppError('CONFLICT', `Session ${sessionId} is ${session.status} and cannot be resumed`);
      }
      this.#runs.refuseIfElsewhere(session);
      const claimed = this.#runs.newLease();
      this.store.setStatus(sessionId, 'running');
      this.store.setOwner(sessionId, claimed);
      return claimed;
    });
    this.#events.publish();
    this.#runs.launch(sessionId, lease);
    return this.#runs.record(sessionId);
  }

  async pause(sessionId: string): Promise<SessionRecord> {
    return this.#halt(sessionId, 'pause');
  }

  async stop(sessionId: string): Promise<SessionRecord> {
    return this.#halt(sessionId, 'stop');
  }

  async #halt(sessionId: string, reason: 'pause' | 'stop'): Promise<SessionRecord> {
    if (!(await this.#runs.abort(sessionId, reason))) {
      const session = this.#runs.record(sessionId);
      this.#runs.refuseIfElsewhere(session);
      const status = session.status;
      if (status === 'completed' || status === 'stopped') return session;
      this.#runs.setStatus(sessionId, reason === 'pause' ? 'paused' : 'stopped');
    }
    return this.#runs.record(sessionId);
  }

  /** A human-mentor turn for the idea under discussion; it replaces the mentor's next question. */
  interject(sessionId: string, text: string): TurnRecord {
    const content = text.trim();
    if (!content) throw new AppError('VALIDATION', 'The interjection is empty', { field: 'text' });
    const session = this.#runs.record(sessionId);
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
    this.#events.publish();
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
    const session = this.#runs.record(change.idea.sessionId);
    if (change.reopened && session.status === 'completed') this.#runs.setStatus(session.id, 'paused');
    return this.#applyDecision(change);
  }

  /** The one place a decision or its undo reaches the UI and the graph's Idea node (its status mirrors it). */
  async #applyDecision(change: DecisionChange): Promise<IdeaRecord> {
    const { sessionId, id } = change.idea;
    this.#events.publish();
    await syncOne(sessionId, id, {
      graph: this.#options.graph,
      store: this.store,
      actor: this.#options.actor ?? 'ideator',
      publish: () => this.#events.publish(),
    });
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
    const base = this.#runs.record(source.sessionId).config;
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
    this.#events.publish();
    this.#runs.launch(sessionId);
    return this.#runs.record(sessionId);
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
    this.#events.publish();
    this.#runs.launch(sessionId);
    return this.#runs.record(sessionId);
  }

  list(): SessionRecord[] {
    return this.store.sessions().map((s) => this.#runs.withLiveness(s));
  }

  /** The whole session as of one moment; `session.seq` is the last change it includes (deltas follow it). */
  get(sessionId: string): SessionDetail {
    return this.store.read(() => {
      const session = this.#runs.record(sessionId);
      const ledger = new UsageLedger({
        entries: this.store.ledger(sessionId),
        ...ledgerPrices(this.#options.llm),
      });
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
      const { prices } = ledgerPrices(this.#options.llm);
      return agentsAfter(this.store.ledger(sessionId), this.store.turns(sessionId), prices);
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
    await this.#runs.settled(sessionId);
    return this.#runs.record(sessionId);
  }

  /** Aborts every run without changing its status: a later manager sees them as interrupted and can resume. */
  async close(): Promise<void> {
    await this.#runs.closeAll();
    this.store.close();
  }
}
