import { randomUUID } from 'node:crypto';
import { UsageLedger } from '../llm/index.ts';
import type { LlmClient } from '../llm/index.ts';
import { errorFields } from '../shared/error-fields.ts';
import { internalError } from '../shared/internal-error.ts';
import { AppError } from '../shared/errors.ts';
import type { EventFanOut } from './event-fan-out.ts';
import { startHeartbeat } from './lease-heartbeat.ts';
import { ledgerPrices } from './manager-options.ts';
import type { IdeatorOptions } from './manager-options.ts';
import { leaseMs, markDone, markLive, newLease, ownedElsewhere, runKey, thisProcess } from './ownership.ts';
import type { Owner } from './ownership.ts';
import { runSession } from './runner.ts';
import type { SessionStore } from './session-store.ts';
import type { FailurePoint, SessionRecord } from './types.ts';

/**
 * The sessions this process runs: each has one runner, one AbortController and one ownership lease kept alive
 * by a heartbeat. Pausing or stopping aborts the call in flight (it was not committed, so it is asked again on
 * resume); when a run ends, its outcome (paused, stopped, completed, failed and where) becomes the session's status.
 */

/** `lost`: another process took the session over after this one's lease lapsed (a stall, a sleeping laptop). */
type StopReason = 'pause' | 'stop' | 'close' | 'lost';

interface Run {
  controller: AbortController;
  reason: StopReason | null;
  done: Promise<void>;
  lease: Owner;
  stopHeartbeat: () => void;
}

export class SessionRuns {
  readonly #store: SessionStore;
  readonly #options: IdeatorOptions;
  readonly #events: EventFanOut;
  readonly #runs = new Map<string, Run>();

  constructor(store: SessionStore, options: IdeatorOptions, events: EventFanOut) {
    this.#store = store;
    this.#options = options;
    this.#events = events;
  }

  /** True while this process runs the session. */
  has(sessionId: string): boolean {
    return this.#runs.has(sessionId);
  }

  /** The session as stored, with a crashed run shown as `interrupted`. */
  record(sessionId: string): SessionRecord {
    return this.withLiveness(this.#store.session(sessionId));
  }

  /** `running` in the file but run by nobody alive is a crash: `interrupted`, and free to resume. */
  withLiveness(session: SessionRecord): SessionRecord {
    if (session.status !== 'running' || this.#runs.has(session.id)) return session;
    return ownedElsewhere(this.#store.owner(session.id), this.#key(session.id), this.#me())
      ? session
      : { ...session, status: 'interrupted' };
  }

  refuseIfElsewhere(session: SessionRecord): void {
    if (session.status !== 'running' || this.#runs.has(session.id)) return;
    const owner = this.#store.owner(session.id);
    const until = owner?.expiresAt ? `; its lease runs until ${new Date(owner.expiresAt).toISOString()}` : '';
    throw new AppError(
      'CONFLICT',
      `Session ${session.id} is running in another process${owner ? ` (pid ${owner.pid} on ${owner.host})` : ''}${until}`,
    );
  }

  setStatus(sessionId: string, status: SessionRecord['status'], error: SessionRecord['error'] = null): void {
    this.#store.setStatus(sessionId, status, error);
    this.#events.publish();
  }

  /** A fresh ownership lease for this process (see ownership.ts). */
  newLease(): Owner {
    return newLease(this.#options.lease ?? {});
  }

  /** Ends the session's run for `reason` and waits for it; false when this process does not run it. */
  async abort(sessionId: string, reason: 'pause' | 'stop'): Promise<boolean> {
    const run = this.#runs.get(sessionId);
    if (!run) return false;
    run.reason = reason;
    run.controller.abort();
    await run.done;
    return true;
  }

  /** Resolves when the session's current run (if any) ends. */
  async settled(sessionId: string): Promise<void> {
    await this.#runs.get(sessionId)?.done;
  }

  /** Aborts every run without changing its status: a later manager sees them as interrupted and can resume. */
  async closeAll(): Promise<void> {
    const runs = [...this.#runs.values()];
    for (const run of runs) {
      run.reason = 'close';
      run.controller.abort();
    }
    await Promise.all(runs.map((r) => r.done));
  }

  /** Starts running the session in the background under `claimed` (already recorded) or a new lease. */
  launch(sessionId: string, claimed?: Owner): void {
    const controller = new AbortController();
    // The session's ledger continues from its persisted entries; each new entry is committed as it is recorded.
    const ledger = new UsageLedger({
      entries: this.#store.ledger(sessionId),
      ...ledgerPrices(this.#options.llm),
    });
    const parent = this.#options.llm.ledger;
    const unsubscribe = ledger.onEntry((entry) => {
      this.#store.appendLedger(sessionId, entry);
      const { seq: _seq, at: _at, ...input } = entry;
      parent?.record(input);
      this.#events.publish();
    });
    const lease = claimed ?? this.newLease();
    if (!claimed) this.#store.setOwner(sessionId, lease);
    const run: Run = { controller, reason: null, done: Promise.resolve(), lease, stopHeartbeat: () => {} };
    run.stopHeartbeat = startHeartbeat(
      this.#store,
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
      store: this.#store,
      graph: this.#options.graph,
      literature: this.#options.literature,
      llm: { ...this.#sessionLlm(sessionId), ledger },
      mentorLlm: { ...(this.#options.mentorLlm ?? this.#options.llm), ledger },
      emit: (e) => this.#events.emit(e),
      publish: () => this.#events.publish(),
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

  #key(sessionId: string): string {
    return runKey(this.#store.path, sessionId);
  }

  #me(): Owner {
    return thisProcess(this.#options.lease?.host);
  }

  /** The client with the session's own researcher model when it names one (a protocol setting's model). */
  #sessionLlm(sessionId: string): LlmClient {
    const llm = this.#options.llm;
    const researcher = this.#store.session(sessionId).config.researcherModel;
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
        owner: this.#store.owner(sessionId),
      });
    if (run.reason === 'close' || run.reason === 'lost') return;
    this.#store.releaseLease(sessionId, run.lease.token ?? '');
    if (run.reason === 'pause') return this.setStatus(sessionId, 'paused');
    if (run.reason === 'stop') return this.setStatus(sessionId, 'stopped');
    if (err === null) return this.setStatus(sessionId, 'completed');
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
    this.setStatus(sessionId, 'failed', { code: String(code), message, at });
  }

  /** The step a failed run was on: the first unfinished idea; a mentor call is for the next round. */
  #failurePoint(sessionId: string): FailurePoint {
    const ideas = this.#store.ideas(sessionId);
    const idea = ideas.find((i) => i.phase !== 'done');
    if (!idea) return { idea: ideas.length, round: 0, phase: 'starting' };
    const round = idea.phase === 'mentor' ? idea.round + 1 : idea.round;
    return { idea: idea.index, round, phase: idea.phase };
  }
}
