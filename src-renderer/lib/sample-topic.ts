import { ideateOn } from './session-request.svelte.ts';

/** The sample topic the welcome, the palette and the empty Ideate page offer: small (one idea, four rounds: the mentor questions innovation, feasibility and rationality before its
 * verdict counts, so three rounds would leave it none). */
export const SAMPLE_TOPIC = {
  topic: 'Grounding LLM research ideation in a knowledge graph of problems, challenges and solutions',
  size: { ideas: 1, maxRounds: 4 },
} as const;

/** Ideate's start form filled with the sample, its estimate shown; nothing runs until Start. */
export function trySampleTopic(): void {
  ideateOn({
    topic: SAMPLE_TOPIC.topic,
    note: 'The sample topic: a small first session to see how it works.',
    size: { ...SAMPLE_TOPIC.size },
  });
}
