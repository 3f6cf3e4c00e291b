import type {
  IdeatorEstimate,
  IdeatorEventPayload,
  IdeatorInspirationMethod,
  IdeatorSessionDetail,
  IdeatorSessionRecord,
  IdeatorUsageTotals,
} from '../../../src-main/contract/ideator.ts';
import { ApiError, invoke, onEvent } from '../../lib/api/client.ts';
import { saveTextFile } from '../../lib/save-file.ts';
import { EVENTS_RECONNECTED } from '../../lib/api/transport.ts';
import { getAtlasDb } from '../../lib/db/atlas-db.ts';
import { isChange } from '../../lib/ideator-changes.ts';
import { inspirationMethods } from '../../lib/db/inspirations.ts';
import { formPolicy, inspirationTopic, personaOption, policyOption, VERDICT_ASPECTS } from './ideate-view.ts';
import type { PersonaKind, PolicyOrder, VerdictAspect } from './ideate-view.ts';
import { BranchState } from './branch-state.svelte.ts';
import { OpenSession } from './open-session.svelte.ts';
import { newerRecord, TokenStreams, type StreamingText } from './session-events.ts';
import { UndoOfferState } from './undo-offer.svelte.ts';

/**
 * The Ideate section's state: the start form with its cost estimate, the session list (each record's `seq` says
 * which of two reads is newer), and the open session, kept live by deltas from `ideator.event`
 * (open-session.svelte.ts) with streamed tokens and retry notices beside it.
 */

export interface ShownError {
  code: string;
  message: string;
}

/** The fork the start form is set up for: nothing runs (or is paid for) until the user presses Start. */
export interface PendingFork {
  ideaId: string;
  version: number;
  ideaTitle: string;
  sourceTopic: string;
}

/** A "use as inspiration" selection from Methods; the methods left in it go to the researcher on start. */
export interface PendingInspiration {
  id: number;
  methods: IdeatorInspirationMethod[];
}

function shown(err: unknown): ShownError {
  if (err instanceof ApiError) return { code: err.code, message: err.message };
  return { code: 'ERROR', message: err instanceof Error ? err.message : String(err) };
}

const ESTIMATE_DELAY_MS = 250;

export class IdeateState {
  form = $state({
    topic: '',
    ideas: 3,
    maxRounds: 5,
    noGraph: false,
    noMentor: false,
    guidance: '',
    /** The mentor's persona; the venue is asked for the reviewer only. */
    persona: 'supervisor' as PersonaKind,
    venue: '',
    /** The mentor policy (issue 16): the weakest aspect, verdict after questioning these, or the fixed cycle. */
    policy: 'weakest' as PolicyOrder,
    verdictAfter: [...VERDICT_ASPECTS] as VerdictAspect[],
  });
  forking = $state<PendingFork | null>(null);
  readonly undo = new UndoOfferState();
  /** The "branch at this turn" form; a started branch opens like any session. */
  readonly branch = new BranchState(async (session) => {
    this.#upsert(session);
    await this.select(session.id);
  });
  estimate = $state<IdeatorEstimate | null>(null);
  estimateError = $state<string | null>(null);
  sessions = $state<IdeatorSessionRecord[]>([]);
  selectedId = $state<string | null>(null);
  streaming = $state<StreamingText | null>(null);
  retryNotice = $state<string | null>(null);
  /** The last failed action (start, pause, interject, …), shown until the next action succeeds. */
  error = $state<ShownError | null>(null);
  busy = $state(false);
  inspiration = $state<PendingInspiration | null>(null);
  inspirationApplied = $state(false);

  /** The form as it was before a fork filled it, restored when the fork is cancelled or started. */
  #formBeforeFork: IdeateState['form'] | null = null;
  #estimateTimer: ReturnType<typeof setTimeout> | null = null;
  #formFromSettings = false;
  /** Every session's streaming text, so tokens that beat the session's opening are not lost. */
  readonly #tokens = new TokenStreams();
  readonly #open = new OpenSession({
    changed: (session) => this.#upsert(session),
    failed: (err) => (this.error = shown(err)),
  });

  /** The open session, kept live by deltas (open-session.svelte.ts). */
  get detail(): IdeatorSessionDetail | null {
    return this.#open.detail;
  }

  /** Its running cost. */
  get usage(): IdeatorUsageTotals | null {
    return this.#open.detail?.usage ?? null;
  }

  /** Subscribes to ideator events and loads the list; returns the unsubscribe for the page's onMount. */
  follow(): () => void {
    const off = onEvent('ideator.event', (event) => this.#onEvent(event));
    // Events missed while the window slept (or the event stream reconnected) are caught up on return.
    const onVisible = (): void => {
      if (document.visibilityState !== 'visible') return;
      void this.loadSessions();
      void this.catchUp();
    };
    document.addEventListener('visibilitychange', onVisible);
    const onReconnected = (): void => {
      void this.loadSessions();
      void this.catchUp();
    };
    window.addEventListener(EVENTS_RECONNECTED, onReconnected);
    void this.loadSessions();
    if (this.detail) void this.catchUp();
    else if (this.selectedId) void this.#open.open(this.selectedId);
    return () => {
      off();
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener(EVENTS_RECONNECTED, onReconnected);
      if (this.#estimateTimer) clearTimeout(this.#estimateTimer);
      this.undo.dismiss();
    };
  }

  /** The settings' ideation defaults fill the form once, before the user has touched it. */
  useDefaults(ideasPerTopic: number, maxRounds: number): void {
    if (this.#formFromSettings) return;
    this.#formFromSettings = true;
    this.form.ideas = ideasPerTopic;
    this.form.maxRounds = maxRounds;
  }

  async loadSessions(): Promise<void> {
    try {
      const sessions = await invoke('ideator.list', {});
      // A status change that arrived while the list was on its way is newer than the list's copy.
      this.sessions = sessions.map((read) =>
        newerRecord(
          this.sessions.find((s) => s.id === read.id),
          read,
        ),
      );
    } catch (err) {
      this.error = shown(err);
    }
  }

  /** The user changed the form: the settings' defaults, if they arrive later, no longer replace it. */
  edited(): void {
    this.#formFromSettings = true;
    this.scheduleEstimate();
  }

  /** The estimate follows the form, a little behind the user's typing. */
  scheduleEstimate(): void {
    if (this.#estimateTimer) clearTimeout(this.#estimateTimer);
    this.#estimateTimer = setTimeout(() => void this.loadEstimate(), ESTIMATE_DELAY_MS);
  }

  async loadEstimate(): Promise<void> {
    const { topic, ideas, maxRounds, noGraph, noMentor } = this.form;
    const policy = policyOption(this.form.policy, this.form.verdictAfter);
    try {
      // A fork deliberates one idea, with a mentor.
      this.estimate = await invoke(
        'ideator.estimate',
        this.forking
          ? { topic, ideas: 1, maxRounds, noGraph, noMentor: false, fork: true, ...policy }
          : { topic, ideas, maxRounds, noGraph, noMentor, ...policy },
      );
      this.estimateError = null;
    } catch (err) {
      this.estimate = null;
      this.estimateError = shown(err).message;
    }
  }

  async start(): Promise<void> {
    if (this.forking) return this.#startFork(this.forking);
    const { topic, ideas, maxRounds, noGraph, noMentor } = this.form;
    const pending = this.inspiration;
    const inspiration = pending && pending.methods.length > 0 ? $state.snapshot(pending.methods) : null;
    await this.#act(async () => {
      const session = await invoke('ideator.start', {
        topic,
        ideas,
        maxRounds,
        noGraph,
        noMentor,
        ...personaOption(this.form.persona, this.form.venue),
        ...policyOption(this.form.policy, this.form.verdictAfter),
        ...(inspiration ? { inspiration } : {}),
      });
      // The selection went into this session; the next one starts without it.
      if (pending) await this.#consumeInspiration(pending.id);
      this.#upsert(session);
      await this.select(session.id);
    });
  }

  async select(sessionId: string): Promise<void> {
    if (this.selectedId !== sessionId) {
      this.selectedId = sessionId;
      // Tokens streamed before the session was opened (a start's first ones can beat its reply) are kept.
      this.streaming = this.#tokens.streaming(sessionId);
      this.retryNotice = null;
      await this.#open.open(sessionId);
      return;
    }
    await this.catchUp();
  }

  /** Fetches the open session's changes after the last one shown (a missed event, a reconnect), and applies them. */
  catchUp = (): Promise<void> => this.#open.catchUp();

  pause = (): Promise<void> => this.#sessionAction('ideator.pause');
  resume = (): Promise<void> => this.#sessionAction('ideator.resume');
  stop = (): Promise<void> => this.#sessionAction('ideator.stop');

  async interject(text: string): Promise<boolean> {
    const sessionId = this.selectedId;
    if (!sessionId) return false;
    return this.#act(async () => {
      await invoke('ideator.interject', { sessionId, text });
      await this.catchUp();
    });
  }

  async decide(ideaId: string, decision: 'accept' | 'reject', ideaNumber: number): Promise<void> {
    await this.#act(async () => {
      await invoke('ideator.decide', { ideaId, decision });
      this.undo.show({ ideaId, text: `Idea ${ideaNumber} ${decision}ed.` });
      await this.catchUp();
    });
  }

  /** Reverses the latest decision on the idea; the history keeps both as events. */
  async undoDecision(ideaId: string): Promise<void> {
    await this.#act(async () => {
      await invoke('ideator.undoDecision', { ideaId });
      this.undo.dismiss();
      await this.catchUp();
    });
  }

  /**
   * Sets the start form up to fork this idea version (topic, rounds and ablations of its session, one idea,
   * with a mentor, guidance for the researcher to write): no call is made until the user presses Start.
   */
  prepareFork(ideaId: string, version: number, ideaTitle: string): void {
    const source = this.detail?.session;
    if (!source) return;
    this.#formBeforeFork ??= { ...this.form };
    this.forking = { ideaId, version, ideaTitle, sourceTopic: source.topic };
    this.form.topic = source.topic;
    this.form.maxRounds = source.config.maxRounds;
    this.form.noGraph = source.config.noGraph;
    Object.assign(this.form, formPolicy(source.config.mentorPolicy));
    this.form.guidance = '';
    this.scheduleEstimate();
  }

  cancelFork(): void {
    this.forking = null;
    if (this.#formBeforeFork) this.form = this.#formBeforeFork;
    this.#formBeforeFork = null;
    this.scheduleEstimate();
  }

  async #startFork(fork: PendingFork): Promise<void> {
    const { topic, maxRounds, noGraph, guidance } = this.form;
    await this.#act(async () => {
      // A fork exists to deliberate the version again, so it has a mentor even if the source session had none.
      const session = await invoke('ideator.fork', {
        ideaId: fork.ideaId,
        version: fork.version,
        options: {
          noMentor: false,
          noGraph,
          maxRounds,
          ...personaOption(this.form.persona, this.form.venue),
          ...policyOption(this.form.policy, this.form.verdictAfter),
          ...(topic.trim() ? { topic } : {}),
          ...(guidance.trim() ? { guidance } : {}),
        },
      });
      this.cancelFork();
      this.#upsert(session);
      await this.select(session.id);
    });
  }

  /** The idea's Markdown report, saved through the browser's download (Electron shows a save dialog). */
  async exportIdea(ideaId: string, version: number): Promise<void> {
    await this.#act(async () => {
      const report = await invoke('ideator.exportIdea', { ideaId, version });
      saveTextFile(report.fileName, report.markdown);
    });
  }

  /** The newest "use as inspiration" selection from the Methods section, if one waits. */
  async loadInspiration(): Promise<void> {
    try {
      const db = getAtlasDb();
      const latest = await db.inspirations.orderBy('createdAt').last();
      if (!latest) {
        this.inspiration = null;
        return;
      }
      // The user may have removed chips already: keep the in-memory list for the same selection.
      if (this.inspiration?.id === latest.id) return;
      const methods = latest.methods ?? (await inspirationMethods(db, latest.methodIds));
      this.inspiration = { id: latest.id, methods };
    } catch {
      // IndexedDB unavailable: the form simply has no inspiration to offer.
      this.inspiration = null;
    }
  }

  applyInspiration(): void {
    if (!this.inspiration) return;
    this.form.topic = inspirationTopic(this.inspiration.methods.map((m) => m.name));
    this.inspirationApplied = true;
    this.scheduleEstimate();
  }

  /** Removes one method before starting; removing the last one dismisses the selection. */
  async removeInspirationMethod(index: number): Promise<void> {
    if (!this.inspiration) return;
    const methods = this.inspiration.methods.filter((_, i) => i !== index);
    if (methods.length === 0) return this.dismissInspiration();
    this.inspiration = { ...this.inspiration, methods };
  }

  async dismissInspiration(): Promise<void> {
    if (this.inspiration) await this.#consumeInspiration(this.inspiration.id);
  }

  async #consumeInspiration(id: number): Promise<void> {
    await getAtlasDb().inspirations.delete(id);
    this.inspiration = null;
    this.inspirationApplied = false;
  }

  async #sessionAction(channel: 'ideator.pause' | 'ideator.resume' | 'ideator.stop'): Promise<void> {
    const sessionId = this.selectedId;
    if (!sessionId) return;
    await this.#act(async () => {
      this.#upsert(await invoke(channel, { sessionId }));
      await this.catchUp();
    });
  }

  async #act(work: () => Promise<void>): Promise<boolean> {
    this.busy = true;
    try {
      await work();
      this.error = null;
      return true;
    } catch (err) {
      this.error = shown(err);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Puts a read of a session in the list, unless the list already holds a newer one (a higher `seq`). */
  #upsert(session: IdeatorSessionRecord): void {
    const at = this.sessions.findIndex((s) => s.id === session.id);
    if (at === -1) this.sessions = [{ ...session }, ...this.sessions];
    else this.sessions[at] = { ...newerRecord(this.sessions[at], session) };
  }

  #onEvent(event: IdeatorEventPayload): void {
    this.#tokens.note(event);
    if (event.type === 'status') this.#noteStatus(event);
    if (event.sessionId !== this.selectedId) return;
    if (isChange(event)) this.#open.receive(event);
    switch (event.type) {
      case 'token':
        this.streaming = this.#tokens.streaming(event.sessionId);
        return;
      case 'turn':
        this.streaming = this.#tokens.streaming(event.sessionId);
        this.retryNotice = null;
        return;
      case 'retry':
        this.retryNotice = `Retrying in ${Math.round(event.delayMs / 1000)} s (attempt ${event.attempt}): ${event.message}`;
        return;
      case 'status':
        this.streaming = this.#tokens.streaming(event.sessionId);
        return;
      default:
        return;
    }
  }

  /** The list follows every session's status; a session it does not know yet is read with the list. */
  #noteStatus(event: Extract<IdeatorEventPayload, { type: 'status' }>): void {
    const known = this.sessions.find((s) => s.id === event.sessionId);
    if (!known) return void this.loadSessions();
    if (known.seq >= event.seq) return;
    known.status = event.status;
    known.error = event.error;
    known.seq = event.seq;
  }
}

let shared: IdeateState | null = null;

/** Kept across section switches, so the open session and the form survive them. */
export function sharedIdeateState(): IdeateState {
  shared ??= new IdeateState();
  return shared;
}
