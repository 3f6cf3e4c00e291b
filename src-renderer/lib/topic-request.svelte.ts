import { goTo } from './navigation.svelte.ts';

/** The sample topic the welcome and the empty Ideate page offer: small (one idea, three rounds), so cheap. */
export const SAMPLE_TOPIC = {
  topic: 'Grounding LLM research ideation in a knowledge graph of problems, challenges and solutions',
  ideas: 1,
  maxRounds: 3,
} as const;

export type TopicRequest = { topic: string; ideas: number; maxRounds: number };

/**
 * A topic another section asks Ideate to put in its start form (nothing runs until Start, so the estimate is
 * seen first). Sections never import each other: the request waits here until Ideate takes it.
 */
export const topicRequest = $state<{ pending: TopicRequest | null }>({ pending: null });

export function tryTopic(request: TopicRequest): void {
  topicRequest.pending = { ...request };
  goTo('ideate');
}

/** Ideate's side: the requested topic, once. */
export function takeTopicRequest(): TopicRequest | null {
  const { pending } = topicRequest;
  topicRequest.pending = null;
  return pending;
}
