import type { ResponseOf } from '../../../src-main/contract/index.ts';
import { ApiError, invoke } from '../../lib/api/client.ts';
import type { FieldComparison, Resolution, ResolvedFields } from '../../lib/ui/conflict-merge.ts';
import type { EvalTopic } from './evaluate-topics.ts';
import { messageOf } from './leaderboard-state.svelte.ts';
import {
  draftOf,
  RATER_KEY,
  ratingsById,
  ratingConflictFields,
  resolvedDraft,
  scoresOf,
  type Rating,
  type RatingDraft,
} from './rating-draft.ts';

/**
 * The Rate tab: who rates (a name remembered on this machine), this rater's 0–10 ratings of one idea at a time
 * (`ratings.list` / `ratings.set` with the revision the form started from; a stale save opens ConflictDialog),
 * blind pairs (`ratings.nextPair` / `ratings.answerPair`) and the topic's human standings with their agreement
 * with the LLM (`ratings.standings`).
 */

type BlindPair = ResponseOf<'ratings.nextPair'>;
type Standings = ResponseOf<'ratings.standings'>;

export interface RatingConflict {
  fields: FieldComparison[];
  theirs: Rating | null;
}

function rememberedRater(): string {
  try {
    return localStorage.getItem(RATER_KEY) ?? '';
  } catch {
    return '';
  }
}

export class RateState {
  rater = $state(rememberedRater());
  topic = $state.raw<EvalTopic | null>(null);
  /** This rater's stored ratings on the topic, by idea. */
  ratings = $state.raw<ReadonlyMap<string, Rating>>(ratingsById([]));
  ideaId = $state<string | null>(null);
  draft = $state<RatingDraft>(draftOf(null));
  base = $state.raw<RatingDraft>(draftOf(null));
  saving = $state(false);
  saved = $state(false);
  conflict = $state.raw<RatingConflict | null>(null);
  ratingError = $state<string | null>(null);

  pair = $state.raw<BlindPair | null>(null);
  pairBusy = $state(false);
  pairError = $state<string | null>(null);
  answered = $state(0);

  standings = $state.raw<Standings | null>(null);
  onlyMine = $state(false);
  standingsError = $state<string | null>(null);

  get hasRater(): boolean {
    return this.rater.trim() !== '';
  }

  setRater(name: string): void {
    this.rater = name.trim();
    try {
      if (this.rater) localStorage.setItem(RATER_KEY, this.rater);
    } catch {
      // Private mode: the name lasts for this page only.
    }
    void this.open(this.topic);
  }

  /** Opens a topic for the current rater: their ratings, a blind pair, the standings. */
  async open(topic: EvalTopic | null): Promise<void> {
    this.topic = topic;
    this.pair = null;
    this.conflict = null;
    this.ratings = ratingsById([]);
    if (!topic?.ideas.some((i) => i.ideaId === this.ideaId)) this.ideaId = topic?.ideas[0]?.ideaId ?? null;
    this.#edit(null);
    if (!topic) return;
    await Promise.all([this.loadRatings(), this.nextPair(), this.loadStandings()]);
  }

  async loadRatings(): Promise<void> {
    const topic = this.topic;
    if (!topic || !this.hasRater) return;
    try {
      const { ratings } = await invoke('ratings.list', { topic: topic.label, rater: this.rater });
      if (topic !== this.topic) return;
      this.ratings = ratingsById(ratings);
      // A form the rater already typed into keeps their scores: its save meets the stored row as a CONFLICT.
      if (!this.#typedInto()) this.#edit(this.ideaId ? (this.ratings.get(this.ideaId) ?? null) : null);
      this.ratingError = null;
    } catch (err) {
      this.ratingError = messageOf(err);
    }
  }

  selectIdea(ideaId: string): void {
    this.ideaId = ideaId;
    this.conflict = null;
    this.#edit(this.ratings.get(ideaId) ?? null);
  }

  #typedInto(): boolean {
    return JSON.stringify(this.draft) !== JSON.stringify(this.base);
  }

  #edit(rating: Rating | null): void {
    this.base = draftOf(rating);
    this.draft = draftOf(rating);
    this.saved = false;
    this.ratingError = null;
  }

  async save(draft: RatingDraft = this.draft): Promise<void> {
    const ideaId = this.ideaId;
    if (!ideaId || !this.hasRater || this.saving) return;
    this.saving = true;
    this.saved = false;
    try {
      const { rating } = await invoke('ratings.set', {
        ideaId,
        rater: this.rater,
        scores: scoresOf(draft),
        note: draft.note,
        baseRevision: draft.revision,
      });
      this.ratings = ratingsById([...this.ratings.values()], rating);
      this.#edit(rating);
      this.conflict = null;
      this.saved = true;
      void this.loadStandings();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'CONFLICT') {
        const theirs = (err.details as { current?: Rating | null } | undefined)?.current ?? null;
        this.conflict = { fields: ratingConflictFields(this.base, draft, theirs), theirs };
      } else {
        this.ratingError = messageOf(err);
      }
    } finally {
      this.saving = false;
    }
  }

  /** ConflictDialog's choice: theirs is taken as is; yours or a merge is saved on top of the stored revision. */
  async resolve(choice: Resolution, resolved: ResolvedFields): Promise<void> {
    const conflict = this.conflict;
    if (!conflict || !this.ideaId) return;
    if (choice === 'theirs') {
      this.ratings = ratingsById([...this.ratings.values()], conflict.theirs);
      this.#edit(conflict.theirs);
      this.conflict = null;
      return;
    }
    const next = resolvedDraft(resolved, this.draft, conflict.theirs);
    this.base = draftOf(conflict.theirs);
    this.draft = next;
    await this.save(next);
  }

  async nextPair(): Promise<void> {
    const topic = this.topic;
    if (!topic || !this.hasRater || topic.ideas.length < 2) return;
    this.pairBusy = true;
    try {
      const pair = await invoke('ratings.nextPair', { topic: topic.label, rater: this.rater });
      if (topic !== this.topic) return;
      this.pair = pair;
      this.answered = pair.answered;
      this.pairError = null;
    } catch (err) {
      this.pairError = messageOf(err);
    } finally {
      this.pairBusy = false;
    }
  }

  async answer(winner: 'left' | 'right'): Promise<void> {
    const pair = this.pair;
    if (!pair || this.pairBusy) return;
    this.pairBusy = true;
    try {
      const { answered } = await invoke('ratings.answerPair', {
        pairId: pair.pairId,
        rater: this.rater,
        winner,
      });
      this.answered = answered;
      this.pair = null;
    } catch (err) {
      this.pairError = messageOf(err);
    } finally {
      this.pairBusy = false;
    }
    await Promise.all([this.nextPair(), this.loadStandings()]);
  }

  async loadStandings(): Promise<void> {
    const topic = this.topic;
    if (!topic) return;
    try {
      const request =
        this.onlyMine && this.hasRater ? { topic: topic.label, rater: this.rater } : { topic: topic.label };
      const standings = await invoke('ratings.standings', request);
      if (topic !== this.topic) return;
      this.standings = standings;
      this.standingsError = null;
    } catch (err) {
      this.standingsError = messageOf(err);
    }
  }
}
