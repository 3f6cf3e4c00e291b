import { invoke } from '../../lib/api/client.ts';
import { evalTopics } from './evaluate-topics.ts';
import type { EvalTopic } from './evaluate-topics.ts';
import { messageOf } from './leaderboard-state.svelte.ts';

/** The Evaluate area's shared state: the open tab and the topics (from the ideator's sessions) with their ideas. */

export const EVALUATE_TABS = [
  { id: 'leaderboard', label: 'Leaderboard' },
  { id: 'rate', label: 'Rate' },
  { id: 'protocol', label: 'Protocol' },
] as const;
export type EvaluateTab = (typeof EVALUATE_TABS)[number]['id'];

export class EvaluateState {
  tab = $state<EvaluateTab>('leaderboard');
  status = $state<'loading' | 'ready' | 'error'>('loading');
  error = $state<string | null>(null);
  topics = $state.raw<EvalTopic[]>([]);
  topicKey = $state<string | null>(null);

  topic = $derived(this.topics.find((t) => t.key === this.topicKey) ?? null);

  /** Reads the topics; a reload (new sessions since) keeps showing the current ones until it is done. */
  async load(): Promise<void> {
    if (this.status !== 'ready') this.status = 'loading';
    try {
      const sessions = await invoke('ideator.list', {});
      const details = await Promise.all(sessions.map((s) => invoke('ideator.get', { sessionId: s.id })));
      this.topics = evalTopics(details);
      if (!this.topics.some((t) => t.key === this.topicKey)) this.topicKey = this.topics[0]?.key ?? null;
      this.status = 'ready';
      this.error = null;
    } catch (err) {
      this.status = 'error';
      this.error = messageOf(err);
    }
  }
}
