import type { EventPayload } from '../../../src-main/contract/index.ts';
import { ApiError, followEvents, invoke } from '../../lib/api/client.ts';
import type { EvalTopic } from './evaluate-topics.ts';
import { eloOf, evaluationMaps, leaderboardRows, NO_VALUES, withReplies } from './leaderboard.ts';
import type { LeaderboardRow, RowScores, TournamentInfo } from './leaderboard.ts';

/**
 * One topic's leaderboard: each idea's stored evaluation read when the topic opens (`ideas.evaluation`: newest
 * direct scores, human ELO from blind pairs) with the newest stored tournament (`judge.tournaments`), "Score ideas"
 * (`judge.score`) and "Run tournament" (`judge.tournament`) with its progress from `judge.event`; after a dropped
 * event stream the run is caught up with `judge.since`. Costs are what each request paid (reused judgments: $0).
 */

type JudgeEvent = EventPayload<'judge.event'>;

export interface TournamentProgress {
  runId: string | null;
  seq: number;
  round: number;
  rounds: number;
  pairsDone: number;
  pairsTotal: number;
}

export function messageOf(err: unknown): string {
  if (err instanceof ApiError) return `${err.code}: ${err.message}`;
  return err instanceof Error ? err.message : String(err);
}

export class LeaderboardState {
  topic = $state.raw<EvalTopic | null>(null);
  scores = $state.raw<ReadonlyMap<string, RowScores>>(NO_VALUES);
  llmElo = $state.raw<ReadonlyMap<string, number>>(NO_VALUES);
  /** The tournament the LLM ELO comes from (the newest stored one, or the one just run). */
  tournament = $state.raw<TournamentInfo | null>(null);
  humanElo = $state.raw<ReadonlyMap<string, number>>(NO_VALUES);
  form = $state({ seed: 1, rounds: 5, k: 32 });
  scoring = $state(false);
  progress = $state<TournamentProgress | null>(null);
  /** What the last score / tournament request paid, and its note on comparability with the paper. */
  lastCost = $state<{ what: string; costUsd: number; reused: number; total: number; detail: string } | null>(
    null,
  );
  comparability = $state<string | null>(null);
  error = $state<string | null>(null);
  #request = 0;

  rows = $derived.by((): LeaderboardRow[] =>
    leaderboardRows(this.topic?.ideas ?? [], this.scores, this.llmElo, this.humanElo),
  );

  get running(): boolean {
    return this.progress !== null;
  }

  /** Opens a topic: what is stored about its ideas is read at once (nothing is paid). */
  async open(topic: EvalTopic | null): Promise<void> {
    const request = ++this.#request;
    this.topic = topic;
    this.scores = NO_VALUES;
    this.llmElo = NO_VALUES;
    this.humanElo = NO_VALUES;
    this.tournament = null;
    this.lastCost = null;
    this.comparability = null;
    this.error = null;
    if (!topic || topic.ideas.length === 0) return;
    try {
      const [evaluation, stored] = await Promise.all([
        invoke('ideas.evaluation', { ideaIds: topic.ideas.map((i) => i.ideaId) }),
        invoke('judge.tournaments', { topic: topic.label }),
      ]);
      if (request !== this.#request) return;
      const maps = evaluationMaps(evaluation.ideas);
      this.scores = maps.scores;
      this.humanElo = maps.humanElo;
      this.comparability = maps.comparability;
      // LLM ELO and its caption come from the same stored tournament: the newest on the topic.
      const newest = stored.tournaments[0] ?? null;
      this.tournament = newest;
      this.llmElo = newest ? eloOf(newest) : maps.llmElo;
    } catch (err) {
      if (request === this.#request) this.error = messageOf(err);
    }
  }

  async score(): Promise<void> {
    const topic = this.topic;
    if (!topic || this.scoring) return;
    this.scoring = true;
    this.error = null;
    try {
      const reply = await invoke('judge.score', { topic: topic.label });
      if (topic !== this.topic) return;
      this.scores = withReplies(this.scores, reply.scores);
      this.comparability = reply.scores[0]?.comparability ?? null;
      this.lastCost = {
        what: 'Scores',
        costUsd: reply.costUsd,
        reused: reply.scores.filter((s) => s.reused).length,
        total: reply.scores.length,
        detail: '',
      };
    } catch (err) {
      if (topic === this.topic) this.error = messageOf(err);
    } finally {
      this.scoring = false;
    }
  }

  async runTournament(): Promise<void> {
    const topic = this.topic;
    if (!topic || this.running) return;
    const { seed, rounds, k } = this.form;
    this.progress = { runId: null, seq: 0, round: 0, rounds, pairsDone: 0, pairsTotal: 0 };
    this.error = null;
    try {
      const result = await invoke('judge.tournament', { topic: topic.label, seed, rounds, k });
      if (topic !== this.topic) return;
      this.llmElo = eloOf(result);
      this.comparability = result.comparability;
      this.lastCost = {
        what: 'Tournament',
        costUsd: result.costUsd,
        reused: result.reusedCalls,
        total: result.newCalls + result.reusedCalls,
        detail: ` ${result.callsPerIdea.toFixed(1)} judge calls per idea.`,
      };
      // The stored record says when it was saved (and that it was).
      const stored = await invoke('judge.tournaments', { topic: topic.label });
      if (topic === this.topic) this.tournament = stored.tournaments.find((t) => t.id === result.id) ?? null;
    } catch (err) {
      if (topic !== this.topic) return;
      this.error =
        err instanceof ApiError && err.code === 'CANCELLED'
          ? 'Tournament cancelled: the pairs judged so far are stored, and a rerun with the same seed reuses them.'
          : messageOf(err);
    } finally {
      this.progress = null;
    }
  }

  /** Stops the running tournament (known by the run id of its first progress event). */
  async cancel(): Promise<void> {
    const runId = this.progress?.runId;
    if (!runId) return;
    try {
      await invoke('judge.cancel', { runId });
    } catch (err) {
      this.error = messageOf(err);
    }
  }

  /** Follows the running tournament's progress; returns the unsubscribe. */
  follow(): () => void {
    return followEvents(
      'judge.event',
      (event) => this.#apply(event),
      () => void this.#catchUp(),
    );
  }

  #apply(event: JudgeEvent): void {
    const progress = this.progress;
    if (!progress || event.topic !== this.topic?.label) return;
    // The first event of our request names its run; events of another run (another window) are not ours.
    if (progress.runId !== null && event.runId !== progress.runId) return;
    if (event.seq <= progress.seq) return;
    this.progress = {
      runId: event.runId,
      seq: event.seq,
      round: event.round,
      rounds: event.rounds,
      pairsDone: event.pairsDone,
      pairsTotal: event.pairsTotal,
    };
  }

  /** Events sent while the stream was down, read back from the run's log. */
  async #catchUp(): Promise<void> {
    const runId = this.progress?.runId;
    if (!runId) return;
    try {
      const { events } = await invoke('judge.since', { runId, seq: this.progress?.seq ?? 0 });
      for (const event of events) this.#apply(event);
    } catch {
      // The run ended (or this process restarted): the request's reply settles the progress.
    }
  }
}
