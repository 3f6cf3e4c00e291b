import type {
  IdeatorEstimate,
  IdeatorSessionRecord,
  IdeatorTurn,
} from '../../../src-main/contract/ideator.ts';
import { ApiError, invoke } from '../../lib/api/client.ts';
import { personaOption, speaker } from './ideate-view.ts';
import type { PersonaKind } from './ideate-view.ts';

/**
 * The "branch at this turn" form (issue 16): the turn chosen, what the branch changes (the user's question in
 * the mentor's place, or another mentor persona), and its cost estimate, asked before anything runs. Starting
 * calls `ideator.branch` and hands the new session to `opened`.
 */

export interface BranchTarget {
  sessionId: string;
  turn: number;
  label: string;
}

export class BranchState {
  target = $state<BranchTarget | null>(null);
  mode = $state<'question' | 'persona'>('question');
  question = $state('');
  persona = $state<PersonaKind>('skeptic');
  venue = $state('');
  estimate = $state<IdeatorEstimate | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);
  readonly #opened: (session: IdeatorSessionRecord) => Promise<void>;

  constructor(opened: (session: IdeatorSessionRecord) => Promise<void>) {
    this.#opened = opened;
  }

  /** Ready to start: a question to ask, or a persona (a reviewer needs its venue). */
  get ready(): boolean {
    if (!this.target || this.busy) return false;
    if (this.mode === 'question') return this.question.trim().length > 0;
    return this.persona !== 'reviewer' || this.venue.trim().length > 0;
  }

  choose(sessionId: string, turn: IdeatorTurn): void {
    this.target = { sessionId, turn: turn.seq, label: speaker(turn) };
    this.error = null;
    void this.loadEstimate();
  }

  cancel = (): void => {
    this.target = null;
    this.estimate = null;
    this.error = null;
  };

  #options() {
    return this.mode === 'persona' ? personaOption(this.persona, this.venue) : {};
  }

  /** The branch's worst case: the rounds it has left, priced for the persona asked. */
  async loadEstimate(): Promise<void> {
    const target = this.target;
    if (!target) return;
    if (this.mode === 'persona' && this.persona === 'reviewer' && !this.venue.trim()) return;
    try {
      const estimate = await invoke('ideator.estimate', {
        branchAt: { sessionId: target.sessionId, turn: target.turn },
        ...this.#options(),
      });
      if (this.target === target) this.estimate = estimate;
    } catch (err) {
      this.estimate = null;
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  start = async (): Promise<void> => {
    const target = this.target;
    if (!target || !this.ready) return;
    this.busy = true;
    try {
      const session = await invoke('ideator.branch', {
        sessionId: target.sessionId,
        turn: target.turn,
        ...(this.mode === 'question' ? { question: this.question } : this.#options()),
      });
      this.question = '';
      this.cancel();
      await this.#opened(session);
    } catch (err) {
      this.error = err instanceof ApiError || err instanceof Error ? err.message : String(err);
    } finally {
      this.busy = false;
    }
  };
}
